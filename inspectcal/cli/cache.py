"""The cache command: where the cache is, how big, and clearing it."""

# No `from __future__ import annotations` here: Typer reads these annotations as objects.

from typing import Annotated

import typer

from inspectcal.cli.app import subgroup
from inspectcal.cli.destination import emit, output_format
from inspectcal.cli.options import OUTPUT_PANEL, Force, ListFormat, Output

cache_app = typer.Typer(
    add_completion=False,
    rich_markup_mode=None,
    invoke_without_command=True,
    help="Show where the cache of computed calendars is and how big it is; 'cache clear' empties it.",
    epilog="Example: inspectcal cache clear",
)
subgroup("cache", cache_app)


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
    fmt = output_format(ctx, output, fmt)
    if ctx.invoked_subcommand is not None:
        return
    from inspectcal.cache import MAX_BYTES, MAX_ENTRIES, cache_dir, entries, require_folder

    require_folder(cache_dir())
    folder, found = cache_dir(), entries()
    total = sum(e.size for e in found)
    if fmt is ListFormat.json:
        import json

        data = {"folder": str(folder), "entries": len(found), "bytes": total}
        emit(json.dumps(data, indent=2) + "\n", output, force)
    elif fmt is ListFormat.csv:
        emit(f"folder,entries,bytes\n{_csv(str(folder))},{len(found)},{total}\n", output, force)
    else:
        import sys

        from inspectcal.render import output_width, wrap_line

        width = output_width(sys.stdout)
        lines = [
            f"Cache folder: {folder}",
            f"Entries: {len(found)} ({_size(total)}); kept to at most {MAX_ENTRIES} entries "
            f"and {_size(MAX_BYTES)}, least recently used go first",
        ]
        emit("".join(wrap_line(line, width, "  ") + "\n" for line in lines), output, force)


def _csv(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n\r') else text


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
