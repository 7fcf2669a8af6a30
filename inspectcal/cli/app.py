"""The Typer app and the one place where failures become messages and exit codes.

Every InspectcalError becomes one line on stderr and its exit code (2 bad input, 1 failure
to do the job); usage errors from the parser become one line and 2; Ctrl-C is 130.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from inspectcal import __version__
from inspectcal.cli.options import warned
from inspectcal.errors import InspectcalError


class InspectcalGroup(TyperGroup):
    """Runs a command and turns every failure into one line on stderr and an exit code."""

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> Any:
        extra.pop("standalone_mode", None)
        warned.clear()  # one warning per run, also when tests run many in one process
        code = 0
        try:
            result = super().main(args, prog_name or "inspectcal", standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
        except InspectcalError as error:
            _fail(str(error), error.exit_code)
        except typer.Abort:
            code = 130
        except BrokenPipeError:
            _quiet_broken_pipe()
            code = 1
        except Exception as error:  # click's usage errors, and anything unforeseen
            from typer._click.exceptions import ClickException, UsageError

            if type(error).__name__ == "NoArgsIsHelpError" and getattr(error, "ctx", None):
                # `inspectcal` alone (or `inspectcal frameworks`-style groups): the normal help.
                sys.stdout.write(error.ctx.get_help() + "\n")  # type: ignore[attr-defined]
                sys.exit(0)
            if isinstance(error, UsageError):
                hint = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
                _fail(f"{error.format_message()}{hint}", 2)
            if isinstance(error, ClickException):
                _fail(error.format_message(), error.exit_code)
            if os.environ.get("INSPECTCAL_DEBUG"):
                raise
            _fail(f"internal error ({type(error).__name__}: {error}); please report it", 1)
        sys.exit(code)


def _fail(message: str, code: int) -> None:
    sys.stderr.write(f"Error: {' '.join(message.split())}\n")
    sys.exit(code)


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
    no_args_is_help=True,
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
    *,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Working-day timelines for inspections of children's services in England.

    Day 1 is the notification date; every later Day is a working day (Mon-Fri, less
    bank holidays and any council closures you give).
    """
