"""CI cannot pass by skipping: under CI a skip fails unless it cannot apply on the machine at all."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import tomllib
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


def test_under_ci_a_run_in_which_no_test_passed_fails(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text("from tests.conftest import pytest_sessionfinish  # noqa\n")
    (tmp_path / "test_sample.py").write_text(
        "import pytest\nfrom tests.conftest import CANNOT_APPLY\n\n\n"
        "def test_cannot_apply():\n    pytest.skip(CANNOT_APPLY + 'as root')\n"
    )
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["PYTHONPATH"] = str(REPO)
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)]
    for ci, code in ((False, 0), (True, pytest.ExitCode.NO_TESTS_COLLECTED)):
        run_env = {**env, "CI": "true"} if ci else env
        done = subprocess.run(command, capture_output=True, text=True, env=run_env, cwd=tmp_path, check=False)
        assert done.returncode == code, (ci, done.stdout)


# -- .ci/run ---------------------------------------------------------------------------------

CI_RUN = REPO / ".ci" / "run"


def ci_lines() -> list[str]:
    return [line.strip() for line in CI_RUN.read_text("utf-8").splitlines()]


def test_ci_lints_formats_and_type_checks_in_its_fresh_venv() -> None:
    lines = ci_lines()
    assert ".venv/bin/python -m pip install -q -e '.[dev]'" in lines
    for check in (
        ".venv/bin/ruff check inspectcal tests benchmarks",
        ".venv/bin/ruff format --check inspectcal tests benchmarks",
        ".venv/bin/mypy",  # strict, configured in pyproject.toml
    ):
        assert check in lines
        assert lines.index(check) > lines.index(".venv/bin/python -m pip install -q -e '.[dev]'")
    with (REPO / "pyproject.toml").open("rb") as file:
        assert tomllib.load(file)["tool"]["mypy"]["strict"] is True


def test_both_ci_test_runs_must_pass() -> None:
    """The README command (highest versions) and the lowest-bound run: no pipe, no `|| true`."""
    runs = [line for line in ci_lines() if line.endswith(("-m pytest", '-c "$command"'))]
    runs = [line for line in runs if not line.startswith(("#", "echo"))]
    assert runs == [
        'tests_must_pass bash -euo pipefail -c "$command"',
        'tests_must_pass "$lowest/venv/bin/python" -m pytest',
    ]
    assert "|| true" not in CI_RUN.read_text("utf-8")


@pytest.mark.parametrize(("code", "after"), [(0, True), (1, False), (5, False)])
def test_ci_stops_with_the_code_of_a_test_run_that_fails_or_runs_no_tests(code: int, after: bool) -> None:
    text = CI_RUN.read_text("utf-8")
    function = text[text.index("tests_must_pass() {") :].split("\n}\n", 1)[0] + "\n}\n"
    done = subprocess.run(
        ["bash", "-c", f"{function}tests_must_pass sh -c 'exit {code}'\necho after"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == code
    assert ("after" in done.stdout) is after


def test_the_lowest_bound_run_also_uses_xdist() -> None:
    with (REPO / "pyproject.toml").open("rb") as file:
        project = tomllib.load(file)
    assert any(r.startswith("pytest-xdist") for r in project["project"]["optional-dependencies"]["test"])
    assert "-n auto" in project["tool"]["pytest"]["ini_options"]["addopts"]
    assert "-e '.[test]'" in CI_RUN.read_text("utf-8")  # the lowest-bound venv gets the test extras


# -- the package and the test data -------------------------------------------------------------


def test_the_package_never_reads_the_test_data_or_shared() -> None:
    """tests/data and ../shared are for the tests: nothing in inspectcal/ names them as paths."""
    path_like = re.compile(r"""[/\\"']shared\b|tests["']?\s*[/\\,]\s*["']?data\b""")
    found = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in sorted((REPO / "inspectcal").rglob("*"))
        if path.suffix in {".py", ".toml", ".html", ".j2", ".css", ".js"}
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if path_like.search(line)
    ]
    assert found == []
    assert path_like.search('DATA = REPO / "tests" / "data"')  # the check can find one
    assert path_like.search("../shared/seeds")


# -- collected where POSIX-only modules are missing (as on Windows) ---------------------------

AS_ON_WINDOWS = """
import os
import sys


class _NoPosixModules:
    def find_spec(self, name, path=None, target=None):
        if name in {"pty", "termios", "fcntl", "resource", "tty"}:
            raise ModuleNotFoundError(f"No module named {name!r} (as on Windows)", name=name)
        return None


for _name in ("pty", "termios", "fcntl", "resource", "tty"):
    sys.modules.pop(_name, None)
sys.meta_path.insert(0, _NoPosixModules())
del os.geteuid
"""


def pytest_in(tmp_path: Path, *args: str, shim: bool) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    if shim:
        (tmp_path / "sitecustomize.py").write_text(textwrap.dedent(AS_ON_WINDOWS), "utf-8")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tmp_path), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "0", "-p", "no:cacheprovider", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=False,
    )


@pytest.mark.slow
def test_the_suite_is_collected_without_pty_termios_fcntl_or_geteuid(tmp_path: Path) -> None:
    posix = pytest_in(tmp_path, "--collect-only", "-q", shim=False)
    windows = pytest_in(tmp_path, "--collect-only", "-q", shim=True)
    assert windows.returncode == 0, windows.stdout[-3000:] + windows.stderr[-3000:]
    collected = [line for line in windows.stdout.splitlines() if "::" in line]
    assert len(collected) > 1000
    assert collected == [line for line in posix.stdout.splitlines() if "::" in line]


def test_posix_only_tests_skip_where_the_os_lacks_what_they_need(tmp_path: Path) -> None:
    done = pytest_in(
        tmp_path,
        "-q",
        "-rs",
        "tests/test_colour.py::test_plan_is_coloured_by_who_acts_on_a_terminal",
        "tests/test_output.py::test_output_into_a_read_only_folder",
        shim=True,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert done.stdout.splitlines()[-1].startswith("2 skipped"), done.stdout
    assert "cannot apply here: no pseudo-terminals here (pty is POSIX-only)" in done.stdout
    assert "cannot apply here: root (or Windows) may write to a read-only folder" in done.stdout
