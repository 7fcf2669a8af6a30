"""The cache command: where the cache is, how big, and clearing it."""

# No `from __future__ import annotations` here: Typer reads these annotations as objects.

from typing import Annotated

import typer

from inspectcal.cli.app import subgroup
from inspectcal.cli.destination import OutputBuffer, emit, output_format
from inspectcal.cli.options import OUTPUT_PANEL, Force, ListFormat, Output

cache_app = typer.Typer(
    add_completion=False,
    rich_markup_mode=None,
    invoke_without_command=True,
    help="Show the cache folder (bank holidays computed from the holidays package, and files commands "
    "store there) and what it holds; 'cache clear' empties it.",
    epilog="Example: inspectcal cache clear",
)
subgroup("cache", cache_app)


@cache_app.callback()
def cache(
    ctx: typer.Context,
    *,
    fmt: Annotated[
        ListFormat, typer.Option("--format", help="Output format.", rich_help_panel=OUTPUT_PANEL)
    ] = ListFormat.table,
    output: Output = None,
    force: Force = False,
) -> None:
    """Show the cache's folder, what is in it and its size (INSPECTCAL_CACHE_DIR sets the folder)."""
    fmt = output_format(ctx, output, fmt)
    if ctx.invoked_subcommand is not None:
        return
    from inspectcal.cache import cache_dir, entries, require_folder

    require_folder(cache_dir())
    folder, found = cache_dir(), entries()
    from inspectcal.render.cache_info import cache_rows
    from inspectcal.render.writer import write_rows

    shown = cache_rows(folder, found)
    buffer = OutputBuffer(output)
    write_rows(shown, fmt.value, buffer)
    emit(buffer.getvalue(), output, force)


@cache_app.command("clear", epilog="Example: inspectcal cache clear")
def cache_clear() -> None:
    """Remove what inspectcal keeps in the cache folder (links as links, never followed); the
    next run computes it again. Files inspectcal did not write are left, and named."""
    from inspectcal.cache import cache_dir, clear
    from inspectcal.render.cache_info import cleared_text

    emit(cleared_text(cache_dir(), *clear()), None, False)
