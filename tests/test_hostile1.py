"""Regression tests for the findings of the hostile new-user review (reports/hostile-1.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import COUNTING_COMMANDS, run_cli


def run(*args: str) -> tuple[int, str, str]:
    result = run_cli(list(args))
    return result.exit_code, result.stdout, result.stderr


def fails(code: int, *args: str) -> str:
    """Run, expect ``code``, nothing on stdout, exactly one 'Error:' line on stderr; return it."""
    got, out, err = run(*args)
    assert got == code, (got, out, err)
    assert out == ""
    assert err.startswith("Error: "), err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err.removeprefix("Error: ").rstrip("\n")


# Minimal arguments that make each counting command do its job (before its calendar options).
COMMAND_ARGS = {
    "plan": ["plan", "-n", "2026-03-04"],
    "date": ["date", "5", "-n", "2026-03-04"],
    "day": ["day", "2026-03-10", "-n", "2026-03-04"],
    "add": ["add", "2026-03-04", "4"],
    "between": ["between", "2026-03-04", "2026-03-10"],
    "holidays": ["holidays", "--year", "2026"],
    "window": ["window", "--from", "2026-03-02", "--to", "2026-03-06"],
    "calendar": ["calendar", "-n", "2026-03-04"],
    "check": ["check", "-", "-n", "2026-03-04"],
    "status": ["status", "-n", "2026-03-04", "--on", "2026-03-10"],
}


def test_command_args_cover_every_counting_command() -> None:
    assert set(COMMAND_ARGS) == set(COUNTING_COMMANDS)


# -- 1: --no-bank-holidays with a bank-holidays file or a region -----------------


@pytest.mark.parametrize("command", COUNTING_COMMANDS)
def test_no_bank_holidays_refuses_a_bank_holidays_file(command: str, tmp_path: Path) -> None:
    extra = tmp_path / "extra.json"
    extra.write_text(
        json.dumps({"england-and-wales": {"events": [{"title": "Extra", "date": "2026-03-10"}]}}),
        "utf-8",
    )
    args = [*COMMAND_ARGS[command], "--no-bank-holidays", "--bank-holidays-file", str(extra)]
    assert fails(2, *args) == (
        "--no-bank-holidays and --bank-holidays-file contradict each other: the file's bank "
        "holidays would be ignored; give one or the other"
    )


@pytest.mark.parametrize("command", COUNTING_COMMANDS)
@pytest.mark.parametrize(("typed", "key"), [("scotland", "scotland"), ("NI", "northern-ireland")])
def test_no_bank_holidays_refuses_another_region(command: str, typed: str, key: str) -> None:
    args = [*COMMAND_ARGS[command], "--no-bank-holidays", "--region", typed]
    assert fails(2, *args) == (
        f"--no-bank-holidays and --region {key} contradict each other: the region's bank "
        "holidays would be ignored; give one or the other"
    )


@pytest.mark.parametrize("region", ["england-and-wales", "England", "wales"])
def test_no_bank_holidays_with_the_default_region_is_fine(region: str) -> None:
    # Mon-Fri only: Day 5 from Wed 4 Mar 2026 is Tue 10 Mar, counted by hand.
    code, out, err = run("date", "5", "-n", "2026-03-04", "--no-bank-holidays", "--region", region)
    assert (code, out, err) == (0, "2026-03-10\n", "")


# -- 2: written-out dates with a short year --------------------------------------


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("22 Feb 75", "75"),
        ("4 Jan 80", "80"),
        ("22 feb 2", "2"),
        ("22 Feb 010", "010"),
        ("Monday 22nd February 10", "10"),
        ("February 22, 10", "10"),
        ("22 Feb '10", "10"),
    ],
)
def test_written_out_dates_with_a_short_year_are_refused(text: str, year: str) -> None:
    assert fails(2, "add", text, "0") == (
        f"DATE: '{text}' gives the year as '{year}': write the year in full, e.g. '22 Feb 2010'"
    )


@pytest.mark.parametrize("year", range(0, 1000, 37))
def test_no_short_year_is_read_as_any_century(year: int) -> None:
    from inspectcal.dates import parse_date
    from inspectcal.errors import DateError

    for width in (1, 2, 3):
        text = f"{year:0{width}d}"
        if len(text) != width:
            continue
        with pytest.raises(DateError, match="write the year in full"):
            parse_date(f"22 Feb {text}")


@pytest.mark.parametrize(
    ("text", "hint"),
    [("22/2/1", "22/02/YYYY"), ("22/02/010", "22/02/YYYY"), ("22.2.010", "22.02.YYYY")],
)
def test_numeric_dates_with_a_one_or_three_digit_year_say_write_it_in_full(text: str, hint: str) -> None:
    assert fails(2, "add", text, "0") == (
        f"DATE: cannot read '{text}' as a date: write the year in full, e.g. {hint}"
    )


def test_written_out_dates_with_the_year_in_full_still_read() -> None:
    from datetime import date

    from inspectcal.dates import parse_date

    for text in ("22 Feb 2010", "Monday 22nd February 2010", "February 22nd, 2010", "22-Feb-2010"):
        assert parse_date(text) == date(2010, 2, 22), text


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


# -- 5: the README's stdin errors are the real ones --------------------------------


def test_readme_shows_the_real_stdin_batch_errors() -> None:
    import re
    import subprocess
    import sys

    from .conftest import documentation

    readme = documentation()
    command = "printf '2010-02-22\\n2010-04-02\\nsoon\\n' | inspectcal date 5 --notified -"
    block = re.search(rf"```\n\$ {re.escape(command)}\n(.*?)```", readme, re.S)
    assert block is not None
    shown = block[1].splitlines()
    done = subprocess.run(
        [sys.executable, "-m", "inspectcal", "date", "5", "--notified", "-"],
        input="2010-02-22\n2010-04-02\nsoon\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert shown == done.stdout.splitlines() + done.stderr.splitlines()
    assert done.stderr.count("Error: ") == 3  # one per bad line, one summary
    assert "`Error: stdin line" not in readme  # the old, wrong form
    assert "one `Error:` line per bad input plus one summary line" in " ".join(readme.split())


# -- 3: holidays past the confirmed horizon ----------------------------------------

PROJECTION_WARNING = (
    "Warning: dates after 2028 count bank holidays projected from the usual rules (England and "
    "Wales); one-off days are announced later, so check them again then\n"
)


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_holidays_past_the_horizon_warn_once(fmt: str) -> None:
    code, out, err = run("holidays", "--year", "2031", "--format", fmt)
    assert (code, err) == (0, PROJECTION_WARNING)
    assert out


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_holidays_within_the_horizon_do_not_warn(fmt: str) -> None:
    code, _, err = run("holidays", "--year", "2028", "--format", fmt)
    assert (code, err) == (0, "")


def test_holidays_rows_say_projected_in_json_and_csv() -> None:
    code, out, _ = run("holidays", "--year", "2031", "--format", "json", "--closed", "2031-03-04")
    rows = json.loads(out)
    assert code == 0
    assert [(r["date"], r["closure"], r["projected"]) for r in rows] == [
        ("2031-01-01", False, True),
        ("2031-03-04", True, False),  # a closure is the council's own: never projected
        ("2031-04-11", False, True),
        ("2031-04-14", False, True),
        ("2031-05-05", False, True),
        ("2031-05-26", False, True),
        ("2031-08-25", False, True),
        ("2031-12-25", False, True),
        ("2031-12-26", False, True),
    ]
    confirmed = json.loads(run("holidays", "--year", "2028", "--format", "json")[1])
    assert confirmed
    assert not any(r["projected"] for r in confirmed)
    csv_out = run("holidays", "--year", "2031", "--format", "csv", "--closed", "2031-03-04")[1]
    assert csv_out.splitlines()[:3] == [
        "date,name,closure,projected",
        "2031-01-01,New Year's Day,no,yes",
        "2031-03-04,Council closure,yes,no",
    ]


def test_holidays_table_marks_projected_rows() -> None:
    out = run("holidays", "--year", "2031")[1]
    assert "Good Friday (projected)" in out
    assert (
        "Projected: bank holidays after 2028 follow the usual rules; one-off days are announced later."
        in " ".join(out.split())
    )
    assert "(projected)" not in run("holidays", "--year", "2028")[1]


def test_a_bank_holidays_file_moves_the_horizon_for_holidays(tmp_path: Path) -> None:
    events = [{"title": "New Year", "date": f"{y}-01-01"} for y in (2029, 2030, 2031)]
    extra = tmp_path / "later.json"
    extra.write_text(json.dumps({"england-and-wales": {"events": events}}), "utf-8")
    code, out, err = run("holidays", "--year", "2031", "--format", "json", "--bank-holidays-file", str(extra))
    assert code == 0
    assert "projected" not in err  # the file confirms 2029-2031 (it warns of the days it leaves out)
    assert [(r["date"], r["projected"]) for r in json.loads(out)] == [("2031-01-01", False)]


# -- 6: the reader of a pipe goes away ------------------------------------------------


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


# -- 7: closures, bank-holidays and framework files in Windows encodings -------------------

UTF16 = [("utf-16-le", "\ufeff"), ("utf-16-be", "\ufeff")]


def _write(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(("encoding", "bom"), UTF16)
@pytest.mark.parametrize("ends", ["\r\n", "\n"])
def test_a_utf16_closures_file_with_a_bom_is_read(tmp_path: Path, encoding: str, bom: str, ends: str) -> None:
    closures = _write(tmp_path / "c.txt", f"{bom}# caf\u00e9{ends}2010-03-01  # shut{ends}", encoding)
    # Day 6 from Mon 22 Feb 2010 is Mon 1 Mar; closed, it moves to Tue 2 Mar (by hand).
    code, out, err = run("date", "6", "-n", "2010-02-22", "--closures", str(closures))
    assert (code, out, err) == (0, "2010-03-02\n", "")


@pytest.mark.parametrize(("encoding", "bom"), UTF16)
def test_a_utf16_bank_holidays_file_with_a_bom_is_read(tmp_path: Path, encoding: str, bom: str) -> None:
    events = [{"title": "Extra", "date": "2026-03-10"}]
    text = bom + json.dumps({"england-and-wales": {"events": events}})
    extra = _write(tmp_path / "bh.json", text, encoding)
    code, out, err = run("date", "5", "-n", "2026-03-04", "--bank-holidays-file", str(extra))
    assert code == 0
    assert out == "2026-03-11\n"  # Tue 10 Mar is the file's holiday, so Day 5 is Wed 11 Mar
    assert "Error" not in err


@pytest.mark.parametrize(("encoding", "bom"), UTF16)
def test_a_utf16_framework_file_with_a_bom_is_read(tmp_path: Path, encoding: str, bom: str) -> None:
    from .conftest import REPO

    source = (REPO / "inspectcal" / "frameworks" / "slac-2009.toml").read_text("utf-8")
    framework = _write(tmp_path / "u16.toml", bom + source.replace("\n", "\r\n"), encoding)
    code, out, err = run("plan", "-n", "2010-02-22", "--framework", str(framework), "--format", "json")
    assert (code, err) == (0, "")
    builtin = run("plan", "-n", "2010-02-22", "--format", "json")[1]
    assert json.loads(out)["milestones"] == json.loads(builtin)["milestones"]


@pytest.mark.parametrize(
    ("option", "what"),
    [("--closures", "closures file"), ("--bank-holidays-file", "bank holidays file")],
)
def test_non_utf8_files_are_named_for_what_they_are(tmp_path: Path, option: str, what: str) -> None:
    nobom = tmp_path / "nobom.txt"
    nobom.write_bytes("2010-03-01\n".encode("utf-16-le"))
    assert fails(2, "date", "6", "-n", "2010-02-22", option, str(nobom)) == (
        f"{what} {nobom}, line 1: is UTF-16 text without a byte-order mark: save it as UTF-8"
    )
    ansi = tmp_path / "ansi.txt"
    ansi.write_bytes("2010-03-01\n# caf\u00e9\n".encode("cp1252"))
    assert fails(2, "date", "6", "-n", "2010-02-22", option, str(ansi)) == (
        f"{what} {ansi}, line 2: is Windows-1252 (ANSI) text, not UTF-8: save it as UTF-8"
    )
    neither = tmp_path / "neither.txt"
    neither.write_bytes(b"2010-03-01\n\x81\x8d\n")
    assert fails(2, "date", "6", "-n", "2010-02-22", option, str(neither)) == (
        f"{what} {neither}, line 2: is not UTF-8 text (nor Windows-1252): save it as UTF-8"
    )


def test_a_non_utf8_framework_file_is_named_for_what_it_is(tmp_path: Path) -> None:
    framework = tmp_path / "f.toml"
    framework.write_bytes('id = "x"\n'.encode("utf-16-be"))
    assert fails(2, "plan", "-n", "2010-02-22", "--framework", str(framework)) == (
        f"framework file {framework}, line 1: is UTF-16 text without a byte-order mark: save it as UTF-8"
    )


def test_binary_files_are_still_called_binary(tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    assert fails(2, "date", "6", "-n", "2010-02-22", "--closures", str(photo)) == (
        f"closures file {photo}, line 1: is not text (it holds binary data): is it the right file?"
    )


def test_check_and_the_other_readers_share_one_list_of_byte_order_marks() -> None:
    from inspectcal.readers import base, delimited

    assert delimited.BOMS is base.BOMS


# -- 8: messages that name the real problem ----------------------------------------------


@pytest.mark.parametrize(
    "line", ["2010-03-01, 2010-03-02", "01/03/2010 02/03/2010", "1 Mar 2010; 2 Mar 2010"]
)
def test_two_dates_on_a_closures_line_are_called_two_dates(tmp_path: Path, line: str) -> None:
    closures = tmp_path / "c.txt"
    closures.write_text(f"{line}\n", "utf-8")
    assert fails(2, "date", "6", "-n", "2010-02-22", "--closures", str(closures)) == (
        f"closures file {closures}, line 1: '{line}' holds more than one date: give one date "
        "(a range is DATE..DATE)"
    )


def test_two_dates_as_one_option_are_called_two_dates() -> None:
    assert fails(2, "plan", "-n", "2010-02-22 2010-02-23") == (
        "--notified: '2010-02-22 2010-02-23' holds more than one date: give one date (a range is DATE..DATE)"
    )


def test_a_date_with_a_time_is_still_called_a_time() -> None:
    assert fails(2, "plan", "-n", "22 Feb 2010 14:30") == (
        "--notified: '22 Feb 2010 14:30' has a time in it: give the date only"
    )


def test_options_after_a_double_dash_are_explained() -> None:
    assert fails(2, "date", "--", "-1", "--notified", "2010-02-22") == (
        "Invalid value for 'N...': '--notified' is not a valid int: --notified comes after '--', which "
        "makes everything after it an argument; put the options before '--', or leave '--' out (a "
        "negative number needs none) (see 'inspectcal date --help')"
    )
    # Without the '--', -1 is read as the number it is.
    assert fails(2, "date", "-1", "--notified", "2010-02-22") == (
        "Day -1 does not exist: Days count from 1 (the notification date)"
    )


def test_an_anchor_whose_day_1_is_out_of_range_says_so() -> None:
    assert fails(2, "plan", "--anchor", "40=1975-01-02") == (
        "--anchor 40=1975-01-02: Day 1, the notification date it implies (39 working days before "
        "1975-01-02), would fall before 1975-01-01, the first supported date"
    )
    assert fails(2, "plan", "--anchor", "fieldwork-start=1975-01-06") == (
        "--anchor fieldwork-start=1975-01-06: Day 1, the notification date it implies (10 working "
        "days before 1975-01-06), would fall before 1975-01-01, the first supported date"
    )


@pytest.mark.slow
def test_an_endless_closure_names_the_closures(tmp_path: Path) -> None:
    ics = tmp_path / "dd.ics"
    ics.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\n"
        b"DTSTAMP:20110101T000000Z\r\nDTSTART;VALUE=DATE:20110525\r\nRRULE:FREQ=DAILY\r\n"
        b"SUMMARY:Closed\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert fails(2, "plan", "-n", "2011-05-24", "--closures", str(ics)) == (
        "Day 2 from 2011-05-24 falls after 2099-12-31, the last supported date: the closures leave "
        "no working day after 2011-05-24 up to 2099-12-31"
    )
    assert fails(2, "add", "2011-05-24", "5", "--closures", str(ics)) == (
        "the result falls outside the supported dates 1975-01-01 to 2099-12-31: the closures leave no "
        "working day after 2011-05-24 up to 2099-12-31"
    )
    assert fails(2, "date", "3", "-n", "2099-12-21", "--closed", "2099-12-23..2099-12-31") == (
        "Day 3 from 2099-12-21 falls after 2099-12-31, the last supported date: the closures leave "
        "only 1 working day after 2099-12-21 up to 2099-12-31"
    )


def test_the_end_of_the_supported_dates_alone_is_not_blamed_on_closures() -> None:
    # Thu 31 Dec 2099 is the last date: Day 2 from it does not exist, whatever the closures.
    assert fails(2, "date", "2", "-n", "2099-12-31") == (
        "Day 2 from 2099-12-31 falls after 2099-12-31, the last supported date"
    )


def _xlsx_with_a_formula(path: Path, cached: str | None) -> Path:
    import zipfile
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


# -- 9: check takes the column that holds Day numbers -------------------------------------


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


# -- 10: smaller inconsistencies ----------------------------------------------------------


@pytest.mark.parametrize("typed", ["SLAC-2009", "Slac-2009", " slac-2009 ", "ILACS-SHORT"])
def test_framework_ids_are_case_insensitive(typed: str) -> None:
    expected = typed.strip().lower()
    code, out, err = run("plan", "-n", "2010-02-22", "--framework", typed, "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["framework"]["id"] == expected
    assert run("frameworks", "show", typed)[0] == 0


def test_an_unknown_framework_is_still_refused() -> None:
    assert fails(2, "plan", "-n", "2010-02-22", "--framework", "SLAC-2010").startswith(
        "unknown framework 'SLAC-2010': choose one of "
    )


@pytest.mark.parametrize(
    ("start", "end", "following"),
    [
        ("2010-12-25", "2010-12-28", "2010-12-29"),  # Christmas weekend and its bank holidays
        ("2010-03-06", "2010-03-07", "2010-03-08"),  # a weekend
    ],
)
def test_window_over_a_range_without_a_working_day_is_refused(start: str, end: str, following: str) -> None:
    assert fails(2, "window", "--from", start, "--to", end) == (
        f"--from {start} --to {end} holds no working day (the next is {following}): give a range with "
        "at least one"
    )


def test_window_over_closed_days_only_is_refused() -> None:
    assert fails(
        2, "window", "--from", "2010-03-01", "--to", "2010-03-02", "--closed", "2010-03-01..2010-03-02"
    ) == (
        "--from 2010-03-01 --to 2010-03-02 holds no working day (the next is 2010-03-03): give a range "
        "with at least one"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Tues 16 Mar 2010",
        "Weds 17 Mar 2010",
        "Thurs 18 Mar 2010",
        "Thur 18 Mar 2010",
        "Thur. 18 Mar 2010",
        "TUES, 16 March 2010",
        "Tue 16 Mar 2010",
        "Thu 18 Mar 2010",
    ],
)
def test_common_weekday_abbreviations_are_read(text: str) -> None:
    from datetime import date

    from inspectcal.dates import parse_date

    expected = {"Tu": date(2010, 3, 16), "TU": date(2010, 3, 16), "We": date(2010, 3, 17)}
    assert parse_date(text) == expected.get(text[:2], date(2010, 3, 18))


def test_a_wrong_weekday_abbreviation_is_still_refused() -> None:
    assert fails(2, "add", "Thurs 19 Mar 2010", "0") == (
        "DATE: 'Thurs 19 Mar 2010' does not add up: 2010-03-19 is a Friday, not a Thursday"
    )


def test_check_reads_weekday_abbreviations_in_cells(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("Date,Day\nMon 22 Feb 2010,1\nThurs 11 Mar 2010 - Weds 17 Mar 2010,14-18\n", "utf-8")
    code, _, err = run("check", str(table), "-n", "2010-02-22")
    assert (code, err) == (0, "")


def test_markdown_shows_titles_as_typed(tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    framework = tmp_path / "f.toml"
    title = "*Bold* _it_ <b>html</b> [link](http://x) `code` ~~gone~~ a|b AT&amp;T back\\\\slash"
    framework.write_text(
        'id = "x"\ntitle = "X"\nstatus = "indicative"\nsource = "s"\n'
        f'[[milestones]]\nid = "a"\ntitle = "{title}"\nwho = "both"\nday = 1\n',
        "utf-8",
    )
    code, out, err = run("plan", "-n", "2010-02-22", "--framework", str(framework), "--format", "markdown")
    assert code == 0, err
    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(out)
    for tag in ("<em>", "<strong>x", "<b>", "<a ", "<code>", "<s>", "<del>"):
        assert tag not in html, tag
    shown = (
        "*Bold* _it_ &lt;b&gt;html&lt;/b&gt; [link](http://x) `code` ~~gone~~ a|b AT&amp;amp;T back\\slash"
    )
    assert f"<td>{shown}</td>" in html


# -- 4: slac-2009's sources disagree on the report, and it says so ------------------------


def test_slac_2009_states_that_its_sources_disagree_on_the_report() -> None:
    from inspectcal.frameworks import load_framework

    from .conftest import documentation

    framework = load_framework("slac-2009")
    wanted = ("draft-report", "final-report", "publication")
    days = {m.id: (m.start, m.end) for m in framework.milestones if m.id in wanted}
    assert days == {"draft-report": (25, 25), "final-report": (35, 35), "publication": (40, 40)}
    source = " ".join(framework.source.split())
    for fact in (
        "Bedford Borough Council's briefing note, whose report Days differ",
        "(draft 30, final and publication by 40 and 45; Nottinghamshire's, used here: 25, 35, 40)",
    ):
        assert fact in source, fact
    readme = " ".join(documentation().split())
    assert "The sources disagree, so the report dates are likely, not fixed" in readme


def test_the_bedford_note_says_what_the_source_quotes() -> None:
    from .conftest import shared_file

    note = " ".join(shared_file("seeds", "bedford-briefing-note.txt").read_text("utf-8").split())
    assert "The draft report will be sent ten days after the end of the inspection" in note
    assert "within 20 days of the end of the inspection" in note
    assert "within 25 days of the end of the inspection" in note
    notts = shared_file("seeds", "nottinghamshire-inspection-update.txt").read_text("utf-8")
    assert "(Day 25)" in notts
    assert "(Day 35)" in notts
    assert "(Day 40)" in notts


# -- 1b: refreshing the ILACS era table says which table plans read -------------------------


def _small_record(tmp_path: Path) -> Path:
    from .conftest import ILACS_RECORD

    rows = ILACS_RECORD.read_text("utf-8").splitlines()
    part = tmp_path / "part.csv"
    part.write_text("\n".join(rows[:101]) + "\n", "utf-8")
    return part


def test_writing_the_era_table_elsewhere_says_plans_do_not_read_it(tmp_path: Path) -> None:
    from inspectcal.record import RECORDS_DIR

    out = tmp_path / "ilacs.toml"
    code, stdout, err = run("ilacs-record", str(_small_record(tmp_path)), "--eras", "-o", str(out))
    assert (code, stdout) == (0, "")
    assert err == (
        f"Note: plans read the era table at {RECORDS_DIR / 'ilacs.toml'}, not {out}: reinstall "
        "inspectcal from the checkout that holds the new table (e.g. pip install --force-reinstall ., "
        "or pipx install --force .) for plans to use it\n"
    )
    assert out.read_text("utf-8").startswith("#")


def test_printing_the_era_table_to_stdout_adds_no_note(tmp_path: Path) -> None:
    part = _small_record(tmp_path)
    code, stdout, err = run("ilacs-record", str(part), "--eras")
    assert (code, err) == (0, "")
    written = tmp_path / "ilacs.toml"
    assert run("ilacs-record", str(part), "--eras", "-o", str(written))[0] == 0
    assert stdout == written.read_text("utf-8")  # the same table, only where it goes differs


def test_readme_says_an_installed_tool_must_be_reinstalled_after_a_refresh() -> None:
    from .conftest import documentation

    readme = " ".join(documentation().split())
    assert (
        "An installed inspectcal (pip, pipx or uv tool, as in the Quick start) reads its own copy of the "
        "table, not the checkout's: reinstall it from the checkout"
    ) in readme


@pytest.mark.parametrize(
    "data", [b"\x00" * 1000, b"\x00\x01" * 300, b"PK\x03\x04\x14\x00\x00\x00\x08\x00" * 20]
)
def test_nul_filled_files_are_binary_not_utf16(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(data)
    error = fails(2, "date", "6", "-n", "2010-02-22", "--closures", str(path))
    assert error.endswith(": is not text (it holds binary data): is it the right file?"), error


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        (["--year", "2022"], "--year"),
        (["--region", "scotland"], "--region"),
        (["--no-bank-holidays"], "--no-bank-holidays"),
        (["--closed", "2022-03-01"], "--closed"),
    ],
)
def test_holidays_compare_refuses_options_it_would_ignore(
    tmp_path: Path, extra: list[str], named: str
) -> None:
    official = tmp_path / "bh.json"
    official.write_text(json.dumps({"england-and-wales": {"events": [{"title": "X", "date": "2022-01-03"}]}}))
    assert fails(2, "holidays", "--compare", str(official), *extra) == (
        f"--compare covers every region and year of the file and counts no closures, so {named} would "
        "be ignored: give one or the other"
    )
    code, _, _ = run("holidays", "--compare", str(official), "--region", "England")
    assert code == 0
