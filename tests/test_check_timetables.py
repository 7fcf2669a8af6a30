"""check on timetables as people write them: short years, Day columns, weekdays, formulas,
the Nottinghamshire timetable as published, TBC rows, two dates in a cell."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from inspectcal.errors import InputError

from .conftest import REPO, fails, run, run_cli, shared_file

# -- short years in cells --------------------------------------------------------------------------


def test_check_refuses_a_short_year_in_a_timetable_cell(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("Date,Day\n22 Feb 2010,1\n26 Feb 10,5\n", "utf-8")
    assert fails(2, "check", str(table), "-n", "2010-02-22") == (
        f"timetable {table}, line 3: '26 Feb 10' gives the year as '10': write the year in full, "
        "e.g. '22 Feb 2010'"
    )


def test_check_refuses_a_short_year_in_a_range_cell(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("Date,Day\n22 Feb 2010,1\n1 Mar - 5 Mar 10,6-10\n", "utf-8")
    assert fails(2, "check", str(table), "-n", "2010-02-22") == (
        f"timetable {table}, line 3: '5 Mar 10' gives the year as '10': write the year in full, "
        "e.g. '22 Feb 2010'"
    )


# -- the column that holds Day numbers -------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    ["Date,Day,Working day,Activity", "Date,Working day,Day,Activity", "Date,Day,Day no,Activity"],
)
def test_check_prefers_the_column_of_day_numbers(tmp_path: Path, header: str) -> None:
    names = header.split(",")
    table = tmp_path / "t.csv"
    rows = [("22/02/2010", "Monday", "1", "Notify"), ("08/03/2010", "Monday", "11", "On site")]
    lines = [header]
    for when, weekday, number, what in rows:
        cells = {"Date": when, "Activity": what}
        for name in names[1:3]:
            cells[name] = weekday if name == "Day" else number
        lines.append(",".join(cells[name] for name in names))
    table.write_text("\n".join(lines) + "\n", "utf-8")
    code, out, err = run("check", str(table), "-n", "2010-02-22", "--format", "json")
    assert (code, err) == (0, ""), err
    data = json.loads(out)
    assert "11" in json.dumps(data)  # the Day numbers were read, and agree (Day 11 is 8 Mar 2010)


def test_check_names_columns_when_a_day_cell_is_not_a_day(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("Date,Day,Activity\n22/02/2010,Monday,Notify\n23/02/2010,Tuesday,Next\n", "utf-8")
    assert fails(2, "check", str(table), "-n", "2010-02-22") == (
        f"timetable {table}, line 2: day 'Monday' is not a Day like 25, 6-10 or 'Days 6 to 10'; if another "
        "column holds the Days, name both with --columns date=...,day=... (and 1 more line that cannot "
        "be read)"
    )


def test_check_with_columns_given_is_not_told_to_give_them(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("Date,Day,Working day\n22/02/2010,Monday,1\n", "utf-8")
    error = fails(2, "check", str(table), "-n", "2010-02-22", "--columns", "date=Date,day=Day")
    assert error == f"timetable {table}, line 2: day 'Monday' is not a Day like 25, 6-10 or 'Days 6 to 10'"


# -- weekday abbreviations in cells ----------------------------------------------------------------


def test_check_reads_weekday_abbreviations_in_cells(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("Date,Day\nMon 22 Feb 2010,1\nThurs 11 Mar 2010 - Weds 17 Mar 2010,14-18\n", "utf-8")
    code, _, err = run("check", str(table), "-n", "2010-02-22")
    assert (code, err) == (0, "")


# -- the Nottinghamshire timetable as the council published it -------------------------------------


def run_check(*args: str) -> tuple[int, str, str]:
    result = run_cli(["check", *args, "-n", "2010-02-22"])
    return result.exit_code, result.stdout, result.stderr


GOLDEN = REPO / "examples" / "nottinghamshire-2010.csv"


NOTTS_NOTE_YEAR = (
    "14 dates give no year; each is read as the first such date on or after Day 1 (Mon 22 Feb 2010)"
)


# The published form, typed here as the council typed it: a tab between Date and Activity,
# no year, no space in "26Feb", ranges with a hyphen, the Day inside the activity text.
PUBLISHED = """Date\tActivity
22 Feb\tNotification of the inspection sent by email to Director of Children's Services. (Day 1)
23 Feb\tLead inspector telephones to agree the set-up meeting. (Day 2) Council sends core documents.
24 Feb\tCouncil sends Ofsted letter to looked after children and care leavers. (Day 3)
25 Feb\tCouncil provides the lead inspector with a list of current cases. (Day 4)
26Feb\tSet-up meeting of chief officers with the lead inspector. (Day 5)
1-5 Mar\tCouncil prepares audit of initial case file selection. (Day 6-10)
8 Mar\tFieldwork starts and inspectors on site. (Day 11)
8-19 Mar\tInspection team undertake a range of evidence gathering activities. (Day 11-20)
19 Mar\tInspectors conclude fieldwork and give initial feedback. (Day 20)
22-26 Mar\tDrafting and quality assurance of report. (Day 21-25)
29 Mar\tDraft report sent to local authority for factual accuracy check. (Day 25)
30 Mar-5 Apr\tLocal authority completes the factual accuracy check. (Day 26-30)
9 Apr\tFinal report sent to local authority. (Day 35)
16 Apr\tReport published on the Ofsted website. (Day 40)
"""


def check_json_rows(path: Path, code: int = 1) -> tuple[list[dict[str, object]], str]:
    import json

    result = run_cli(["check", str(path), "-n", "2010-02-22", "--format", "json"])
    assert result.exit_code == code, (result.stdout, result.stderr)
    return json.loads(result.stdout), result.stderr


def slipped(rows: list[dict[str, object]]) -> list[tuple[tuple[int, int], object, object]]:
    """The slipped rows by Day label (as numbers), expected Day and note: not by wording."""
    from inspectcal.readers.typed import parse_day_label

    return [(parse_day_label(str(r["day"])), r["expected_day"], r["note"]) for r in rows if not r["ok"]]


def golden_slips() -> list[tuple[tuple[int, int], object, object]]:
    rows, err = check_json_rows(GOLDEN)
    assert err == ""
    found = slipped(rows)
    # Worked out by hand (Easter 2010: Fri 2 and Mon 5 Apr): 29 Mar is Day 26, 30 Mar - 5 Apr
    # Days 27-29, 9 Apr Day 33, 16 Apr Day 38.
    assert [(days, expected) for days, expected, _ in found] == [
        ((25, 25), "26"),
        ((26, 30), "27-29"),
        ((35, 35), "33"),
        ((40, 40), "38"),
    ]
    return found


def test_the_published_form_typed_here_gives_the_golden_slips(tmp_path: Path) -> None:
    path = tmp_path / "published.txt"
    path.write_text(PUBLISHED, encoding="utf-8")
    rows, err = check_json_rows(path)
    assert err == (
        f"Note: timetable {path} has no Day column: each row's Day is the '(Day N)' label in its "
        "'Activity' text\n"
        f"Note: timetable {path}: {NOTTS_NOTE_YEAR}\n"
    )
    assert len(rows) == 14
    assert slipped(rows) == golden_slips()
    assert [r["date"] for r in rows][:6] == ["22 Feb", "23 Feb", "24 Feb", "25 Feb", "26Feb", "1-5 Mar"]
    assert rows[1]["day"] == "Day 2"  # the label found mid-text


def test_the_published_form_from_the_seed_gives_the_golden_slips(tmp_path: Path) -> None:
    text = shared_file("seeds", "nottinghamshire-inspection-update.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    start = lines.index("Date\tActivity")
    end = next(i for i, line in enumerate(lines) if line.startswith("16 Apr\t"))
    path = tmp_path / "seed.tsv"
    path.write_text("\n".join(lines[start : end + 1]) + "\n", encoding="utf-8")
    rows, err = check_json_rows(path)
    assert err.endswith(f"Note: timetable {path}: {NOTTS_NOTE_YEAR}\n")
    assert len(rows) == 14
    assert slipped(rows) == golden_slips()


def test_a_date_without_a_year_is_the_first_on_or_after_day_1(tmp_path: Path) -> None:
    from datetime import date

    from inspectcal.readers.typed import parse_typed_range_after

    day1 = date(2010, 12, 13)
    assert parse_typed_range_after("28 Dec-4 Jan", day1) == (date(2010, 12, 28), date(2011, 1, 4), True)
    assert parse_typed_range_after("Mon 10 Jan", day1) == (date(2011, 1, 10), date(2011, 1, 10), True)
    assert parse_typed_range_after("13 Dec", day1) == (day1, day1, True)
    assert parse_typed_range_after("10 Dec", day1) == (date(2011, 12, 10), date(2011, 12, 10), True)
    assert parse_typed_range_after("13 Dec 2010", day1) == (day1, day1, False)
    # A date with a year is never changed; a whole numeric date without one is still refused.
    with pytest.raises(InputError, match="cannot read '13/12' as a date"):
        parse_typed_range_after("13/12", day1)


def test_day_labels_in_the_activity_text_errors(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("Date\tActivity\n22 Feb\tNotification (Day 1)\n23 Feb\tPhone call\n", encoding="utf-8")
    result = run_cli(["check", str(path), "-n", "2010-02-22"])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: timetable {path}, line 3: there is no Day column, and its activity text has no "
        "'(Day N)' label: add one, or add a Day column\n",
    )
    path.write_text("Date\tActivity\n22 Feb\tNotification (Day 1) (Day 2)\n", encoding="utf-8")
    result = run_cli(["check", str(path), "-n", "2010-02-22"])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: timetable {path}, line 2: the activity text holds more than one Day label "
        "('(Day 1)', '(Day 2)'): keep one\n",
    )
    # No label anywhere: the header error as before, naming --columns.
    path.write_text("Date\tActivity\n22 Feb 2010\tNotification\n", encoding="utf-8")
    result = run_cli(["check", str(path), "-n", "2010-02-22"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: timetable {path}, line 1: the header needs a date column and a Day column; it has "
        "'Date', 'Activity', with no Day column: name them with --columns date=...,day=...\n"
    )


# -- TBC rows, two dates in a cell, a huge bad ics line --------------------------------------------


def test_tbc_rows_are_listed_as_not_checked_and_the_exit_code_says_so(tmp_path: Path) -> None:
    path = tmp_path / "draft.csv"
    path.write_text(
        "date,day,activity\n"
        "2010-02-22,1,Notification\n"
        "TBC,5,Set-up meeting\n"
        "2010-03-08,11,Fieldwork starts\n"
        "2010-04-16,tba,Publication\n"
        "to be confirmed.,40,Publication\n",
        encoding="utf-8",
    )
    code, out, err = run_check(str(path), "--format", "csv")
    assert code == 1, (out, err)
    assert err == (
        f"Note: timetable {path}: 3 lines not checked, to be confirmed: line 3 ('TBC'), "
        "line 5 ('tba'), line 6 ('to be confirmed.')\n"
    )
    lines = out.replace("\r\n", "\n").splitlines()
    assert [line.split(",")[:5] for line in lines[1:]] == [
        ["2", "2010-02-22", "1", "yes", "1"],
        ["4", "2010-03-08", "11", "yes", "11"],
    ]


def test_one_tbc_row_and_every_other_row_right_still_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "draft.csv"
    path.write_text("date,day\n2010-02-22,1\nTBD,2\n", encoding="utf-8")
    code, _, err = run_check(str(path))
    assert code == 1
    assert err == f"Note: timetable {path}: 1 line not checked, to be confirmed: line 3 ('TBD')\n"
    # A word that is not "to be confirmed" is still an error, naming the row.
    path.write_text("date,day\n2010-02-22,1\nsoon,2\n", encoding="utf-8")
    code, _, err = run_check(str(path))
    assert code == 2
    assert err.startswith(f"Error: timetable {path}, line 3: cannot read 'soon' as a date")


@pytest.mark.parametrize(
    ("cell", "suggestion"),
    [
        ("Mon 29 Mar 2010, Tue 30 Mar 2010", "Mon 29 \u2013 Tue 30 Mar 2010"),
        ("29/03/2010 and 06/04/2010", "Mon 29 Mar \u2013 Tue 6 Apr 2010"),
        ("28/12/2010; 04/01/2011", "Tue 28 Dec 2010 \u2013 Tue 4 Jan 2011"),
    ],
)
def test_two_dates_in_a_cell_suggest_a_range_as_people_type_it(
    tmp_path: Path, cell: str, suggestion: str
) -> None:
    from inspectcal.readers.typed import parse_typed_range

    path = tmp_path / "two.csv"
    path.write_text(f'date,day\n2010-02-22,1\n"{cell}",25-26\n', encoding="utf-8")
    code, _, err = run_check(str(path))
    assert code == 2
    assert err == (
        f"Error: timetable {path}, line 3: '{cell}' holds two dates: for the days from one to the "
        f"other, type a range, e.g. '{suggestion}'; otherwise give each date its own row\n"
    )
    first, last = parse_typed_range(suggestion)  # the suggestion reads back as the range meant
    assert suggestion.startswith(f"{first:%a} {first.day}")
    assert suggestion.endswith(f"{last:%a} {last.day} {last:%b %Y}")


def test_dates_out_of_order_or_three_dates_get_the_general_advice() -> None:
    from inspectcal.readers.typed import parse_typed_range

    for cell in ("Tue 30 Mar 2010, Mon 29 Mar 2010", "1/3/2010, 2/3/2010, 3/3/2010"):
        with pytest.raises(InputError) as raised:
            parse_typed_range(cell)
        assert str(raised.value) == (
            f"'{cell}' holds more than one date: give each its own row, or type a range, "
            "e.g. 'Mon 29 \u2013 Tue 30 Mar 2010'"
        )


def test_a_huge_bad_ics_content_line_gives_one_short_error(tmp_path: Path) -> None:
    # Found by tests/test_reader_fuzz.py: icalendar's message quotes the whole line.
    path = tmp_path / "closures.ics"
    path.write_bytes(b"BEGIN:VCALENDAR\r\n" + b"9" * 300_000 + b"\r\nEND:VCALENDAR\r\n")
    result = run_cli(["plan", "-n", "2010-02-22", "--closures", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: closures file {path} is not a valid iCalendar file: ")
    assert result.stderr.count("\n") == 1
    assert len(result.stderr) < 300


# -- formula cells ---------------------------------------------------------------------------------


def _xlsx_with_a_formula(path: Path, cached: str | None) -> Path:
    from datetime import date

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Date", "Day", "Activity"])
    sheet.append([date(2010, 2, 22), 1, "Notified"])
    sheet.append(["=A2+1", 2, "Next day"])
    sheet["A3"].number_format = "DD/MM/YYYY"
    book.save(path)
    if cached is not None:  # as Excel saves it: the formula and the value it computed
        with zipfile.ZipFile(path) as source:
            parts = {name: source.read(name) for name in source.namelist()}
        sheet_xml = parts["xl/worksheets/sheet1.xml"].decode()
        assert "<f>A2+1</f><v></v>" in sheet_xml
        parts["xl/worksheets/sheet1.xml"] = sheet_xml.replace(
            "<f>A2+1</f><v></v>", f"<f>A2+1</f><v>{cached}</v>"
        ).encode()
        with zipfile.ZipFile(path, "w") as target:
            for name, data in parts.items():
                target.writestr(name, data)
    return path


def test_an_uncalculated_formula_cell_is_not_called_empty(tmp_path: Path) -> None:
    path = _xlsx_with_a_formula(tmp_path / "f.xlsx", None)
    assert fails(2, "check", str(path), "-n", "2010-02-22") == (
        f"timetable {path}, sheet 'Sheet', row 3: the date cell holds the formula '=A2+1' with no value "
        "saved (the program that wrote the file did not calculate it): open and save it in Excel, or "
        "type the value"
    )


def test_a_calculated_formula_cell_reads_its_value(tmp_path: Path) -> None:
    path = _xlsx_with_a_formula(tmp_path / "f.xlsx", "40232")  # 23 Feb 2010 as an Excel serial
    code, out, err = run("check", str(path), "-n", "2010-02-22", "--format", "json")
    assert code == 0, err
    assert "2010-02-23" in out
