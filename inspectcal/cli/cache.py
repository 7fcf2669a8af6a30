"""The cache command: where the cache is, how big, and clearing it."""

# No `from __future__ import annotations` here: Typer reads these annotations as objects.

from typing import Annotated

import typer

from inspectcal.cli.app import InspectcalSubgroup, add_group
from inspectcal.cli.options import OUTPUT_PANEL, Force, ListFormat, Output, emit

cache_app = typer.Typer(
    cls=InspectcalSubgroup,
    add_completion=False,
    rich_markup_mode=None,
    invoke_without_command=True,
    help="Show the cache folder (bank holidays computed from the holidays package, and files commands "
    "store there) and what it holds; 'cache clear' empties it.",
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
    """Show the cache's folder, what is in it and its size (INSPECTCAL_CACHE_DIR sets the folder)."""
    if ctx.invoked_subcommand is not None:
        return
    from inspectcal.cache import cache_dir, entries, require_folder

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
        lines = [f"Cache folder: {folder}", f"Entries: {len(found)} ({_size(total)})"]
        lines += [f"  {_shown(entry.path.name)} ({_size(entry.size)})" for entry in found]
        emit("".join(wrap_line(line, width, "  ") + "\n" for line in lines), output, force)


def _shown(name: str) -> str:
    """A file name as it can be printed: one with control characters (planted, perhaps) quoted."""
    return name if name.isprintable() else ascii(name)


def _csv(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n\r') else text


@cache_app.command("clear", epilog="Example: inspectcal cache clear")
def cache_clear() -> None:
    """Remove everything in the cache folder (links as links); the next run computes it again."""
    from inspectcal.cache import cache_dir, clear

    removed, size = clear()
    emit(
        f"Removed {removed} file{'s' if removed != 1 else ''} ({_size(size)}) from {cache_dir()}\n",
        None,
        False,
    )
