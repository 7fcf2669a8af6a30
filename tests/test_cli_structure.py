"""How the CLI is built: public Typer API only, one command built per run, errors in one place."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from inspectcal.cli import app
from inspectcal.cli.app import InspectcalGroup

from .conftest import COUNTING_COMMANDS, REPO

runner = CliRunner()

# Modules of our dependencies that are theirs to change: never imported by the package.
PRIVATE = ("typer._", "click", "rich._", "holidays._", "icalendar._", "dateutil._")


def test_no_private_module_or_argument_of_a_dependency_is_used() -> None:
    for path in sorted((REPO / "inspectcal").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            for name in names:
                assert not name.startswith(PRIVATE), f"{path.name}:{node.lineno} imports {name}"
            if isinstance(node, ast.keyword) and node.arg:
                assert not node.arg.startswith("_"), f"{path.name}:{node.lineno} passes {node.arg}="
            if isinstance(node, ast.Attribute) and node.attr in ("__signature__", "registered_commands"):
                raise AssertionError(f"{path.name}:{node.lineno} uses {node.attr}")


def test_every_command_is_listed_and_built_only_when_asked_for() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, InspectcalGroup)
    names = group.list_commands(None)
    assert names == [*COUNTING_COMMANDS, "frameworks", "ilacs-record", "cache"]
    assert dict.fromkeys(group.commands) == dict.fromkeys(names)  # names known before building
    plan = group.get_command(None, "plan")
    assert plan is not None
    assert plan.name == "plan"
    assert group.get_command(None, "plan") is plan  # built once
    assert group.get_command(None, "nonsense") is None
    options = {opt for param in plan.params for opt in getattr(param, "opts", [])}
    assert {"--notified", "--region", "--closed", "--bank-holidays-file", "--format"} <= options


def test_only_the_command_that_runs_is_built() -> None:
    probe = textwrap.dedent(
        """
        import sys
        import typer.main
        built = []
        real = typer.main.get_command
        typer.main.get_command = lambda t: built.append(t) or real(t)
        sys.argv = ["inspectcal", "add", "2010-02-22", "3"]
        from inspectcal.cli import run
        try:
            run()
        finally:
            sys.stderr.write(f"BUILT {len(built)}\\n")
        """
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (0, "2010-02-25\n"), done.stderr
    assert "BUILT 2\n" in done.stderr  # the root group and `add`


def test_the_command_table_names_where_each_command_is_defined() -> None:
    """Importing each module of COMMAND_MODULES registers exactly the commands the table gives it."""
    from inspectcal.cli.app import COMMAND_MODULES

    for module in sorted(set(COMMAND_MODULES.values())):
        probe = f"from inspectcal.cli.app import _COMMANDS; import {module}; print(' '.join(_COMMANDS))"
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
        assert done.stdout.split() == [name for name, where in COMMAND_MODULES.items() if where == module]
    package = REPO / "inspectcal" / "cli"
    defining = {
        f"inspectcal.cli.{path.stem}"
        for path in package.glob("*.py")
        if "@command(" in path.read_text("utf-8") or "add_group(" in path.read_text("utf-8")
    } - {"inspectcal.cli.app"}
    assert defining == set(COMMAND_MODULES.values())


def test_bare_command_prints_the_help() -> None:
    result = runner.invoke(app, [])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("Usage: inspectcal [OPTIONS] COMMAND [ARGS]...")
    for command in [*COUNTING_COMMANDS, "frameworks", "ilacs-record"]:
        assert f"\n  {command} " in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plaan"], "No such command 'plaan'. Did you mean 'plan'? (see 'inspectcal --help')"),
        (["--frobnicate"], "No such option: --frobnicate (see 'inspectcal --help')"),
        (
            ["frameworks", "shoe"],
            "No such command 'shoe'. Did you mean 'show'? (see 'inspectcal frameworks --help')",
        ),
        (["between"], "Missing argument 'A'. (see 'inspectcal between --help')"),
    ],
)
def test_usage_errors_are_one_line_naming_the_help(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Error: {message}\n")


def test_shared_options_work_in_a_module_with_postponed_annotations(tmp_path: Path) -> None:
    """A command module may or may not use `from __future__ import annotations`: same options."""
    module = tmp_path / "postponed_command.py"
    module.write_text(
        textwrap.dedent(
            """
            from __future__ import annotations

            import typer

            from inspectcal.cli.build import calendar_from_options
            from inspectcal.cli.options import (
                DEFAULT_REGION, BankHolidaysFile, CalendarOptions, Closed, ClosuresFile,
                NoBankHolidays, Region,
            )

            app = typer.Typer(add_completion=False)


            @app.command()
            def count(
                *,
                region: Region = DEFAULT_REGION,
                no_bank_holidays: NoBankHolidays = False,
                closed: Closed = None,
                closures: ClosuresFile = None,
                bank_holidays_file: BankHolidaysFile = None,
            ) -> None:
                options = CalendarOptions(region, no_bank_holidays, closed, closures, bank_holidays_file)
                source, calendar = calendar_from_options(options)
                typer.echo(f"{source.region.key} {len(source.closures)} {source.bank_holidays}")
            """
        ),
        "utf-8",
    )
    sys.path.insert(0, str(tmp_path))
    try:
        import postponed_command  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(tmp_path))
    args = ["--region", "scotland", "--closed", "2010-12-29", "--closed", "2010-12-30"]
    result = runner.invoke(postponed_command.app, args)
    assert (result.exit_code, result.stdout) == (0, "scotland 2 True\n"), result.output
    result = runner.invoke(postponed_command.app, ["--closed", "2010-12-29", "--no-bank-holidays"])
    assert (result.exit_code, result.stdout) == (0, "england-and-wales 1 False\n"), result.output
