"""A Windows console, simulated on Linux, for every command that prints data.

On Windows, Python's stdout is a text layer in the console's code page (cp1252 in England)
that turns each "\\n" into "\\r\\n", and there is no SIGPIPE. The harness below gives the
CLI exactly that stdout. What a command prints must still be the UTF-8 bytes, line endings
and all, that ``-o FILE`` writes: box-drawing characters and "£" are not in cp1252, and a
CSV or an .ics file must not gain or lose a "\\r".
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

pytestmark = pytest.mark.slow

HARNESS = """
import io, signal, sys
if hasattr(signal, "SIGPIPE"):
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # as on Windows: a closed pipe is an error
sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="cp1252", errors="strict", newline="\\r\\n")
sys.argv = ["inspectcal", *sys.argv[1:]]
from inspectcal.cli import run
run()
"""

COMMANDS = [
    ("plan", "--notified", "2010-02-22", "--name", "Nottinghamshire"),
    ("plan", "--notified", "2010-02-22", "--format", "json"),
    ("plan", "--notified", "2010-02-22", "--format", "csv"),
    ("plan", "--notified", "2010-02-22", "--format", "markdown"),
    ("plan", "--notified", "2010-02-22", "--format", "ics", "--name", "Nottinghamshire"),
    ("date", "11", "40", "--notified", "2010-02-22"),
    ("date", "11", "40", "--notified", "2010-02-22", "--format", "csv"),
    ("day", "2010-03-08", "--notified", "2010-02-22", "--format", "json"),
    ("add", "2010-02-22", "39"),
    ("between", "2010-02-22", "2010-04-20", "--format", "csv"),
    ("holidays", "--year", "2012"),
    ("holidays", "--year", "2012", "--format", "csv"),
    ("window", "--from", "2010-12-13", "--to", "2011-01-07", "--avoid", "2010-12-20..2010-12-24"),
    ("window", "--from", "2010-12-13", "--to", "2010-12-17", "--avoid", "2010-12-20", "--format", "csv"),
    ("window", "--from", "2010-12-13", "--to", "2010-12-17", "--avoid", "2010-12-20", "--format", "markdown"),
    ("calendar", "--notified", "2010-02-22"),
    ("check", "examples/nottinghamshire-2010.csv", "--notified", "2010-02-22"),
    ("check", "examples/nottinghamshire-2010.csv", "--notified", "2010-02-22", "--format", "csv"),
    ("status", "--notified", "2010-02-22", "--on", "2010-03-09"),
    ("frameworks",),
    ("frameworks", "show", "slac-2009", "--format", "json"),
]


def environment(tmp_path: Path) -> dict[str, str]:
    return dict(
        os.environ,
        PYTHONIOENCODING="cp1252",
        INSPECTCAL_CACHE_DIR=str(tmp_path / "cache"),
        SOURCE_DATE_EPOCH="1266796800",
    )


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:1] + a[-2:]))
def test_windows_console_stdout_is_the_file_byte_for_byte(args: tuple[str, ...], tmp_path: Path) -> None:
    env = environment(tmp_path)
    shown = subprocess.run(
        [sys.executable, "-c", HARNESS, *args], capture_output=True, env=env, cwd=REPO, check=False
    )
    target = tmp_path / "out"
    written = subprocess.run(
        [sys.executable, "-c", HARNESS, *args, "-o", str(target)],
        capture_output=True,
        env=env,
        cwd=REPO,
        check=False,
    )
    assert shown.returncode == written.returncode, shown.stderr
    assert shown.returncode in (0, 1)  # check exits 1: the example timetable has wrong rows
    assert b"Traceback" not in shown.stderr
    assert written.stdout == b""
    assert shown.stdout == target.read_bytes()
    text = shown.stdout.decode("utf-8")  # UTF-8, whatever the console's code page
    if "ics" not in args:
        assert "\r" not in text  # no newline translation
    else:
        assert text.count("\r\n") == text.count("\n")  # RFC 5545 line endings, exactly once each


def test_the_windows_harness_really_is_cp1252_with_crlf(tmp_path: Path) -> None:
    """The simulation can fail: text written through it is cp1252 with CRLF endings."""
    probe = HARNESS.replace("from inspectcal.cli import run\nrun()", 'print("a\\u00a3b")')
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, env=environment(tmp_path), check=True
    )
    assert done.stdout == b"a\xa3b\r\n"
    box = HARNESS.replace("from inspectcal.cli import run\nrun()", 'print("\\u2503")')
    failed = subprocess.run(
        [sys.executable, "-c", box], capture_output=True, env=environment(tmp_path), check=False
    )
    assert failed.returncode != 0
    assert b"UnicodeEncodeError" in failed.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("window", "--from", "2010-01-04", "--to", "2011-12-30"),
        ("plan", "--notified", "-", "--format", "jsonl"),
    ],
)
def test_a_reader_that_goes_away_ends_the_run_quietly(args: tuple[str, ...], tmp_path: Path) -> None:
    """No SIGPIPE (as on Windows): the closed pipe is an error the CLI ends on without a traceback."""
    source = tmp_path / "dates.txt"
    source.write_text("".join(f"2010-02-{day:02d}\n" for day in (22, 23, 24, 25, 26)) * 2000, "utf-8")
    with (
        source.open("rb") as stdin,
        subprocess.Popen(
            [sys.executable, "-c", HARNESS, *args],
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=environment(tmp_path),
            cwd=REPO,
        ) as process,
    ):
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.read(200)
        process.stdout.close()  # the reader goes, like `| head -c 200`
        err = process.stderr.read()
        code = process.wait(timeout=120)
    assert b"Traceback" not in err
    assert err == b""
    assert code in (0, 1)
