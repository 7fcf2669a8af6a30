"""Colour as a user sees it: on a real pseudo-terminal, piped, with NO_COLOR and FORCE_COLOR."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import needs_pty

pytestmark = pytest.mark.slow

PY = [sys.executable, "-m", "inspectcal"]
PLAN = ["plan", "-n", "2010-02-22"]
CYAN = "\x1b[36m"  # the table's colour for Ofsted's milestones
ON_BLUE = "44m"  # the month grid's background for Ofsted's one-day milestones


def environment(**settings: str) -> dict[str, str]:
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100")
    for key in ("NO_COLOR", "FORCE_COLOR"):
        env.pop(key, None)
    env.update(settings)
    return env


def on_terminal(args: list[str], **settings: str) -> str:
    """What the command writes to stdout when stdout is a pseudo-terminal (stderr is piped)."""
    import pty  # POSIX-only: imported here so that the module is collected on Windows

    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [*PY, *args], stdout=follower, stderr=subprocess.PIPE, env=environment(**settings)
        )
        os.close(follower)
        chunks = []
        while True:
            ready, _, _ = select.select([leader], [], [], 30)
            if not ready:
                process.kill()
                raise AssertionError("no output within 30 seconds")
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the other end has closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=30) == 0, process.stderr.read() if process.stderr else ""
        if process.stderr:
            process.stderr.close()
    finally:
        os.close(leader)
    return b"".join(chunks).decode("utf-8")


def piped(args: list[str], **settings: str) -> str:
    done = subprocess.run(
        [*PY, *args], capture_output=True, text=True, env=environment(**settings), check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@needs_pty
def test_plan_is_coloured_by_who_acts_on_a_terminal() -> None:
    text = on_terminal(PLAN)
    assert CYAN in text
    assert "Mon 8 Mar - Fri 19 Mar 2010" in text


@needs_pty
def test_calendar_is_coloured_on_a_terminal() -> None:
    text = on_terminal(["calendar", "-n", "2010-02-22"])
    assert ON_BLUE in text


def test_no_colour_when_piped() -> None:
    for args in (PLAN, ["calendar", "-n", "2010-02-22"], ["holidays", "--year", "2010"]):
        text = piped(args)
        assert "\x1b[" not in text, args
        assert text.strip()


@needs_pty
@pytest.mark.parametrize("args", [PLAN, ["calendar", "-n", "2010-02-22"]])
def test_no_colour_on_a_terminal_with_no_color(args: list[str]) -> None:
    text = on_terminal(args, NO_COLOR="1")
    assert "\x1b[" not in text
    assert "22 Feb" in text


@needs_pty
def test_an_empty_no_color_does_not_count() -> None:
    assert CYAN in on_terminal(PLAN, NO_COLOR="")


@needs_pty
def test_no_colour_on_a_dumb_terminal() -> None:
    assert "\x1b[" not in on_terminal(PLAN, TERM="dumb")


def test_force_color_colours_a_pipe() -> None:
    assert CYAN in piped(PLAN, FORCE_COLOR="1")
    assert ON_BLUE in piped(["calendar", "-n", "2010-02-22"], FORCE_COLOR="1", TERM="dumb")


def test_no_color_wins_over_force_color() -> None:
    assert "\x1b[" not in piped(PLAN, FORCE_COLOR="1", NO_COLOR="1")


@needs_pty
def test_a_file_written_from_a_terminal_has_no_colour(tmp_path: Path) -> None:
    target = tmp_path / "plan.txt"
    assert on_terminal([*PLAN, "-o", str(target)]) == ""
    text = target.read_text("utf-8")
    assert "\x1b[" not in text
    assert "Mon 8 Mar - Fri 19 Mar 2010" in text
