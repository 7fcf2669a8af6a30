"""plan/window --format xlsx and docx: read back by the library that wrote them and by an
independent reader (python-calamine, docx2python), and compared with --format json."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from .conftest import CANNOT_APPLY, run_cli

pytestmark = pytest.mark.office

PLAN = ("plan", "--notified", "2010-02-22")
WINDOW = ("window", "--from", "2010-12-01", "--to", "2011-01-14", "--avoid", "2010-12-20..2010-12-31")


def produce(*args: str, env: dict[str, str] | None = None) -> bytes:
    result = run_cli(list(args), env=env)
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    return result.stdout_bytes


def as_json(*args: str) -> Any:
    return json.loads(produce(*args, "--format", "json"))


def day_text(day: date) -> str:
    """'Mon 1 Mar 2010', written here without the product's helpers."""
    names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return f"{names[day.weekday()]} {day.day} {months[day.month - 1]} {day.year}"


def span_text(start: date, end: date) -> str:
    if start == end:
        return day_text(start)
    first = day_text(start) if start.year != end.year else day_text(start).rsplit(" ", 1)[0]
    return f"{first} - {day_text(end)}"


# -- xlsx ----------------------------------------------------------------------------


def test_plan_xlsx_read_back_with_openpyxl_matches_json() -> None:
    from openpyxl import load_workbook

    expected = as_json(*PLAN)
    book = load_workbook(io.BytesIO(produce(*PLAN, "--format", "xlsx")))
    assert book.sheetnames == ["Plan", "About"]
    sheet = book["Plan"]
    assert sheet.freeze_panes == "A2"
    assert list(sheet.tables) == ["Plan"]
    table = sheet.tables["Plan"]
    assert table.ref == f"A1:G{len(expected['milestones']) + 1}"
    assert table.autoFilter is not None
    assert table.autoFilter.ref == table.ref
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Start day", "End day", "Start", "End", "Milestone", "Id", "Who")
    got = [
        {
            "start_day": r[0],
            "end_day": r[1],
            "start": r[2],
            "end": r[3],
            "title": r[4],
            "id": r[5],
            "who": r[6],
        }
        for r in rows[1:]
    ]
    want = [
        {**m, "start": datetime.fromisoformat(m["start"]), "end": datetime.fromisoformat(m["end"])}
        for m in expected["milestones"]
    ]
    assert got == want
    for row in sheet.iter_rows(min_row=2):
        assert type(row[0].value) is int
        assert row[0].data_type == "n"
        assert row[2].is_date
        assert row[2].number_format == "ddd dd mmm yyyy"
    for letter in "ABCDEFG":
        width = sheet.column_dimensions[letter].width
        assert width is not None
        assert 8 <= width <= 62
    # The title column is wider than the day columns.
    assert sheet.column_dimensions["E"].width > sheet.column_dimensions["A"].width


def test_plan_xlsx_about_sheet_says_what_the_dates_rest_on() -> None:
    from openpyxl import load_workbook

    args = (*PLAN, "--closed", "2010-03-31")
    expected = as_json(*args)
    about = load_workbook(io.BytesIO(produce(*args, "--format", "xlsx")))["About"]
    rows = list(about.iter_rows(values_only=True))
    by_label = {r[0]: r[1:] for r in rows if r[0]}
    assert by_label["Framework status"][0] == expected["framework"]["status"]
    assert by_label["Framework source"][0] == expected["framework"]["source"]
    assert by_label["Framework"][1] == expected["framework"]["id"]
    assert by_label["Region"][1] == expected["region"]
    assert by_label["Bank holidays confirmed through"][0] == 2028
    skipped = [(r[1].date().isoformat(), r[2], r[3]) for r in rows if r[0] == "skipped"]
    assert [(d, name) for d, name, _ in skipped] == [(s["date"], s["name"]) for s in expected["skipped"]]
    assert skipped[0][2] == "a council closure day"
    assert skipped[1][2] == "Good Friday, a bank holiday in England and Wales"
    closures = [(r[1].date().isoformat(), r[2]) for r in rows if r[0] == "Closure"]
    assert [d for d, _ in closures] == [c["date"] for c in expected["closures"]] == ["2010-03-31"]
    assert closures[0][1] == "a council closure day"
    assert "closure" not in [r[0] for r in rows]  # no lower-case data-like labels


