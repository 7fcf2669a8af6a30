"""One consistent command set: help with no arguments, output options, regions, hints."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inspectcal.cli import app

runner = CliRunner()


def test_inspectcal_alone_prints_the_normal_help() -> None:
    """Not one squashed 'Error: Usage: ...' line with exit 2: the help a user asked for by typing nothing."""
    done = subprocess.run([sys.executable, "-m", "inspectcal"], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("Usage: inspectcal [OPTIONS] COMMAND [ARGS]...\n")
    help_text = subprocess.run(
        [sys.executable, "-m", "inspectcal", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert done.stdout == help_text
    for command in ("plan", "window", "check", "status", "frameworks"):
        assert f"\n  {command} " in done.stdout


@pytest.mark.parametrize("empty", ["", " "])
@pytest.mark.parametrize(
    "args",
    [
        ("plan", "--notified", "2010-02-22"),
        ("holidays", "--year", "2010"),
        ("window", "--from", "2010-12-13", "--to", "2010-12-14"),
    ],
)
def test_empty_output_name_is_bad_input(args: tuple[str, ...], empty: str, tmp_path: Path) -> None:
    result = runner.invoke(app, [*args, "-o", empty])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: the output file name is empty: give a file name, or '-' for stdout\n"


@pytest.mark.parametrize(
    ("typed", "day_40"), [("Scotland", "2010-04-19"), ("ni", "2010-04-21"), ("England", "2010-04-20")]
)
def test_region_names_in_any_case_on_the_command_line(typed: str, day_40: str) -> None:
    result = runner.invoke(app, ["date", "40", "--notified", "2010-02-22", "--region", typed])
    assert (result.exit_code, result.stderr, result.stdout) == (0, "", f"{day_40}\n")


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("2010/02/22", "a year-first date takes dashes: write 2010-02-22 (or 22/02/2010)"),
        ("20100222", "separate the parts: write 2010-02-22"),
    ],
)
def test_the_issue_dates_get_hints_that_fit(typed: str, hint: str) -> None:
    result = runner.invoke(app, ["plan", "--notified", typed])
    assert result.exit_code == 2
    assert result.stderr == f"Error: --notified: cannot read '{typed}' as a date: {hint}\n"
    assert "four-digit" not in result.stderr


def test_readme_gives_every_venv_command_for_powershell_too() -> None:
    """Each POSIX command line that uses .venv/bin has its PowerShell twin right after it."""
    import re

    from .conftest import REPO

    readme = (REPO / "README.md").read_text("utf-8")
    blocks = re.findall(r"```(sh|powershell)\n(.*?)```", readme, re.S)
    posix = [(i, block) for i, (kind, block) in enumerate(blocks) if kind == "sh" and ".venv/bin/" in block]
    assert len(posix) >= 3
    for index, block in posix:
        twin = blocks[index + 1]
        assert twin[0] == "powershell", block
        expected = [
            line.replace("python3 -m venv", "py -m venv")
            .replace(" && ", "; ")
            .replace(".venv/bin/", ".venv\\Scripts\\")
            for line in block.splitlines()
        ]
        assert twin[1].splitlines() == expected
    assert "pipx install ." in readme
    assert "uv tool install ." in readme
