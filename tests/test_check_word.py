"""check reads a Word table as Word shows it: through content controls and custom XML at
every level, without tracked deletions, and without hidden text (noted on stderr)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import run_cli

# Day 1 is Mon 22 Feb 2010: row 4 is wrong (25 Feb is Day 4), so are rows that a reader loses.
ROWS = [
    ("Date", "Day", "Activity"),
    ("22/02/2010", "1", "Notified"),
    ("23/02/2010", "2", "Call"),
    ("25/02/2010", "3", "Documents"),
    ("26/02/2010", "5", "Set-up"),
]


def check(path: Path) -> tuple[int, list[dict[str, Any]], str]:
    result = run_cli(["check", str(path), "-n", "2010-02-22", "--format", "json"])
    rows = json.loads(result.stdout) if result.stdout.strip() else []
    return result.exit_code, rows, result.stderr


def build(path: Path, change: Callable[[Any, Any], None]) -> Path:
    from docx import Document

    document = Document()
    table = document.add_table(rows=len(ROWS), cols=3)
    for row, texts in zip(table.rows, ROWS, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    change(document, table)
    document.save(path)
    return path


def wrap(element: Any, tag: str) -> Any:
    """Put ``element`` inside ``tag`` (``w:sdt`` gets its ``w:sdtContent``), where it was."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    xml = "<w:sdt {ns}><w:sdtPr/><w:sdtContent/></w:sdt>" if tag == "w:sdt" else f"<{tag} {{ns}}/>"
    if tag == "w:customXml":
        xml = '<w:customXml {ns} w:element="row"/>'
    wrapper = parse_xml(xml.format(ns=nsdecls("w")))
    element.addprevious(wrapper)
    inner = wrapper[-1] if tag == "w:sdt" else wrapper
    inner.append(element)
    return wrapper


def rows_read(rows: list[dict[str, Any]]) -> list[tuple[int, str, str, bool]]:
    return [(r["line"], r["date"], r["day"], r["ok"]) for r in rows]


EXPECTED = [
    (2, "22/02/2010", "1", True),
    (3, "23/02/2010", "2", True),
    (4, "25/02/2010", "3", False),
    (5, "26/02/2010", "5", True),
]


def tbl(document: Any) -> Any:
    """The table's XML element, through python-docx's public ``Document.element``."""
    from docx.oxml.ns import qn

    return document.element.body.find(qn("w:tbl"))


LEVELS: dict[str, Callable[[Any, Any, str], None]] = {
    # a repeating-section control (or custom XML) around each data row
    "row": lambda d, t, tag: [wrap(tr, tag) for tr in tbl(d).tr_lst[1:]],  # type: ignore[func-returns-value]
    # two rows wrapped together, nested in a second control
    "nested rows": lambda d, t, tag: [wrap(wrap(tbl(d).tr_lst[3], tag), "w:sdt")],  # type: ignore[func-returns-value]
    # a control around each cell
    "cell": lambda d, t, tag: [wrap(tc, tag) for tr in tbl(d).tr_lst[1:] for tc in tr.tc_lst],  # type: ignore[func-returns-value]
    # a control (a date picker) around the paragraph of each date cell
    "paragraph": lambda d, t, tag: [wrap(tr.tc_lst[0].p_lst[0], tag) for tr in tbl(d).tr_lst[1:]],  # type: ignore[func-returns-value]
    # a control around each run
    "run": lambda d, t, tag: [  # type: ignore[func-returns-value]
        wrap(r, tag) for tr in tbl(d).tr_lst[1:] for tc in tr.tc_lst for p in tc.p_lst for r in p.r_lst
    ],
}


@pytest.mark.parametrize(
    ("tag", "level"),
    [(tag, level) for tag in ("w:sdt", "w:customXml") for level in LEVELS] + [("w:smartTag", "run")],
)
def test_rows_in_controls_are_read_as_word_shows_them(tmp_path: Path, tag: str, level: str) -> None:
    path = build(tmp_path / "t.docx", lambda d, t: LEVELS[level](d, t, tag))
    code, rows, err = check(path)
    assert (code, err) == (1, "")
    assert rows_read(rows) == EXPECTED


