"""The plan as a Word document, ready to paste into a briefing note.

A heading, the plan as a styled table whose header row repeats on every page, the days
the count skipped, and what the dates rest on: the calendar, the framework's status and
source, and how far the bank holidays are confirmed.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from inspectcal.errors import OutputError
from inspectcal.plan import Plan
from inspectcal.render import day_label, forecast_text, human_date, human_span, plan_heading
from inspectcal.render.office import fixed_zip, naive_utc

PLAN_HEADER = ("Day", "Date", "Milestone", "Who")
# Column widths (mm) by what they hold: "Days 11-20", two short dates, the milestone (the rest
# of the 170 mm text width), "Council".
COLUMN_MM = (24, 42, 82, 22)
TABLE_STYLE = "Light Grid Accent 1"
LANGUAGE = "en-GB"  # as the HTML page: Word proofs the text as UK English
WORD_2013_MODE = "15"  # w:compatSetting compatibilityMode: current Word, not 2010's mode (14)


def plan_document(plan: Plan, when: datetime, *, picture: bool = False) -> bytes:
    """The plan as .docx bytes; ``when`` is the document's created/modified time.

    With ``picture``, the timeline (render/svg) follows the table: as a PNG that every
    reader shows, with the SVG itself attached the way Word 2016 and later show it, sharp.
    """
    document = Document()
    _a4(document)
    _uk_english(document)
    _current_mode(document)
    heading = plan_heading(plan)
    _heading(document, _clean(heading), 1)

    table = document.add_table(rows=1, cols=len(PLAN_HEADER))
    table.style = document.styles[TABLE_STYLE]
    header = table.rows[0]
    for cell, text in zip(header.cells, PLAN_HEADER, strict=True):
        cell.text = text
    for m in plan.milestones:
        row = table.add_row()
        for cell, text in zip(
            row.cells, (day_label(m), human_span(m.start, m.end), m.title, m.who), strict=True
        ):
            cell.text = _clean(text)
    header_row, *rows = document.element.body.findall(qn("w:tbl"))[-1].findall(qn("w:tr"))
    _repeat_as_header(header_row)
    for tr in rows:
        _keep_together(tr)
    _column_widths(table)
    forecast = forecast_text(plan)  # ILACS publication: the spread in Ofsted's record
    if forecast:
        document.add_paragraph(_clean(forecast))

    if picture:
        _add_timeline(document, plan)

    _heading(document, "Days the count skips", 2)
    if plan.skipped:
        for off in plan.skipped:
            document.add_paragraph(f"{human_date(off.date)}: {_clean(off.description)}", style="List Bullet")
    else:
        document.add_paragraph("No bank holidays or closures fall inside this plan.")

    _heading(document, "Where the dates come from", 2)
    framework, source = plan.framework, plan.source
    lines = [
        f"Framework: {framework.title} ({framework.id}); status: {framework.status}.",
        f"Source: {framework.source}",
        f"Working days: {source.describe(closed=plan.closed_days)}.",
    ]
    horizon = source.confirmed_through
    if horizon is not None:
        lines.append(
            f"Bank holidays are confirmed through {horizon}; later years are projected from the usual rules."
        )
    if plan.projected_after is not None:
        lines.append(
            f"This plan runs past {plan.projected_after}: check its dates again when the bank holidays "
            "for the later years are announced."
        )
    for line in lines:
        paragraph = document.add_paragraph(_clean(line))
        paragraph.paragraph_format.space_after = Pt(4)

    stamp = naive_utc(when)
    properties = document.core_properties
    title = _clean(heading)  # Word's title property holds at most 255 characters
    properties.title = title if len(title) <= 255 else title[:254] + "\u2026"
    properties.author = "inspectcal"
    properties.last_modified_by = "inspectcal"
    properties.comments = ""
    properties.created = stamp
    properties.modified = stamp
    properties.revision = 1
    _drop_thumbnail(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return fixed_zip(buffer.getvalue(), when)


# An A4 page (what council printers hold) with 20 mm margins: a 170 x 257 mm text area, so the
# 170 mm timeline fits its width. python-docx's template is US Letter with 1.25 in margins.
PAGE_MM = (210, 297)
MARGIN_MM = 20


def _a4(document: Any) -> None:
    from docx.shared import Mm

    for section in document.sections:
        section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
        section.left_margin = section.right_margin = Mm(MARGIN_MM)
        section.top_margin = section.bottom_margin = Mm(MARGIN_MM)


# Room kept above the picture on its page for the "Timeline" heading, which stays with it.
HEADING_ROOM = 12 * 36_000  # EMU: Heading 2 is 13 pt with 10 pt above it, about 9 mm


def picture_size(section: Any, aspect: float, *, reserved: int = 0) -> tuple[int, int]:
    """The (width, height) in EMU of a picture ``aspect`` times as tall as wide: the text
    width, or less so that it is no taller than the text area less ``reserved`` (Word crops
    a taller one; the heading kept with it needs ``reserved``)."""
    width = int(section.page_width - section.left_margin - section.right_margin)
    tallest = int(section.page_height - section.top_margin - section.bottom_margin) - reserved
    height = round(width * aspect)
    if height > tallest:
        height, width = tallest, int(tallest / aspect)
    return width, height


def _svg_aspect(svg: str) -> float:
    import re

    match = re.search(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"', svg)
    if match is None:  # a bug in render/svg: say so rather than guess
        raise OutputError("cannot size the timeline picture: its SVG has no viewBox")
    return float(match[2]) / float(match[1])


# The PNG's resolution: 254 dots per inch draws the 170 mm picture 1,700 pixels wide.
_PICTURE_DPI = 254
_SVG_BLIP = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"  # Office's extension: an SVG beside the PNG


def _add_timeline(document: Any, plan: Plan) -> None:
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Emu

    from inspectcal.render.svg import description, timeline

    svg = timeline(plan, standalone=False)  # the document shows the heading and sources itself
    _heading(document, "Timeline", 2)
    width, height = picture_size(document.sections[-1], _svg_aspect(svg), reserved=HEADING_ROOM)
    document.add_picture(io.BytesIO(raster(svg)), width=Emu(width), height=Emu(height))
    inline = list(document.element.body.iter(qn("wp:inline")))[-1]
    doc_pr = inline.find(qn("wp:docPr"))
    doc_pr.set("descr", _clean(description(plan)))
    doc_pr.set("name", "Timeline")
    part = Part(
        PackURI("/word/media/timeline.svg"), "image/svg+xml", svg.encode("utf-8"), document.part.package
    )
    relation = document.part.relate_to(part, RELATIONSHIP_TYPE.IMAGE)
    extension = parse_xml(
        f'<a:extLst {nsdecls("a", "r")}><a:ext uri="{_SVG_BLIP}">'
        '<asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" '
        f'r:embed="{relation}"/></a:ext></a:extLst>'
    )
    next(inline.iter(qn("a:blip"))).append(extension)


def _heading(document: Any, text: str, level: int) -> None:
    """A heading that never ends a page: Word and LibreOffice keep it with what follows."""
    document.add_heading(text, level=level).paragraph_format.keep_with_next = True


def _column_widths(table: Any) -> None:
    """Each column as wide as what it holds (Word reads the cells' widths, LibreOffice the grid's)."""
    from docx.shared import Mm

    table.autofit = False
    for column, millimetres in zip(table.columns, COLUMN_MM, strict=True):
        column.width = Mm(millimetres)
        for cell in column.cells:
            cell.width = Mm(millimetres)


def _uk_english(document: Any) -> None:
    """The document's language (the default run properties of its styles) is UK English."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), LANGUAGE)
    language.set(qn("w:eastAsia"), LANGUAGE)
    theme = document.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), LANGUAGE)


