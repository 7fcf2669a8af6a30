"""The plan, or a what-if window, as an Excel workbook people can sort, filter and restyle.

The main sheet is an Excel Table (autofilter, banded rows) under a frozen header. Day
numbers are numbers and dates are real date cells shown as ``Mon 01 Mar 2010``, so that
sorting and formulas such as WORKDAY work. A second sheet says what the dates rest on:
the framework and its status and source, the region, closures, skipped days and how far
the bank holidays are confirmed. Free text is always written as text, never as a formula.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from inspectcal.plan import Plan
from inspectcal.render import calendar_note, forecast_text, plan_heading
from inspectcal.render.office import fixed_zip, naive_utc
from inspectcal.window import Candidate, Critical

DATE_FORMAT = "ddd dd mmm yyyy"
PLAN_HEADER = ("Start day", "End day", "Start", "End", "Milestone", "Id", "Who")
_MAX_WIDTH = 60
# The Reason of a clash with a date avoided without a name (--avoid DATE, or a file line with
# no "# name"): a filterable column that is blank looks broken.
UNNAMED_REASON = "avoided date (no name given)"


def plan_workbook(plan: Plan, when: datetime) -> bytes:
    """The plan as .xlsx bytes; ``when`` is the documents' created/modified time."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "Plan"
    rows: list[list[Any]] = [
        [m.start_day, m.end_day, m.start, m.end, m.title, m.id, m.who] for m in plan.milestones
    ]
    _table(sheet, "Plan", PLAN_HEADER, rows)
    _about(book.create_sheet("About"), plan, [("Plan", plan_heading(plan))])
    return _save(book, plan_heading(plan), when)


def window_workbook(candidates: Sequence[Candidate], critical: Sequence[Critical], when: datetime) -> bytes:
    """Every candidate notification date with its key milestones' dates and clashes.

    Sheets: "Window" (one row per candidate), "Clashes" (one row per clash, to filter),
    "About" (the calendar and framework, from the first candidate's plan).
    """
    from inspectcal.render.window import clash_summary, key_milestones

    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "Window"
    keys = key_milestones(candidates[0], critical) if candidates else []
    header = ["Notified (Day 1)"]
    for m in keys:
        days = f"Day {m.start_day}" if m.start_day == m.end_day else f"Days {m.start_day}-{m.end_day}"
        header += (
            [f"{m.id} start ({days})", f"{m.id} end"] if m.start_day != m.end_day else [f"{m.id} ({days})"]
        )
    header += ["Clashes", "Clash details"]
    rows: list[list[Any]] = []
    clashes: list[list[Any]] = []
    for candidate in candidates:
        row: list[Any] = [candidate.plan.notified]
        for m in key_milestones(candidate, critical):
            row += [m.start, m.end] if m.start_day != m.end_day else [m.start]
        rows.append([*row, len(candidate.clashes), clash_summary(candidate)])
        clashes += [
            [candidate.plan.notified, c.date, c.milestone, c.reason or UNNAMED_REASON]
            for c in candidate.clashes
        ]
    _table(sheet, "Window", header, rows)
    _table(
        book.create_sheet("Clashes"), "Clashes", ["Notified (Day 1)", "Date", "Milestone", "Reason"], clashes
    )
    title = "What-if window"
    if candidates:
        first, last = candidates[0].plan, candidates[-1].plan
        title = f"{first.framework.title}: notification dates {first.notified} to {last.notified}"
        extra = [
            ("Window", title),
            ("Critical milestones", ", ".join(c.name for c in critical)),
        ]
        _about(book.create_sheet("About"), first, extra, skipped=False)
    return _save(book, title, when)


