"""The cache command: where the cache is, how big, and clearing it."""

# No `from __future__ import annotations` here: Typer reads these annotations as objects.

from typing import Annotated

import typer

from inspectcal.cli.app import InspectcalSubgroup, add_group
from inspectcal.cli.options import OUTPUT_PANEL, Force, ListFormat, Output, OutputBuffer, emit

cache_app = typer.Typer(
    cls=InspectcalSubgroup,
    add_completion=False,
    rich_markup_mode=None,
    invoke_without_command=True,
    help="Show where the cache of computed calendars is and how big it is; 'cache clear' empties it.",
    epilog="Example: inspectcal cache clear",
)
add_group("cache", cache_app)


def _size(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 100_000 else f"{count / 1000:.1f} KB"


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
    """Show the cache's folder, entries and size (INSPECTCAL_CACHE_DIR sets the folder)."""
    if ctx.invoked_subcommand is not None:
        return
    from inspectcal.cache import MAX_BYTES, MAX_ENTRIES, cache_dir, entries, require_folder

    require_folder(cache_dir())
    folder, found = cache_dir(), entries()
    total = sum(e.size for e in found)
    from inspectcal.render.rows import Rows
    from inspectcal.render.writer import write_rows

    lines = [
        f"Cache folder: {folder}",
        f"Entries: {len(found)} ({_size(total)}); kept to at most {MAX_ENTRIES} entries "
        f"and {_size(MAX_BYTES)}, least recently used go first",
    ]
    data = {"folder": str(folder), "entries": len(found), "bytes": total}
    shown = Rows(json=data, csv_header=tuple(data), csv_rows=[(str(folder), len(found), total)], before=lines)
    buffer = OutputBuffer(output)
    write_rows(shown, fmt.value, buffer)
    emit(buffer.getvalue(), output, force)


@cache_app.command("clear", epilog="Example: inspectcal cache clear")
def cache_clear() -> None:
    """Remove every cached file; the next run computes them again."""
    from inspectcal.cache import cache_dir, clear

    removed, size = clear()
    emit(
        f"Removed {removed} file{'s' if removed != 1 else ''} ({_size(size)}) from {cache_dir()}\n",
        None,
        False,
    )
