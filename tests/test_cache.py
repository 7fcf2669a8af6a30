"""The cache: only regular files of the expected size are read, writes are atomic, size is bounded."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from inspectcal import cache
from inspectcal.calendars import CalendarSource, working_calendar
from inspectcal.dates import DateSpan

from .conftest import run_cli

PY = [sys.executable, "-m", "inspectcal"]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("INSPECTCAL_CACHE_DIR", str(tmp_path))
    return tmp_path


def plan_in(folder: Path, *extra: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "INSPECTCAL_CACHE_DIR": str(folder)}
    return subprocess.run(
        [*PY, "date", "40", "-n", "2010-02-22", *extra],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


def test_read_cache_refuses_what_is_not_a_regular_file_of_bounded_size(folder: Path) -> None:
    good = folder / "calendar-good.bin"
    good.write_bytes(b"x" * 10)
    assert cache.read_cache(good) == b"x" * 10
    link = folder / "calendar-link.bin"
    link.symlink_to("/dev/zero")
    assert cache.read_cache(link) is None
    fifo = folder / "calendar-fifo.bin"
    os.mkfifo(fifo)
    assert cache.read_cache(fifo) is None  # returns at once: opened without blocking
    assert cache.read_cache(good, limit=9) is None
    assert cache.read_cache(folder / "calendar-missing.bin") is None
    assert cache.read_cache(folder) is None


@pytest.mark.parametrize("kind", ["symlink to /dev/zero", "fifo", "huge", "garbage"])
def test_a_hostile_entry_costs_only_time(tmp_path: Path, kind: str) -> None:
    first = plan_in(tmp_path)
    assert (first.returncode, first.stdout) == (0, "2010-04-20\n")
    for entry in [p for p in tmp_path.iterdir() if p.name.startswith("calendar-")]:
        entry.unlink()
        if kind == "symlink to /dev/zero":
            entry.symlink_to("/dev/zero")
        elif kind == "fifo":
            os.mkfifo(entry)
        elif kind == "huge":
            with entry.open("wb") as handle:
                handle.truncate(cache.MAX_ENTRY_BYTES + 1)
        else:
            entry.write_bytes(b"12 34 56\n" + os.urandom(1000))
    again = plan_in(tmp_path, timeout=30)  # a FIFO read would hang for ever
    assert (again.returncode, again.stdout, again.stderr) == (0, "2010-04-20\n", "")


def test_the_cache_stays_bounded(folder: Path) -> None:
    for offset in range(60):
        closed = date(2010, 3, 1 + offset % 28), date(2011 + offset // 28, 1, 4)
        working_calendar(CalendarSource(closures=tuple(DateSpan(d, d) for d in closed)))
    found = cache.entries(folder)
    assert len(found) <= cache.MAX_ENTRIES
    assert sum(e.size for e in found) <= cache.MAX_BYTES
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_least_recently_used_go_first(folder: Path) -> None:
    for name in ("calendar-a", "calendar-b", "calendar-c"):
        (folder / name).write_bytes(b"x")
    old = time.time() - 1000
    for number, name in enumerate(("calendar-a", "calendar-b", "calendar-c")):
        os.utime(folder / name, (old + number, old + number))
    assert cache.read_cache(folder / "calendar-a") == b"x"  # a hit makes "a" the most recent
    cache.prune(folder, max_entries=2)
    assert sorted(p.name for p in folder.iterdir()) == ["calendar-a", "calendar-c"]


def test_a_failed_write_leaves_nothing(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(_: int, __: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    cache.write_cache(folder / "calendar-x.bin", b"payload")
    assert list(folder.iterdir()) == []


def test_stale_temporaries_are_cleaned_and_others_files_kept(folder: Path) -> None:
    stale = folder / ".calendar-x.bin.1.2.tmp"
    stale.write_bytes(b"x")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    fresh = folder / ".calendar-y.bin.1.3.tmp"  # perhaps another run's, still being written
    fresh.write_bytes(b"x")
    mine = folder / "notes.txt"  # not the cache's: never touched
    mine.write_bytes(b"x")
    cache.write_cache(folder / "calendar-z.bin", b"z")
    assert sorted(p.name for p in folder.iterdir()) == [
        ".calendar-y.bin.1.3.tmp",
        "calendar-z.bin",
        "notes.txt",
    ]


@pytest.mark.parametrize("xdg", [None, "", "  ", "/tmp/xdg-cache"])
def test_the_default_folder_is_platformdirs(monkeypatch: pytest.MonkeyPatch, xdg: str | None) -> None:
    import platformdirs

    monkeypatch.delenv("INSPECTCAL_CACHE_DIR", raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert cache.cache_dir() == Path(platformdirs.user_cache_dir("inspectcal", appauthor=False))
    monkeypatch.setenv("INSPECTCAL_CACHE_DIR", "/somewhere/else")
    assert cache.cache_dir() == Path("/somewhere/else")


def test_cache_command_shows_and_clears(folder: Path) -> None:
    working_calendar(CalendarSource())
    (folder / "notes.txt").write_bytes(b"mine")
    shown = run_cli(["cache", "--format", "csv"])
    assert shown.exit_code == 0
    header, row = shown.stdout.splitlines()
    assert header == "folder,entries,bytes"
    where, count, size = row.rsplit(",", 2)
    assert where == str(folder)
    assert int(count) == len(cache.entries(folder)) >= 1
    assert int(size) == sum(e.size for e in cache.entries(folder))
    table = run_cli(["cache"]).stdout
    assert table.startswith(f"Cache folder: {folder}\nEntries: {count} (")
    cleared = run_cli(["cache", "clear"])
    assert cleared.exit_code == 0
    assert cleared.stdout.startswith(f"Removed {count} file")
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
