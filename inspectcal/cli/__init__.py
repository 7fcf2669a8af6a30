"""The command-line interface: parse, call the library, render, and exit.

``app.py`` holds the Typer app and how commands join it; ``boundary.py`` the only place that
turns failures into messages and exit codes (``run``, the console script); ``options.py`` the
options the commands share; ``build.py`` the calendar and plan they describe;
``destination.py`` where output goes; ``batch.py`` the one stdin loop; ``timestamps.py``
today and file times; ``days.py``, ``planning.py``, ``record.py`` and ``cache.py`` the commands.
"""

from inspectcal.cli.app import app
from inspectcal.cli.boundary import run

# Each module registers its commands; help lists them in this order.
from inspectcal.cli import days  # noqa: F401  isort: skip
from inspectcal.cli import planning  # noqa: F401  isort: skip
from inspectcal.cli import record  # noqa: F401  isort: skip
from inspectcal.cli import cache  # noqa: F401  isort: skip

__all__ = ["app", "run"]
