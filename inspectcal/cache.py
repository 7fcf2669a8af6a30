"""A small on-disk cache for what is slow to compute and never changes for the same inputs.

Best effort throughout: a missing, read-only or damaged cache only costs time.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    explicit = os.environ.get("INSPECTCAL_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "inspectcal"


def write_cache(path: Path, payload: bytes) -> None:
    """Best effort: a read-only home must not stop the tool from working."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(payload)
        os.replace(temporary, path)
    except OSError:
        pass
