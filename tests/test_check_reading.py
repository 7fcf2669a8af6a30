"""check never resolves ambiguity silently: a stray CSV quote is an error naming the line its
cell starts on, and of two date (or Day) columns one is read by the documented rule, said on
stderr, or the header is refused naming both and the --columns fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import run_cli


def check(path: Path, *extra: str) -> tuple[int, str, str]:
    result = run_cli(["check", str(path), "-n", "2010-02-22", "--format", "json", *extra])
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, text: str, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


UNCLOSED = (
    ': a cell opens a quote (") that is never closed, so every line after it would be read as that one '
    'cell: remove the stray quote, or close it (a quote inside a cell is typed "")\n'
)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # the case: the rows after the quote became one activity cell
        (
            'Date,Day,Activity\n2010-02-22,1,N\n2010-02-23,2,"Lead calls\n'
            "2010-02-24,3,S\n2010-02-26,9,WRONG\n",
            3,
        ),
        # in the header
        ('Date,Day,"Activity\n2010-02-22,1,N\n2010-02-23,2,x\n', 1),
        # at the start of a date cell, on the last line
        ('Date,Day,Activity\n2010-02-22,1,N\n"2010-02-23,2,x\n', 3),
        # after a row whose quoted cell rightly spans two lines
        (
            'Date,Day,Activity\n2010-02-22,1,"two\nlines"\n2010-02-23,2,x\n2010-02-24,3,"stray\n2010-02-25,4,y\n',
            5,
        ),
        # semicolons, as Excel saves CSV in much of Europe
        ('Date;Day;Activity\n2010-02-22;1;N\n2010-02-23;2;"Call\n', 3),
    ],
)
def test_a_quote_never_closed_is_an_error_naming_the_line_its_cell_starts(
    tmp_path: Path, text: str, line: int
) -> None:
    path = write(tmp_path, text)
    code, out, err = check(path)
    assert (code, out) == (2, "")
    assert err == f"Error: timetable {path}, line {line}{UNCLOSED}"


def test_a_stray_quote_closed_by_another_far_below_is_an_error(tmp_path: Path) -> None:
    rows = ["Date,Day,Activity", "2010-02-22,1,N", '2010-02-23,2,"Call', "2010-02-24,3,x", "2010-02-25,9,y"]
    path = write(tmp_path, "\n".join([*rows, '2010-02-26,5,z"', "2010-03-01,6,w"]) + "\n")
    code, _, err = check(path)
    assert code == 2
    assert err == (
        f"Error: timetable {path}, line 3: a quoted cell runs over 4 lines, 3 of them laid out like rows of "
        'the table: is a quote (") stray or not closed? Remove it, or type a quote inside a cell as ""\n'
    )


def test_a_quoted_cell_over_the_line_limit_is_an_error(tmp_path: Path) -> None:
    from inspectcal.readers.delimited import MAX_CELL_LINES

    notes = "\n".join(f"note {n}" for n in range(MAX_CELL_LINES + 1))
    path = write(tmp_path, f'Date,Day,Activity\n2010-02-22,1,N\n2010-02-23,2,"{notes}"\n')
    code, _, err = check(path)
    assert code == 2
    assert err.startswith(
        f"Error: timetable {path}, line 3: a quoted cell runs over {MAX_CELL_LINES + 1} lines:"
    )


def test_a_quoted_cell_of_prose_with_commas_is_not_taken_for_rows(tmp_path: Path) -> None:
    prose = "Interviews, focus groups, case files\nStaff, managers, partners\nParents, carers, children"
    path = write(tmp_path, f'Date,Day,Activity\n2010-02-22,1,"{prose}"\n2010-02-23,2,x\n')
    code, out, err = check(path)
    assert (code, err) == (0, "")
    assert [r["line"] for r in json.loads(out)] == [2, 5]


def test_an_unclosed_quote_after_a_doubled_one_names_its_cell(tmp_path: Path) -> None:
    path = write(
        tmp_path, 'Date,Day,Activity\n2010-02-22,1,"a ""b"" c\nmore"\n2010-02-23,2,"stray\n2010-02-24,3,y\n'
    )
    code, _, err = check(path)
    assert (code, err) == (2, f"Error: timetable {path}, line 4{UNCLOSED}")


def test_quotes_typed_right_still_read(tmp_path: Path) -> None:
    lines = "\n".join(f"line {n}" for n in range(5))
    text = (
        'Date,Day,Activity\n2010-02-22,1,"The ""lead"" calls, then writes"\n'
        f'2010-02-23,2,"{lines}"\n"2010-02-24","3",""\n2010-02-25,4,He said "yes"\n'
    )
    code, out, err = check(write(tmp_path, text))
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert [(r["line"], r["activity"]) for r in rows] == [
        (2, 'The "lead" calls, then writes'),
        (3, "line 0 line 1 line 2 line 3 line 4"),
        (8, ""),
        (9, 'He said "yes"'),
    ]


# -- two date or Day columns ------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Original date", "Revised date"),
        ("Planned date", "Actual date"),
        ("Old date", "New date"),
        ("Date", "Current date"),
        ("Draft date", "Date"),
    ],
)
@pytest.mark.parametrize("new_first", [False, True])
def test_the_revised_date_column_is_read_and_said(
    tmp_path: Path, old: str, new: str, new_first: bool
) -> None:
    dates = [("2010-02-22", "2010-02-22", "1"), ("2010-02-23", "2010-02-24", "2")]  # the revised one is wrong
    header = [new, old, "Day"] if new_first else [old, new, "Day"]
    lines = [",".join(header)]
    for before, after, day in dates:
        lines.append(",".join([after, before, day] if new_first else [before, after, day]))
    path = write(tmp_path, "\n".join(lines) + "\n")
    code, out, err = check(path)
    assert code == 1
    assert [(r["date"], r["ok"]) for r in json.loads(out)] == [("2010-02-22", True), ("2010-02-24", False)]
    assert err == (
        f"Note: timetable {path}: read the dates in '{new}', not '{old}': a column headed revised, new, "
        "current or actual is read over one headed original, old, planned or previous "
        "(--columns names another)\n"
    )


def test_two_date_columns_and_nothing_to_choose_by_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "Date,Date of visit,Day no\n2010-02-22,2010-02-22,1\n2010-02-23,2010-02-24,2\n")
    code, out, err = check(path)
    assert (code, out) == (2, "")
    assert err == (
        f"Error: timetable {path}, line 1: the header has 2 date columns ('Date', 'Date of visit') and "
        "nothing says which is current: name the one to check with --columns, e.g. --columns "
        "'date=Date of visit,day=Day no'\n"
    )
    code, out, err = check(path, "--columns", "date=Date of visit,day=Day no")
    assert (code, err) == (1, "")


def test_a_date_column_with_no_dates_under_it_is_not_a_candidate(tmp_path: Path) -> None:
    path = write(tmp_path, "Date,Day,Date agreed by\n2010-02-22,1,Lead\n2010-02-23,2,Council\n")
    code, _, err = check(path)
    assert (code, err) == (0, "")


def test_two_day_columns_of_numbers_are_refused_or_the_revised_read(tmp_path: Path) -> None:
    path = write(tmp_path, "Date,Day,Working day\n2010-02-22,1,1\n2010-02-23,2,3\n")
    code, _, err = check(path)
    assert code == 2
    assert "the header has 2 Day columns ('Day', 'Working day') and nothing says which is current" in err
    path = write(tmp_path, "Date,Original day,Revised day\n2010-02-22,1,1\n2010-02-23,2,3\n")
    code, out, err = check(path)
    assert code == 1
    assert [r["day"] for r in json.loads(out)] == ["1", "3"]
    assert "read the Days in 'Revised day', not 'Original day'" in err


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ("date=1,day=0", "--columns day=0: columns count from 1 (the first column is 1)"),
        ("date=0,day=2", "--columns date=0: columns count from 1 (the first column is 1)"),
        ("date=9,day=3", "--columns date=9: the table has 3 columns"),
        ("date=1,day=4", "--columns day=4: the table has 3 columns"),
    ],
)
def test_numbered_columns_are_counted_from_one_and_within_the_table(
    tmp_path: Path, columns: str, message: str
) -> None:
    """Column 0 once read the last column, and so checked the wrong Days without a word."""
    path = tmp_path / "n3.csv"
    path.write_text("2010-02-26,6,5\n2010-03-08,12,11\n", "utf-8")
    result = run_cli(["check", str(path), "-n", "2010-02-22", "--columns", columns])
    assert (result.exit_code, result.stderr) == (2, f"Error: {message}\n")


def test_numbered_columns_check_the_column_named(tmp_path: Path) -> None:
    path = tmp_path / "n3.csv"
    path.write_text("2010-02-26,6,5\n2010-03-08,12,11\n", "utf-8")
    wrong = run_cli(["check", str(path), "-n", "2010-02-22", "--columns", "date=1,day=2"])
    right = run_cli(["check", str(path), "-n", "2010-02-22", "--columns", "date=1,day=3"])
    assert (wrong.exit_code, right.exit_code) == (1, 0)
