"""Errors from check and the readers name their place (file, line or row) and fit the input;
standard input is named "on stdin" by every reader; framework file errors say so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import run_cli


def check_stdin(text: str, notified: str = "2010-02-22") -> tuple[int, str, str]:
    result = run_cli(["check", "-", "-n", notified, "--format", "json"], input=text)
    return result.exit_code, result.stdout, result.stderr


def test_a_row_on_the_first_supported_date_is_checked_not_refused() -> None:
    # 1 Jan 1975 is a bank holiday: there is no working day before it to count back to.
    code, out, err = check_stdin("Date,Day\n1975-01-02,1\n1975-01-01,1\n", "1975-01-02")
    assert (code, err) == (1, "")
    rows = json.loads(out)
    assert [(r["line"], r["ok"], r["expected_day"]) for r in rows] == [(2, True, "1"), (3, False, None)]
    assert "New Year's Day" in rows[1]["note"]


def test_a_date_past_the_supported_range_names_its_row() -> None:
    code, _, err = check_stdin("Date,Day\n2010-02-22,1\n2100-01-05,5\n")
    assert code == 2
    assert err == (
        "Error: timetable on stdin, line 3: 2100-01-05 is outside the supported dates "
        "1975-01-01 to 2099-12-31\n"
    )


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("8 Mar 2010 2011", "'8 Mar 2010 2011' has 2 years in it (2010, 2011): give one"),
        ("Mon 8 March 2010 2010", "'Mon 8 March 2010 2010' has 2 years in it (2010, 2010): give one"),
    ],
)
def test_a_date_with_two_years_is_said_to_have_two_years(cell: str, message: str) -> None:
    code, _, err = check_stdin(f"Date,Day\n{cell},11\n")
    assert (code, err) == (2, f"Error: timetable on stdin, line 2: {message}\n")


@pytest.mark.parametrize(
    "cell", ["8 Mar 2010 -19 Mar 2010", "8 Mar 2010- 19 Mar 2010", "Mon 8 Mar 2010 -Fri 19 Mar 2010"]
)
def test_a_range_with_a_space_on_one_side_of_its_hyphen_is_a_range(cell: str) -> None:
    code, out, err = check_stdin(f"Date,Day\n{cell},11-20\n")
    assert (code, err) == (0, "")
    assert json.loads(out)[0]["expected_day"] == "11-20"


@pytest.mark.parametrize(
    ("cell", "day"), [("Mon 8 Mar 2010", "11"), ("8-Mar-2010", "11"), ("1 Mar 2010-5 Mar 2010", "6-10")]
)
def test_the_hyphen_rule_leaves_other_dates_as_they_were(cell: str, day: str) -> None:
    code, out, err = check_stdin(f"Date,Day\n{cell},{day}\n")
    assert (code, err) == (0, "")
    assert json.loads(out)[0]["expected_day"] == day


def test_every_reader_names_stdin_the_same_way() -> None:
    plan = ["plan", "-n", "2010-02-22"]
    for argv, start in (
        ([*plan, "--bank-holidays-file", "-"], "Error: bank holidays file on stdin, line 1: "),
        ([*plan, "--closures", "-"], "Error: closures file on stdin, line 1: "),
        ([*plan, "--framework", "-"], "Error: framework file on stdin: "),
        (["check", "-", "-n", "2010-02-22"], "Error: timetable on stdin, line 1: "),
    ):
        result = run_cli(argv, input="junk [\n")
        assert result.exit_code == 2
        assert result.stderr.startswith(start), (argv, result.stderr)
        assert "file -," not in result.stderr


def test_framework_file_errors_name_the_framework_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("x = [\n", "utf-8")
    result = run_cli(["plan", "-n", "2010-02-22", "--framework", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: framework file {path}: not valid TOML: ")
    path.write_text("id = 1\n", "utf-8")
    result = run_cli(["plan", "-n", "2010-02-22", "--framework", str(path)])
    assert (
        result.stderr == f"Error: framework file {path}: top level: field 'id' must be a non-empty string\n"
    )