def test_plan_xlsx_read_back_with_calamine_matches_json() -> None:
    from python_calamine import CalamineWorkbook

    expected = as_json(*PLAN, "--region", "scotland")
    book = CalamineWorkbook.from_filelike(
        io.BytesIO(produce(*PLAN, "--region", "scotland", "--format", "xlsx"))
    )
    assert book.sheet_names == ["Plan", "About"]
    rows = book.get_sheet_by_name("Plan").to_python()
    assert rows[0] == ["Start day", "End day", "Start", "End", "Milestone", "Id", "Who"]
    got = [(int(r[0]), int(r[1]), r[2].isoformat(), r[3].isoformat(), r[4], r[5], r[6]) for r in rows[1:]]
    want = [
        (m["start_day"], m["end_day"], m["start"], m["end"], m["title"], m["id"], m["who"])
        for m in expected["milestones"]
    ]
    assert got == want
    assert all(isinstance(r[2], date) and isinstance(r[0], float) for r in rows[1:])
    about = book.get_sheet_by_name("About").to_python()
    assert ["Region", "Scotland", "scotland", ""] in about


def test_text_is_never_written_as_a_formula() -> None:
    from openpyxl import load_workbook

    name = '=HYPERLINK("http://x","y")'
    data = produce(*PLAN, "--name", name, "--format", "xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for entry in archive.namelist():
            assert b"<f>" not in archive.read(entry), entry
    about = load_workbook(io.BytesIO(data))["About"]
    assert about["B2"].value.startswith(name)
    assert about["B2"].data_type == "s"


def test_window_xlsx_matches_json() -> None:
    from openpyxl import load_workbook
    from python_calamine import CalamineWorkbook

    expected = as_json(*WINDOW)
    data = produce(*WINDOW, "--format", "xlsx")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Window", "Clashes", "About"]
    window = list(book["Window"].iter_rows(values_only=True))
    assert window[0][0] == "Notified (Day 1)"
    assert window[0][-2:] == ("Clashes", "Clash details")
    assert [r[0].date().isoformat() for r in window[1:]] == [c["notified"] for c in expected]
    assert [r[-2] for r in window[1:]] == [len(c["clashes"]) for c in expected]
    # The setup meeting (Day 5) column holds each candidate's Day 5 date.
    assert window[0][1] == "setup-meeting (Day 5)"
    setup = [next(m for m in c["milestones"] if m["id"] == "setup-meeting")["start"] for c in expected]
    assert [r[1].date().isoformat() for r in window[1:]] == setup
    assert book["Window"].freeze_panes == "A2"
    assert list(book["Window"].tables) == ["Window"]
    independent = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("Clashes").to_python()
    assert independent[0] == ["Notified (Day 1)", "Date", "Milestone", "Reason"]
    got = [(r[0].isoformat(), r[1].isoformat(), r[2]) for r in independent[1:]]
    want = [(c["notified"], x["date"], x["milestone"]) for c in expected for x in c["clashes"]]
    assert got == want
    assert len(want) > 10


# -- docx ----------------------------------------------------------------------------


def test_plan_docx_read_back_with_python_docx_matches_json() -> None:
    from docx import Document
    from docx.oxml.ns import qn

    expected = as_json(*PLAN, "--name", "Nottinghamshire")
    document = Document(io.BytesIO(produce(*PLAN, "--name", "Nottinghamshire", "--format", "docx")))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs[0] == (
        "Heading 1",
        "Nottinghamshire: Safeguarding and looked after children services inspection (2009-2012), "
        "notified Mon 22 Feb 2010",
    )
    assert len(document.tables) == 1
    table = document.tables[0]
    assert table.style.name == "Light Grid Accent 1"
    header = table.rows[0]
    assert [c.text for c in header.cells] == ["Day", "Date", "Milestone", "Who"]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    got = [[c.text for c in row.cells] for row in table.rows[1:]]
    want = [
        [
            str(m["start_day"]) if m["start_day"] == m["end_day"] else f"{m['start_day']}-{m['end_day']}",
            span_text(date.fromisoformat(m["start"]), date.fromisoformat(m["end"])),
            m["title"],
            m["who"],
        ]
        for m in expected["milestones"]
    ]
    assert got == want
    texts = [text for _, text in paragraphs]
    bullets = [text for style, text in paragraphs if style == "List Bullet"]
    assert bullets == [
        f"{day_text(date.fromisoformat(s['date']))}: {s['name']}, a bank holiday in England and Wales"
        for s in expected["skipped"]
    ]
    assert f"Source: {expected['framework']['source']}" in texts
    assert any(t.startswith("Framework: ") and "status: authoritative." in t for t in texts)
    assert (
        "Bank holidays are confirmed through 2028; later years are projected from the usual rules." in texts
    )


def test_plan_docx_read_back_with_docx2python_matches_json() -> None:
    from docx2python import docx2python

    args = ("plan", "--notified", "2010-06-07", "--framework", "ilacs-standard")
    expected = as_json(*args)
    assert expected["skipped"] == []
    with docx2python(io.BytesIO(produce(*args, "--format", "docx"))) as read:
        tables = [block for block in read.body if block and len(block[0]) == 4]
        assert len(tables) == 1
        rows = [["".join(cell).strip() for cell in row] for row in tables[0]]
        assert read.core_properties["title"].startswith("ILACS standard inspection (2018-)")
        text = read.text
    assert rows[0] == ["Day", "Date", "Milestone", "Who"]
    assert [r[2] for r in rows[1:]] == [m["title"] for m in expected["milestones"]]
    assert [r[1] for r in rows[1:]] == [
        span_text(date.fromisoformat(m["start"]), date.fromisoformat(m["end"]))
        for m in expected["milestones"]
    ]
    assert "status: indicative." in text
    assert "No bank holidays or closures fall inside this plan." in text


def test_plan_docx_picture_is_the_svg_timeline_as_png_and_as_svg() -> None:
    import struct

    from docx import Document
    from docx.oxml.ns import qn
    from docx2python import docx2python

    args = (*PLAN, "--name", "Nottinghamshire")
    # The picture the HTML page shows: the document gives the heading and sources in its text.
    page = produce(*args, "--format", "html").decode("utf-8")
    svg = page[page.index("<svg") : page.index("</svg>") + len("</svg>")] + "\n"
    assert "Nottinghamshire" not in svg.split("<desc", 1)[1].split("</desc>", 1)[1]
    data = produce(*args, "--format", "docx", "--picture")
    assert data == produce(*args, "--format", "docx", "--picture")
    document = Document(io.BytesIO(data))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 2"] == [
        "Timeline",
        "Days the count skips",
        "Where the dates come from",
    ]
    assert len(document.inline_shapes) == 1
    shape = document.inline_shapes[0]
    assert round(shape.width.mm) == 170
    doc_pr = shape._inline.docPr
    assert doc_pr.get("name") == "Timeline"
    assert doc_pr.get("descr").startswith(
        "Timeline of 16 milestones from Mon 22 Feb 2010 to Tue 20 Apr 2010."
    )
    blip = shape._inline.graphic.graphicData.pic.blipFill.blip
    png = document.part.related_parts[blip.embed].blob
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    assert width == 1700  # 170 mm at 254 dots per inch
    svg_blip = blip.find(
        f"{qn('a:extLst')}/{qn('a:ext')}/{{http://schemas.microsoft.com/office/drawing/2016/SVG/main}}svgBlip"
    )
    assert svg_blip is not None
    svg_part = document.part.related_parts[svg_blip.get(qn("r:embed"))]
    assert svg_part.content_type == "image/svg+xml"
    assert svg_part.blob.decode("utf-8") == svg
    # The picture's proportions are the SVG's own.
    view_box = [float(v) for v in svg.split('viewBox="', 1)[1].split('"', 1)[0].split()]
    assert abs(height / width - view_box[3] / view_box[2]) < 0.002
    with docx2python(io.BytesIO(data)) as read:
        assert read.images == {"image1.png": png, "timeline.svg": svg.encode("utf-8")}
    without = Document(io.BytesIO(produce(*args, "--format", "docx")))
    assert len(without.inline_shapes) == 0


