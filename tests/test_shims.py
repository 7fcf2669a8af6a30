"""inspectcal/shims.py: what a dependency does not offer publicly. These tests fail when the
library changes, so a rename never makes a reader skip something without a word."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

from inspectcal.readers import xlsx
from inspectcal.readers.grid import Uncalculated
from inspectcal.shims import drop_package_relationships, sheet_parts


def _workbook(path: Path) -> bytes:
    """Two sheets, the timetable second: a merged date over two rows and a formula with no
    value saved (openpyxl does not calculate)."""
    from openpyxl import Workbook

    book = Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "Notes"
    notes.append(["nothing here"])
    sheet = book.create_sheet("Timetable")
    sheet.append(["Date", "Day", "Activity"])
    sheet.append([date(2010, 3, 8), 11, "Fieldwork starts"])
    sheet.append([None, 11, "Meet the Director"])
    sheet.append(["=A2+1", 12, "Case files"])
    sheet.merge_cells("A2:A3")
    hidden = book.create_sheet("Old")
    hidden.sheet_state = "hidden"
    book.save(path)
    return path.read_bytes()


def _rewritten(data: bytes, renames: dict[str, str], rels: tuple[str, str]) -> bytes:
    """The archive with parts renamed and one replacement in the workbook's relationships."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "xl/_rels/workbook.xml.rels":
                assert rels[0].encode() in content
                content = content.replace(rels[0].encode(), rels[1].encode())
            target.writestr(renames.get(name, name), content)
    return out.getvalue()


def test_sheet_parts_names_the_part_of_every_sheet(tmp_path: Path) -> None:
    data = _workbook(tmp_path / "t.xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = sheet_parts(archive)
        assert parts == {
            "Notes": "xl/worksheets/sheet1.xml",
            "Timetable": "xl/worksheets/sheet2.xml",
            "Old": "xl/worksheets/sheet3.xml",
        }
        assert set(parts.values()) <= set(archive.namelist())


def test_a_sheet_is_found_by_its_relationship_not_by_its_file_name(tmp_path: Path) -> None:
    """Excel and other programs name the parts as they like, by relative or absolute paths:
    the timetable sheet here is 'xl/sheets/plan.xml', named from the package's root."""
    data = _rewritten(
        _workbook(tmp_path / "t.xlsx"),
        {"xl/worksheets/sheet2.xml": "xl/sheets/plan.xml"},
        ('Target="/xl/worksheets/sheet2.xml"', 'Target="/xl/sheets/plan.xml"'),
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sheet_parts(archive)["Timetable"] == "xl/sheets/plan.xml"
    grid, _ = xlsx.grid(data, "timetable t.xlsx", "timetable")
    cells = [list(cells) for _, cells in grid.rows]
    # The merged date reaches row 3 and the formula with no value saved is not read as empty:
    # both come from the sheet's XML, found through sheet_parts.
    assert cells[2][0] == cells[1][0]
    assert cells[1][0] is not None
    assert cells[3][0] == Uncalculated("=A2+1")
    assert isinstance(cells[3][0], Uncalculated)


THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def test_drop_package_relationships_leaves_the_template_thumbnail_out() -> None:
    from docx import Document

    document = Document()
    # python-docx's template has the thumbnail: without it, this test would prove nothing.
    assert THUMBNAIL in {relationship.reltype for relationship in document.part.package.iter_rels()}
    drop_package_relationships(document, THUMBNAIL)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        assert not [name for name in archive.namelist() if "thumbnail" in name]
        assert b"thumbnail" not in archive.read("_rels/.rels")


def test_a_plan_in_word_has_no_thumbnail() -> None:
    from .conftest import run_cli

    result = run_cli(["plan", "--notified", "2010-02-22", "--format", "docx"])
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(io.BytesIO(result.stdout_bytes)) as archive:
        assert "word/document.xml" in archive.namelist()
        assert not [name for name in archive.namelist() if "thumbnail" in name]
        assert b"thumbnail" not in archive.read("_rels/.rels")