def _current_mode(document: Any) -> None:
    """Word opens the file in its current mode, not "Compatibility Mode" (Word 2010's)."""
    compat = document.settings.element.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        document.settings.element.append(compat)
    for setting in compat.findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), WORD_2013_MODE)
            return
    setting = OxmlElement("w:compatSetting")
    setting.set(qn("w:name"), "compatibilityMode")
    setting.set(qn("w:uri"), "http://schemas.microsoft.com/office/word")
    setting.set(qn("w:val"), WORD_2013_MODE)
    compat.append(setting)


def raster(svg: str) -> bytes:
    """The SVG drawn as a PNG (resvg, with the system's fonts), white behind it."""
    import resvg_py

    try:
        return bytes(resvg_py.svg_to_bytes(svg_string=svg, dpi=_PICTURE_DPI, background="#ffffff"))
    except ValueError as error:  # resvg could not draw it: a bug in the picture, not bad input
        raise OutputError(f"cannot draw the timeline picture: {error}") from None


def _repeat_as_header(tr: Any) -> None:
    """Mark a table row as the header row Word repeats at the top of every page."""
    properties = tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)
    _keep_together(tr)


def _keep_together(tr: Any) -> None:
    """A row never splits across two pages."""
    properties = tr.get_or_add_trPr()
    keep = OxmlElement("w:cantSplit")
    keep.set(qn("w:val"), "true")
    properties.insert(0, keep)


def _drop_thumbnail(document: object) -> None:
    """The template's thumbnail shows an empty page, not this document: leave it out."""
    from inspectcal.shims import drop_package_relationships

    drop_package_relationships(document, RELATIONSHIP_TYPE.THUMBNAIL)


def _clean(text: str) -> str:
    """Text Word can hold: XML 1.0 has no place for control characters but tab and newline."""
    return "".join(c if c >= " " or c in "\t\n" else " " for c in text)
