"""Writing results: to stdout, or atomically to a file that is never left half-written."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from inspectcal.errors import OutputError


def write_output(text: str, target: str | None, *, force: bool = False) -> None:
    """Write ``text`` to stdout (``None`` or ``-``) or to the file ``target`` (see output_stream)."""
    with output_stream(target, force=force) as stream:
        stream.write(text)


def write_bytes(data: bytes, target: str | None, *, force: bool = False) -> None:
    """Write a binary file (.xlsx, .docx) to stdout or to ``target``, like write_output."""
    with output_stream(target, force=force) as stream:
        stream.flush()
        stream.buffer.write(data)
        stream.buffer.flush()


@contextmanager
def output_stream(target: str | None, *, force: bool = False) -> Iterator[TextIO]:
    """A stream to stdout (``None`` or ``-``) or to the file ``target``, written atomically.

    A file is written to a temporary name beside it and renamed into place only when the
    block ends without an error, so a reader never sees half of it; an existing file is
    kept unless ``force``. Devices and pipes (``/dev/stdout``) are written directly.
    """
    if target is None or target == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    path = Path(target)
    if path.is_dir():
        raise OutputError(f"cannot write {target}: it is a directory; give a file name")
    if path.exists() and not path.is_file():
        yield from _special(path)
        return
    if path.exists() and not force:
        raise OutputError(f"{target} already exists: add --force to replace it")
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {target}: folder {folder} does not exist")
    import tempfile  # deferred: it costs start-up time, and stdout does not need it

    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror}") from None
    finally:
        Path(temporary).unlink(missing_ok=True)


def _special(path: Path) -> Iterator[TextIO]:
    try:
        with path.open("w", encoding="utf-8", newline="") as stream:
            yield stream
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
