"""The one table writer (render/writer.py), the month-grid model and render/'s import rules."""

from __future__ import annotations

import ast
import io
import os
import subprocess
import sys
from datetime import date

import pytest

from inspectcal.render import days_label
from inspectcal.render.rows import Column, Layout, Rows
from inspectcal.render.writer import csv_text, write_rows

from .conftest import REPO, run_cli

RENDER = REPO / "inspectcal" / "render"


def sample(**changes: object) -> Rows:
    layout = Layout(
        [Column("Day", justify="right"), Column("Title", wrap=True), Column("Who", drop=1)],
        [["1", "Notification | *now*", "ofsted"], ["2-3", "=SUM(A1)", "council"]],
        [None, "bold red"],
    )
    fields: dict[str, object] = {
        "json": [{"day": 1, "title": "Notification | *now*"}, {"day": 2, "title": "=SUM(A1)"}],
        "csv_header": ("day", "title", "n"),
        "csv_rows": [(1, "Notification | *now*", -5), (2, "=SUM(A1)", None)],
        "layouts": [layout],
        "title": "A title",
        "notes": ["First note.", "Second note."],
    }
    fields.update(changes)
    return Rows(**fields)  # type: ignore[arg-type]


def written(rows: Rows, fmt: str) -> str:
    stream = io.StringIO()
    write_rows(rows, fmt, stream)
    return stream.getvalue()


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_guards_every_text_cell_that_a_spreadsheet_would_run(start: str) -> None:
    text = csv_text([(f"{start}1+2", -7, None, "plain")])
    first = text.split(",", 1)[0].strip('"')
    assert first == f"'{start}1+2"
    assert text.endswith(",-7,,plain\n")  # numbers as they are, None empty


def test_json_csv_and_markdown_come_from_one_description() -> None:
    rows = sample()
    assert written(rows, "json") == (
        '[\n  {\n    "day": 1,\n    "title": "Notification | *now*"\n  },\n'
        '  {\n    "day": 2,\n    "title": "=SUM(A1)"\n  }\n]\n'
    )
    assert written(rows, "csv") == "day,title,n\n1,Notification | *now*,-5\n2,'=SUM(A1),\n"
    assert written(rows, "markdown") == (
        "**A title**\n\n"
        "| Day | Title | Who |\n|---:|---|---|\n"
        "| 1 | Notification \\| \\*now\\* | ofsted |\n"
        "| **2-3** | =SUM(A1) | **council** |\n"  # a highlighted row: its first and last cells
        "\nFirst note.\n\nSecond note.\n"
    )


def test_markdown_can_differ_from_the_terminal_table() -> None:
    other = Layout([Column("Only")], [["cell"]])
    out = written(sample(markdown=other, markdown_notes=["One paragraph."]), "markdown")
    assert out == "**A title**\n\n| Only |\n|---|\n| cell |\n\nOne paragraph.\n"


def test_the_terminal_table_has_its_title_rows_and_notes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    out = written(sample(before=["Before the table."]), "table")
    lines = out.splitlines()
    assert lines[0] == "Before the table."
    assert lines[1] == "A title"
    assert "│   1 │ Notification | *now* │ ofsted  │" in lines
    assert "│ 2-3 │ =SUM(A1)             │ council │" in lines
    assert lines[-2:] == ["First note.", "Second note."]


def test_a_column_is_left_out_with_a_note_before_rows_are_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "27")
    out = written(sample(), "table")
    assert "Who" not in out.split("Left out")[0]
    assert "Left out to fit 27 columns: Who. Widen the window, or use --format csv for every column." in (
        " ".join(out.split())
    )
    assert all(len(line) <= 27 for line in out.splitlines())


def test_too_narrow_for_any_table_every_row_is_listed_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "20")
    out = written(sample(), "table")
    assert out.splitlines()[:8] == [
        "A title",
        "Day: 1",
        "  Title:",
        "    Notification |",
        "    *now*",
        "  Who: ofsted",
        "Day: 2-3",
        "  Title: =SUM(A1)",
    ]
    assert "Listed one column a line to fit 20 columns" in " ".join(out.split())
    assert all(len(line) <= 20 for line in out.splitlines())


def test_lines_only_are_written_without_rich() -> None:
    """A command with lines and no table (cache) never pays for importing rich."""
    script = (
        "import io, sys\n"
        "from inspectcal.render.rows import Rows\n"
        "from inspectcal.render.writer import write_rows\n"
        "out = io.StringIO()\n"
        "rows = Rows(json={}, csv_header=(), csv_rows=(), before=['Folder: Mon 22 Feb 2010 x'])\n"
        "write_rows(rows, 'table', out)\n"
        "assert 'rich' not in sys.modules, 'rich imported'\n"
        "print(out.getvalue(), end='')\n"
    )
    env = dict(os.environ, COLUMNS="20")
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Folder:\nMon 22 Feb 2010 x\n"  # a date is never split


