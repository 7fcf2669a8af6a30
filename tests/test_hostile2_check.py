"""Round-2 hostile review: what `check` reads from Word and Excel files, and how.

Each test states the exact message and exit code a user sees.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from typer.testing import CliRunner

from inspectcal.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", *args, "-n", "2010-02-22"])
    return result.exit_code, result.stdout, result.stderr


# -- which Excel sheet is read ----------------------------------------------------------


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
    code, out, err = run(str(path))
    assert code == 0, (out, err)
    assert err == (
        f"Note: timetable {path}: read sheet 'Final', the one Excel opens on (--sheet NAME reads another)\n"
    )
    assert "2010-03-09" not in out


def test_a_correct_hidden_draft_does_not_pass_a_wrong_visible_sheet(tmp_path: Path) -> None:
    path = tmp_path / "reverse.xlsx"
    two_sheet_book(path, hidden_day11="2010-03-08", visible_day11="2010-03-09")
    code, out, err = run(str(path))
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
    code, out, err = run(str(path))
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
    code, out, err = run(str(path))
    assert code == 0, (out, err)
    assert err == (
        f"Note: timetable {path}: read sheet 'Plan', the one Excel opens on (--sheet NAME reads another)\n"
    )


def test_a_hidden_sheet_is_read_only_when_named_and_the_note_says_it_is_hidden(tmp_path: Path) -> None:
    path = tmp_path / "hidden.xlsx"
    two_sheet_book(path, hidden_day11="2010-03-09", visible_day11="2010-03-08")
    code, out, err = run(str(path), "--sheet", "old draft")
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
    code, _, err = run(str(path))
    assert code == 0
    assert err == f"Note: timetable {path}: read sheet 'Sheet', its only sheet\n"


# -- hidden Word text -------------------------------------------------------------------


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
    code, out, err = run(str(path), "--format", "csv")
    assert code == 0, (out, err)
    assert err == ""
    assert "\n3,08/03/2010,11,yes,11,," in out.replace("\r\n", "\n"), out
