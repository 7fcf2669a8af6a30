"""Regression tests for the findings of the second hostile review (reports/hostile-2.md)."""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import run_cli


@pytest.fixture(autouse=True)
def _keep_widths() -> Iterator[None]:
    """Shell completion sets COLUMNS and TERMINAL_WIDTH for the process (a real run ends
    there); restore them so later tests see the width they expect."""
    saved = {name: os.environ.get(name) for name in ("COLUMNS", "TERMINAL_WIDTH")}
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def run(*args: str) -> tuple[int, str, str]:
    result = run_cli(list(args))
    return result.exit_code, result.stdout, result.stderr


def fails(code: int, *args: str) -> str:
    """Run, expect ``code``, nothing on stdout, exactly one 'Error:' line on stderr; return it."""
    got, out, err = run(*args)
    assert got == code, (got, out, err)
    assert out == ""
    assert err.startswith("Error: "), err
    assert err.count("\n") == 1, err
    return err.removeprefix("Error: ").rstrip("\n")


# -- finding 3: -o FILE's extension and --format -----------------------------------------


def is_zip_with(path: Path, member: str) -> bool:
    with zipfile.ZipFile(path) as archive:
        return member in archive.namelist()


@pytest.mark.parametrize(
    ("name", "member"), [("guess.docx", "word/document.xml"), ("plan.xlsx", "xl/workbook.xml")]
)
def test_an_office_extension_without_format_writes_that_office_file(
    tmp_path: Path, name: str, member: str
) -> None:
    target = tmp_path / name
    code, out, err = run("plan", "-n", "2010-02-22", "-o", str(target))
    assert (code, out, err) == (0, "", "")
    assert is_zip_with(target, member)


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("t.svg", "<svg"),
        ("t.html", "<!DOCTYPE html>"),
        ("t.ics", "BEGIN:VCALENDAR"),
        ("t.md", "**"),
        ("t.csv", "start_day,end_day,"),
        ("t.JSON", "{"),
    ],
)
def test_a_text_extension_without_format_sets_the_format(tmp_path: Path, name: str, start: str) -> None:
    target = tmp_path / name
    assert run("plan", "-n", "2010-02-22", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8").lstrip().startswith(start)


def test_a_json_name_gives_json_for_the_small_commands_too(tmp_path: Path) -> None:
    target = tmp_path / "d.json"
    assert run("date", "5", "-n", "2010-02-22", "-o", str(target))[0] == 0
    assert json.loads(target.read_text())["days"] == [{"day": 5, "date": "2010-02-26"}]
    listing = tmp_path / "f.csv"
    assert run("frameworks", "-o", str(listing))[0] == 0
    assert listing.read_text().startswith("id,title,")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["plan", "-n", "2010-02-22", "--format", "table", "-o", "{d}/guess.docx"],
            "-o {d}/guess.docx is a Word file name but --format is table: "
            "use --format docx, or a file name ending .txt",
        ),
        (
            ["plan", "-n", "2010-02-22", "--format", "docx", "-o", "{d}/wrong.svg"],
            "-o {d}/wrong.svg is an SVG picture file name but --format is docx: "
            "use --format svg, or a file name ending .docx",
        ),
        (
            ["window", "--from", "2010-12-01", "--to", "2010-12-10", "--format", "csv", "-o", "{d}/w.xlsx"],
            "-o {d}/w.xlsx is an Excel file name but --format is csv: "
            "use --format xlsx, or a file name ending .csv",
        ),
        (
            ["plan", "-n", "2010-02-22", "--format", "xlsx", "-o", "{d}/p.txt"],
            "-o {d}/p.txt is a text file name but --format xlsx writes a binary file: "
            "use a file name ending .xlsx, or a text --format",
        ),
        (
            ["date", "5", "-n", "2010-02-22", "-o", "{d}/d.docx"],
            "-o {d}/d.docx is a Word file name but 'inspectcal date' cannot write docx: "
            "its --format is one of text, json, jsonl, csv",
        ),
        (
            ["frameworks", "show", "slac-2009", "-o", "{d}/f.md"],
            "-o {d}/f.md is a Markdown file name but 'inspectcal frameworks show' cannot write markdown: "
            "its --format is one of table, json, csv",
        ),
        (
            ["calendar", "-n", "2010-02-22", "-o", "{d}/c.svg"],
            "-o {d}/c.svg is an SVG picture file name but 'inspectcal calendar' writes text: "
            "use a file name ending .txt",
        ),
        (
            ["check", "x.csv", "-n", "2010-02-22", "--format", "json", "-o", "{d}/c.csv"],
            "-o {d}/c.csv is a CSV file name but --format is json: "
            "use --format csv, or a file name ending .json",
        ),
    ],
)
def test_a_contradiction_is_refused_and_writes_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    d = str(tmp_path)
    assert fails(2, *[a.format(d=d) for a in args]) == message.format(d=d)
    assert list(tmp_path.iterdir()) == []


