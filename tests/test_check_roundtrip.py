"""Every table file the tool writes (CSV, .xlsx, .docx, Markdown) is read back by check with no
options, and agrees: each milestone a row, each row right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import run_cli

FORMATS = {"csv": "csv", "xlsx": "xlsx", "docx": "docx", "markdown": "md"}


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize(
    ("framework", "notified"),
    [("slac-2009", "2010-02-22"), ("ilacs-standard", "2010-12-13"), ("jtai", "2024-03-25")],
)
def test_check_reads_back_every_table_plan_writes(
    tmp_path: Path, fmt: str, framework: str, notified: str
) -> None:
    path = tmp_path / f"plan.{FORMATS[fmt]}"
    common = ["-n", notified, "--framework", framework]
    written = run_cli(["plan", *common, "--format", fmt, "-o", str(path)])
    assert written.exit_code == 0, written.stderr
    planned = json.loads(run_cli(["plan", *common, "--format", "json"]).stdout)
    result = run_cli(["check", str(path), *common, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["ok"] for r in rows] == [True] * len(planned["milestones"])
    if fmt == "xlsx":
        note = (
            f"Note: timetable {path}: read sheet 'Plan', the one Excel opens on (--sheet NAME reads another)"
        )
        assert result.stderr == note + "\n"
    else:
        assert result.stderr == ""


def test_a_slip_typed_into_the_tools_own_csv_is_found(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    assert run_cli(["plan", "-n", "2010-02-22", "--format", "csv", "-o", str(path)]).exit_code == 0
    lines = path.read_text("utf-8").splitlines()
    lines[1] = lines[1].replace("1,1,2010-02-22,2010-02-22", "1,1,2010-02-23,2010-02-23", 1)
    path.write_text("\n".join(lines) + "\n", "utf-8")
    result = run_cli(["check", str(path), "-n", "2010-02-22", "--format", "json"])
    assert result.exit_code == 1
    wrong = [(r["line"], r["date"], r["expected_day"]) for r in json.loads(result.stdout) if not r["ok"]]
    assert wrong == [(2, "2010-02-23", "2")]


def test_a_markdown_table_typed_by_hand_is_read(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(
        "# Timetable\n\nSome text | with a pipe.\n\n"
        "| Date | Day | Activity |\n|:--|--:|---|\n"
        "| 22/02/2010 | 1 | Notified \\| by email |\n"
        "| 25/02/2010 | 3 | Call |\n\n"
        "| Other | table |\n|---|---|\n| x | y |\n",
        "utf-8",
    )
    result = run_cli(["check", str(path), "-n", "2010-02-22", "--format", "json"])
    assert result.exit_code == 1, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["line"], r["activity"], r["ok"], r["expected_day"]) for r in rows] == [
        (7, "Notified | by email", True, "1"),
        (8, "Call", False, "4"),
    ]
