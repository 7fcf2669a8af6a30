"""Pipes and interrupts: a reader that goes away (head), and Ctrl-C."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

# -- piping into head, Ctrl-C ----------------------------------------------------------------------


PY = [sys.executable, "-m", "inspectcal"]


def test_piping_into_head_ends_quietly(tmp_path: Path) -> None:
    dates = tmp_path / "dates.txt"
    dates.write_text("2010-02-22\n" * 20_000, "utf-8")
    done = subprocess.run(
        f'"{sys.executable}" -m inspectcal plan -n - --format jsonl < "{dates}" | head -n 1',
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert json.loads(done.stdout)["notified"] == "2010-02-22"
    assert done.stderr == ""


def test_ctrl_c_exits_130_without_a_traceback() -> None:
    process = subprocess.Popen(
        [*PY, "plan", "-n", "-", "--format", "jsonl"],
        # The child starts with Ctrl-C's default action whatever this process has (a CI runner or
        # `nohup` may ignore SIGINT, and an ignored signal stays ignored in the child).
        preexec_fn=_default_ctrl_c,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdin.write("2010-02-22\n")
    process.stdin.flush()
    # Python block-buffers a pipe: wait for the process to be reading stdin rather than for output.
    first = _wait_until_reading(process)
    assert first
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=20)
    assert process.returncode == 130
    assert "Traceback" not in err


def _default_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_until_reading(process: subprocess.Popen[str]) -> bool:
    """True once the process sleeps in a read of its stdin pipe (Linux /proc), within 20 seconds."""
    import time

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            wchan = Path(f"/proc/{process.pid}/wchan").read_text()
        except OSError:
            return False
        if "pipe_read" in wchan:
            return True
        time.sleep(0.05)
    return False


# -- the reader of a pipe goes away ----------------------------------------------------------------


def _exit_into_head(command: str, stdin: str = "") -> tuple[int, str]:
    """inspectcal's own exit status (not head's) and its stderr, piped into `head -c 1`."""
    import subprocess
    import sys

    done = subprocess.run(
        [
            "bash",
            "-c",
            f'"{sys.executable}" -m inspectcal {command} | head -c 1 >/dev/null; echo "${{PIPESTATUS[0]}}"',
        ],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    return int(done.stdout), done.stderr


MANY_DATES = "2010-02-22\n" * 20_000


@pytest.mark.slow
@pytest.mark.parametrize(
    ("command", "stdin"),
    [
        ("plan --notified - --format jsonl", MANY_DATES),
        ("plan --notified - --format csv", MANY_DATES),
        ("date 5 11 --notified -", MANY_DATES),
        ("day 2010-03-08 --notified -", MANY_DATES),
        ("window --from 2000-01-04 --to 2018-12-31 --format csv", ""),  # one write of 440 KB
        ("window --from 2000-01-04 --to 2018-12-31 --format json", ""),
    ],
)
def test_every_command_exits_0_quietly_when_the_reader_goes_away(command: str, stdin: str) -> None:
    assert _exit_into_head(command, stdin) == (0, "")


def test_a_batch_that_reported_a_bad_line_still_exits_2_when_the_reader_goes_away() -> None:
    status, err = _exit_into_head("date 5 --notified -", "soon\n" + MANY_DATES)
    assert status == 2
    assert err == (
        "Error: stdin, line 1: cannot read 'soon' as a date: use YYYY-MM-DD, DD/MM/YYYY or e.g. "
        "'22 Feb 2010'\n"
        "Error: 1 bad line on stdin (see above); the reader of the output left before the rest "
        "were done\n"
    )