def test_unknown_and_matching_extensions_keep_the_format(tmp_path: Path) -> None:
    assert run("plan", "-n", "2010-02-22", "-o", str(tmp_path / "p.txt"))[0] == 0
    assert (tmp_path / "p.txt").read_text().lstrip().startswith("Safeguarding and looked after")
    assert "┏" in (tmp_path / "p.txt").read_text()
    assert run("plan", "-n", "2010-02-22", "--format", "json", "-o", str(tmp_path / "p.out"))[0] == 0
    assert json.loads((tmp_path / "p.out").read_text())["notified"] == "2010-02-22"
    assert run("plan", "-n", "2010-02-22", "--format", "csv", "-o", str(tmp_path / "p.csv"))[0] == 0


# -- finding 7: --show-completion SHELL / --install-completion SHELL ------------------------

SCRIPT_HEADERS = {
    "bash": "_inspectcal_completion() {",
    "zsh": "#compdef inspectcal",
    "fish": "complete --command inspectcal ",
    "powershell": "Import-Module PSReadLine",
    "pwsh": "Import-Module PSReadLine",
}


@pytest.mark.parametrize("shell", sorted(SCRIPT_HEADERS))
@pytest.mark.parametrize("form", ["separate", "equals"])
def test_show_completion_gives_the_named_shells_script(shell: str, form: str) -> None:
    args = ["--show-completion", shell] if form == "separate" else [f"--show-completion={shell}"]
    code, out, err = run(*args)
    assert (code, err) == (0, "")
    assert out.startswith(SCRIPT_HEADERS[shell]), out[:80]
    first_line = out.split("\n", 1)[0]
    for other, header in SCRIPT_HEADERS.items():
        if header != SCRIPT_HEADERS[shell]:
            assert not first_line.startswith(header), other


def test_show_completion_takes_the_shell_name_in_any_case() -> None:
    assert run("--show-completion", "ZSH")[1].startswith("#compdef inspectcal")


def test_show_completion_without_a_shell_still_detects_one() -> None:
    code, out, err = run("--show-completion")
    assert (code, err) == (0, "")
    assert any(out.startswith(header) for header in SCRIPT_HEADERS.values()), out[:80]


@pytest.mark.parametrize("option", ["--show-completion", "--install-completion"])
@pytest.mark.parametrize("shell", ["tcsh", "cmd", "plan"])
def test_an_unknown_shell_is_refused(option: str, shell: str) -> None:
    assert fails(2, option, shell) == (
        f"no completion for the shell '{shell}': name one of bash, zsh, fish, powershell, pwsh"
    )


@pytest.mark.parametrize(
    ("shell", "script", "header"),
    [
        ("bash", ".bash_completions/inspectcal.sh", "_inspectcal_completion() {"),
        ("zsh", ".zfunc/_inspectcal", "#compdef inspectcal"),
        ("fish", ".config/fish/completions/inspectcal.fish", "complete --command inspectcal "),
    ],
)
def test_install_completion_installs_the_named_shells_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shell: str, script: str, header: str
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    code, out, err = run("--install-completion", shell)
    assert (code, err) == (0, "")
    assert out.startswith(f"{shell} completion installed in {tmp_path / script}\n")
    assert (tmp_path / script).read_text().startswith(header)


