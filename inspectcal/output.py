"""Writing results: to stdout, or to a file that is never left half-written or overwritten by surprise.

Everything goes out as UTF-8 with exactly the line endings the renderer wrote (``\\n``, or
``\\r\\n`` where a format needs it), whatever the platform's or locale's text layer would do:
stdout is written as bytes, so ``inspectcal ... > FILE`` and ``inspectcal ... -o FILE`` give
the same bytes on every system.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from inspectcal.errors import InputError, OutputError


class ReaderGone(Exception):
    """Standard output's reader went away (a BrokenPipeError, e.g. under ``| head``).

    Not an OSError, so that no layer between the write and the CLI's error boundary (Typer
    exits 1 on a broken pipe) takes it for a failure.
    """


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
    """A text stream to stdout (``None`` or ``-``) or to the file ``target``.

    A file is written to a temporary name beside it and given its final name only when the
    block ends without an error, so a reader never sees half of it. Without ``force`` the
    final name is created atomically (a hard link from the finished temporary file): an
    existing file is never replaced, also when several runs write the same name at once.
    No temporary file is left behind, whatever fails. Devices and pipes (``/dev/stdout``)
    are written directly.
    """
    if target is not None and not target.strip():
        raise InputError("the output file name is empty: give a file name, or '-' for stdout")
    if target is None or target == "-":
        with _stdout() as stream:
            yield stream
        return
    path = Path(target)
    found = _status(path, target)
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise OutputError(f"cannot write {target}: it is a directory; give a file name")
    if found is not None and not stat.S_ISREG(found.st_mode):
        with _special(path) as stream:
            yield stream
        return
    if found is not None and not force:
        raise OutputError(_exists(target))  # early, to save the work; the link below decides
    folder = path.parent
    holder = _status(folder, target)
    if holder is None:
        raise OutputError(f"cannot write {target}: folder {folder} does not exist")
    if not stat.S_ISDIR(holder.st_mode):
        raise OutputError(f"cannot write {target}: {folder} is a file, not a folder")
    import tempfile  # deferred: it costs start-up time, and stdout does not need it

    try:
        # A short name of its own, not one made from the target's: a target name near the file
        # system's limit (255 bytes) must still leave room for the temporary one beside it.
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".inspectcal-", suffix=".tmp")
    except OSError as error:
        raise OutputError(f"cannot write {target}: {_reason(error)}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        if force:
            os.replace(temporary, path)
        else:
            _create_from(temporary, path, target)
    except FileExistsError:
        raise OutputError(_exists(target)) from None
    except OSError as error:
        raise OutputError(f"cannot write {target}: {_reason(error)}") from None
    finally:
        Path(temporary).unlink(missing_ok=True)


def _status(path: Path, target: str) -> os.stat_result | None:
    """What is at ``path`` (following links), or None when nothing is; an OSError other than
    "not there" (a name too long, no permission) is the reason ``target`` cannot be written."""
    try:
        return path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise OutputError(f"cannot write {target}: {_reason(error)}") from None


def _create_from(temporary: str, path: Path, target: str) -> None:
    """Give the finished file its final name only if no file has that name: atomically."""
    try:
        os.link(temporary, path)
        return
    except FileExistsError:
        raise
    except OSError:
        pass  # a file system without hard links: claim the name exclusively, then fill it
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    os.replace(temporary, path)


def _exists(target: str) -> str:
    return f"{target} already exists: add --force to replace it"


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


@contextmanager
def _stdout() -> Iterator[TextIO]:
    """UTF-8 text onto stdout's bytes, with no newline translation; write errors become OutputError."""
    try:
        sys.stdout.flush()
        binary = getattr(sys.stdout, "buffer", None)
        if binary is None:  # stdout replaced by a text-only stream (embedding, some test runners)
            yield sys.stdout
            sys.stdout.flush()
            return
        stream = io.TextIOWrapper(
            binary,
            encoding="utf-8",
            newline="",
            line_buffering=bool(getattr(sys.stdout, "line_buffering", False)),
        )
        try:
            yield stream
            stream.flush()
        finally:
            stream.detach()  # leaves sys.stdout's own buffer open
    except BrokenPipeError:  # the reader has gone (e.g. `| head`): the CLI ends quietly
        raise ReaderGone from None
    except OSError as error:
        discard_stdout()
        raise OutputError(f"cannot write to standard output: {_reason(error)}") from None


def discard_stdout() -> None:
    """After a failed write, send what is still buffered for stdout nowhere, so exit stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115  (stdout itself, closed at exit)


class _Closed(io.RawIOBase):
    """Standard output when the process was started without one (``>&-``): every write fails."""

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        import errno

        raise OSError(errno.EBADF, "it is closed")


def closed_stdout() -> TextIO:
    """A stand-in for a missing ``sys.stdout``: writing to it is a clear error, not a crash."""
    return io.TextIOWrapper(io.BufferedWriter(_Closed()), encoding="utf-8", newline="")


@contextmanager
def _special(path: Path) -> Iterator[TextIO]:
    try:
        with path.open("w", encoding="utf-8", newline="") as stream:
            yield stream
    except OSError as error:
        raise OutputError(f"cannot write {path}: {_reason(error)}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
