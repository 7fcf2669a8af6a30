"""The command-line interface: parse, call the library, render, and exit.

``app.py`` holds the Typer app, how commands join it and the only place that turns failures
into messages and exit codes; ``options.py`` the options every command shares and the one
batch loop; ``days.py`` and ``planning.py`` the commands.
"""

# Importing the command modules registers their commands; help lists them in this order.
from inspectcal.cli import days, planning, record, cache  # noqa: F401, I001
from inspectcal.cli.app import app

__all__ = ["app", "run"]


def run() -> None:
    """Console-script entry point."""
    app()