def test_install_completion_for_powershell_without_powershell_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path))  # no pwsh here
    assert fails(1, "--install-completion", "pwsh") == (
        "cannot install completion for pwsh: pwsh is not found here; run "
        "'inspectcal --show-completion pwsh' and add its output to the shell's profile"
    )


# -- finding 9: cache clear on a file, window markdown's reasons, README's region names ------


@pytest.mark.parametrize("args", [["cache", "clear"], ["cache"]])
def test_a_cache_location_that_is_a_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    not_a_folder = tmp_path / "passwd"
    not_a_folder.write_text("root:x:0:0\n")
    monkeypatch.setenv("INSPECTCAL_CACHE_DIR", str(not_a_folder))
    assert fails(2, *args) == (
        f"the cache folder {not_a_folder} is not a folder: set INSPECTCAL_CACHE_DIR to a folder"
    )
    assert not_a_folder.read_text() == "root:x:0:0\n"


def test_window_markdown_names_the_reason_of_each_clash(tmp_path: Path) -> None:
    avoid = tmp_path / "leave.txt"
    avoid.write_text("2010-12-20..2010-12-24 # Director on leave\n")
    code, out, err = run(
        "window", "--from", "2010-12-13", "--to", "2010-12-14", "--avoid-file", str(avoid),
        "--avoid", "2010-12-31", "--format", "markdown",
    )  # fmt: skip
    assert (code, err) == (0, "")
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    # Mon 13 Dec 2010: Day 5 is Fri 17 Dec, fieldwork (Days 11-20) Wed 29 Dec..Wed 12 Jan
    # (Christmas and Boxing Day observed on 27 and 28 Dec): only the unnamed 31 Dec clashes.
    assert rows[1].endswith("| **fieldwork: Fri 31 Dec** |")
    # Tue 14 Dec 2010: Day 5 is Mon 20 Dec, a named day of leave.
    assert rows[2].endswith("| **setup-meeting: Mon 20 Dec (Director on leave); fieldwork: Fri 31 Dec** |")


def test_readme_lists_exactly_the_region_names_accepted() -> None:
    import re

    from inspectcal.calendars import REGION_ALIASES, REGIONS, region_key

    from .conftest import documentation

    readme = documentation()
    paragraph = readme[readme.index("Region names are case-insensitive") :].split("\n\n", 1)[0]
    names = {region_key(n) for n in re.findall(r"`([^`]+)`", paragraph) if n not in ("_", "-", "&")}
    assert names == set(REGION_ALIASES) | set(REGIONS)
    for name in re.findall(r"`([^`]+)`", paragraph):
        if name not in ("_", "-", "&"):
            assert run("date", "1", "-n", "2010-02-22", "--region", name)[0] == 0, name


# -- finding 6: every line fits the width, nothing is lost ----------------------------------

WIDTHS = (60, 80, 120)


def at_width(width: int, *args: str) -> str:
    result = run_cli(list(args), env={"COLUMNS": str(width)})
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
    return result.stdout


def help_at_width(width: int, *args: str) -> str:
    """Help in a real process (Click's test runner fixes the help's width at 80)."""
    import os
    import subprocess
    import sys

    environ = dict(os.environ, COLUMNS=str(width))
    done = subprocess.run(
        [sys.executable, "-m", "inspectcal", *args], capture_output=True, text=True, env=environ, check=True
    )
    return done.stdout


def assert_fits(text: str, width: int) -> None:
    long = [line for line in text.splitlines() if len(line) > width]
    assert long == [], long


def words(text: str) -> list[str]:
    return " ".join(text.replace(" \\\n", " ").split()).split()


