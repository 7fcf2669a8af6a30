"""CI cannot pass by skipping: under CI a skip fails unless it cannot apply on the machine at all."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .conftest import REPO

TESTS = """
import pytest
from tests.conftest import CANNOT_APPLY, shared_file


def test_missing_tool():
    pytest.skip("a tool is not installed")


@pytest.mark.skipif(True, reason="no reason that CI accepts")
def test_marked():
    pass


@pytest.mark.skipif(True, reason=CANNOT_APPLY + "as root")
def test_cannot_apply():
    pass


def test_needs_shared():
    shared_file("no-such-folder", "no-such-file.json")
"""


def outcomes(tmp_path: Path, ci: bool) -> str:
    (tmp_path / "conftest.py").write_text("from tests.conftest import pytest_runtest_makereport  # noqa\n")
    (tmp_path / "test_sample.py").write_text(textwrap.dedent(TESTS))
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["PYTHONPATH"] = str(REPO)
    if ci:
        env["CI"] = "true"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    return done.stdout.splitlines()[-1]  # a skip marker fails in setup: an error


@pytest.mark.parametrize(("ci", "summary"), [(True, "2 failed, 1 skipped, 1 error"), (False, "4 skipped")])
def test_skips_fail_under_ci_unless_they_cannot_apply(tmp_path: Path, ci: bool, summary: str) -> None:
    assert outcomes(tmp_path, ci).startswith(summary)
