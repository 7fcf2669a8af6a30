"""The command-line interface: parse, call the library, render, and exit.

``app.py`` holds the Typer app, how commands join it and the only place that turns failures
into messages and exit codes; ``options.py`` the options every command shares and the one
batch loop; ``days.py``, ``planning.py``, ``record.py`` and ``cache.py`` the commands.
"""

from inspectcal.cli.app import app  # the commands' modules are imported when they run

__all__ = ["app", "run"]


def run() -> None:
    """Console-script entry point."""
    app()
