"""check reads an Excel sheet as Excel shows it: hidden rows and columns (hidden, collapsed
into a group, zero height or width) are left out and noted; a workbook that opens on a chart
sheet is read from its first worksheet, said on stderr."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import run_cli


def check(path: Path, *extra: str) -> tuple[int, list[dict[str, Any]], str]:
    result = run_cli(["check", str(path), "-n", "2010-02-22", "--format", "json", *extra])
    rows = json.loads(result.stdout) if result.stdout.strip() else []
    return result.exit_code, rows, result.stderr


def patch_sheet(path: Path, old: str, new: str) -> None:
    """Edit the sheet's XML: openpyxl does not write every form Excel does (a zero width)."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    assert old in parts[sheet].decode()
    parts[sheet] = parts[sheet].decode().replace(old, new, 1).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def build(path: Path, rows: list[tuple[Any, ...]], change: Callable[[Any, Any], None]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Timetable"
    for row in rows:
        sheet.append(row)
    change(book, sheet)
    book.save(path)
    return path


# An old draft's dates in a hidden column headed Date, the visible one headed Date too.
TWO_DATES = [
    ("Date", "Date", "Day", "Activity"),
    ("01/02/2010", "22/02/2010", 1, "Notified"),
    ("02/02/2010", "23/02/2010", 2, "Call"),
    ("04/02/2010", "24/02/2010", 3, "Documents"),
]


def _hide_a(book: Any, sheet: Any) -> None:
    sheet.column_dimensions["A"].hidden = True


def _zero_width_a(book: Any, sheet: Any) -> None:
    pass  # patched in below: Excel's own form, which openpyxl drops


def _group_a(book: Any, sheet: Any) -> None:
    sheet.column_dimensions.group("A", "A", hidden=True, outline_level=1)


@pytest.mark.parametrize(
    ("hide", "how"), [(_hide_a, "hidden"), (_zero_width_a, "zero width"), (_group_a, "group")]
)
def test_a_hidden_column_is_not_read(tmp_path: Path, hide: Callable[[Any, Any], None], how: str) -> None:
    path = build(tmp_path / "t.xlsx", TWO_DATES, hide)
    if hide is _zero_width_a:
        patch_sheet(
            path, "<sheetData>", '<cols><col min="1" max="1" width="0" customWidth="1"/></cols><sheetData>'
        )
    code, rows, err = check(path)
    assert code == 0, (how, err)
    assert [(r["line"], r["date"]) for r in rows] == [(2, "22/02/2010"), (3, "23/02/2010"), (4, "24/02/2010")]
    assert (
        f"Note: timetable {path}, sheet 'Timetable': not read, as Excel does not show it: hidden column A\n"
        in err
    )


ROWS = [
    ("Date", "Day", "Activity"),
    ("22/02/2010", 1, "Notified"),
    ("23/02/2010", 9, "An old row, hidden"),
    ("23/02/2010", 2, "Call"),
    ("25/02/2010", 3, "Documents"),  # wrong: Day 4
]


def _hide_row(book: Any, sheet: Any) -> None:
    sheet.row_dimensions[3].hidden = True


def _zero_height_row(book: Any, sheet: Any) -> None:
    pass  # patched in below: Excel's own form, which openpyxl drops


def _group_row(book: Any, sheet: Any) -> None:
    sheet.row_dimensions.group(3, 3, hidden=True, outline_level=1)


@pytest.mark.parametrize("hide", [_hide_row, _zero_height_row, _group_row])
def test_a_hidden_row_is_not_checked_and_is_noted(tmp_path: Path, hide: Callable[[Any, Any], None]) -> None:
    path = build(tmp_path / "t.xlsx", ROWS, hide)
    if hide is _zero_height_row:
        patch_sheet(path, '<row r="3">', '<row r="3" ht="0" customHeight="1">')
    code, rows, err = check(path)
    assert code == 1
    assert [(r["line"], r["ok"]) for r in rows] == [(2, True), (4, True), (5, False)]
    assert (
        f"Note: timetable {path}, sheet 'Timetable': not read, as Excel does not show it: hidden row 3\n"
        in err
    )


def test_hidden_rows_and_columns_are_noted_together(tmp_path: Path) -> None:
    def change(book: Any, sheet: Any) -> None:
        _hide_row(book, sheet)
        sheet["D1"], sheet["D2"] = "Old notes", "x"
        sheet.column_dimensions["D"].hidden = True

    path = build(tmp_path / "t.xlsx", ROWS, change)
    _, _, err = check(path)
    assert "not read, as Excel does not show it: hidden row 3 and hidden column D" in err


def test_a_workbook_that_opens_on_a_chart_sheet_reads_its_first_worksheet(tmp_path: Path) -> None:
    from openpyxl.chart import BarChart, Reference

    def change(book: Any, sheet: Any) -> None:
        chart = BarChart()
        chart.add_data(Reference(sheet, min_col=2, min_row=1, max_row=2))
        book.create_chartsheet("Chart", 0).add_chart(chart)
        book.active = 0

    path = build(tmp_path / "t.xlsx", ROWS[:2], change)
    code, rows, err = check(path)
    assert (code, [r["line"] for r in rows]) == (0, [2])
    assert err == (
        f"Note: timetable {path} opens on the chart sheet 'Chart'; read sheet 'Timetable', its first "
        "visible worksheet (--sheet NAME reads another)\n"
    )
