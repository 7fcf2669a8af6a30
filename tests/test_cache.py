"""The cache: only regular files of the expected size are read, writes are atomic, clear empties it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from inspectcal import cache, calendars
from inspectcal.calendars import REGIONS, CalendarSource, working_calendar

from .conftest import fails, run_cli

PY = [sys.executable, "-m", "inspectcal"]
ENGLAND = "bank-holidays-england-and-wales.json"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("INSPECTCAL_CACHE_DIR", str(tmp_path))
    return tmp_path


def run_in(folder: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "INSPECTCAL_CACHE_DIR": str(folder)}
    return subprocess.run([*PY, *args], capture_output=True, text=True, env=env, timeout=timeout, check=False)


def test_read_cache_refuses_what_is_not_a_regular_file_of_bounded_size(folder: Path) -> None:
    good = folder / "good.json"
    good.write_bytes(b"x" * 10)
    assert cache.read_cache(good) == b"x" * 10
    link = folder / "link.json"
    link.symlink_to("/dev/zero")
    assert cache.read_cache(link) is None
    linked_file = folder / "linked.json"
    linked_file.symlink_to(good)
    assert cache.read_cache(linked_file) is None  # not even to a regular file
    fifo = folder / "fifo.json"
    os.mkfifo(fifo)
    assert cache.read_cache(fifo) is None  # returns at once: opened without blocking
    assert cache.read_cache(good, limit=9) is None
    assert cache.read_cache(folder / "missing.json") is None
    assert cache.read_cache(folder) is None


@pytest.mark.parametrize("kind", ["symlink to /dev/zero", "fifo", "huge", "garbage", "wrong types"])
def test_a_hostile_entry_costs_only_time(tmp_path: Path, kind: str) -> None:
    first = run_in(tmp_path, "date", "40", "-n", "2010-02-22")
    assert (first.returncode, first.stdout) == (0, "2010-04-20\n")
    entry = tmp_path / ENGLAND
    assert entry.is_file()
    entry.unlink()
    if kind == "symlink to /dev/zero":
        entry.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(entry)
    elif kind == "huge":
        with entry.open("wb") as handle:
            handle.truncate(cache.MAX_ENTRY_BYTES + 1)
    elif kind == "garbage":
        entry.write_bytes(b"12 34 56\n" + os.urandom(1000))
    else:
        entry.write_text('{"key": [], "days": []}', "utf-8")
    again = run_in(tmp_path, "date", "40", "-n", "2010-02-22", timeout=30)  # a FIFO read would hang
    assert (again.returncode, again.stdout, again.stderr) == (0, "2010-04-20\n", "")


def test_bank_holidays_are_one_file_per_region_replaced_when_the_key_changes(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    england = REGIONS["england-and-wales"]
    computed = calendars.bank_holidays(england)
    assert [p.name for p in folder.iterdir()] == [ENGLAND]
    origin, folder_time, init_time, size = calendars.installed_holidays()
    monkeypatch.setattr(calendars, "installed_holidays", lambda: (origin, folder_time + 1, init_time, size))
    assert calendars.bank_holidays(england) == computed
    working_calendar(CalendarSource(region=REGIONS["scotland"]))
    assert sorted(p.name for p in folder.iterdir()) == [ENGLAND, "bank-holidays-scotland.json"]


def test_a_failed_write_leaves_nothing(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(_: int, __: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    cache.write_cache(folder / "x.json", b"payload")
    assert list(folder.iterdir()) == []


def test_a_write_replaces_a_link_and_leaves_its_target(
    folder: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    target = tmp_path_factory.mktemp("elsewhere") / "precious.txt"
    target.write_text("keep me", "utf-8")
    (folder / "x.json").symlink_to(target)
    cache.write_cache(folder / "x.json", b"payload")
    assert (folder / "x.json").read_bytes() == b"payload"
    assert not (folder / "x.json").is_symlink()
    assert target.read_text("utf-8") == "keep me"


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


def test_cache_command_shows_and_clears_everything(folder: Path) -> None:
    working_calendar(CalendarSource())
    (folder / "bank-holidays-fetched.json").write_bytes(b"0123456789")  # as another command stores
    shown = run_cli(["cache", "--format", "csv"])
    assert shown.exit_code == 0
    header, row = shown.stdout.splitlines()
    assert header == "folder,entries,bytes"
    where, count, size = row.rsplit(",", 2)
    assert where == str(folder)
    assert int(count) == 2
    assert int(size) == (folder / ENGLAND).stat().st_size + 10
    table = run_cli(["cache"]).stdout
    assert table.startswith(f"Cache folder: {folder}\nEntries: 2 (")
    assert "\n  bank-holidays-england-and-wales.json (" in table
    assert "\n  bank-holidays-fetched.json (0.0 KB)\n" in table
    cleared = run_cli(["cache", "clear"])
    assert cleared.exit_code == 0
    assert cleared.stdout.startswith("Removed 2 files (")
    assert list(folder.iterdir()) == []
    again = run_cli(["cache", "clear"])
    assert again.stdout == f"Removed 0 files (0.0 KB) from {folder}\n"


def test_cache_clear_empties_the_folder_after_an_html_page(tmp_path: Path) -> None:
    args = ("plan", "--notified", "2010-02-22", "--format", "html", "--framework", "ilacs-standard")
    page = run_in(tmp_path, *args)
    assert page.returncode == 0, page.stderr
    assert "<html" in page.stdout
    # The bank holidays and the compiled templates (one file each): no copies of framework files.
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names[0] == ENGLAND
    assert len(names) > 1
    assert all(name.startswith("templates-") and name.endswith(".bin") for name in names[1:])
    # A damaged compiled template is compiled again, and the cache does not grow.
    (tmp_path / names[1]).write_bytes(b"damaged")
    again = run_in(tmp_path, *args)
    assert (again.returncode, again.stdout) == (0, page.stdout)
    assert sorted(p.name for p in tmp_path.iterdir()) == names
    assert (tmp_path / names[1]).read_bytes() != b"damaged"
    (tmp_path / "templates-0.1").mkdir()  # what an older release left: cleared too
    (tmp_path / "templates-0.1" / "__jinja2_x.cache").write_bytes(b"x")
    cleared = run_in(tmp_path, "cache", "clear")
    assert (cleared.returncode, cleared.stderr) == (0, "")
    assert cleared.stdout.startswith(f"Removed {len(names) + 1} files (")
    assert list(tmp_path.iterdir()) == []


def test_cache_clear_removes_links_and_never_follows_them(
    folder: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    precious = elsewhere / "precious.txt"
    precious.write_text("keep me", "utf-8")
    (elsewhere / "inner").mkdir()
    (elsewhere / "inner" / "also.txt").write_text("keep me too", "utf-8")
    # Links planted under the names the cache writes: removed as links, never followed.
    (folder / "bank-holidays-england-and-wales.json").symlink_to(precious)
    (folder / "templates-to-a-folder").symlink_to(elsewhere)
    (folder / "templates-0.1").mkdir()
    (folder / "templates-0.1" / "deeper-link").symlink_to(elsewhere / "inner")
    (folder / "bank-holidays-dangling.json").symlink_to(elsewhere / "gone")
    result = run_cli(["cache", "clear"])
    assert result.exit_code == 0
    assert result.stdout == f"Removed 4 files (0.0 KB) from {folder}\n"
    assert list(folder.iterdir()) == []
    assert precious.read_text("utf-8") == "keep me"
    assert (elsewhere / "inner" / "also.txt").read_text("utf-8") == "keep me too"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["inner", "precious.txt"]


def test_cache_clear_leaves_what_inspectcal_did_not_write(folder: Path) -> None:
    """INSPECTCAL_CACHE_DIR set by mistake to a folder of one's own: nothing of the user's goes."""
    working_calendar(CalendarSource())
    (folder / "notes.txt").write_bytes(b"mine")
    (folder / "Projects").mkdir()
    (folder / "Projects" / "plan.docx").write_bytes(b"mine too")
    (folder / "my-link").symlink_to(folder / "notes.txt")
    result = run_cli(["cache", "clear"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        f"Removed 1 file ({result.stdout.split('(')[1].split(')')[0]}) from {folder}",
        "Left 3 that inspectcal did not write: Projects, my-link, notes.txt",
    ]
    assert sorted(p.name for p in folder.iterdir()) == ["Projects", "my-link", "notes.txt"]
    assert (folder / "Projects" / "plan.docx").read_bytes() == b"mine too"


def test_the_listing_counts_no_file_through_a_link(
    folder: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    big = tmp_path_factory.mktemp("elsewhere") / "big.bin"
    big.write_bytes(b"x" * 500_000)
    (folder / "link").symlink_to(big)
    (folder / "sub").mkdir()
    (folder / "sub" / "a.json").write_bytes(b"x" * 1000)
    (folder / "sub" / "link").symlink_to(big.parent)
    found = {entry.path.name: entry.size for entry in cache.entries(folder)}
    assert found == {"link": 0, "sub": 1000}


def test_the_listing_quotes_a_name_with_control_characters(folder: Path) -> None:
    (folder / "odd\x1b[31mname").write_bytes(b"x")
    table = run_cli(["cache"]).stdout
    assert "\x1b" not in table
    assert "  'odd\\x1b[31mname' (0.0 KB)\n" in table


# -- a cache location that is a file ---------------------------------------------------------------


@pytest.mark.parametrize("args", [["cache", "clear"], ["cache"]])
def test_a_cache_location_that_is_a_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    not_a_folder = tmp_path / "passwd"
    not_a_folder.write_text("root:x:0:0\n")
    monkeypatch.setenv("INSPECTCAL_CACHE_DIR", str(not_a_folder))
    assert fails(2, *args) == (
        f"the cache folder {not_a_folder} is not a folder: set INSPECTCAL_CACHE_DIR to a folder"
    )
    assert not_a_folder.read_text() == "root:x:0:0\n"
