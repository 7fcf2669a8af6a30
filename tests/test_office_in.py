"""check reads what people have: Word tables, Excel sheets, Excel's CSV and Unicode text.

The golden case: the Nottinghamshire timetable (examples/nottinghamshire-2010.csv), retyped
here as people type it (en dashes, spaced ranges, weekdays, Day labels in words, several
lines in a cell) in each format, must give the same four disagreeing rows.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspectcal.errors import InputError
from inspectcal.readers.typed import parse_day_label, parse_typed_range

from .conftest import REPO, run_cli

pytestmark = pytest.mark.office

SEED = REPO / "examples" / "nottinghamshire-2010.csv"
EN = "\u2013"  # en dash, as Word's AutoFormat types it
EM = "\u2014"
# The four slips, worked out by hand from the calendar (Easter 2010: Fri 2 and Mon 5 April):
# Day 25 is Mon 29 Mar, not Tue 30 (label 25 on 29 Mar: should be 26); 30 Mar - 5 Apr holds
# Days 27-29 (Easter Friday and Monday are not worked); 9 Apr is Day 33; 16 Apr is Day 38.
SLIPS = [
    ("Draft report sent for factual accuracy check", "26"),
    ("Local authority completes the factual accuracy check", "27-29"),
    ("Final report sent to local authority", "33"),
    ("Report published on the Ofsted website", "38"),
]


def seed_rows() -> list[dict[str, str]]:
    with SEED.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def span(text: str) -> tuple[date, date]:
    left, _, right = text.partition("..")
    return date.fromisoformat(left), date.fromisoformat(right or left)


def typed_date(text: str, style: int) -> str:
    """A seed date or range as people type it, in one of several styles."""
    start, end = span(text)
    names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    def words(d: date) -> str:
        return f"{names[d.weekday()]} {d.day} {months[d.month - 1]} {d.year}"

    def numeric(d: date) -> str:
        return f"{d.day:02d}/{d.month:02d}/{d.year}"

    if start == end:
        return [numeric, words][style % 2](start)
    return [
        f"{numeric(start)} {EN} {numeric(end)}",
        f"{words(start)} to {words(end)}",
        f"{numeric(start)} - {numeric(end)}",
        f"{words(start)} {EM}\n{words(end)}",  # two lines in one cell
    ][style % 4]


def typed_day(text: str, style: int) -> str:
    first, _, last = text.partition("-")
    if not last:
        return [first, f"Day {first}"][style % 2]
    return [f"{first}{EN}{last}", f"Days {first} to {last}", f"{first} - {last}", f"Day {first}{EN}{last}"][
        style % 4
    ]


def check_json(path: Path | str, *extra: str, stdin: bytes | None = None) -> tuple[list[dict[str, Any]], str]:
    result = run_cli(["check", str(path), "-n", "2010-02-22", "--format", "json", *extra], input=stdin)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    return json.loads(result.stdout), result.stderr


def slips(rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(r["activity"], r["expected_day"]) for r in rows if not r["ok"]]


def test_the_seed_csv_has_the_four_slips() -> None:
    rows, _ = check_json(SEED)
    assert slips(rows) == SLIPS
    assert len(rows) == 14


# -- the golden timetable in each format ------------------------------------------------


def build_docx(path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_heading("Nottinghamshire: Inspection update", level=1)
    document.add_paragraph("Who to contact:")
    contacts = document.add_table(rows=2, cols=2)
    contacts.rows[0].cells[0].text, contacts.rows[0].cells[1].text = "Name", "Role"
    contacts.rows[1].cells[0].text, contacts.rows[1].cells[1].text = "A. Person", "Lead officer"
    document.add_paragraph("Timetable:")
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Date(s)", "Day", "Activity"), strict=True):
        cell.text = text
    for index, row in enumerate(seed_rows()):
        if index == 6:  # a heading merged across the table before the on-site fortnight
            heading = table.add_row().cells
            heading[0].merge(heading[2]).text = "Fieldwork"
        cells = table.add_row().cells
        cells[0].text = typed_date(row["date"], index)
        cells[1].text = typed_day(row["day"], index)
        cells[2].text = row["activity"]
    document.save(path)


def build_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Timetable"
    sheet.append(["Nottinghamshire inspection timetable"])
    sheet.merge_cells("A1:C1")
    sheet.append([])
    sheet.append(["Date", "Day no.", "Activity"])
    for index, row in enumerate(seed_rows()):
        start, end = span(row["date"])
        # Single days as real date cells, ranges as text; Days as numbers or text labels.
        when: Any = start if start == end else typed_date(row["date"], index)
        day: Any = int(row["day"]) if row["day"].isdigit() else typed_day(row["day"], index)
        sheet.append([when, day, row["activity"]])
        if index == 4:
            sheet.append([])  # a blank row
            sheet.append(["Week two", None, None])  # a heading in the first column
    other = book.create_sheet("Notes")
    other.append(["nothing here"])
    book.save(path)


def build_text(
    path: Path, *, delimiter: str, encoding: str, bom: bytes = b"", sep_line: bool = False
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["Date", "Day", "Activity"])
    for index, row in enumerate(seed_rows()):
        activity = row["activity"].replace("'", "\u2019")  # Word's curly apostrophe
        writer.writerow([typed_date(row["date"], index + 1), typed_day(row["day"], index + 1), activity])
    text = (f"sep={delimiter}\r\n" if sep_line else "") + buffer.getvalue()
    path.write_bytes(bom + text.encode(encoding))


def test_golden_docx(tmp_path: Path) -> None:
    path = tmp_path / "timetable.docx"
    build_docx(path)
    rows, err = check_json(path)
    assert slips(rows) == SLIPS
    assert len(rows) == 14
    assert err == (
        f"Note: timetable {path} has 2 tables; read table 2, the first with a date and a Day column "
        "(--table N reads another)\n"
    )
    # Rows are numbered as in the Word table: the header is row 1, the merged heading row 8.
    assert [r["line"] for r in rows if not r["ok"]] == [13, 14, 15, 16]
    range_row = rows[5]
    assert range_row["day"] == "Days 6 to 10"
    assert range_row["ok"]


def test_golden_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "timetable.xlsx"
    build_xlsx(path)
    rows, err = check_json(path)
    opens_on = "the one Excel opens on (--sheet NAME reads another)"
    assert err == f"Note: timetable {path}: read sheet 'Timetable', {opens_on}\n"
    assert slips(rows) == SLIPS
    assert len(rows) == 14
    # Excel's own row numbers: header on row 3, a blank and a heading row after the fifth entry.
    assert [r["line"] for r in rows if not r["ok"]] == [16, 17, 18, 19]
    assert rows[0]["date"] == "2010-02-22"  # a real date cell
    assert rows[0]["day"] == "1"


def test_golden_cp1252_semicolon_csv(tmp_path: Path) -> None:
    path = tmp_path / "timetable.csv"
    build_text(path, delimiter=";", encoding="cp1252")
    assert EN.encode("cp1252") in path.read_bytes()
    rows, err = check_json(path)
    assert slips(rows) == [(a.replace("'", "\u2019"), d) for a, d in SLIPS]
    assert len(rows) == 14
    assert err == (
        f"Note: timetable {path} is not UTF-8: read it as Windows-1252 (cp1252), as Excel saves CSV "
        "in the UK; check its dashes and accents, or save it as CSV UTF-8\n"
    )
    assert [r["line"] for r in rows if not r["ok"]] == [12, 13, 14, 15]


def test_golden_utf16_unicode_text(tmp_path: Path) -> None:
    path = tmp_path / "timetable.txt"
    build_text(path, delimiter="\t", encoding="utf-16-le", bom=codecs.BOM_UTF16_LE)
    rows, err = check_json(path)
    assert err == ""
    assert slips(rows) == [(a.replace("'", "\u2019"), d) for a, d in SLIPS]
    assert len(rows) == 14


@pytest.mark.parametrize(
    ("delimiter", "encoding", "bom", "sep_line"),
    [
        (",", "utf-8", b"", False),
        (",", "utf-8", codecs.BOM_UTF8, False),
        (";", "utf-8", codecs.BOM_UTF8, True),
        ("\t", "utf-16-be", codecs.BOM_UTF16_BE, False),
        (",", "cp1252", b"", True),
    ],
    ids=["utf8", "utf8-bom", "utf8-bom-sep", "utf16be-tab", "cp1252-sep"],
)
def test_encodings_and_delimiters(
    tmp_path: Path, delimiter: str, encoding: str, bom: bytes, sep_line: bool
) -> None:
    path = tmp_path / "timetable.csv"
    build_text(path, delimiter=delimiter, encoding=encoding, bom=bom, sep_line=sep_line)
    rows, err = check_json(path)
    assert [d for _, d in slips(rows)] == ["26", "27-29", "33", "38"]
    assert ("Windows-1252" in err) is (encoding == "cp1252")
    # With a sep= line the header is line 2, and row numbers stay the file's own lines.
    assert rows[0]["line"] == (3 if sep_line else 2)


def test_stdin(tmp_path: Path) -> None:
    path = tmp_path / "timetable.csv"
    build_text(path, delimiter=";", encoding="utf-8")
    rows, err = check_json("-", stdin=path.read_bytes())
    assert err == ""
    assert [d for _, d in slips(rows)] == ["26", "27-29", "33", "38"]
    docx = tmp_path / "timetable.docx"
    build_docx(docx)
    rows, _ = check_json("-", stdin=docx.read_bytes())
    assert slips(rows) == SLIPS


# -- choosing the table and the columns ------------------------------------------------


def test_table_and_columns_options(tmp_path: Path) -> None:
    from docx import Document

    path = tmp_path / "t.docx"
    document = Document()
    first = document.add_table(rows=3, cols=3)
    for cells, texts in zip(
        (r.cells for r in first.rows),
        (("When", "Working day", "What"), ("22/02/2010", "1", "Notified"), ("26/02/2010", "4", "Set-up")),
        strict=True,
    ):
        for cell, text in zip(cells, texts, strict=True):
            cell.text = text
    second = document.add_table(rows=2, cols=2)
    second.rows[0].cells[0].text, second.rows[0].cells[1].text = "On", "Number"
    second.rows[1].cells[0].text, second.rows[1].cells[1].text = "23 Feb 2010", "2"
    document.save(path)
    rows, err = check_json(path)
    assert [(r["line"], r["date"], r["expected_day"], r["activity"]) for r in rows] == [
        (2, "22/02/2010", "1", "Notified"),
        (3, "26/02/2010", "5", "Set-up"),
    ]
    assert "read table 1" in err
    result = run_cli(
        [
            "check",
            str(path),
            "-n",
            "2010-02-22",
            "--table",
            "2",
            "--columns",
            "date=on,day=2",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert [(r["line"], r["expected_day"]) for r in json.loads(result.stdout)] == [(2, "2")]


# -- errors: one line, exit 2, naming the file, table or sheet, and row ---------------------


def fails(*args: str, stdin: bytes | None = None) -> str:
    result = run_cli(["check", *args, "-n", "2010-02-22"], input=stdin)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("Error: ")
    return result.stderr.removeprefix("Error: ").rstrip("\n")


def write_zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def test_a_zip_that_is_not_a_document(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "t.docx", {"readme.txt": b"hello"})
    assert fails(str(path)) == (
        f"timetable {path} is a zip file but not a Word (.docx) or Excel (.xlsx) document: "
        "is it the right file?"
    )


def test_a_damaged_zip(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    assert fails(str(path)) == f"timetable {path} is a damaged zip file: is it the right file?"


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_zip_needing_a_newer_unzipper_is_damaged_not_an_internal_error(tmp_path: Path, suffix: str) -> None:
    # Found by the damaged-file property test: zipfile raises NotImplementedError for an entry
    # that says it needs zip version 8.4.
    path = write_zip(tmp_path / f"t{suffix}", {"[Content_Types].xml": b"<Types/>"})
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 4), (b"PK\x01\x02", 6)):
        start = data.find(signature)
        data[start + offset : start + offset + 2] = (84).to_bytes(2, "little")
    path.write_bytes(bytes(data))
    assert fails(str(path)) == f"timetable {path} is a damaged zip file: is it the right file?"


def test_password_protected_files(tmp_path: Path) -> None:
    # Office saves an encrypted .docx/.xlsx as a compound (OLE) file, like an old .doc/.xls.
    path = tmp_path / "secret.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert fails(str(path)) == (
        f"timetable {path} is password-protected or an old binary Office file (.doc/.xls): "
        "remove the password, or save it as .docx or .xlsx"
    )
    # A zip whose entries are marked encrypted (Python writes none: set the flag by hand).
    zipped = write_zip(
        tmp_path / "secret.docx", {"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}
    )
    data = bytearray(zipped.read_bytes())
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start >= 0:
            data[start + flag_at] |= 0x1
            start = data.find(signature, start + 4)
    zipped.write_bytes(bytes(data))
    assert (
        fails(str(zipped))
        == f"timetable {zipped} is password-protected: remove the password and save it again"
    )


def test_a_damaged_document_inside_a_sound_zip(tmp_path: Path) -> None:
    for name, main in (("t.docx", "word/document.xml"), ("t.xlsx", "xl/workbook.xml")):
        path = write_zip(tmp_path / name, {"[Content_Types].xml": b"<Types/>", main: b"<not-closed>"})
        kind = "a Word document" if name.endswith("docx") else "an Excel workbook"
        message = fails(str(path))
        assert message.startswith(f"timetable {path} cannot be read as {kind} (")
        assert message.endswith("): is it damaged?")


def test_a_zip_bomb_is_refused_from_the_directory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w") as entry:
            chunk = b"<w:p/>" * 200_000
            for _ in range(45):  # 54 MB of XML in a file of a few hundred KB
                entry.write(chunk)
    assert path.stat().st_size < 1_000_000
    assert fails(str(path)) == (
        f"timetable {path} would unpack to 54 MB, more than a timetable needs "
        "(at most 100 MB, 25 MB of text): is it the right file?"
    )


def test_a_document_with_no_table(tmp_path: Path) -> None:
    from docx import Document

    path = tmp_path / "t.docx"
    document = Document()
    document.add_paragraph("Day 1: 22 Feb 2010")
    document.save(path)
    assert fails(str(path)) == (
        f"timetable {path} has no table: put the timetable in a Word table, or save it as CSV"
    )


def test_a_document_whose_tables_are_not_timetables(tmp_path: Path) -> None:
    from docx import Document

    path = tmp_path / "t.docx"
    document = Document()
    for _ in range(2):
        table = document.add_table(rows=1, cols=2)
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Name", "Role"
    document.save(path)
    assert fails(str(path)) == (
        f"timetable {path}: none of its 2 tables has a date column and a Day column; "
        "choose one with --table N and name its columns with --columns date=...,day=..."
    )
    assert fails(str(path), "--table", "3") == f"--table 3: timetable {path} has 2 tables"
    assert fails(str(path), "--table", "1") == (
        f"timetable {path}, table 1, row 1: the header needs a date column and a Day column; it has "
        "'Name', 'Role', with no date column and no Day column: name them with --columns date=...,day=..."
    )


def test_a_huge_sheet(tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "big.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Big")
    sheet.append(["Date", "Day"])
    for number in range(10_000):
        sheet.append(["2010-02-22", number + 1])
    book.save(path)
    assert fails(str(path)) == f"timetable {path}, sheet 'Big' has over 10,000 rows: is it the right sheet?"


def test_sheet_option_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    build_xlsx(path)
    rows, _ = check_json(path, "--sheet", "timetable")
    assert len(rows) == 14
    assert fails(str(path), "--sheet", "Plan") == (
        f"--sheet 'Plan': timetable {path} has no such sheet (it has 'Timetable', 'Notes')"
    )
    assert fails(str(path), "--sheet", "Notes").startswith(
        f"timetable {path}, sheet 'Notes', row 1: the header"
    )
    assert fails(str(path), "--table", "1") == (
        f"--table is for Word files; timetable {path} is an Excel workbook (use --sheet NAME)"
    )
    assert (
        fails(str(SEED), "--sheet", "x") == f"--sheet is for Word and Excel files; timetable {SEED} is text"
    )


def test_excel_turned_a_day_label_into_a_date(tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "t.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Date", "Day"])
    sheet.append([date(2010, 2, 22), 1])
    sheet.append(["01/03/2010 - 05/03/2010", date(2010, 10, 6)])
    book.save(path)
    assert fails(str(path)) == (
        f"timetable {path}, sheet 'Sheet', row 3: the Day cell holds the date 06/10/2010, not a Day: a "
        "spreadsheet may have turned a label such as 6-10 into a date; format the Day column as text and "
        "type it again"
    )


def test_every_unreadable_row_is_counted_none_skipped(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "Date,Day,Activity\n"
        "22/02/2010,1,Notified\n"
        ",,\n"  # blank: passed over
        "Date,Day,Activity\n"  # the header again (a page break in a pasted table): passed over
        ",,Council prepares\n"  # an activity with no date and no Day: reported
        "31/02/2010,2,Bad date\n"
        "23/02/2010,two,Bad day\n",
        "utf-8",
    )
    assert fails(str(path)) == (
        f"timetable {path}, line 5: it has no date and no Day (and 2 more lines that cannot be read)"
    )


def test_columns_option_errors(tmp_path: Path) -> None:
    assert fails(str(SEED), "--columns", "date=When") == "--columns must name the day column too"
    assert fails(str(SEED), "--columns", "when=date,day=day") == (
        "--columns 'when=date' is not ROLE=HEADER with ROLE date, day or activity, "
        "e.g. --columns 'date=Date(s),day=Day no'"
    )
    assert fails(str(SEED), "--columns", "date=When,day=Day") == (
        f"timetable {SEED}: no header row has the columns date='When', day='Day' (line 1 has 'date', 'day', "
        "'activity')"
    )


# -- labels and ranges as people type them -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25", (25, 25)),
        ("6-10", (6, 10)),
        (f"6{EN}10", (6, 10)),
        (f"6{EM}10", (6, 10)),
        ("6 - 10", (6, 10)),
        ("Day 6-10", (6, 10)),
        ("Days 6 to 10", (6, 10)),
        (f"Day 6 {EN} Day 10", (6, 10)),
        ("days\n6-10", (6, 10)),
        ("DAY 40", (40, 40)),
        ("6\u00a0-\u00a010", (6, 10)),  # non-breaking spaces
    ],
)
def test_day_labels(text: str, expected: tuple[int, int]) -> None:
    assert parse_day_label(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("six", "day 'six' is not a Day like 25, 6-10 or 'Days 6 to 10'"),
        ("0", "day '0' is not a Day like 25, 6-10 or 'Days 6 to 10': Days count from 1"),
        ("10-6", "days '10-6' end before they start: write the lower Day first"),
        ("6, 8", "day '6, 8' is not a Day like 25, 6-10 or 'Days 6 to 10'"),
    ],
)
def test_bad_day_labels(text: str, message: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_day_label(text)
    assert str(raised.value) == message


MAR_1, MAR_5 = date(2010, 3, 1), date(2010, 3, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01/03/2010", (MAR_1, MAR_1)),
        ("Mon 1 Mar 2010", (MAR_1, MAR_1)),
        ("Monday, 1 March 2010", (MAR_1, MAR_1)),
        ("Mon 01/03/2010", (MAR_1, MAR_1)),
        ("2010-03-01..2010-03-05", (MAR_1, MAR_5)),
        ("01/03/2010 - 05/03/2010", (MAR_1, MAR_5)),
        (f"01/03/2010 {EN} 05/03/2010", (MAR_1, MAR_5)),
        (f"01/03/2010{EN}05/03/2010", (MAR_1, MAR_5)),
        ("01/03/2010-05/03/2010", (MAR_1, MAR_5)),
        ("2010-03-01 - 2010-03-05", (MAR_1, MAR_5)),
        ("1 Mar 2010 to 5 Mar 2010", (MAR_1, MAR_5)),
        (f"Mon 1 Mar 2010 {EM} Fri 5 Mar 2010", (MAR_1, MAR_5)),
        (f"1{EN}5 March 2010", (MAR_1, MAR_5)),
        ("1st-5th March 2010", (MAR_1, MAR_5)),
        (f"Mon 1 {EN} Fri 5 Mar 2010", (MAR_1, MAR_5)),
        (f"Mon 29 Mar {EN} Tue 6 Apr 2010", (date(2010, 3, 29), date(2010, 4, 6))),
        (f"28 Dec {EN} 4 Jan 2011", (date(2010, 12, 28), date(2011, 1, 4))),
        ("Mon 1 Mar 2010 -\nFri 5 Mar 2010", (MAR_1, MAR_5)),
        ("Mon 1 Mar 2010\nto\nFri 5 Mar 2010", (MAR_1, MAR_5)),
        ("01/03/2010\n05/03/2010", (MAR_1, MAR_5)),
        ("  01/03/2010\u00a0-\u00a005/03/2010 ", (MAR_1, MAR_5)),
    ],
)
def test_dates_and_ranges(text: str, expected: tuple[date, date]) -> None:
    assert parse_typed_range(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("05/03/2010 - 01/03/2010", "range '05/03/2010 - 01/03/2010' ends before it starts"),
        (f"Tue 1 {EN} Fri 5 Mar 2010", "2010-03-01 is a Monday, not a Tue"),
        ("05/03/2010\n01/03/2010", "are not in order"),
        ("", "empty date"),
        ("soon", "cannot read 'soon' as a date"),
    ],
)
def test_bad_dates_and_ranges(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_typed_range(text)


def test_checking_a_csv_imports_neither_office_library() -> None:
    import subprocess
    import sys

    from .test_startup import PROBE

    done = subprocess.run(
        [sys.executable, "-c", PROBE, "check", str(SEED), "-n", "2010-02-22", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    line = next(ln for ln in done.stderr.splitlines() if ln.startswith("MODULES "))
    loaded = set(line.split()[1:])
    assert "inspectcal.readers.delimited" in loaded
    for name in ("openpyxl", "docx", "lxml", "inspectcal.readers.xlsx", "inspectcal.readers.docx"):
        assert name not in loaded, name


def test_vertically_merged_date_cells_give_their_date_to_each_row(tmp_path: Path) -> None:
    from docx import Document
    from openpyxl import Workbook

    docx_path = tmp_path / "t.docx"
    document = Document()
    table = document.add_table(rows=4, cols=3)
    texts = [("Date", "Day", "Activity"), ("", "11", "Fieldwork starts"), ("", "11", "Meet the Director")]
    texts.append(("Tue 9 Mar 2010", "12", "Case files"))
    for row, values in zip(table.rows, texts, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
    table.cell(1, 0).merge(table.cell(2, 0)).text = "Mon 8 Mar 2010"
    document.save(docx_path)

    xlsx_path = tmp_path / "t.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Date", "Day", "Activity"])
    sheet.append([date(2010, 3, 8), 11, "Fieldwork starts"])
    sheet.append([None, 11, "Meet the Director"])
    sheet.append([date(2010, 3, 9), 12, "Case files"])
    sheet.merge_cells("A2:A3")
    book.save(xlsx_path)

    for path, shown in ((docx_path, "Mon 8 Mar 2010"), (xlsx_path, "2010-03-08")):
        result = run_cli(["check", str(path), "-n", "2010-02-22", "--format", "json"])
        assert result.exit_code == 0, (result.stdout, result.stderr)
        rows = json.loads(result.stdout)
        assert [(r["line"], r["date"], r["expected_day"]) for r in rows] == [
            (2, shown, "11"),
            (3, shown, "11"),
            (4, rows[2]["date"], "12"),
        ]


def test_a_word_table_over_the_row_limit(tmp_path: Path) -> None:
    import copy

    from docx import Document

    path = tmp_path / "long.docx"
    document = Document()
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Date", "Day"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "22/02/2010", "1"
    row = table.rows[1]._tr
    for _ in range(10_000):
        row.addnext(copy.deepcopy(row))
    document.save(path)
    assert fails(str(path)) == f"timetable {path}, table 1 has over 10,000 rows: is it the right table?"


# -- properties ----------------------------------------------------------------------------


_WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _written(day: date, style: int, *, year: bool = True) -> str:
    tail = f" {day.year}" if year else ""
    return [
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTH_NAMES[day.month - 1][:3]}{tail}",
        f"{day.day} {_MONTH_NAMES[day.month - 1]}{tail}",
        day.isoformat(),
    ][style if year else 1 + style % 2]


@given(
    start=st.dates(min_value=date(1976, 1, 1), max_value=date(2098, 12, 1)),
    length=st.integers(min_value=0, max_value=40),
    left_style=st.integers(0, 3),
    right_style=st.integers(0, 3),
    joiner=st.sampled_from([" - ", f" {EN} ", EN, f" {EM} ", " to ", "..", f" {EN}\n", "\n"]),
    short_left=st.booleans(),
)
def test_any_range_written_as_people_do_reads_back(
    start: date, length: int, left_style: int, right_style: int, joiner: str, short_left: bool
) -> None:
    from datetime import timedelta

    end = start + timedelta(days=length)
    # The first date may leave out its year when the second gives it (not with ".." or ISO).
    short = short_left and joiner not in ("..", "\n") and right_style != 3
    left = _written(start, left_style, year=not short)
    text = _written(start, left_style) if length == 0 else f"{left}{joiner}{_written(end, right_style)}"
    assert parse_typed_range(text) == (start, end)


@given(
    first=st.integers(1, 400),
    extra=st.integers(0, 30),
    style=st.integers(0, 5),
)
def test_any_day_label_written_as_people_do_reads_back(first: int, extra: int, style: int) -> None:
    last = first + extra
    label = [
        f"{first}-{last}",
        f"{first}{EN}{last}",
        f"{first} - {last}",
        f"Day {first}-{last}",
        f"Days {first} to {last}",
        f"Day {first} {EM} Day {last}",
    ][style]
    assert parse_day_label(label) == (first, last)


@given(st.text(max_size=60))
def test_cells_of_any_text_read_or_give_a_clear_error(text: str) -> None:
    for parse in (parse_typed_range, parse_day_label):
        message = ""
        try:
            parse(text)
        except InputError as error:
            message = str(error)
        assert message.count("\n") == 0


def test_a_day_label_excel_turned_into_a_date_in_a_csv(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Date,Day\n22/02/2010,1\n01/03/2010 - 05/03/2010,06-Oct\n", "utf-8")
    assert fails(str(path)) == (
        f"timetable {path}, line 3: day '06-Oct' is not a Day like 25, 6-10 or 'Days 6 to 10': a spreadsheet "
        "may have turned a label such as 6-10 into a date; format the Day column as text and type it again"
    )


def test_columns_by_number_in_a_sheet_without_a_header(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "Notified,22/02/2010,1\nSet-up meeting,26/02/2010,5\nOn site,08/03/2010 - 19/03/2010,11-20\n"
    )
    result = run_cli(
        ["check", str(path), "-n", "2010-02-22", "--columns", "date=2,day=3,activity=1", "--format", "json"],
    )
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["line"], r["activity"], r["expected_day"]) for r in rows] == [
        (1, "Notified", "1"),
        (2, "Set-up meeting", "5"),
        (3, "On site", "11-20"),
    ]
    # With a header row, numbers still work, and the header is not read as a row.
    path.write_text("What,When,Day\n" + path.read_text())
    result = run_cli(
        ["check", str(path), "-n", "2010-02-22", "--columns", "date=2,day=3", "--format", "json"]
    )
    assert [r["line"] for r in json.loads(result.stdout)] == [2, 3, 4]


@pytest.fixture(scope="module")
def office_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("office")
    build_docx(folder / "t.docx")
    build_xlsx(folder / "t.xlsx")
    return {kind: (folder / f"t.{kind}").read_bytes() for kind in ("docx", "xlsx")}


@given(
    kind=st.sampled_from(["docx", "xlsx"]),
    cut=st.integers(min_value=0, max_value=100_000),
    flips=st.lists(st.tuples(st.integers(0, 100_000), st.integers(1, 255)), max_size=8),
)
def test_damaged_office_files_give_one_error_line(
    office_files: dict[str, bytes], kind: str, cut: int, flips: list[tuple[int, int]]
) -> None:
    data = bytearray(office_files[kind])
    for at, value in flips:
        data[at % len(data)] ^= value
    damaged = bytes(data[: len(data) - cut % len(data)]) if cut % 3 == 0 else bytes(data)
    result = run_cli(["check", "-", "-n", "2010-02-22", "--format", "json"], input=damaged)
    assert result.exit_code in (0, 1, 2), result.stderr
    assert "internal error" not in result.stderr
    assert "Traceback" not in result.stderr
    if result.exit_code == 2:
        assert result.stderr.startswith("Error: ")
        assert result.stderr.count("\n") == 1


def test_text_keeps_the_text_limit_and_office_files_their_own(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Date,Day\n" + "22/02/2010,1\n" * 90_000, "utf-8")
    assert path.stat().st_size > 1_000_000
    assert fails(str(path)) == f"timetable {path} is over 1 MB: is it the right file?"
    big = tmp_path / "t.docx"
    big.write_bytes(b"PK\x03\x04" + b"\0" * 20_000_001)
    assert fails(str(big)) == f"timetable {big} is over 20 MB: is it the right file?"


def test_word_cells_read_as_word_shows_them_with_tracked_changes(tmp_path: Path) -> None:
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    path = tmp_path / "t.docx"
    document = Document()
    table = document.add_table(rows=3, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Date", "Day", "Activity"), strict=True):
        cell.text = text
    table.rows[1].cells[0].text = "22/02/2010"
    table.rows[1].cells[1].text = "1"
    table.rows[1].cells[2].text = "Notified"
    # Row 3 as edited with Track Changes on: "26/02/2010" was "25/02/2010", Day "5" was "4",
    # and a content control holds the activity.
    w = nsdecls("w")
    edits = (
        f'<w:p {w}><w:r><w:t>2</w:t></w:r><w:del w:id="1" w:author="x"><w:r><w:delText>5</w:delText></w:r>'
        f'</w:del><w:ins w:id="2" w:author="x"><w:r><w:t>6</w:t></w:r></w:ins>'
        "<w:r><w:t>/02/2010</w:t></w:r></w:p>",
        f'<w:p {w}><w:del w:id="3" w:author="x"><w:r><w:delText>4</w:delText></w:r></w:del>'
        f'<w:ins w:id="4" w:author="x"><w:r><w:t>5</w:t></w:r></w:ins></w:p>',
        f"<w:p {w}><w:sdt><w:sdtContent><w:r><w:t>Set-up</w:t></w:r></w:sdtContent></w:sdt>"
        f"<w:r><w:tab/><w:t>meeting</w:t></w:r></w:p>",
    )
    for cell, xml in zip(table.rows[2].cells, edits, strict=True):
        cell._tc.remove(cell._tc.p_lst[0])
        cell._tc.append(parse_xml(xml))
    document.save(path)
    result = run_cli(["check", str(path), "-n", "2010-02-22", "--format", "json"])
    assert result.exit_code == 0, (result.stdout, result.stderr)
    rows = json.loads(result.stdout)
    assert [(r["date"], r["day"], r["expected_day"], r["activity"]) for r in rows] == [
        ("22/02/2010", "1", "1", "Notified"),
        ("26/02/2010", "5", "5", "Set-up meeting"),
    ]


def test_a_table_inside_a_content_control_is_found_and_nested_tables_are_not_counted(tmp_path: Path) -> None:
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    path = tmp_path / "t.docx"
    document = Document()
    outer = document.add_table(rows=1, cols=1)
    outer.rows[0].cells[0].add_table(rows=1, cols=2)  # a table nested in a cell: not a table of its own
    table = document.add_table(rows=2, cols=2)
    cells = [*table.rows[0].cells, *table.rows[1].cells]
    for cell, text in zip(cells, ("Date", "Day", "26/02/2010", "5"), strict=True):
        cell.text = text
    # Wrap the timetable in a block content control, as many council templates do.
    sdt = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtContent/></w:sdt>")
    table._tbl.addprevious(sdt)
    sdt[0].append(table._tbl)
    document.save(path)
    result = run_cli(["check", str(path), "-n", "2010-02-22", "--format", "json"])
    assert result.exit_code == 0
    assert [(r["line"], r["expected_day"]) for r in json.loads(result.stdout)] == [(2, "5")]
    assert result.stderr == (
        f"Note: timetable {path} has 2 tables; read table 2, the first with a date and a Day column "
        "(--table N reads another)\n"
    )


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes("Date\tDay\r\n22/02/2010\t1\r\n".encode(encoding))
    assert fails(str(path)) == (
        f"timetable {path} looks like UTF-16 text without a byte-order mark: save it from Excel as "
        "Unicode text or as CSV UTF-8"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["-n", "2010-02-22"],
        ["-n", "2010-12-13", "--closed", "2010-12-29..2010-12-31"],  # across New Year, with closures
        ["-n", "2024-11-25", "-f", "ilacs-standard"],
        ["-n", "2019-03-18", "-f", "jtai", "--region", "scotland"],
    ],
)
def test_check_agrees_with_every_row_of_the_word_plan_it_wrote(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "plan.docx"
    made = run_cli(["plan", *args, "--format", "docx", "-o", str(path)])
    assert made.exit_code == 0, made.stderr
    checked = [a for a in args if a not in ("-f", "ilacs-standard", "jtai")]
    result = run_cli(["check", str(path), *checked, "--format", "json"])
    assert result.exit_code == 0, (result.stdout, result.stderr)
    rows = json.loads(result.stdout)
    plan = json.loads(run_cli(["plan", *args, "--format", "json"]).stdout)
    assert len(rows) == len(plan["milestones"])
    assert all(r["ok"] for r in rows)


# -- which Excel sheet is read ---------------------------------------------------------------------


def run_check(*args: str) -> tuple[int, str, str]:
    result = run_cli(["check", *args, "-n", "2010-02-22"])
    return result.exit_code, result.stdout, result.stderr


def two_sheet_book(path: Path, *, hidden_day11: str, visible_day11: str, active: int = 1) -> None:
    """Sheet 1 'Old draft' hidden, sheet 2 'Final' visible; Day 11 on the given dates."""
    from datetime import date

    from openpyxl import Workbook

    book = Workbook()
    old = book.active
    assert old is not None
    old.title = "Old draft"
    final = book.create_sheet("Final")
    for sheet, day11 in ((old, hidden_day11), (final, visible_day11)):
        sheet.append(["Date", "Day", "Activity"])
        sheet.append([date(2010, 2, 22), 1, "Notification"])
        sheet.append([date.fromisoformat(day11), 11, "Fieldwork starts"])
    old.sheet_state = "hidden"
    book.active = active
    book.save(path)


def test_a_hidden_old_draft_is_not_read_and_the_sheet_read_is_named(tmp_path: Path) -> None:
    path = tmp_path / "hidden.xlsx"
    two_sheet_book(path, hidden_day11="2010-03-09", visible_day11="2010-03-08")
    code, out, err = run_check(str(path))
    assert code == 0, (out, err)
    assert err == (
        f"Note: timetable {path}: read sheet 'Final', the one Excel opens on (--sheet NAME reads another)\n"
    )
    assert "2010-03-09" not in out


def test_a_correct_hidden_draft_does_not_pass_a_wrong_visible_sheet(tmp_path: Path) -> None:
    path = tmp_path / "reverse.xlsx"
    two_sheet_book(path, hidden_day11="2010-03-08", visible_day11="2010-03-09")
    code, out, err = run_check(str(path))
    assert code == 1, (out, err)
    assert "2010-03-09" in out
    assert "WRONG" in out
    assert "sheet 'Final'" in err


def test_the_first_visible_sheet_when_the_active_one_is_hidden(tmp_path: Path) -> None:
    # Excel never leaves a hidden sheet active, but other programs may write one.
    path = tmp_path / "odd.xlsx"
    two_sheet_book(path, hidden_day11="2010-03-09", visible_day11="2010-03-08")

    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b'activeTab="1"', b'activeTab="0"')
    assert b'activeTab="0"' in parts["xl/workbook.xml"]
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    code, out, err = run_check(str(path))
    assert code == 0, (out, err)
    assert "read sheet 'Final'" in err


def test_the_active_sheet_is_read_not_the_first(tmp_path: Path) -> None:
    from datetime import date

    from openpyxl import Workbook

    path = tmp_path / "active.xlsx"
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "Notes"
    first.append(["Nothing to see"])
    plan = book.create_sheet("Plan")
    plan.append(["Date", "Day"])
    plan.append([date(2010, 3, 8), 11])
    book.active = 1
    book.save(path)
    code, out, err = run_check(str(path))
    assert code == 0, (out, err)
    assert err == (
        f"Note: timetable {path}: read sheet 'Plan', the one Excel opens on (--sheet NAME reads another)\n"
    )


def test_a_hidden_sheet_is_read_only_when_named_and_the_note_says_it_is_hidden(tmp_path: Path) -> None:
    path = tmp_path / "hidden.xlsx"
    two_sheet_book(path, hidden_day11="2010-03-09", visible_day11="2010-03-08")
    code, out, err = run_check(str(path), "--sheet", "old draft")
    assert code == 1, (out, err)
    assert err == (
        f"Note: timetable {path}: read sheet 'Old draft', as --sheet asks "
        "(a hidden sheet: Excel does not show it)\n"
    )


def test_a_one_sheet_workbook_names_its_sheet(tmp_path: Path) -> None:
    from datetime import date

    from openpyxl import Workbook

    path = tmp_path / "one.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Date", "Day"])
    sheet.append([date(2010, 3, 8), 11])
    book.save(path)
    code, _, err = run_check(str(path))
    assert code == 0
    assert err == f"Note: timetable {path}: read sheet 'Sheet', its only sheet\n"


# -- hidden Word text ------------------------------------------------------------------------------


def test_hidden_word_text_is_not_read(tmp_path: Path) -> None:
    from docx import Document

    path = tmp_path / "vanish.docx"
    document = Document()
    table = document.add_table(rows=3, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Date", "Day"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "22/02/2010", "1"
    cell = table.rows[2].cells[0].paragraphs[0]
    cell.add_run("09/03/2010 ").font.hidden = True  # hidden text: Word does not show it
    cell.add_run("08/03/2010")
    shown = cell.add_run(" ")
    shown.font.hidden = False  # w:vanish w:val="0": shown
    table.rows[2].cells[1].text = "11"
    document.save(path)
    code, out, err = run_check(str(path), "--format", "csv")
    assert code == 0, (out, err)
    # hidden text is left out and said (it was left out silently)
    assert (
        err
        == f"Note: timetable {path}, table 1: text hidden in Word (Font > Hidden) was not read, in row 3\n"
    )
    assert "\n3,08/03/2010,11,yes,11,," in out.replace("\r\n", "\n"), out


# -- Excel formulas, times and short years ---------------------------------------------------------


def test_a_midnight_time_from_excel_is_read_as_the_date(tmp_path: Path) -> None:
    from datetime import date

    from inspectcal.readers.typed import parse_typed_range

    assert parse_typed_range("22/02/2010 00:00") == (date(2010, 2, 22), date(2010, 2, 22))
    assert parse_typed_range("2010-02-22 00:00:00") == (date(2010, 2, 22), date(2010, 2, 22))
    assert parse_typed_range("01/03/2010 00:00 - 05/03/2010 00:00") == (date(2010, 3, 1), date(2010, 3, 5))
    path = tmp_path / "excel.csv"
    path.write_text("date,day\n22/02/2010 00:00,1\n08/03/2010 00:00,11\n", encoding="utf-8")
    code, out, err = run_check(str(path))
    assert (code, err) == (0, ""), out
    with pytest.raises(InputError) as raised:
        parse_typed_range("22/02/2010 09:30")
    assert str(raised.value) == (
        "'22/02/2010 09:30' has a time in it: give the date only, or check the .xlsx itself, "
        "whose date cells are read as dates"
    )


def test_a_two_digit_year_from_excel_points_to_the_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_text("date,day\n22-Feb-10,1\n", encoding="utf-8")
    code, _, err = run_check(str(path))
    assert code == 2
    assert err == (
        f"Error: timetable {path}, line 2: '22-Feb-10' gives the year as '10': write the year in full, "
        "e.g. '22 Feb 2010', or check the .xlsx itself, whose date cells are read as dates\n"
    )