@pytest.mark.parametrize("width", WIDTHS)
def test_frameworks_show_evidence_table_fits(width: int) -> None:
    out = at_width(width, "frameworks", "show", "ilacs-standard")
    assert_fits(out, width)
    table = out[out.index("Evidence:") :]
    for era in ("2018-02-09", "2021-07-09", "2024-06-07"):
        assert era in table
    # 67 standard inspections in the first era: one held by the 2019 general election is left out.
    assert "│      67 │" in table or "│          67 │" in table


@pytest.mark.parametrize("width", WIDTHS)
def test_ilacs_record_table_fits_and_keeps_every_row(width: int) -> None:
    import csv

    from .conftest import ILACS_RECORD

    record = ILACS_RECORD
    out = at_width(width, "ilacs-record", str(record))
    assert_fits(out, width)
    with record.open(encoding="utf-8") as handle:
        authorities = [row["local_authority"] for row in csv.DictReader(handle)]
    rows = [
        [cell.strip() for cell in line.split("│")[1:-1]] for line in out.splitlines() if line.startswith("│")
    ]
    has_line = "┃ Line ┃" in out
    # At 60 columns the Line column is the last to go, and the note says so.
    assert has_line == (width > 60)
    assert ("Left out to fit 60 columns: Framework, Target, Published, Line." in " ".join(out.split())) == (
        width == 60
    )
    name_at = 1 if has_line else 0
    if has_line:
        assert [row[0] for row in rows if row[0]] == [str(n) for n in range(2, len(authorities) + 2)]
    # A row starts where its last on-site date is; names wrap at spaces or after a hyphen:
    # joined up again, every authority is there, in order.
    names: list[str] = []
    for row in rows:
        if row[name_at + 1]:
            names.append(row[name_at])
        elif row[name_at]:
            names[-1] += ("" if names[-1].endswith("-") else " ") + row[name_at]
    assert names == authorities


@pytest.mark.parametrize("width", WIDTHS)
def test_status_text_fits_and_says_the_same(width: int) -> None:
    args = ("status", "-n", "2010-02-22", "--on", "2010-03-09")
    out = at_width(width, *args)
    assert_fits(out, width)
    assert words(out) == words(at_width(1000, *args))
    assert "Tue 9 Mar 2010: Day 12 of 40:" in out  # a date and a Day stay on one line


@pytest.mark.parametrize("width", WIDTHS)
def test_cache_lines_fit(width: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A short folder name: one longer than the width cannot fit (temporary folders under xdist
    # or on macOS are long).
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("INSPECTCAL_CACHE_DIR", "cache")
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "bank-holidays-england-and-wales.json").write_bytes(b"x" * 1_500_000)
    out = at_width(width, "cache")
    assert_fits(out, width)
    assert words(out) == words(at_width(1000, "cache"))
    assert "1.5 MB" in out  # a size stays on one line


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", ["plan", "check", "window", "status", "calendar", "add", "between"])
def test_help_examples_fit_and_stay_whole(width: int, command: str) -> None:
    import typer

    from inspectcal.cli import app

    out = help_at_width(width, command, "--help")
    assert_fits(out, width)
    epilog = typer.main.get_command(app).commands[command].epilog or ""  # type: ignore[attr-defined]
    epilog = epilog.replace(" \\\n", " ")
    written = [
        " ".join(line.split()) for line in epilog.splitlines() if line.strip().startswith("inspectcal ")
    ]
    shown = out[out.index("Examples:") :].replace(" \\\n", " ")
    joined = [" ".join(line.split()) for line in shown.splitlines() if line.strip().startswith("inspectcal ")]
    assert joined == written


@pytest.mark.parametrize("width", WIDTHS)
def test_root_help_gives_each_commands_whole_summary(width: int) -> None:
    out = help_at_width(width, "--help")
    assert_fits(out, width)
    commands = out[out.index("Commands:") :]
    flat = " ".join(commands.split())
    assert "plan Date every milestone of an inspection from its notification date." in flat
    assert "check Check a hand-written timetable: do its dates and Day labels agree?" in flat
    assert "..." not in commands
