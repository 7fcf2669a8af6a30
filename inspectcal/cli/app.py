"""The Typer app, how commands join it, and the one place where failures become exit codes.

Every InspectcalError becomes one line on stderr and its exit code (2 bad input, 1 failure
to do the job); usage errors from the parser become one line and 2; Ctrl-C is 130.

Commands join the app with ``@command("name", epilog=...)`` (or ``add_group`` for a group
of subcommands) and a line in ``COMMAND_MODULES``. Each is its own small Typer app, and the
root group imports and builds only the one that runs: its ``commands`` mapping (Click's
public attribute) holds every name, and imports and builds a command, with public Typer API
(``typer.main.get_command``), the first time it is read.
Typer turns every parameter of a command into a Click option when it builds it; building
one command instead of all of them is about a fifth of the start-up time. Help, shell
completion and suggestions for mistyped commands read the same mapping, so they see every
command.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from importlib import import_module
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from inspectcal import __version__
from inspectcal.cli.options import warned
from inspectcal.errors import InspectcalError

F = TypeVar("F", bound=Callable[..., Any])

# Every command, in the order help lists them, and the module that defines it: a run imports
# only the module of the command it runs. A new command adds its line here
# (tests/test_cli_structure.py checks that the table and the modules agree).
COMMAND_MODULES: dict[str, str] = {
    "plan": "inspectcal.cli.days",
    "date": "inspectcal.cli.days",
    "day": "inspectcal.cli.days",
    "add": "inspectcal.cli.days",
    "between": "inspectcal.cli.days",
    "holidays": "inspectcal.cli.days",
    "window": "inspectcal.cli.planning",
    "calendar": "inspectcal.cli.planning",
    "check": "inspectcal.cli.planning",
    "status": "inspectcal.cli.planning",
    "frameworks": "inspectcal.cli.planning",
    "ilacs-record": "inspectcal.cli.record",
    "cache": "inspectcal.cli.cache",
}

# name -> the one-command (or one-group) Typer app behind it, once its module is imported
_COMMANDS: dict[str, typer.Typer] = {}


def command(name: str, **settings: Any) -> Callable[[F], F]:
    """Register a top-level command: ``@command("plan", epilog="Example: ...")``.

    ``settings`` are those of ``typer.Typer.command`` (help, epilog, context_settings...).
    """
    single = typer.Typer(add_completion=False, rich_markup_mode=None)
    _COMMANDS[name] = single
    return single.command(name, **settings)


def add_group(name: str, group: typer.Typer) -> None:
    """Register a Typer app with subcommands (e.g. ``frameworks list``/``show``) under ``name``."""
    _COMMANDS[name] = group


class _Commands(MutableMapping[str, TyperCommand | TyperGroup]):
    """The root group's commands: every registered name, each built the first time it is read."""

    def __init__(self) -> None:
        self._built: dict[str, TyperCommand | TyperGroup] = {}

    def __getitem__(self, name: str) -> TyperCommand | TyperGroup:
        if name not in self._built:
            import_module(COMMAND_MODULES[name])  # KeyError for an unknown name; registers it
            built = typer.main.get_command(_COMMANDS[name])
            assert isinstance(built, TyperCommand | TyperGroup)
            built.name = name
            self._built[name] = built
        return self._built[name]

    def __setitem__(self, name: str, value: TyperCommand | TyperGroup) -> None:
        raise TypeError(f"register '{name}' with @command or add_group (see inspectcal.cli.app)")

    def __delitem__(self, name: str) -> None:
        raise TypeError(f"cannot remove the command '{name}'")

    def __iter__(self) -> Iterator[str]:
        return iter(COMMAND_MODULES)

    def __len__(self) -> int:
        return len(COMMAND_MODULES)


class InspectcalGroup(TyperGroup):
    """The root group: builds a command only when it is asked for, turns failures into exit codes."""

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        self.commands = _Commands()  # type: ignore[assignment]  # holds subclasses of Command, refuses writes

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> NoReturn:
        """Click's ``main`` without its own error handling (``standalone_mode=False``, Click's
        documented way to handle errors yourself), then ours: one line and an exit code.

        Here rather than around the console script so that every way of running the app (the
        script, ``python -m inspectcal``, Typer's CliRunner in the tests) goes through it.
        """
        extra["standalone_mode"] = False
        if sys.stdout is None:  # started with stdout closed (`>&-`): writing to it is an error
            from inspectcal.output import closed_stdout

            sys.stdout = closed_stdout()
        warned.clear()  # one warning per run, also when tests run many in one process
        code = 0
        try:
            result = super().main(args, prog_name or "inspectcal", **extra)
            code = result if isinstance(result, int) else 0
        except InspectcalError as error:
            _fail(str(error), error.exit_code)
        except typer.Abort:
            code = 130
        except BrokenPipeError:
            _quiet_broken_pipe()
            code = 1
        except OSError as error:  # the library wraps its own I/O: this is echo (help, --version) to stdout
            _stdout_failed(error)
        except typer.TyperException as error:  # the parser's usage errors (Click's, vendored)
            path = getattr(getattr(error, "ctx", None), "command_path", None)
            hint = f" (see '{path} --help')" if path else ""
            _fail(f"{error.format_message()}{hint}", error.exit_code)
        except Exception as error:  # anything unforeseen: one line, unless debugging
            if os.environ.get("INSPECTCAL_DEBUG"):
                raise
            _fail(f"internal error ({type(error).__name__}: {error}); please report it", 1)
        _flush_stdout()  # what was echoed (help, --version): a full disk is an error too
        sys.exit(code)


def _fail(message: str, code: int) -> NoReturn:
    sys.stderr.write(f"Error: {' '.join(message.split())}\n")
    sys.exit(code)


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_broken_pipe()
        sys.exit(1)
    except OSError as error:
        _stdout_failed(error)


def _stdout_failed(error: OSError) -> NoReturn:
    from inspectcal.output import discard_stdout

    discard_stdout()
    _fail(f"cannot write to standard output: {error.strerror or error}", 1)


def _quiet_broken_pipe() -> None:
    # The reader (e.g. `head`) has gone: point stdout at /dev/null so that the
    # interpreter's final flush does not complain, and end without a message.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real stdout (e.g. pythonw on Windows)
        pass


app = typer.Typer(
    cls=InspectcalGroup,
    name="inspectcal",
    help="Working-day timelines for inspections of children's services in England.",
    invoke_without_command=True,  # bare `inspectcal` prints the help (see main)
    add_completion=False,
    # Plain help text: Rich-formatted help imports Rich and doubles the start-up time of --help.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"inspectcal {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    *,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Working-day timelines for inspections of children's services in England.

    Day 1 is the notification date; every later Day is a working day (Mon-Fri, less
    bank holidays and any council closures you give).
    """
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
