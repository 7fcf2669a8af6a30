"""How the CLI is built: public Typer API only, one command built per run, errors in one place."""

from __future__ import annotations

import ast
import sys
import textwrap
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from inspectcal.cli import app

from .conftest import COUNTING_COMMANDS, REPO, run_cli

runner = CliRunner()

# Modules of our dependencies that are theirs to change: never imported by the package.
PRIVATE = ("typer._", "click", "rich._", "holidays._", "icalendar._", "dateutil._")
# The documented methods of named tuples, the one kind of name with a leading underscore
# that is public (https://docs.python.org/3/library/collections.html#collections.namedtuple).
NAMED_TUPLE_API = ("_replace", "_asdict", "_fields", "_make", "_field_defaults")


def _private(name: str) -> bool:
    """A leading underscore (not a dunder) in any dotted part of ``name``."""
    return any(part.startswith("_") and not part.endswith("__") for part in name.split("."))


def test_no_private_module_or_argument_of_a_dependency_is_used() -> None:
    for path in sorted((REPO / "inspectcal").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            where = f"{path.relative_to(REPO)}:{getattr(node, 'lineno', 0)}"
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            for name in names:
                assert not name.startswith(PRIVATE), f"{where} imports {name}"
                assert not _private(name), f"{where} imports {name}"
            if isinstance(node, ast.keyword) and node.arg:
                assert not node.arg.startswith("_"), f"{where} passes {node.arg}="
            if isinstance(node, ast.Attribute) and node.attr in ("__signature__", "registered_commands"):
                raise AssertionError(f"{where} uses {node.attr}")
            # openpyxl's _worksheet_path, python-docx's _tr and _inline: an object's private
            # attributes are its own (self, cls) or no one's.
            if isinstance(node, ast.Attribute) and _private(node.attr) and node.attr not in NAMED_TUPLE_API:
                owner = ast.unparse(node.value)
                assert owner in ("self", "cls"), f"{where} uses {owner}.{node.attr}"
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
                and len(node.args) > 1
                and isinstance(node.args[1], ast.Constant)
            ):
                name = str(node.args[1].value)
                assert not _private(name), f"{where} uses {node.func.id}(..., {name!r})"


def test_commands_use_public_typer_only() -> None:
    """No subclass of a Typer or Click class, no override of how Click parses or runs, and no
    setting of the environment: commands are registered plainly."""
    for path in sorted((REPO / "inspectcal" / "cli").glob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases = [ast.unparse(base) for base in node.bases]
                assert not any("typer" in b.lower() or "click" in b.lower() or "Group" in b for b in bases), (
                    f"{path.name}: class {node.name}({', '.join(bases)})"
                )
                methods = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
                assert not methods & {"main", "parse_args", "invoke", "format_options"}, path.name
            if isinstance(node, ast.Subscript | ast.Attribute) and "os.environ" in ast.unparse(node):
                context = node.ctx if isinstance(node, ast.Subscript) else None
                assert not isinstance(context, ast.Store), f"{path.name}:{node.lineno} sets the environment"
            if isinstance(node, ast.Call) and ast.unparse(node.func) in ("os.environ.update", "os.putenv"):
                raise AssertionError(f"{path.name}:{node.lineno} sets the environment")


def test_every_command_is_listed_once_with_its_options() -> None:
    group = typer.main.get_command(app)
    names = group.list_commands(None)  # type: ignore[attr-defined]
    # Typer lists the groups (holidays, frameworks, cache) after the plain commands.
    plain = [name for name in COUNTING_COMMANDS if name != "holidays"]
    assert names == [*plain, "ilacs-record", "holidays", "frameworks", "cache"]
    plan = group.get_command(None, "plan")  # type: ignore[attr-defined]
    assert plan is not None
    assert group.get_command(None, "nonsense") is None  # type: ignore[attr-defined]
    options = {opt for param in plan.params for opt in getattr(param, "opts", [])}
    assert {"--notified", "--region", "--closed", "--bank-holidays-file", "--format"} <= options


def test_defaults_are_written_once() -> None:
    """The default framework id and region are constants of defaults.py, not repeated literals."""
    package = REPO / "inspectcal" / "cli"
    for literal in ('"slac-2009"', '"england-and-wales"'):
        holders = [path.name for path in package.glob("*.py") if literal in path.read_text("utf-8")]
        assert holders == ["defaults.py"], (literal, holders)
        assert (package / "defaults.py").read_text("utf-8").count(literal) == 1, literal


def test_bare_command_prints_the_help() -> None:
    result = run_cli([])
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
    result = run_cli(args)
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


def test_tests_run_the_cli_through_its_error_boundary() -> None:
    """A test that invokes the Typer app directly skips the boundary that turns errors into one
    line and an exit code, and so tests something no user runs: every test goes through run_cli."""
    direct = [
        path.name
        for path in (REPO / "tests").glob("test_*.py")
        if path.name != "test_cli_structure.py" and "invoke(app" in path.read_text("utf-8")
    ]
    assert direct == []


@pytest.mark.parametrize("name", sorted(typer.main.get_command(app).commands))  # type: ignore[attr-defined]
def test_a_run_that_names_its_command_parses_as_the_whole_app_would(name: str) -> None:
    """run() parses `inspectcal NAME ...` with the root and NAME alone (app_for): its help, and so
    its options, must be the whole app's."""
    from inspectcal.cli.app import app_for

    one = app_for([name, "--help"])
    assert one is not app
    assert [*typer.main.get_command(one).commands] == [name]  # type: ignore[attr-defined]
    whole = runner.invoke(app, [name, "--help"], env={"COLUMNS": "80"})
    alone = runner.invoke(one, [name, "--help"], env={"COLUMNS": "80"})
    assert (alone.exit_code, alone.stdout) == (whole.exit_code, whole.stdout) == (0, whole.stdout)
    assert app_for(["--version"]) is app_for(["plaan"]) is app_for([]) is app
