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


def on_terminal(args: list[str], code: int = 0, **settings: str) -> str:
    """What the command writes to stdout when stdout is a pseudo-terminal (stderr is piped)."""
    pty = pytest.importorskip("pty", reason="cannot apply here: no pseudo-terminals (pty) on this system")
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
        assert process.wait(timeout=30) == code, process.stderr.read() if process.stderr else ""
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


AUDIT_CSV = (
    "local_authority,framework,onsite_start,onsite_end,published\n"
    "alpha,standard,2025-06-09,2025-06-20,2025-07-29\n"
)


def text_commands(folder: Path) -> list[tuple[list[str], int]]:
    """Every command that writes text, with the exit code it ends with here."""
    record = folder / "record.csv"
    record.write_text(AUDIT_CSV, "utf-8")
    timetable = Path(__file__).resolve().parents[1] / "examples" / "nottinghamshire-2010.csv"
    return [
        (PLAN, 0),
        ([*PLAN, "--format", "markdown"], 0),
        (["calendar", "-n", "2010-02-22"], 0),
        (["check", str(timetable), "-n", "2010-02-22"], 1),  # its rows 12 and 13 are wrong
        (["status", "-n", "2010-02-22", "--on", "2010-03-09"], 0),
        (["window", "--from", "2010-12-13", "--to", "2010-12-17", "--avoid", "2010-12-20"], 0),
        (["holidays", "--year", "2010"], 0),
        (["frameworks"], 0),
        (["frameworks", "show", "slac-2009"], 0),
        (["date", "11", "40", "-n", "2010-02-22"], 0),
        (["day", "2010-03-08", "-n", "2010-02-22"], 0),
        (["add", "2010-02-22", "39"], 0),
        (["between", "2010-02-22", "2010-04-20"], 0),
        (["ilacs-record", str(record)], 0),
        (["cache"], 0),
    ]


def test_every_command_writes_a_file_without_colour_from_a_terminal(tmp_path: Path) -> None:
    """-o FILE is plain text even when stdout is a terminal: colour is for the terminal only."""
    for number, (args, code) in enumerate(text_commands(tmp_path)):
        target = tmp_path / f"out-{number}.txt"
        shown = on_terminal([*args, "-o", str(target)], code, INSPECTCAL_CACHE_DIR=str(tmp_path / "cache"))
        assert shown == "", args
        data = target.read_bytes()
        assert data.strip(), args
        assert b"\x1b" not in data, args


def test_the_same_commands_are_coloured_on_the_terminal_itself() -> None:
    """The check above is not empty: these commands do colour a terminal."""
    for args in (PLAN, ["calendar", "-n", "2010-02-22"], ["frameworks"], ["frameworks", "show", "jtai"]):
        assert "\x1b[" in on_terminal(args), args


def test_force_color_never_colours_a_file(tmp_path: Path) -> None:
    """FORCE_COLOR is for a pipe into `less -R`: a file written with -o stays plain, no trailing
    spaces (the same commands, no terminal needed)."""
    from .conftest import run_cli

    for number, (args, code) in enumerate(text_commands(tmp_path)):
        target = tmp_path / f"forced-{number}.txt"
        env = {"FORCE_COLOR": "1", "NO_COLOR": None, "INSPECTCAL_CACHE_DIR": str(tmp_path / "cache")}
        result = run_cli([*args, "-o", str(target)], env=env)
        assert result.exit_code == code, (args, result.stderr)
        data = target.read_bytes()
        assert data.strip(), args
        assert b"\x1b" not in data, args
        assert b" \n" not in data, args
    assert "\x1b[" in run_cli(PLAN, env={"FORCE_COLOR": "1", "NO_COLOR": None}).stdout  # stdout, coloured