def test_a_row_whose_paragraphs_are_all_in_controls_is_not_taken_for_blank(tmp_path: Path) -> None:
    def change(document: Any, table: Any) -> None:
        for tc in tbl(document).tr_lst[3].tc_lst:
            for p in tc.p_lst:
                wrap(p, "w:sdt")

    code, rows, err = check(build(tmp_path / "t.docx", change))
    assert code == 1, err
    assert rows_read(rows) == EXPECTED


def _mark_row(document: Any, index: int, mark: str) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    tr = tbl(document).tr_lst[index]
    properties = tr.get_or_add_trPr()
    properties.append(parse_xml(f'<w:{mark} {nsdecls("w")} w:id="9" w:author="A"/>'))


def test_a_tracked_row_deletion_is_not_read_and_an_insertion_is(tmp_path: Path) -> None:
    def change(document: Any, table: Any) -> None:
        _mark_row(document, 3, "del")  # the wrong row was deleted with track changes on
        _mark_row(document, 4, "ins")

    code, rows, err = check(build(tmp_path / "t.docx", change))
    assert (code, err) == (0, "")
    assert rows_read(rows) == [EXPECTED[0], EXPECTED[1], (4, "26/02/2010", "5", True)]


def _hide_direct(document: Any, run: Any) -> None:
    run.font.hidden = True


def _hide_by_character_style(document: Any, run: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    name = "Secret"
    if name not in [s.name for s in document.styles]:
        base = document.styles.add_style("Quiet", WD_STYLE_TYPE.CHARACTER)
        base.font.hidden = True
        style = document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.base_style = base  # hidden through the style it is based on
    run.style = document.styles[name]


def _hide_spec_vanish(document: Any, run: Any) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    run.font.bold = False  # gives the run its properties element
    element = tbl(document).tr_lst[3].tc_lst[0].p_lst[0].r_lst[-1]
    element.rPr.append(parse_xml(f"<w:specVanish {nsdecls('w')}/>"))


@pytest.mark.parametrize("hide", [_hide_direct, _hide_by_character_style, _hide_spec_vanish])
def test_hidden_text_is_left_out_and_noted(tmp_path: Path, hide: Callable[[Any, Any], None]) -> None:
    def change(document: Any, table: Any) -> None:
        # The date cell of row 4 shows 24/02/2010 (Day 3, right); an old date is hidden after it.
        cell = table.rows[3].cells[0]
        cell.text = "24/02/2010"
        hide(document, cell.paragraphs[0].add_run(" 25/02/2010"))

    path = build(tmp_path / "t.docx", change)
    code, rows, err = check(path)
    assert (code, err) == (
        0,
        f"Note: timetable {path}, table 1: text hidden in Word (Font > Hidden) was not read, in row 4\n",
    )
    assert [r["date"] for r in rows] == ["22/02/2010", "23/02/2010", "24/02/2010", "26/02/2010"]


def test_text_hidden_by_its_paragraph_style_is_left_out(tmp_path: Path) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    def change(document: Any, table: Any) -> None:
        style = document.styles.add_style("Hidden note", WD_STYLE_TYPE.PARAGRAPH)
        style.font.hidden = True
        cell = table.rows[3].cells[2]
        cell.add_paragraph("(Day 9: an old note)", style=style)

    path = build(tmp_path / "t.docx", change)
    code, rows, err = check(path)
    assert code == 1
    assert "text hidden in Word (Font > Hidden) was not read, in row 4" in err
    assert rows[2]["activity"] == "Documents"


def test_a_run_unhidden_in_a_hidden_style_is_read(tmp_path: Path) -> None:
    def change(document: Any, table: Any) -> None:
        cell = table.rows[3].cells[0]
        cell.text = ""
        run = cell.paragraphs[0].add_run("24/02/2010")
        _hide_by_character_style(document, run)
        run.font.hidden = False  # the run's own setting wins over its style's

    code, rows, err = check(build(tmp_path / "t.docx", change))
    assert (code, err) == (0, "")
    assert rows[2]["date"] == "24/02/2010"
