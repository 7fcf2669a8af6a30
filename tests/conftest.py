"""Shared fixtures; pins the environment so that output never depends on the terminal."""

from __future__ import annotations

import importlib
import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from inspectcal.calendars import CalendarSource, get_region, working_calendar
from inspectcal.workdays import WorkingCalendar

REPO = Path(__file__).resolve().parents[1]

# -- test data: public records in the repo, council papers beside it -------------------------
# tests/data holds the public data the tests need (see its README.md): every clone has it, so a
# test that reads it never skips. ../shared holds only the council papers (../shared/seeds),
# which are not in the repo: a test of those skips without them (fails under CI; shared_file).
# The package itself reads neither (tests/test_ci_rules.py checks).
DATA = REPO / "tests" / "data"
GOVUK_FILE = DATA / "gov-uk-bank-holidays-2012-2028.json"
ILACS_RECORD = DATA / "ilacs-inspections-2018-2025.csv"
AREA_SEND_RECORD = DATA / "area-send-inspections-2023-2025.csv"
SHARED = REPO.parent / "shared"

# Every command that counts days (all but `frameworks`).
COUNTING_COMMANDS = (
    "plan",
    "date",
    "day",
    "add",
    "between",
    "holidays",
    "window",
    "calendar",
    "check",
    "status",
)

# CI tries five times as many examples as a run at the desk.
settings.register_profile("ci", max_examples=500, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

# The only skips CI accepts: a reason starting with this, for a test that cannot apply on the
# machine at all (e.g. a read-only folder when running as root), never for something missing.
CANNOT_APPLY = "cannot apply here: "


def doc_pages() -> list[Path]:
    """README and every page under docs/: the documentation whose samples the tests run."""
    return [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]


def documentation() -> str:
    """The text of every documentation page, one after another (for facts that may move pages)."""
    return "\n\n".join(page.read_text("utf-8") for page in doc_pages())


def shared_file(*parts: str) -> Path:
    """A council paper beside the checkout (``../shared/seeds/...``), which is not in the repo.

    Absent, the test is skipped (a checkout on its own does not have it); under CI (``CI`` set)
    the test fails instead, so that CI never passes by skipping.
    """
    path = SHARED.joinpath(*parts)
    if not path.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI needs the council papers beside the checkout")
        pytest.skip(f"{path} is not here (it lives beside the checkout, not in the repo)")
    return path


# -- POSIX-only tests: collected everywhere, skipped where the OS lacks what they need ----------
# No test module imports pty, termios, fcntl or resource at module level, nor calls os.geteuid
# while being collected: on Windows those are missing, and the suite must still be collected
# (tests/test_ci_rules.py collects it with them taken away).


def importable(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


needs_pty = pytest.mark.skipif(
    not importable("pty"), reason=CANNOT_APPLY + "no pseudo-terminals here (pty is POSIX-only)"
)


def may_write_into_read_only_folders() -> bool:
    """As root, or where there are no POSIX users (Windows), a read-only mode does not stop writes."""
    return not hasattr(os, "geteuid") or os.geteuid() == 0


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Under CI, a skip is a failure unless its reason says it cannot apply (see CANNOT_APPLY)."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if not (os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail")):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if reason.removeprefix("Skipped: ").startswith(CANNOT_APPLY):
        return
    report.outcome = "failed"
    report.longrepr = f"skipped under CI, which must run every test: {reason}"


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under CI, a run in which no test passed (every one skipped as cannot-apply) fails as pytest's
    "no tests ran" (exit 5), which .ci/run refuses."""
    config = session.config
    if not os.environ.get("CI") or exitstatus != 0 or config.option.collectonly:
        return
    if hasattr(config, "workerinput"):  # a pytest-xdist worker: the controller decides
        return
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and not reporter.stats.get("passed"):
        session.exitstatus = pytest.ExitCode.NO_TESTS_COLLECTED


@pytest.fixture(autouse=True, scope="session")
def _pinned_environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Fixed width, no colour, a private holidays cache: output is the same on any terminal."""
    saved = dict(os.environ)
    os.environ.update(
        COLUMNS="100",
        LINES="50",
        NO_COLOR="1",
        TERM="dumb",
        INSPECTCAL_CACHE_DIR=str(tmp_path_factory.mktemp("cache")),
    )
    for key in ("FORCE_COLOR", "SOURCE_DATE_EPOCH", "INSPECTCAL_DEBUG"):
        os.environ.pop(key, None)
    yield
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture(scope="session")
def england(_pinned_environment: None) -> WorkingCalendar:
    return working_calendar(CalendarSource())


@pytest.fixture(scope="session")
def calendars(_pinned_environment: None) -> dict[str, WorkingCalendar]:
    from inspectcal.calendars import REGIONS

    return {key: working_calendar(CalendarSource(get_region(key))) for key in REGIONS}


@pytest.fixture(scope="session")
def govuk() -> dict[str, Any]:
    """The official gov.uk bank holidays (2012-2028), from tests/data."""
    data: dict[str, Any] = json.loads(GOVUK_FILE.read_text("utf-8"))
    return data


def govuk_weekdays(data: dict[str, Any], region: str) -> dict[date, str]:
    days = {date.fromisoformat(e["date"]): e["title"] for e in data[region]["events"]}
    return {d: t for d, t in days.items() if d.weekday() < 5}


def run_cli(
    args: list[str] | tuple[str, ...] | str = (),
    input: str | bytes | None = None,
    env: dict[str, str | None] | None = None,
) -> Any:
    """Run the CLI through its console-script function (``inspectcal.cli.run``, where failures
    become messages and exit codes), capturing stdin, stdout and stderr: a typer.testing.Result."""
    import shlex
    import sys

    from typer.testing import CliRunner, Result

    from inspectcal.cli import run

    runner = CliRunner()
    words = shlex.split(args) if isinstance(args, str) else list(args)
    code, error = 0, None
    with runner.isolation(input=input, env=env) as (stdout, stderr, output):
        try:
            run(words)
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
        except Exception as exception:  # INSPECTCAL_DEBUG re-raises: a test sees it as Click's runner does
            code, error = 1, exception
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        captured = stdout.getvalue(), stderr.getvalue(), output.getvalue()
    return Result(runner, *captured, None, code, error)


def run(*args: str, input: str | bytes | None = None) -> tuple[int, str, str]:
    """Run the CLI (see run_cli): its exit code, stdout and stderr."""
    result = run_cli(list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def ok(*args: str) -> str:
    """Run the CLI, expect exit 0 and nothing on stderr; return stdout."""
    result = run_cli(list(args))
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    return result.stdout


def fails(code: int, *args: str) -> str:
    """Run, expect ``code``, nothing on stdout, exactly one 'Error:' line on stderr; return it."""
    got, out, err = run(*args)
    assert got == code, (got, out, err)
    assert out == ""
    assert err.startswith("Error: "), err
    assert err.count("\n") == 1, err
    assert err.endswith("\n")
    assert "Traceback" not in err
    return err.removeprefix("Error: ").rstrip("\n")


def run_in_repo(*args: str, input: str | None = None) -> tuple[int, str, str]:
    """Run the CLI from the repository's folder (so that paths such as examples/... resolve):
    its exit code, stdout and stderr."""
    cwd = Path.cwd()
    try:
        os.chdir(REPO)
        result = run_cli(list(args), input=input)
    finally:
        os.chdir(cwd)
    return result.exit_code, result.stdout, result.stderr
