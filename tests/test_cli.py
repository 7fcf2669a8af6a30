"""The CLI as a user meets it: exact output, one-line errors on stderr, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from inspectcal import __version__

from .conftest import COUNTING_COMMANDS, fails, ok

# -- plan ----------------------------------------------------------------------


def test_plan_json_shape_and_dates() -> None:
    data = json.loads(ok("plan", "--notified", "2010-02-22", "--format", "json"))
    assert list(data) == [
        "framework",
        "parameters",
        "authority",
        "notified",
        "anchor",
        "region",
        "bank_holidays",
        "closures",
        "skipped",
        "projected_after",
        "milestones",
    ]
    assert data["framework"]["id"] == "slac-2009"
    assert data["notified"] == "2010-02-22"
    assert data["region"] == "england-and-wales"
    assert data["bank_holidays"] is True
    assert data["skipped"] == [
        {"date": "2010-04-02", "name": "Good Friday"},
        {"date": "2010-04-05", "name": "Easter Monday"},
    ]
    by_id = {m["id"]: m for m in data["milestones"]}
    assert list(by_id["fieldwork"]) == ["id", "title", "who", "start_day", "end_day", "start", "end"]
    assert (by_id["fieldwork"]["start"], by_id["fieldwork"]["end"]) == ("2010-03-08", "2010-03-19")
    assert by_id["setup-meeting"]["start"] == "2010-02-26"
    assert by_id["final-report"]["start"] == "2010-04-13"
    assert by_id["publication"]["start"] == "2010-04-20"


def test_plan_without_bank_holidays_reproduces_the_published_easter_dates() -> None:
    data = json.loads(ok("plan", "-n", "22/02/2010", "--no-bank-holidays", "--format", "json"))
    by_id = {m["id"]: m["start"] for m in data["milestones"]}
    assert (by_id["final-report"], by_id["publication"]) == ("2010-04-09", "2010-04-16")
    assert data["bank_holidays"] is False
    assert data["skipped"] == []


def test_plan_csv() -> None:
    rows = list(csv.reader(io.StringIO(ok("plan", "-n", "2010-02-22", "--format", "csv"))))
    assert rows[0] == ["start_day", "end_day", "start", "end", "id", "title", "who", "framework_status"]
    assert rows[9] == [
        "11",
        "20",
        "2010-03-08",
        "2010-03-19",
        "fieldwork",
        "Evidence gathering on site: interviews, focus groups, case files",
        "ofsted",
        "authoritative",
    ]
    assert len(rows) == 17


def test_plan_markdown() -> None:
    out = ok("plan", "-n", "2010-02-22", "--format", "markdown", "--name", "Nottinghamshire")
    lines = out.splitlines()
    assert lines[0].startswith("**Nottinghamshire: Safeguarding and looked after children services")
    assert "| 11-20 | Mon 8 Mar - Fri 19 Mar 2010 | Evidence gathering on site" in out
    assert "| 40 | Tue 20 Apr 2010 | Report published on Ofsted's website | ofsted |" in out
    assert lines[-1].endswith("Skipped: Fri 2 Apr 2010 Good Friday; Mon 5 Apr 2010 Easter Monday.")


def test_plan_table_is_plain_text_with_weekday_ranges() -> None:
    out = ok("plan", "--notified", "2010-02-22", "--name", "Nottinghamshire")
    assert "\x1b[" not in out
    assert "Nottinghamshire: Safeguarding and looked after children services" in out
    assert "Mon 8 Mar - Fri 19 Mar 2010" in out
    assert "Mon 29 Mar - Tue 6 Apr 2010" in out
    assert "Skipped: Fri 2 Apr 2010 Good Friday; Mon 5 Apr 2010 Easter Monday." in " ".join(out.split())


def test_plan_with_closures(tmp_path: Path) -> None:
    closures = tmp_path / "closures.txt"
    closures.write_text("2010-03-01  # staff training day\n", "utf-8")
    data = json.loads(
        ok(
            "plan",
            "-n",
            "2010-02-22",
            "--closures",
            str(closures),
            "--closed",
            "2010-03-02..2010-03-03",
            "--format",
            "json",
        )
    )
    assert data["closures"] == [
        {"date": "2010-03-01", "name": "staff training day"},
        {"date": "2010-03-02", "name": ""},
        {"date": "2010-03-03", "name": ""},
    ]
    assert [s["name"] for s in data["skipped"]][:3] == [
        "staff training day",
        "Council closure",
        "Council closure",
    ]
    assert data["milestones"][6]["start"] == "2010-03-04"  # case audit, Day 6, after three closure days


def test_identical_input_gives_identical_output() -> None:
    for fmt in ("table", "json", "csv", "markdown"):
        assert ok("plan", "-n", "2010-02-22", "--format", fmt) == ok(
            "plan", "-n", "2010-02-22", "--format", fmt
        )


def test_plan_to_file_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    assert ok("plan", "-n", "2010-02-22", "--format", "json", "-o", str(target)) == ""
    first = target.read_text("utf-8")
    assert json.loads(first)["notified"] == "2010-02-22"
    message = fails(1, "plan", "-n", "2010-03-01", "--format", "json", "-o", str(target))
    assert message == f"{target} already exists: add --force to replace it"
    assert target.read_text("utf-8") == first
    ok("plan", "-n", "2010-03-01", "--format", "json", "-o", str(target), "--force")
    assert json.loads(target.read_text("utf-8"))["notified"] == "2010-03-01"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]  # no temporary files left


def test_output_dash_is_stdout() -> None:
    assert (
        json.loads(ok("plan", "-n", "2010-02-22", "--format", "json", "-o", "-"))["notified"] == "2010-02-22"
    )


def test_output_errors(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "plan.json"
    assert fails(1, "plan", "-n", "2010-02-22", "-o", str(missing)) == (
        f"cannot write {missing}: folder {missing.parent} does not exist"
    )
    assert "is a directory" in fails(1, "plan", "-n", "2010-02-22", "-o", str(tmp_path))
    if Path("/dev/full").exists():
        assert fails(1, "plan", "-n", "2010-02-22", "-o", "/dev/full") == (
            "cannot write /dev/full: No space left on device"
        )


# -- bad input -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["plan", "-n", "2010-04-02"],
            "the notification date (Day 1) must be a working day, but 2010-04-02 is Good Friday, "
            "a bank holiday in England and Wales",
        ),
        (
            ["plan", "-n", "2010-02-20"],
            "the notification date (Day 1) must be a working day, but 2010-02-20 is a Saturday",
        ),
        (
            ["plan", "-n", "02/22/2010"],
            "--notified: '02/22/2010' is month-first: numeric dates are day-first (DD/MM/YYYY), "
            "so write 22/02/2010",
        ),
        (
            ["plan", "-n", "30/02/2010"],
            "--notified: '30/02/2010' is not a real date (month 2 of 2010 has no day 30)",
        ),
        (
            ["plan", "-n", "soon"],
            "--notified: cannot read 'soon' as a date: use YYYY-MM-DD, DD/MM/YYYY or e.g. '22 Feb 2010'",
        ),
        (["plan", "-n", "1970-01-05"], "1970-01-05 is outside the supported dates 1975-01-01 to 2099-12-31"),
        (
            ["plan", "-n", "2010-02-22", "--region", "ireland"],
            "unknown region 'ireland': choose one of england-and-wales, scotland, northern-ireland "
            "(in any case; england, wales, scot and ni work too)",
        ),
        (["plan"], "give the notification date with --notified DATE, or a known date with --anchor DAY=DATE"),
        (
            ["plan", "-n", "2010-02-22", "--format", "xml"],
            "Invalid value for '--format': 'xml' is not one of 'table', 'json', 'jsonl', 'csv', "
            "'markdown', 'ics', 'svg', 'html', 'xlsx', 'docx'. (see 'inspectcal plan --help')",
        ),
        (
            ["plan", "-n", "2010-02-22", "--frobnicate"],
            "No such option: --frobnicate (Possible options: --force, --format) "
            "(see 'inspectcal plan --help')",
        ),
        (
            ["plan", "-n", "2010-02-22", "--framework", "ofsted-1066"],
            "unknown framework 'ofsted-1066': choose one of area-send, ilacs-short, ilacs-standard, "
            "jtai, slac-2009 or give the path of a .toml file",
        ),
        (
            ["date", "0", "-n", "2010-02-22"],
            "Day 0 does not exist: Days count from 1 (the notification date)",
        ),
        (
            ["date", "-3", "-n", "2010-02-22"],
            "Day -3 does not exist: Days count from 1 (the notification date)",
        ),
        (
            ["date", "10000000", "-n", "2010-02-22"],
            "Day 10000000 from 2010-02-22 falls after 2099-12-31, the last supported date",
        ),
        (
            ["day", "2010-04-05", "-n", "2010-02-22"],
            "2010-04-05 is Easter Monday, a bank holiday in England and Wales, not a working day, "
            "so it has no "
            "Day number; the next working day is 2010-04-06",
        ),
        (
            ["day", "2010-02-19", "-n", "2010-02-22"],
            "2010-02-19 is before Day 1 (2010-02-22): it has no Day number",
        ),
        (["add", "2099-12-30", "5"], "the result falls outside the supported dates 1975-01-01 to 2099-12-31"),
        (
            ["add", "2010-02-22", "many"],
            "Invalid value for 'N': 'many' is not a valid int. (see 'inspectcal add --help')",
        ),
        (["holidays", "--year", "2200"], "--year 2200 is outside the supported years 1975 to 2099"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    assert fails(2, *args) == typer_wording(message)


# Typer 0.29 reads whole numbers with pydantic, which words the problem its own way; both name
# the option and the fix, and CI runs the suite with the lowest and the newest Typer allowed.
_TYPER_29_INT = "not a whole number"


def typer_wording(message: str) -> str:
    """``message`` as the installed Typer words a value that is not a whole number."""
    import re

    from typer import __version__

    if tuple(int(part) for part in __version__.split(".")[:2]) < (0, 29):
        return message
    return re.sub(r"'[^']*' is not a valid int\.?", _TYPER_29_INT, message)


def test_bad_closures_file_names_the_line(tmp_path: Path) -> None:
    closures = tmp_path / "closures.txt"
    closures.write_text("2010-12-29\n\n31/12/10\n", "utf-8")
    assert fails(2, "plan", "-n", "2010-02-22", "--closures", str(closures)) == (
        f"closures file {closures}, line 3: cannot read '31/12/10' as a date: "
        "write the year in full, e.g. 31/12/2010"
    )
    assert fails(2, "plan", "-n", "2010-02-22", "--closures", str(tmp_path / "none.txt")) == (
        f"closures file {tmp_path / 'none.txt'} does not exist: check the path"
    )
    assert fails(2, "plan", "-n", "2010-02-22", "--closed", "2010-12-31..2010-12-01") == (
        "--closed: range '2010-12-31..2010-12-01' ends before it starts: write the earlier date first"
    )


# -- date, day, add, between, holidays ---------------------------------------------


def test_date_and_day_give_the_days_counted_by_hand() -> None:
    # From Mon 22 Feb 2010: Day 11 is Mon 8 Mar, Day 20 Fri 19 Mar; Day 40 is Tue 20 Apr, as
    # Good Friday (2 Apr) and Easter Monday (5 Apr) are skipped.
    assert ok("date", "1", "11", "20", "40", "--notified", "2010-02-22") == (
        "2010-02-22\n2010-03-08\n2010-03-19\n2010-04-20\n"
    )
    assert (
        ok("day", "2010-02-22", "8 March 2010", "19/03/2010", "2010-04-20", "-n", "2010-02-22")
        == "1\n11\n20\n40\n"
    )


def test_date_respects_region_and_closures() -> None:
    # Easter Monday is not a bank holiday in Scotland.
    assert ok("date", "40", "-n", "2010-02-22", "--region", "scotland") == "2010-04-19\n"
    assert ok("date", "40", "-n", "2010-02-22", "--closed", "2010-04-19") == "2010-04-21\n"


def test_add_and_between() -> None:
    assert ok("add", "2010-02-22", "39") == "2010-04-20\n"
    assert ok("add", "2010-04-20", "-39") == "2010-02-22\n"
    assert ok("add", "2010-04-01", "1") == "2010-04-06\n"
    assert ok("add", "2010-04-01", "1", "--no-bank-holidays") == "2010-04-02\n"
    assert ok("between", "2010-02-22", "2010-04-20") == "39\n"
    assert ok("between", "2010-04-20", "2010-02-22") == "-39\n"
    assert ok("between", "2010-02-22", "2010-04-20", "--inclusive") == "40\n"


def test_holidays_json_and_csv() -> None:
    data = json.loads(ok("holidays", "--year", "2022", "--format", "json"))
    assert [(d["date"], d["name"]) for d in data] == [
        ("2022-01-03", "New Year's Day (observed)"),
        ("2022-04-15", "Good Friday"),
        ("2022-04-18", "Easter Monday"),
        ("2022-05-02", "May Day"),
        ("2022-06-02", "Spring Bank Holiday"),
        ("2022-06-03", "Platinum Jubilee of Elizabeth II"),
        ("2022-08-29", "Late Summer Bank Holiday"),
        ("2022-09-19", "State Funeral of Queen Elizabeth II"),
        ("2022-12-26", "Boxing Day"),
        ("2022-12-27", "Christmas Day (observed)"),
    ]
    out = ok("holidays", "--year", "2010", "--format", "csv", "--closed", "2010-12-29")
    assert out.splitlines()[0] == "date,name,closure,projected"
    assert "2010-12-29,Council closure,yes,no" in out.splitlines()
    table = ok("holidays", "--year", "2010", "--region", "scotland")
    assert "Days skipped in 2010: Mon-Fri, less bank holidays in Scotland" in table
    assert "Mon 4 Jan 2010" in table


def test_version_and_help_examples() -> None:
    assert ok("--version") == f"inspectcal {__version__}\n"
    for command in COUNTING_COMMANDS:
        examples = ok(command, "--help").split("Examples:\n", 1)[1]
        assert f"inspectcal {command} " in examples, command


def test_python_dash_m_and_no_ansi_when_piped() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "inspectcal", "plan", "-n", "2010-02-22"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Mon 8 Mar - Fri 19 Mar 2010" in done.stdout
    assert "\x1b[" not in done.stdout


def test_every_command_that_counts_days_has_the_calendar_options() -> None:
    for command in COUNTING_COMMANDS:
        text = ok(command, "--help")
        for option in ("--region", "--no-bank-holidays", "--closed", "--closures", "--bank-holidays-file"):
            assert option in text, (command, option)


# -- options after a double dash -------------------------------------------------------------------


def test_options_after_a_double_dash_are_explained() -> None:
    assert fails(2, "date", "--", "-1", "--notified", "2010-02-22") == typer_wording(
        "Invalid value for 'N...': '--notified' is not a valid int: --notified comes after '--', which "
        "makes everything after it an argument; put the options before '--', or leave '--' out (a "
        "negative number needs none) (see 'inspectcal date --help')"
    )
    # Without the '--', -1 is read as the number it is.
    assert fails(2, "date", "-1", "--notified", "2010-02-22") == (
        "Day -1 does not exist: Days count from 1 (the notification date)"
    )


# -- inspectcal alone ------------------------------------------------------------------------------


def test_inspectcal_alone_prints_the_normal_help() -> None:
    """Not one squashed 'Error: Usage: ...' line with exit 2: the help a user asked for by typing nothing."""
    done = subprocess.run([sys.executable, "-m", "inspectcal"], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("Usage: inspectcal [OPTIONS] COMMAND [ARGS]...\n")
    help_text = subprocess.run(
        [sys.executable, "-m", "inspectcal", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert done.stdout == help_text
    for command in ("plan", "window", "check", "status", "frameworks"):
        assert f"\n  {command} " in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["date", "5", "--notifed", "2010-02-22"],
            "No such option: --notifed (Possible options: --notified)",
        ),
        (
            ["date", "5", "-n", "2010-02-22", "--regon", "scotland"],
            "No such option: --regon (Possible options: --region)",
        ),
        (
            ["add", "2010-02-22", "39", "--regoin", "scotland"],
            "No such option: --regoin (Possible options: --region)",
        ),
        (["add", "2010-02-22", "--foo", "39"], "No such option: --foo (Possible options: --force, --format)"),
        (["date", "5", "-n", "2010-02-22", "--anchor", "11=2010-03-08"], "No such option: --anchor"),
        (
            ["day", "2010-03-08", "--notifed", "2010-02-22"],
            "No such option: --notifed (Possible options: --notified)",
        ),
    ],
)
def test_a_mistyped_option_is_named_as_one_where_numbers_may_be_negative(
    args: list[str], message: str
) -> None:
    """date and add let unknown options through as arguments (for -1): a typo must still read as one."""
    command = args[0]
    assert fails(2, *args) == f"{message} (see 'inspectcal {command} --help')"