def _table(sheet: Worksheet, name: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Header and rows as an Excel Table with a frozen header and fitted column widths."""
    sheet.append([_text_value(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in rows:
        sheet.append([_text_value(v) if isinstance(v, str) else v for v in values])
    for row in sheet.iter_rows():
        for cell in row:
            _style(cell)
    _fit(sheet)
    sheet.freeze_panes = "A2"
    _print_setup(sheet)
    if not rows:
        return  # an Excel Table needs at least one row under its header
    from openpyxl.utils import get_column_letter

    ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    table = Table(displayName=name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    sheet.add_table(table)


def _about(sheet: Worksheet, plan: Plan, extra: list[tuple[str, Any]], *, skipped: bool = True) -> None:
    """What the dates rest on, closures included, as label/value rows; then the skipped days."""
    framework, source = plan.framework, plan.source
    horizon = source.confirmed_through
    rows: list[tuple[str, Any, str]] = [(label, value, "") for label, value in extra]
    rows += [
        ("Framework", framework.title, framework.id),
        ("Framework status", framework.status, ""),
        ("Framework source", framework.source, ""),
        ("Parameters", ", ".join(f"{k}={v}" for k, v in sorted(framework.parameters.items())), ""),
        ("Region", source.region.label, source.region.key),
        ("Bank holidays", "counted" if source.bank_holidays else "not counted", ""),
        ("Working days", source.describe(closed=plan.closed_days), ""),
        (
            "Bank holidays confirmed through",
            horizon if horizon is not None else "not applicable",
            "later years are projected from the usual rules" if horizon is not None else "",
        ),
    ]
    forecast = forecast_text(plan)  # ILACS publication: the spread in Ofsted's record
    if forecast:
        rows.append(("Forecast", forecast, ""))
    if plan.projected_after is not None:
        rows.append(("Projected", f"dates after {plan.projected_after} rest on projected bank holidays", ""))
    if skipped:
        rows.append(("Note", calendar_note(plan), ""))
    # Closures as label/value rows: "Closure", the date, its name.
    closures = sorted(source.closure_days().items())
    rows += [("Closure", day, name or "a council closure day") for day, name in closures]
    if not closures:
        rows.append(("Closures", "none given", ""))
    sheet.append(["Item", "Value", "Detail"])
    for label, value, detail in rows:
        sheet.append(
            [_text_value(label), _text_value(value) if isinstance(value, str) else value, _text_value(detail)]
        )
    if skipped:
        sheet.append([])
        sheet.append(["Skipped days", "Date", "Name", "Why"])
        for off in plan.skipped:
            sheet.append(["skipped", off.date, _text_value(off.name), _text_value(off.description)])
        if not plan.skipped:
            sheet.append(["skipped", "none", "no bank holidays or closures fall inside this plan"])
    for row in sheet.iter_rows():
        first = row[0]
        if first.value in ("Item", "Skipped days"):
            for cell in row:
                cell.font = Font(bold=True)
        for cell in row:
            _style(cell)
    _fit(sheet)
    sheet.freeze_panes = "A2"
    _print_setup(sheet)


def _print_setup(sheet: Worksheet) -> None:
    """Printed on A4 landscape, one page wide, with the header row on every page."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages tall as the rows need
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = False


def _text_value(text: str) -> str:
    """Text Excel can hold: control characters (which no title needs) become spaces."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub(" ", text)


# What Excel and LibreOffice read as the start of a formula when a cell is edited or a CSV opened.
FORMULA_START = ("=", "+", "-", "@")


def _style(cell: Cell | Any) -> None:
    if isinstance(cell.value, date):
        cell.number_format = DATE_FORMAT
    elif cell.value == "":
        cell.value = None  # an empty cell, not an empty inline string (which some readers reject)
    elif isinstance(cell.value, str):
        cell.data_type = "s"  # text as typed: "=..." is never run as a formula
        if cell.value.startswith(FORMULA_START):
            cell.quotePrefix = True  # Excel's leading ': stays text when edited or saved as CSV
        if len(cell.value) > _MAX_WIDTH:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _fit(sheet: Worksheet) -> None:
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in sheet.iter_rows():
        for index, cell in enumerate(row, start=1):
            value = cell.value
            length = 15 if isinstance(value, date) else len(str(value)) if value is not None else 0
            widths[index] = max(widths.get(index, 0), length)
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width, 6), _MAX_WIDTH) + 2


def _save(book: Workbook, title: str, when: datetime) -> bytes:
    stamp = naive_utc(when)
    book.properties.title = title
    book.properties.creator = "inspectcal"
    book.properties.created = stamp
    book.properties.modified = stamp
    buffer = io.BytesIO()
    # ExcelWriter, not Workbook.save: save() stamps the file with the current time.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    return fixed_zip(buffer.getvalue(), when)
