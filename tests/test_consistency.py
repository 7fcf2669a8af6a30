"""One consistent command set: help with no arguments, output options, regions, hints."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from inspectcal.cli import app

from .conftest import run_cli


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
    result = run_cli([*args, "-o", empty])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: the output file name is empty: give a file name, or '-' for stdout\n"


@pytest.mark.parametrize(
    ("typed", "day_40"), [("Scotland", "2010-04-19"), ("ni", "2010-04-21"), ("England", "2010-04-20")]
)
def test_region_names_in_any_case_on_the_command_line(typed: str, day_40: str) -> None:
    result = run_cli(["date", "40", "--notified", "2010-02-22", "--region", typed])
    assert (result.exit_code, result.stderr, result.stdout) == (0, "", f"{day_40}\n")


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("2010/02/22", "a year-first date takes dashes: write 2010-02-22 (or 22/02/2010)"),
        ("20100222", "separate the parts: write 2010-02-22"),
    ],
)
def test_the_issue_dates_get_hints_that_fit(typed: str, hint: str) -> None:
    result = run_cli(["plan", "--notified", typed])
    assert result.exit_code == 2
    assert result.stderr == f"Error: --notified: cannot read '{typed}' as a date: {hint}\n"
    assert "four-digit" not in result.stderr


def test_readme_gives_every_venv_command_for_powershell_too() -> None:
    """Each POSIX command line that uses .venv/bin has its PowerShell twin right after it."""
    import re

    from .conftest import documentation

    readme = documentation()
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


# -- every command that prints data: --format json, -o/--force -------------------------

DATA_COMMANDS = [
    ("plan", "--notified", "2010-02-22"),
    ("date", "11", "40", "--notified", "2010-02-22"),
    ("day", "2010-03-08", "--notified", "2010-02-22"),
    ("add", "2010-02-22", "39"),
    ("between", "2010-02-22", "2010-04-20"),
    ("holidays", "--year", "2010"),
    ("window", "--from", "2010-12-13", "--to", "2010-12-15"),
    ("calendar", "--notified", "2010-02-22"),
    ("check", "examples/nottinghamshire-2010.csv", "--notified", "2010-02-22"),
    ("status", "--notified", "2010-02-22", "--on", "2010-03-09"),
    ("frameworks",),
    ("frameworks", "show", "slac-2009"),
    ("cache",),
]


def _invoke(*args: str, input: str | None = None) -> tuple[int, str, str]:
    from .conftest import REPO

    cwd = Path.cwd()
    try:
        os.chdir(REPO)
        result = run_cli(list(args), input=input)
    finally:
        os.chdir(cwd)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("args", DATA_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_output_file_holds_exactly_what_stdout_shows(args: tuple[str, ...], tmp_path: Path) -> None:
    code, shown, err = _invoke(*args)
    target = tmp_path / "out.txt"
    assert _invoke(*args, "-o", str(target)) == (code, "", err)
    assert target.read_bytes().decode("utf-8") == shown
    again = _invoke(*args, "-o", str(target))
    assert again[0] == 1
    assert again[2] == f"Error: {target} already exists: add --force to replace it\n"
    target.write_text("old", "utf-8")
    assert _invoke(*args, "--output", str(target), "--force")[:2] == (code, "")
    assert target.read_bytes().decode("utf-8") == shown


@pytest.mark.parametrize(
    "args", [a for a in DATA_COMMANDS if a[0] != "calendar"], ids=lambda a: " ".join(a[:2])
)
def test_every_data_command_has_json(args: tuple[str, ...]) -> None:
    code, out, _ = _invoke(*args, "--format", "json")
    assert code in (0, 1)
    json.loads(out)


def test_date_and_day_json_and_csv() -> None:
    _, out, _ = _invoke("date", "11", "40", "-n", "2010-02-22", "--format", "json")
    assert json.loads(out) == {
        "notified": "2010-02-22",
        "days": [{"day": 11, "date": "2010-03-08"}, {"day": 40, "date": "2010-04-20"}],
    }
    _, out, _ = _invoke("day", "2010-03-08", "2010-04-20", "-n", "2010-02-22", "--format", "csv")
    assert out == "notified,date,day\n2010-02-22,2010-03-08,11\n2010-02-22,2010-04-20,40\n"
    _, out, _ = _invoke("add", "2010-02-22", "39", "--format", "json")
    assert json.loads(out) == {"start": "2010-02-22", "n": 39, "date": "2010-04-20"}
    _, out, _ = _invoke("between", "2010-02-22", "2010-04-20", "--inclusive", "--format", "csv")
    assert out == "a,b,inclusive,working_days\n2010-02-22,2010-04-20,yes,40\n"


def test_window_markdown() -> None:
    code, out, _ = _invoke(
        "window",
        "--from",
        "2010-12-13",
        "--to",
        "2010-12-14",
        "--avoid",
        "2010-12-20",
        "--format",
        "markdown",
    )
    assert code == 0
    assert out.splitlines() == [
        "| Notified (Day 1) | setup-meeting (Day 5) | fieldwork (Days 11-20) | publication (Day 40) "
        "| Clashes |",
        "|---|---|---|---|---|",
        "| Mon 13 Dec 2010 | Fri 17 Dec | Wed 29 Dec - Wed 12 Jan | Wed 9 Feb | - |",
        "| **Tue 14 Dec 2010** | Mon 20 Dec | Thu 30 Dec - Thu 13 Jan | Thu 10 Feb "
        "| **setup-meeting: Mon 20 Dec** |",
        "",
        "1 of 2 candidate notification dates clash. "
        "Longest clash-free runs: Mon 13 Dec 2010 (1 working day).",
    ]


def test_calendar_svg_and_output_are_one_or_the_other(tmp_path: Path) -> None:
    code, out, err = _invoke(
        "calendar", "-n", "2010-02-22", "--svg", str(tmp_path / "a.svg"), "-o", str(tmp_path / "a.txt")
    )
    assert (code, out) == (2, "")
    assert err == "Error: give --svg FILE or --output FILE, not both: --svg writes the picture instead\n"


# -- add and between read stdin like date and day ---------------------------------------


def test_add_batch_reads_date_and_n_pairs() -> None:
    code, out, err = _invoke("add", "-", input="2010-02-22 39\n\n# a comment\n22/02/2010,1\n2010-02-22\t-1\n")
    assert (code, err) == (0, "")
    assert out == "2010-02-22\t39\t2010-04-20\n2010-02-22\t1\t2010-02-23\n2010-02-22\t-1\t2010-02-19\n"


def test_add_batch_with_a_fixed_n_and_formats() -> None:
    _, out, _ = _invoke("add", "-", "39", "--format", "csv", input="2010-02-22\n2011-02-21\n")
    assert out == "start,n,date\n2010-02-22,39,2010-04-20\n2011-02-21,39,2011-04-15\n"
    _, out, _ = _invoke("add", "-", "39", "--format", "jsonl", input="2010-02-22\n")
    assert out == '{"start":"2010-02-22","n":39,"date":"2010-04-20"}\n'


def test_between_batch_reads_pairs_written_any_usual_way() -> None:
    lines = "2010-02-22 2010-04-20\n22 Feb 2010, 20 Apr 2010\n22/02/2010\t20/04/2010\n"
    code, out, err = _invoke("between", "-", input=lines)
    assert (code, err) == (0, "")
    assert out == "2010-02-22\t2010-04-20\t39\n" * 3
    code, out, _ = _invoke("between", "-", "2010-04-20", "--inclusive", input="2010-02-22\n")
    assert out == "2010-02-22\t2010-04-20\t40\n"


def test_add_and_between_batches_follow_the_batch_rules() -> None:
    """A bad line is named by number, the rest are done, then exit 2 (as for date and day)."""
    code, out, err = _invoke("add", "-", input="2010-02-22 39\nsoon 3\nlater\n2010-02-22 1\n")
    assert code == 2
    assert out == "2010-02-22\t39\t2010-04-20\n2010-02-22\t1\t2010-02-23\n"
    assert err.splitlines() == [
        "Error: stdin, line 2: DATE: cannot read 'soon' as a date: "
        "use YYYY-MM-DD, DD/MM/YYYY or e.g. '22 Feb 2010'",
        "Error: stdin, line 3: 'later' is not DATE N, e.g. 2010-02-22 39 (a tab or a comma also works)",
        "Error: 2 bad lines on stdin (see above); the rest were done",
    ]
    code, out, err = _invoke("between", "-", input="2010-02-22\n2010-02-22 2010-02-23\n")
    assert (code, out) == (2, "2010-02-22\t2010-02-23\t1\n")
    assert err.splitlines()[0] == (
        "Error: stdin, line 1: cannot read two dates in '2010-02-22': "
        "write A and B with a tab or a comma between them"
    )
    code, out, err = _invoke("add", "-", "--format", "json", input="2010-02-22 39\n")
    assert (code, out) == (2, "")
    assert err == "Error: add - reads stdin a line at a time: use --format text, jsonl or csv\n"


def test_add_batch_matches_one_run_per_line() -> None:
    """The batch gives what a run per line gives (the loop it replaces)."""
    pairs = [("2010-02-22", 39), ("2012-05-31", 3), ("2010-12-24", -5), ("2011-04-21", 10)]
    code, out, _ = _invoke("add", "-", input="".join(f"{d} {n}\n" for d, n in pairs))
    assert code == 0
    singles = [_invoke("add", d, str(n))[1].strip() for d, n in pairs]
    assert [line.split("\t")[2] for line in out.splitlines()] == singles


# -- '-' is stdin for every file argument -----------------------------------------------


def test_dash_is_stdin_for_file_arguments() -> None:
    from .conftest import REPO

    closures = "2010-03-01..2010-03-05 # half term\n"
    with_file = _invoke("date", "40", "-n", "2010-02-22", "--closed", "2010-03-01..2010-03-05")[1]
    assert _invoke("date", "40", "-n", "2010-02-22", "--closures", "-", input=closures)[1] == with_file
    timetable = (REPO / "examples" / "nottinghamshire-2010.csv").read_text("utf-8")
    by_name = _invoke("check", "examples/nottinghamshire-2010.csv", "-n", "2010-02-22", "--format", "json")
    assert _invoke("check", "-", "-n", "2010-02-22", "--format", "json", input=timetable)[:2] == by_name[:2]
    toml = (REPO / "inspectcal" / "frameworks" / "jtai.toml").read_text("utf-8")
    shown = _invoke("frameworks", "show", "jtai", "--format", "json")[1]
    assert _invoke("frameworks", "show", "-", "--format", "json", input=toml)[1] == shown
    _, out, _ = _invoke(
        "window",
        "--from",
        "2010-02-22",
        "--to",
        "2010-02-22",
        "--avoid-file",
        "-",
        "--format",
        "csv",
        input="2010-02-26\n",
    )
    assert ",2010-02-26 setup-meeting," in out.splitlines()[1]


def test_stdin_can_be_read_once() -> None:
    code, out, err = _invoke(
        "window",
        "--from",
        "2010-02-22",
        "--to",
        "2010-02-22",
        "--avoid-file",
        "-",
        "--closures",
        "-",
        input="2010-02-26\n",
    )
    assert (code, out) == (2, "")
    assert err.endswith("both read stdin ('-'): only one can; give the other a file\n")


def test_readme_formats_table_is_the_real_cli() -> None:
    """The docs' commands x formats table, checked against the commands' own options."""
    import typer.main

    from .conftest import documentation

    readme = documentation()
    lines = readme.split("<!-- formats-table -->\n", 1)[1].split("\n\n", 1)[0].splitlines()
    head = [cell.strip() for cell in lines[0].strip("|").split("|")]
    table = {}
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        marked = {name for name, cell in zip(head[1:], cells[1:], strict=True) if cell == "✓"}
        table[cells[0].strip("`")] = marked
    root = typer.main.get_command(app)
    real = {}
    for name in root.commands:  # type: ignore[attr-defined]
        command = root.commands[name]  # type: ignore[attr-defined]
        found = [(name, command)]
        found += [(f"{name} {sub}", command.commands[sub]) for sub in getattr(command, "commands", {})]
        for full, each in found:
            params = {p.name: p for p in each.params}
            if "fmt" not in params and "output" not in params:
                continue  # prints no data (e.g. cache clear)
            formats = (
                {str(getattr(c, "value", c)) for c in params["fmt"].type.choices}
                if "fmt" in params
                else set()
            )
            real[full] = formats | ({"`-o`"} if "output" in params else set())
    assert table == real
