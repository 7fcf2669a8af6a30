"""A small on-disk cache for what is slow to compute and never changes for the same inputs.

Best effort throughout: a missing, read-only or damaged cache only costs time. Safe against
what may be found in its place: only regular files no larger than expected are read (never a
symlink, FIFO or device), every write goes to a temporary file renamed into place, and the
cache is kept small: past ``MAX_ENTRIES`` files or ``MAX_BYTES`` bytes the least recently
used entries go.

The folder is ``INSPECTCAL_CACHE_DIR`` when set, else the user cache folder of the operating
system (platformdirs: ``~/.cache/inspectcal`` on Linux, ``~/Library/Caches/inspectcal`` on
macOS, ``%LOCALAPPDATA%\\inspectcal\\Cache`` on Windows).
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import time
from pathlib import Path
from typing import NamedTuple

MAX_ENTRY_BYTES = 8_000_000  # the largest entry (a calendar with many closures) is well under 1 MB
MAX_ENTRIES = 40
MAX_BYTES = 32_000_000
_PREFIXES = ("calendar-", "bank-holidays-", "framework-", "record-")  # what the cache may hold
_STALE_TEMPORARY = 3600  # seconds: a temporary file this old was left by a run that died


def cache_dir() -> Path:
    explicit = os.environ.get("INSPECTCAL_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if sys.platform.startswith("linux"):
        # platformdirs' own rule on Linux, without importing it on every run (it imports
        # tempfile and more: a few milliseconds); tests/test_cache.py checks they agree.
        base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
        return Path(base) / "inspectcal"
    import platformdirs

    return Path(platformdirs.user_cache_dir("inspectcal", appauthor=False))


def read_cache(path: Path, *, limit: int = MAX_ENTRY_BYTES) -> bytes | None:
    """An entry's bytes, or None: missing, not a regular file, too big, or unreadable.

    Opened without following a symlink and without blocking on a FIFO; read up to its size
    only. A hit marks the entry recently used.
    """
    flags = (
        os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    )
    try:
        handle = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks, left = [], info.st_size
        while left > 0:
            chunk = os.read(handle, left)
            if not chunk:
                return None  # shorter than it said: being rewritten, or damaged
            chunks.append(chunk)
            left -= len(chunk)
        if os.read(handle, 1):
            return None  # longer than it said
        with contextlib.suppress(OSError):
            os.utime(handle if os.utime in os.supports_fd else path)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(handle)


def write_cache(path: Path, payload: bytes) -> None:
    """Best effort, atomic: a read-only or full disk must not stop the tool, nor leave debris."""
    if len(payload) > MAX_ENTRY_BYTES:
        return
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(handle, view) :]
        finally:
            os.close(handle)
        os.replace(temporary, path)
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    prune(path.parent)


class Entry(NamedTuple):
    path: Path
    size: int
    used: float  # when last written or read (modification time)


def entries(folder: Path | None = None) -> list[Entry]:
    """The cache's entries, most recently used first (only files with the cache's own names)."""
    folder = cache_dir() if folder is None else folder
    found = []
    try:
        listing = list(os.scandir(folder))
    except OSError:
        return []
    for item in listing:
        if not item.name.startswith(_PREFIXES):
            continue
        try:
            info = item.stat(follow_symlinks=False)
        except OSError:
            continue
        found.append(Entry(Path(item.path), info.st_size if stat.S_ISREG(info.st_mode) else 0, info.st_mtime))
    return sorted(found, key=lambda e: e.used, reverse=True)


def prune(folder: Path, *, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
    """Remove least recently used entries past the bounds, and temporaries left by dead runs."""
    now = time.time()
    try:
        listing = list(os.scandir(folder))
    except OSError:
        return
    for item in listing:
        if item.name.startswith(".") and item.name.endswith(".tmp") and item.name[1:].startswith(_PREFIXES):
            try:
                if now - item.stat(follow_symlinks=False).st_mtime > _STALE_TEMPORARY:
                    os.unlink(item.path)
            except OSError:
                pass
    total = 0
    for number, entry in enumerate(entries(folder)):
        total += entry.size
        if number >= max_entries or total > max_bytes:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def require_folder(folder: Path) -> None:
    """Refuse a cache location that exists but is not a folder (say, a file named by mistake)."""
    if folder.exists() and not folder.is_dir():
        from inspectcal.errors import InputError

        where = "INSPECTCAL_CACHE_DIR" if os.environ.get("INSPECTCAL_CACHE_DIR") else "the cache location"
        raise InputError(f"the cache folder {folder} is not a folder: set {where} to a folder")


def clear(folder: Path | None = None) -> tuple[int, int]:
    """Remove every entry (and temporary); the number of files removed and their bytes.

    A location that is not a folder is bad input (InputError)."""
    folder = cache_dir() if folder is None else folder
    require_folder(folder)
    removed = size = 0
    try:
        listing = list(os.scandir(folder))
    except OSError:
        return 0, 0
    for item in listing:
        name = item.name.removeprefix(".")
        if not name.startswith(_PREFIXES):
            continue
        try:
            info = item.stat(follow_symlinks=False)
            os.unlink(item.path)
        except OSError:
            continue
        removed += 1
        size += info.st_size if stat.S_ISREG(info.st_mode) else 0
    return removed, size
