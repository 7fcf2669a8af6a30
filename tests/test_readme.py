"""README is the front door: its sample output must be what the tool prints today."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from types import ModuleType

from .conftest import REPO

README = (REPO / "README.md").read_text("utf-8")


def regenerate_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("regenerate", REPO / "examples" / "regenerate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_output_blocks_are_current() -> None:
    module = regenerate_module()
    assert module.readme_with_current_output(README) == README, "run: python examples/regenerate.py"
    assert README.count("<!-- output: ") >= 1


def test_readme_json_sample_matches_real_output() -> None:
    sample_text = README.split("<!-- json-sample -->\n```json\n", 1)[1].split("```", 1)[0]
    sample = json.loads(sample_text)
    real = json.loads(
        regenerate_module().run_inspectcal(["plan", "--notified", "2010-02-22", "--format", "json"])
    )
    assert list(sample) == list(real)
    assert list(sample["framework"]) == list(real["framework"])
    for key in (
        "parameters",
        "authority",
        "notified",
        "anchor",
        "region",
        "bank_holidays",
        "closures",
        "skipped",
        "projected_after",
    ):
        assert sample[key] == real[key], key
    (shown,) = sample["milestones"]
    assert shown in real["milestones"]


def test_readme_shell_examples_print_what_they_say() -> None:
    """Every `$ inspectcal ...` line in a ```sh block, run in a shell, prints what README shows."""
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    commands = [
        found
        for block in blocks
        for found in re.findall(r"^\$ (.+?)(?:\s+#.*)?\n((?:[^$].*\n)*)", block, re.M)
    ]
    assert len(commands) >= 8
    env = dict(os.environ, PY=sys.executable)
    for command, expected in commands:
        script = f'inspectcal() {{ "$PY" -m inspectcal "$@"; }}; {command}'
        done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env, check=False)
        assert (done.returncode, done.stderr) == (0, ""), command
        assert done.stdout == expected, command


def test_example_files_are_current() -> None:
    for path, text in regenerate_module().example_files().items():
        assert path.read_bytes() == text.encode("utf-8"), f"{path.name}: run python examples/regenerate.py"


def test_readme_error_example_is_real() -> None:
    line = README.split("$ inspectcal plan --notified 2010-04-02\n", 1)[1].split("\n", 1)[0]
    done = subprocess.run(
        [sys.executable, "-m", "inspectcal", "plan", "--notified", "2010-04-02"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == line + "\n"


def test_ci_runs_the_readme_test_command() -> None:
    command = README.split("<!-- test-command -->\n```sh\n", 1)[1].split("\n", 1)[0]
    assert "pytest" in command
    done = subprocess.run(
        [
            "awk",
            "/<!-- test-command -->/ {getline; while ($0 !~ /^[a-z]/) getline; print; exit}",
            "README.md",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    assert done.stdout.strip() == command
    assert "<!-- test-command -->" in (REPO / ".ci" / "run").read_text("utf-8")


def test_readme_ics_sample_is_the_start_of_the_example_file() -> None:
    sample = README.split("begins:\n\n```\n", 1)[1].split("```", 1)[0]
    example = (REPO / "examples" / "nottinghamshire-2010.ics").read_bytes().decode("utf-8")
    assert example.replace("\r\n", "\n").startswith(sample)


def test_readme_framework_snippet_is_from_the_real_file() -> None:
    snippet = README.split("Here are the header of `slac-2009` and two of its milestones:\n\n```toml\n", 1)[
        1
    ].split("```", 1)[0]
    real = (REPO / "inspectcal" / "frameworks" / "slac-2009.toml").read_text("utf-8")
    assert real.startswith(snippet.split("\n\n[[milestones]]")[0])
    assert "[[milestones]]\n" + snippet.split("\n\n[[milestones]]\n", 1)[1] in real