def test_cache_csv_and_json_go_through_the_writer(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    folder = f'{tmp_path}/a,b "c"'
    monkeypatch.setenv("INSPECTCAL_CACHE_DIR", folder)
    os.makedirs(folder)
    out = run_cli(["cache", "--format", "csv"]).stdout
    quoted = folder.replace('"', '""')
    assert out == f'folder,entries,bytes\n"{quoted}",0,0\n'
    out = run_cli(["cache", "--format", "json"]).stdout
    assert out.startswith('{\n  "folder": ')
    assert out.endswith('"entries": 0,\n  "bytes": 0\n}\n')


def test_days_label() -> None:
    assert days_label(5, 5) == "Day 5"
    assert days_label(11, 20) == "Days 11-20"


# -- the month grid: who acts by a letter as well as a colour -----------------------------


def test_month_grid_marks_who_acts_in_letters() -> None:
    from inspectcal.calendars import CalendarSource, working_calendar
    from inspectcal.frameworks import load_framework
    from inspectcal.plan import build_plan
    from inspectcal.render.month_grid import month_grids

    source = CalendarSource()
    plan = build_plan(load_framework("slac-2009"), date(2010, 2, 22), working_calendar(source), source)
    days = {d.day: d for grid in month_grids(plan) for week in grid.weeks for d in week if d is not None}
    assert [grid.caption for grid in month_grids(plan)] == ["February 2010", "March 2010", "April 2010"]
    assert (days[date(2010, 2, 22)].mark, days[date(2010, 2, 22)].letter) == ("D1*", "O")
    assert (days[date(2010, 2, 24)].mark, days[date(2010, 2, 24)].letter) == ("D3*", "C")
    assert (days[date(2010, 2, 26)].mark, days[date(2010, 2, 26)].letter) == ("D5*", "B")
    assert (days[date(2010, 3, 1)].kind, days[date(2010, 3, 1)].mark, days[date(2010, 3, 1)].letter) == (
        "range",
        "D6=",
        "C",
    )
    assert (days[date(2010, 4, 2)].kind, days[date(2010, 4, 2)].mark) == ("off", "BH")
    assert (days[date(2010, 4, 7)].mark, days[date(2010, 4, 7)].letter) == ("D31", "")
    assert days[date(2010, 2, 27)].kind == "weekend"
    assert days[date(2010, 2, 19)].kind == "outside"


def test_every_coloured_day_has_its_letter_in_the_terminal_and_the_page() -> None:
    import re

    grid = run_cli(["calendar", "-n", "2010-02-22"], env={"COLUMNS": "80"}).stdout
    assert "22 O 23 O 24 C 25 C 26 B" in grid
    assert "O Ofsted (blue), C council (green), B both (magenta)" in " ".join(grid.split())
    page = run_cli(["plan", "-n", "2010-02-22", "--format", "html"]).stdout
    cells = re.findall(
        r'<td class="([mr]-\w+)"[^>]*><span class="n">\d+ <abbr title="(\w+)">(\w)</abbr>', page
    )
    coloured = re.findall(r'<td class="[mr]-\w+"', page)
    assert len(cells) == len(coloured) > 20
    letters = {"ofsted": ("Ofsted", "O"), "council": ("Council", "C"), "both": ("Both", "B")}
    for css, title, letter in cells:
        assert letters[css[2:]] == (title, letter)
    assert "O Ofsted (blue), C council (brown), B both (purple)" in page


# -- render/ imports: no cycle, no other module's private names ---------------------------


def _render_imports() -> dict[str, set[str]]:
    modules = {p.stem for p in RENDER.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for path in RENDER.glob("*.py"):
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module == "inspectcal.render":
                    found |= {a.name for a in node.names if a.name in modules}
                    found.add("__init__")
                elif node.module.startswith("inspectcal.render."):
                    found.add(node.module.rsplit(".", 1)[1])
            elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "import_module":
                continue  # get_renderer: a format's module, by name, for the CLI
        graph[path.stem] = found - {path.stem}
    return graph


def test_render_has_no_import_cycle() -> None:
    graph = _render_imports()
    graph["__init__"] = set()  # it imports format modules only through get_renderer, at run time
    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph.get(module, ())):
            assert state.get(target) != "open", " -> ".join([*trail, module, target])
            if target not in state:
                visit(target, [*trail, module])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [])


def test_no_module_imports_another_modules_private_name() -> None:
    for path in [*RENDER.glob("*.py"), *(REPO / "inspectcal" / "cli").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("inspectcal"):
                private = [a.name for a in node.names if a.name.startswith("_") and not a.name.endswith("__")]
                if path.parent == RENDER or (node.module or "").startswith("inspectcal.render"):
                    assert not private, f"{path.name} imports {private} from {node.module}"
