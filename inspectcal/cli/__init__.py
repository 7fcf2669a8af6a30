"""The command-line interface: parse, call the library, render, and exit.

``app.py`` holds the Typer app and the only place that turns failures into messages and
exit codes; ``options.py`` the options every command shares; ``days.py`` and
``planning.py`` the commands.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import typer

from inspectcal.cli import days, planning, record  # noqa: F401  (importing them registers the commands)
from inspectcal.cli.app import InspectcalGroup, app

__all__ = ["app", "run"]


def _app_for(argv: Sequence[str]) -> typer.Typer:
    """The app to run: for a plain command, one that builds only that command.

    Typer turns every command's signature into options on each run; doing that for one
    command instead of all of them is a fifth of the start-up time. Root help, the
    ``frameworks`` group and anything unusual get the full app.
    """
    from typer.main import get_command_name

    if not argv or argv[0].startswith("-"):
        return app
    chosen = [
        info
        for info in app.registered_commands
        if (info.name or get_command_name(info.callback.__name__ if info.callback else "")) == argv[0]
    ]
    if len(chosen) != 1:
        return app
    slim = typer.Typer(
        cls=InspectcalGroup,
        name="inspectcal",
        add_completion=False,
        rich_markup_mode=None,
        context_settings=app.info.context_settings,
    )
    slim.registered_callback = app.registered_callback
    slim.registered_commands = chosen
    return slim


def run() -> None:
    """Console-script entry point."""
    _app_for(sys.argv[1:])()
