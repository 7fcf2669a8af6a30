"""The Word and Excel files as a communications team prints them (issue 22): read back with
python-docx and openpyxl, and their widths, language, compatibility mode, page set-up and
quote prefixes measured."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from .test_office_out import PLAN, WINDOW, produce

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _document(*args: str) -> object:
    from docx import Document

    return Document(io.BytesIO(produce(*args, "--format", "docx")))


# -- Word ---------------------------------------------------------------------------


def test_word_columns_are_as_wide_as_what_they_hold() -> None:
    document = _document(*PLAN)
    table = document.tables[0]  # type: ignore[attr-defined]
    grid = [round(column.width.mm) for column in table.columns]
    assert [cell.text for cell in table.rows[0].cells] == ["Day", "Date", "Milestone", "Who"]
    assert grid == [24, 42, 82, 22]
    assert sum(grid) == 170  # the A4 text width
    day, _, milestone, who = grid
    assert milestone == max(grid)
    assert day < milestone / 3
    assert who < milestone / 3
    for row in table.rows:  # Word reads each cell's own width: the same as the grid's
        assert [round(cell.width.mm) for cell in row.cells] == grid
    assert table.autofit is False


def test_word_document_is_uk_english_in_current_mode() -> None:
    document = _document(*PLAN)
    language = document.styles.element.find(  # type: ignore[attr-defined]
        f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang"
    )
    assert language is not None
    assert language.get(f"{W}val") == "en-GB"
    settings = document.settings.element  # type: ignore[attr-defined]
    modes = [
        s.get(f"{W}val")
        for s in settings.iter(f"{W}compatSetting")
        if s.get(f"{W}name") == "compatibilityMode"
    ]
    assert modes == ["15"]


def test_word_headings_are_kept_with_what_follows() -> None:
    document = _document(*PLAN, "--picture")
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]  # type: ignore[attr-defined]
    assert [p.text for p in headings][1:] == ["Timeline", "Days the count skips", "Where the dates come from"]
    assert all(p.paragraph_format.keep_with_next for p in headings)


@pytest.mark.parametrize(
    ("args", "smallest"),
    [
        ((*PLAN, "--name", "A" * 300), 9.0),  # the name is the document's heading, not the picture's
        (("plan", "-n", "2024-09-09", "-f", "ilacs-standard"), 9.0),
        # The tallest picture, scaled to fit the page: Christmas names and closures below the rows.
        (("plan", "-n", "2010-12-13", "--closed", "2010-12-29..2010-12-31"), 8.5),
    ],
    ids=["long-name", "ilacs", "christmas"],
)
def test_word_picture_text_stays_readable(args: tuple[str, ...], smallest: float) -> None:
    """The picture's smallest text, measured at the size it is drawn in the document."""
    from .test_svg import smallest_font_pt

    data = produce(*args, "--format", "docx", "--picture")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
        svg = archive.read("word/media/timeline.svg").decode("utf-8")
    (width_emu,) = [int(cx) for cx in re.findall(r'<wp:extent cx="(\d+)"', xml)]
    assert smallest_font_pt(svg, width_emu / 36_000) >= smallest


# -- Excel --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "sheets"), [(PLAN, ["Plan", "About"]), (WINDOW, ["Window", "Clashes", "About"])]
)
def test_excel_prints_landscape_one_page_wide_with_the_header_on_every_page(
    args: tuple[str, ...], sheets: list[str]
) -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(produce(*args, "--format", "xlsx")))
    assert book.sheetnames == sheets
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize) == ("landscape", 9), sheet.title  # 9: A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert sheet.print_title_rows == "$1:$1", sheet.title


@pytest.mark.parametrize("name", ["=SUM(A1:A9)", "+44 20 7946 0000", "-1", "@cmd"])
def test_excel_formula_like_text_has_the_quote_prefix(name: str) -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(produce(*PLAN, "--name", name, "--format", "xlsx")))
    about = book["About"]
    assert about["A2"].value == "Plan"
    assert about["B2"].value.startswith(name)
    assert about["B2"].data_type == "s"
    assert about["B2"].quotePrefix is True
    assert about["A2"].quotePrefix is False  # plain text is left as it is


def test_excel_has_no_empty_inline_strings() -> None:
    for args in (PLAN, WINDOW):
        data = produce(*args, "--format", "xlsx")
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for entry in archive.namelist():
                if entry.startswith("xl/worksheets/"):
                    xml = archive.read(entry).decode("utf-8")
                    assert not re.search(r'<c [^>]*t="inlineStr"[^>]*/>', xml), entry
                    assert "<t></t>" not in xml, entry
                    assert "<t/>" not in xml, entry
