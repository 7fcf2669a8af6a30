"""Start-up stays light: what each path imports, checked by name (figures are in benchmarks/)."""

from __future__ import annotations

import functools
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from inspectcal.render.table import console_for

pytestmark = pytest.mark.slow

PROBE = """
import atexit, sys
atexit.register(lambda: sys.stderr.write("\\nMODULES " + " ".join(sorted(sys.modules)) + "\\n"))
sys.argv = ["inspectcal", *sys.argv[1:]]
from inspectcal.cli import run
run()
"""


TYPER_HELLO = """
import atexit, sys
atexit.register(lambda: sys.stderr.write("\\nMODULES " + " ".join(sorted(sys.modules)) + "\\n"))
import typer
app = typer.Typer()
@app.command()
def hello(name: str = "world") -> None:
    print(name)
app(["--name", "x"])
"""


@functools.cache
def typer_own() -> frozenset[str]:
    """What the installed Typer imports to run a one-command app (typer 0.29 loads pydantic and
    importlib.metadata, 0.28 neither): not a choice of any path of ours."""
    done = subprocess.run([sys.executable, "-c", TYPER_HELLO], capture_output=True, text=True, check=False)
    line = next(ln for ln in done.stderr.splitlines() if ln.startswith("MODULES "))
    return frozenset(line.split()[1:])


def modules_after(*args: str) -> set[str]:
    subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, check=False)  # warm the caches
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    line = next(ln for ln in done.stderr.splitlines() if ln.startswith("MODULES "))
    return set(line.split()[1:])


# tomllib and json are imported: a run parses its framework file and reads the cached bank
# holidays (benchmarks/caches.py: caching more saves a run under 5 ms).
@pytest.mark.parametrize(
    ("args", "absent"),
    [
        (
            ["plan", "-n", "2010-02-22", "--format", "json"],
            [
                *("holidays", "rich", "icalendar", "dateutil"),
                *("openpyxl", "docx", "lxml", "importlib.metadata", "jinja2", "inspectcal.render.svg"),
                "inspectcal.cli.complete",
            ],
        ),
        (
            ["plan", "-f", "ilacs-standard", "-n", "2026-01-05", "--format", "json"],
            ["holidays", "rich", "icalendar", "csv"],
        ),
        (["date", "11", "-n", "2010-02-22"], ["holidays", "rich", "icalendar", "tomllib", "hashlib"]),
        (
            ["plan", "-n", "2010-02-22", "--format", "ics", "--name", "K"],
            ["holidays", "rich", "hashlib", "recurring_ical_events", "jinja2"],
        ),
        (["--help"], ["holidays", "rich", "icalendar", "openpyxl", "docx", "jinja2"]),
        (["plan", "-n", "2010-02-22"], ["jinja2", "inspectcal.render.svg", "markupsafe"]),
        (["plan", "-n", "2010-02-22", "--format", "svg"], ["jinja2", "rich", "holidays", "markupsafe"]),
        (["calendar", "-n", "2010-02-22"], ["jinja2", "inspectcal.render.svg"]),
        (["plan", "-n", "2010-02-22", "--format", "xlsx", "-o", os.devnull], ["docx", "rich", "icalendar"]),
        (
            ["plan", "-n", "2010-02-22", "--format", "docx", "-o", os.devnull],
            ["openpyxl", "rich", "resvg_py"],
        ),
        (["window", "--from", "2010-03-01", "--to", "2010-03-05"], ["openpyxl", "docx"]),
    ],
)
def test_paths_do_not_import_what_they_do_not_use(args: list[str], absent: list[str]) -> None:
    loaded = modules_after(*args)
    for name in absent:
        assert name not in loaded or name in typer_own(), f"{' '.join(args)} imports {name}"


def test_recurring_ical_events_only_when_an_ics_file_is_read(tmp_path: Path) -> None:
    """The recurrence library (and icalendar) load for an .ics avoid file, not for a text one."""
    text = tmp_path / "leave.txt"
    text.write_text("2010-03-10\n", "utf-8")
    window = ("window", "--from", "2010-03-01", "--to", "2010-03-05", "--avoid-file")
    loaded = modules_after(*window, str(text))
    assert "recurring_ical_events" not in loaded
    assert "icalendar" not in loaded
    closures = modules_after("date", "11", "-n", "2010-02-22", "--closures", str(text))
    assert "recurring_ical_events" not in closures
    ics = tmp_path / "leave.ics"
    ics.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20100310\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert "recurring_ical_events" in modules_after(*window, str(ics))
    assert "recurring_ical_events" in modules_after("date", "11", "-n", "2010-02-22", "--closures", str(ics))


@pytest.mark.parametrize(
    ("extra", "module"), [(["xlsx"], "openpyxl"), (["docx"], "docx"), (["docx", "--picture"], "resvg_py")]
)
def test_office_formats_import_their_library(extra: list[str], module: str) -> None:
    assert module in modules_after("plan", "-n", "2010-02-22", "--format", *extra, "-o", os.devnull)


def test_table_uses_rich() -> None:
    assert "rich.table" in modules_after("plan", "-n", "2010-02-22")


def test_html_uses_jinja2_and_the_svg_code() -> None:
    loaded = modules_after("plan", "-n", "2010-02-22", "--format", "html")
    assert {"jinja2", "inspectcal.render.svg"} <= loaded
    assert "rich" not in loaded


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("terminal", "settings", "coloured"),
    [
        (True, {}, True),
        (True, {"NO_COLOR": "1"}, False),
        (True, {"NO_COLOR": ""}, True),
        (True, {"TERM": "dumb"}, False),
        (False, {}, False),
        (False, {"FORCE_COLOR": "1"}, True),
        (False, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ],
)
def test_console_colours_only_a_terminal(
    terminal: bool, settings: dict[str, str], coloured: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The decision alone (tests/test_colour.py checks it end to end under a pseudo-terminal)."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    for key, value in settings.items():
        monkeypatch.setenv(key, value)
    stream = FakeTerminal() if terminal else io.StringIO()
    console_for(stream).print("x", style="bold red")
    assert stream.getvalue() == ("\x1b[1;31mx\x1b[0m\n" if coloured else "x\n")


def test_library_modules_never_import_typer_or_rich() -> None:
    """Library first: only the cli package and the renderers that draw may know the UI libraries."""
    import ast

    from .conftest import REPO

    for path in sorted((REPO / "inspectcal").rglob("*.py")):
        relative = path.relative_to(REPO / "inspectcal").as_posix()
        if relative.startswith("cli/"):
            continue
        imported = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
        assert "typer" not in imported, relative
        if not relative.startswith("render/"):
            assert "rich" not in imported, relative
