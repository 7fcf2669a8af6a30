"""The cache command's report: where the cache is and what it holds, as lines, JSON or CSV."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from inspectcal.cache import Entry
from inspectcal.render.rows import Rows


def size_text(count: int) -> str:
    """'32.0 MB', or '4.1 KB' under a tenth of a megabyte."""
    return f"{count / 1_000_000:.1f} MB" if count >= 100_000 else f"{count / 1000:.1f} KB"


def _shown(name: str) -> str:
    """A file name as it can be printed: one with control characters (planted, perhaps) quoted."""
    return name if name.isprintable() else ascii(name)


def cache_rows(folder: Path, entries: Sequence[Entry]) -> Rows:
    total = sum(entry.size for entry in entries)
    lines = [f"Cache folder: {folder}", f"Entries: {len(entries)} ({size_text(total)})"]
    lines += [f"  {_shown(entry.path.name)} ({size_text(entry.size)})" for entry in entries]
    return Rows(
        json={"folder": str(folder), "entries": len(entries), "bytes": total},
        csv_header=("folder", "entries", "bytes"),
        csv_rows=[(str(folder), len(entries), total)],
        before=lines,
    )


def cleared_text(folder: Path, removed: int, size: int, left: Sequence[str]) -> str:
    """What ``cache clear`` did, and what it left because inspectcal did not write it."""
    text = f"Removed {removed} file{'s' if removed != 1 else ''} ({size_text(size)}) from {folder}\n"
    if left:
        names = ", ".join(_shown(name) for name in left[:5]) + (", ..." if len(left) > 5 else "")
        text += f"Left {len(left)} that inspectcal did not write: {names}\n"
    return text
