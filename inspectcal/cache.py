"""The cache folder: where inspectcal keeps what is slow to compute and what it fetches.

What it holds: one file of bank holidays per region, computed from the ``holidays`` package
(importing and running it costs a run over 100 ms), the compiled HTML page templates (compiling
them costs ``--format html`` about 9 ms), and files other commands store here. Nothing else is
cached: benchmarks/caches.py measures what each cache saved, and the others saved under 5 ms.
Best effort: a missing, read-only or damaged cache only costs time. Only regular files no
larger than expected are read (never through a symlink, never a FIFO or device), every write
goes to a temporary file renamed into place, and ``clear`` removes everything inspectcal
writes there (``OWN_PREFIXES``) without following a link, and nothing else: a cache folder set
by mistake to a folder of the user's own loses nothing of theirs.

The folder is ``INSPECTCAL_CACHE_DIR`` when set, else the user cache folder of the operating
system (platformdirs: ``~/.cache/inspectcal`` on Linux, ``~/Library/Caches/inspectcal`` on
macOS, ``%LOCALAPPDATA%\\inspectcal\\Cache`` on Windows).
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

# Every name inspectcal writes in the folder starts with one of these (temporary files with
# a dot before it); an older release's templates folder, "templates-VERSION", too.
OWN_PREFIXES = ("bank-holidays-", "templates-")
MAX_ENTRY_BYTES = 8_000_000  # far above any file the cache holds (bank holidays: about 60 KB)


def cache_dir() -> Path:
    explicit = os.environ.get("INSPECTCAL_CACHE_DIR")
    if explicit:
        return Path(explicit)
    import platformdirs

    return Path(platformdirs.user_cache_dir("inspectcal", appauthor=False))


def read_cache(path: Path, *, limit: int = MAX_ENTRY_BYTES) -> bytes | None:
    """A file's bytes, or None: missing, not a regular file, too big, or unreadable.

    Opened without following a symlink and without blocking on a FIFO; read up to its size only.
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
                return None  # shorter than it said: damaged
            chunks.append(chunk)
            left -= len(chunk)
        if os.read(handle, 1):
            return None  # longer than it said
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(handle)


def write_cache(path: Path, payload: bytes) -> None:
    """Best effort, atomic: a read-only or full disk must not stop the tool, nor leave debris.

    Written to a new temporary file beside ``path`` (never through a link), then renamed over it.
    """
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


def template_cache(jinja2: ModuleType) -> Any:
    """A Jinja bytecode cache kept here: one file per template, read and written as above.

    Jinja checks each file's template checksum and reloads on a mismatch, so an edited
    template replaces its file and the cache stays at one file per template.
    """
    folder = cache_dir()

    class TemplateCache(jinja2.BytecodeCache):  # type: ignore[misc,name-defined]
        def load_bytecode(self, bucket: Any) -> None:
            data = read_cache(folder / f"templates-{bucket.key}.bin")
            if data is not None:
                try:
                    bucket.bytecode_from_string(data)
                except Exception:  # damaged: compile the template again
                    bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            write_cache(folder / f"templates-{bucket.key}.bin", bucket.bytecode_to_string())

    return TemplateCache()


class Entry(NamedTuple):
    path: Path
    size: int  # bytes of the regular files it holds (a link counts as none)


def entries(folder: Path | None = None) -> list[Entry]:
    """Everything in the cache folder, by name; a subfolder's size is that of its files."""
    folder = cache_dir() if folder is None else folder
    try:
        listing = sorted(os.scandir(folder), key=lambda item: item.name)
    except OSError:
        return []
    return [Entry(Path(item.path), _size(item.path)) for item in listing]


def _size(path: str) -> int:
    """Bytes of the regular files at ``path``, into subfolders but through no link."""
    try:
        info = os.lstat(path)
    except OSError:
        return 0
    if stat.S_ISREG(info.st_mode):
        return info.st_size
    if not stat.S_ISDIR(info.st_mode):
        return 0
    total = 0
    for top, _folders, files in os.walk(path):  # os.walk follows no link to a folder
        for name in files:
            with contextlib.suppress(OSError):
                found = os.lstat(os.path.join(top, name))
                total += found.st_size if stat.S_ISREG(found.st_mode) else 0
    return total


def require_folder(folder: Path) -> None:
    """Refuse a cache location that exists but is not a folder (say, a file named by mistake)."""
    if folder.exists() and not folder.is_dir():
        from inspectcal.errors import InputError

        where = "INSPECTCAL_CACHE_DIR" if os.environ.get("INSPECTCAL_CACHE_DIR") else "the cache location"
        raise InputError(f"the cache folder {folder} is not a folder: set {where} to a folder")


def is_own(name: str) -> bool:
    """Whether inspectcal wrote an entry of this name (or its temporary file)."""
    return name.lstrip(".").startswith(OWN_PREFIXES)


def clear(folder: Path | None = None) -> tuple[int, int, list[str]]:
    """Remove what inspectcal keeps in the cache folder: how many entries went, the bytes of
    their files, and the names of the entries it left because it did not write them.

    A subfolder of its own goes whole; a link is removed as a link, never followed, so what it
    points to stays. A location that is not a folder is bad input (InputError).
    """
    import shutil

    folder = cache_dir() if folder is None else folder
    require_folder(folder)
    removed = size = 0
    left: list[str] = []
    for entry in entries(folder):
        if not is_own(entry.path.name):
            left.append(entry.path.name)
            continue
        try:
            if entry.path.is_dir() and not entry.path.is_symlink():
                shutil.rmtree(entry.path)  # removes links inside as links
            else:
                entry.path.unlink()
        except OSError:
            continue
        removed += 1
        size += entry.size
    return removed, size, left
