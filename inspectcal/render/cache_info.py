"""The cache command's report: where the cache is and how big, as lines, JSON or CSV."""

from __future__ import annotations

from pathlib import Path

from inspectcal.render.rows import Rows


def size_text(count: int) -> str:
    """'32.0 MB', or '4.1 KB' under a tenth of a megabyte."""
    return f"{count / 1_000_000:.1f} MB" if count >= 100_000 else f"{count / 1000:.1f} KB"


def cache_rows(folder: Path, entries: int, total: int, *, max_entries: int, max_bytes: int) -> Rows:
    lines = [
        f"Cache folder: {folder}",
        f"Entries: {entries} ({size_text(total)}); kept to at most {max_entries} entries "
        f"and {size_text(max_bytes)}, least recently used go first",
    ]
    return Rows(
        json={"folder": str(folder), "entries": entries, "bytes": total},
        csv_header=("folder", "entries", "bytes"),
        csv_rows=[(str(folder), entries, total)],
        before=lines,
    )
