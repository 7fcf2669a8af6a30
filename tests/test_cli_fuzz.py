"""Random argument lists against every command: never a traceback, only exit codes 0, 1 or 2."""

from __future__ import annotations

import csv
import io
import json

import icalendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import COUNTING_COMMANDS, REPO, run_cli

pytestmark = pytest.mark.slow

COMMANDS = [*COUNTING_COMMANDS, "frameworks", "ilacs-record"]
OPTIONS = [
    "--notified",
    "-n",
    "--anchor",
    "--format",
    "--framework",
    "-f",
    "--param",
    "--region",
    "--no-bank-holidays",
    "--closed",
    "--closures",
    "--name",
    "--from",
    "--to",
    "--avoid",
    "--avoid-file",
    "--critical",
    "--on",
    "--ahead",
    "--year",
    "--inclusive",
    "--remind",
    "--per-day",
    "--busy",
    "--calendar-name",
    "--compare",
    "--bank-holidays-file",
    "--help",
    "--version",
    "show",
    "--force",
]
VALUES = [
    "2010-02-22",
    "22/02/2010",
    "22 Feb 2010",
    "2010-04-02",
    "2010-02-20",
    "today",
    "1975-01-01",
    "2099-12-31",
    "02/22/2010",
    "2010-13-45",
    "0",
    "1",
    "11",
    "40",
    "-3",
    "10000000",
    "x",
    "",
    " ",
    "-",
    "--",
    "slac-2009",
    "ilacs-standard",
    "jtai",
    "json",
    "jsonl",
    "csv",
    "table",
    "markdown",
    "ics",
    "text",
    "line",
    "scotland",
    "wales",
    "11=2010-03-08",
    "fieldwork-start=2010-03-08",
    "nope=2010-03-08",
    "publication_gap=21",
    "x=y",
    "2010-12-20..2010-12-24",
    "2010-12-24..2010-12-20",
    "5,11-20",
    "5,,6",
    "1d",
    "soon",
    "/nonexistent",
    str(REPO / "examples" / "nottinghamshire-2010.csv"),
    str(REPO / "examples" / "council-preparation.toml"),
    str(REPO / "examples" / "nottinghamshire-2010.ics"),
    str(REPO / "README.md"),
    'Ynys Môn, "Cyngor"; =1',
]
arguments = st.lists(st.sampled_from(OPTIONS) | st.sampled_from(VALUES), max_size=9)


def requested_format(args: list[str]) -> str | None:
    formats = [args[i + 1] for i, arg in enumerate(args[:-1]) if arg == "--format"]
    return formats[-1] if formats else None


# Valid starts, so that random additions often still succeed and their output gets parsed.
BASES = [
    ["plan", "-n", "2010-02-22"],
    ["date", "11", "-n", "2010-02-22"],
    ["day", "2010-03-08", "-n", "2010-02-22"],
    ["add", "2010-02-22", "5"],
    ["between", "2010-02-22", "2010-04-20"],
    ["holidays", "--year", "2010"],
    ["window", "--from", "2010-12-01", "--to", "2010-12-10"],
    ["calendar", "-n", "2010-02-22"],
    ["check", str(REPO / "examples" / "nottinghamshire-2010.csv"), "-n", "2010-02-22"],
    ["status", "-n", "2010-02-22", "--on", "2010-03-09"],
    ["frameworks"],
    ["plan", "-n", "-"],
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(command=st.sampled_from(COMMANDS), args=arguments)
def test_random_arguments(command: str, args: list[str]) -> None:
    check_run([command, *args])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=st.sampled_from(BASES), args=arguments)
def test_random_additions_to_valid_commands(base: list[str], args: list[str]) -> None:
    check_run([*base, *args])


def check_run(argv: list[str]) -> None:
    command, args = argv[0], argv[1:]
    result = run_cli([command, *args], input="2010-02-22\nnonsense\n")
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stderr, result.exception)
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    if result.exit_code != 0:
        # `check` exits 1 when a timetable has slips, like diff: its report on stdout says why.
        found_slips = command == "check" and result.exit_code == 1 and result.stdout.strip() != ""
        assert result.stderr.strip() or found_slips, "a failure must say why"
        return
    if "--help" in args or "--version" in args:
        return
    fmt, out = requested_format(args), result.stdout
    if fmt == "json":
        json.loads(out)
    elif fmt == "jsonl":
        for line in out.splitlines():
            json.loads(line)
    elif fmt == "csv":
        assert list(csv.reader(io.StringIO(out)))
    elif fmt == "ics":
        icalendar.Calendar.from_ical(out)