def test_picture_only_with_docx() -> None:
    result = run_cli([*PLAN, "--format", "xlsx", "--picture"])
    assert result.exit_code == 2
    assert result.stderr == "Error: --picture applies only to Word files: add --format docx\n"


# -- both ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_same_input_same_bytes_and_times_from_source_date_epoch(fmt: str, tmp_path: Path) -> None:
    first = produce(*PLAN, "--format", fmt)
    second = produce(*PLAN, "--format", fmt)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("1980-01-01T00:00:00Z") == 2
    stamped = produce(*PLAN, "--format", fmt, env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert stamped == produce(*PLAN, "--format", fmt, env={"SOURCE_DATE_EPOCH": "1700000000"})
    with zipfile.ZipFile(io.BytesIO(stamped)) as archive:
        # 1700000000 is 2023-11-14 22:13:20 UTC; zip times hold even seconds only.
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("2023-11-14T22:13:20Z") == 2
    # A file written with -o holds the same bytes as stdout.
    target = tmp_path / f"plan.{fmt}"
    produce(*PLAN, "--format", fmt, "-o", str(target))
    assert target.read_bytes() == first


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_office_file_is_not_replaced_without_force(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / f"plan.{fmt}"
    target.write_bytes(b"keep")
    result = run_cli([*PLAN, "--format", fmt, "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {target} already exists: add --force to replace it\n"
    assert target.read_bytes() == b"keep"
    produce(*PLAN, "--format", fmt, "-o", str(target), "--force")
    assert zipfile.is_zipfile(target)


@pytest.mark.parametrize(
    ("args", "fmt"),
    [(PLAN, "xlsx"), (PLAN, "docx"), (WINDOW, "xlsx")],
    ids=["plan-xlsx", "plan-docx", "window"],
)
def test_binary_formats_are_refused_on_a_terminal(args: tuple[str, ...], fmt: str, tmp_path: Path) -> None:
    if sys.platform == "win32":
        pytest.skip(f"{CANNOT_APPLY}Windows has no pseudo-terminals to stand for a console")
    import pty

    primary, secondary = pty.openpty()
    env = {**os.environ, "INSPECTCAL_CACHE_DIR": str(tmp_path)}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "inspectcal", *args, "--format", fmt],
            stdout=secondary,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            check=False,
            timeout=60,
        )
    finally:
        os.close(secondary)
        os.close(primary)
    assert done.returncode == 2
    assert done.stderr == (
        f"Error: --format {fmt} makes a binary file, which a terminal cannot show: "
        f"give -o FILE.{fmt}, or redirect stdout to a file\n"
    )
    # Redirected, the same command writes the file.
    piped = subprocess.run(
        [sys.executable, "-m", "inspectcal", *args, "--format", fmt],
        capture_output=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert piped.returncode == 0, piped.stderr
    assert zipfile.is_zipfile(io.BytesIO(piped.stdout))


@pytest.mark.parametrize(
    ("args", "fmt"),
    [
        ((*PLAN, "--closed", "2010-03-31"), "xlsx"),
        ((*PLAN, "--closed", "2010-03-31"), "docx"),
        ((*PLAN, "--picture"), "docx"),
        (WINDOW, "xlsx"),
    ],
    ids=["plan-xlsx", "plan-docx", "plan-docx-picture", "window-xlsx"],
)
def test_libreoffice_converts_the_file_to_pdf(args: tuple[str, ...], fmt: str, tmp_path: Path) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        # The one optional tool: CI does not install LibreOffice (hundreds of MB); where it is
        # installed this test runs, and the independent readers above check the files anyway.
        pytest.skip(
            f"{CANNOT_APPLY}LibreOffice is not installed, and CI does not install it "
            "(Debian: libreoffice-calc-nogui libreoffice-writer-nogui)"
        )
    source = tmp_path / f"plan.{fmt}"
    source.write_bytes(produce(*args, "--format", fmt))
    done = subprocess.run(
        [
            office,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    pdf = (tmp_path / "out" / "plan.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert len(pdf) > 2000
    assert (b"/Subtype/Image" in pdf) is ("--picture" in args)


# -- the Word page: A4, and a picture that fits its text area ------------------------------------

EMU_PER_MM = 36_000
LONG_NAME = "Royal Borough of Windsor and Maidenhead Children's Services, inspection"


def _page_and_picture(data: bytes) -> tuple[dict[str, int], dict[str, int], tuple[int, int]]:
    """Read the document XML itself: w:pgSz, w:pgMar (twips) and the picture's wp:extent (EMU)."""
    import re

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    size = re.findall(r"<w:pgSz ([^>]*)/>", xml)
    margins = re.findall(r"<w:pgMar ([^>]*)/>", xml)
    extents = re.findall(r'<wp:extent cx="(\d+)" cy="(\d+)"/>', xml)
    assert len(size) == len(margins) == len(extents) == 1, (size, margins, extents)

    def attributes(text: str) -> dict[str, int]:
        return {k: int(v) for k, v in re.findall(r'w:(\w+)="(-?\d+)"', text)}

    return attributes(size[0]), attributes(margins[0]), (int(extents[0][0]), int(extents[0][1]))


@pytest.mark.parametrize(
    "args",
    [
        (*PLAN, "--name", "Notts"),
        # A long plan: a 60-character name over three lines and a Christmas closure.
        ("plan", "-n", "2010-12-13", "--name", LONG_NAME, "--closed", "2010-12-29..2010-12-31"),
        ("plan", "-n", "2010-12-13", "--name", LONG_NAME * 4, "--closed", "2010-12-29..2010-12-31"),
    ],
    ids=["short", "long-plan", "long-name"],
)
def test_docx_page_is_a4_and_the_picture_fits_inside_the_margins(args: tuple[str, ...]) -> None:
    data = produce(*args, "--format", "docx", "--picture")
    size, margins, (cx, cy) = _page_and_picture(data)
    twip = 1 / 56.6929  # mm in a twentieth of a point
    assert (round(size["w"] * twip), round(size["h"] * twip)) == (210, 297)
    text_width = (size["w"] - margins["left"] - margins["right"]) * 635  # twips to EMU
    text_height = (size["h"] - margins["top"] - margins["bottom"]) * 635
    assert (round(text_width / EMU_PER_MM), round(text_height / EMU_PER_MM)) == (170, 257)
    assert cx <= text_width, cx / EMU_PER_MM
    assert cy <= text_height, cy / EMU_PER_MM
    # The SVG's own proportions are kept; the picture is as large as the text area allows.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        svg = archive.read("word/media/timeline.svg").decode("utf-8")
    view_box = [float(v) for v in svg.split('viewBox="', 1)[1].split('"', 1)[0].split()]
    assert abs(cy / cx - view_box[3] / view_box[2]) < 0.002
    # ... less room for the "Timeline" heading, which is kept on the picture's page.
    from inspectcal.render.docx import HEADING_ROOM

    assert cx == text_width or cy == text_height - HEADING_ROOM


def test_a_picture_taller_than_the_page_is_capped_to_the_text_height() -> None:
    from docx import Document

    from inspectcal.render.docx import picture_size

    section = Document().sections[0]
    section.page_width, section.page_height = 210 * EMU_PER_MM, 297 * EMU_PER_MM
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = 20 * EMU_PER_MM
    # Word keeps sizes in twips: 170 and 257 mm come back a few EMU off.
    text_width = section.page_width - section.left_margin - section.right_margin
    text_height = section.page_height - section.top_margin - section.bottom_margin
    assert abs(text_width - 170 * EMU_PER_MM) < 400
    assert abs(text_height - 257 * EMU_PER_MM) < 400
    assert picture_size(section, 0.5) == (text_width, round(text_width * 0.5))  # fits: the text width
    width, height = picture_size(section, 2.0)  # 340 mm tall at the text width: too tall
    assert height == text_height
    assert width == int(text_height / 2.0)


# -- xlsx Reason cells and About closures read as labels/values ---------------------------------


def test_window_xlsx_reason_is_never_blank_for_an_unnamed_avoid() -> None:
    from openpyxl import load_workbook

    args = ("window", "--from", "2010-12-01", "--to", "2010-12-10", "--avoid", "2010-12-20..2010-12-31")
    book = load_workbook(io.BytesIO(produce(*args, "--format", "xlsx")))
    clashes = list(book["Clashes"].iter_rows(values_only=True))
    assert clashes[0] == ("Notified (Day 1)", "Date", "Milestone", "Reason")
    assert len(clashes) > 5
    assert {r[3] for r in clashes[1:]} == {"avoided date (no name given)"}


def test_window_xlsx_reason_keeps_the_name_from_an_avoid_file(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    avoid = tmp_path / "leave.txt"
    avoid.write_text("2010-12-20..2010-12-31 # Director on leave\n", encoding="utf-8")
    args = ("window", "--from", "2010-12-01", "--to", "2010-12-10", "--avoid-file", str(avoid))
    book = load_workbook(io.BytesIO(produce(*args, "--format", "xlsx")))
    clashes = list(book["Clashes"].iter_rows(values_only=True))
    assert {r[3] for r in clashes[1:]} == {"Director on leave"}


@pytest.mark.parametrize(
    ("closed", "expected"),
    [
        ((), [("Closures", "none given", None)]),
        (
            ("--closed", "2010-03-30..2010-03-31"),
            [
                ("Closure", "2010-03-30", "a council closure day"),
                ("Closure", "2010-03-31", "a council closure day"),
            ],
        ),
    ],
    ids=["none", "two"],
)
def test_about_sheet_closures_are_label_value_rows(closed: tuple[str, ...], expected: list[Any]) -> None:
    from openpyxl import load_workbook

    about = load_workbook(io.BytesIO(produce(*PLAN, *closed, "--format", "xlsx")))["About"]
    rows = list(about.iter_rows(values_only=True))
    header = rows.index(("Item", "Value", "Detail", None))
    block = rows[header + 1 : rows.index((None, None, None, None))]
    got = [
        (r[0], r[1].date().isoformat() if isinstance(r[1], datetime) else r[1], r[2] or None)
        for r in block
        if r[0] in ("Closure", "Closures", "closure")
    ]
    assert got == expected
    assert not [r for r in rows if any(isinstance(v, str) and v.startswith("(") for v in r)]
