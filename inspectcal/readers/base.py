"""The shared input layer: bounded reads, decoding, NUL and line-length checks, line numbers.

See the package docstring for the API. Nothing here is slower than linear in the input,
and nothing holds more than ``limit`` bytes of a file or one chunk plus one line of a stream.
"""

from __future__ import annotations

import codecs
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from inspectcal.errors import InputError, quoted

# Byte-order marks and the encoding each announces: UTF-8's, and UTF-16's (Notepad's and
# Excel's "Unicode" text), which every reader accepts. A reader can pass its own ``boms``.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

MAX_FILE_BYTES = 1_000_000
MAX_LINE = 1_000  # characters: far longer than any date line, short enough to refuse quickly
_CHUNK = 1 << 16
# Line ends as pattern text: `re` compiles each on first use (and caches it), so a run that
# reads no file pays nothing at import.
_BREAK = r"\r\n|\r|\n"
_BREAK_BYTES = rb"\r\n|\r|\n"
_BREAK_RUN = re.compile(rb"(?:\r\n|\r|\n)+")  # a line's end and any empty lines after it


def named(what: str, path: Path | str) -> str:
    """How every message names an input: ``timetable x.csv``, or ``timetable on stdin`` for ``-``."""
    return f"{what} on stdin" if str(path) == "-" else f"{what} {path}"


def at(where: str, number: int) -> str:
    """How every error names a place: ``closures file x.txt, line 3``."""
    return f"{where}, line {number}"


stdin_claims: list[str] = []  # what has read stdin in this run (the CLI clears it per run)


def claim_stdin(what: str) -> None:
    """Note that ``what`` reads stdin; a second reader is an InputError (it would find it empty)."""
    if stdin_claims:
        raise InputError(
            f"{what} and {stdin_claims[0]} both read stdin ('-'): only one can; give the other a file"
        )
    stdin_claims.append(what)


def stdin() -> BinaryIO:
    """Standard input as bytes; an InputError when the process has none (``<&-``)."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError("stdin is closed: pipe or redirect the input into the command")
    return stream  # type: ignore[no-any-return]


def read_bytes(path: Path, what: str, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """At most ``limit`` bytes of a file (``-``: stdin), or an InputError naming it."""
    if str(path) == "-":
        claim_stdin(f"the {what}")
        return _bounded(stdin(), f"{what} on stdin", limit)
    try:
        with path.open("rb") as handle:
            return _bounded(handle, f"{what} {path}", limit)
    except FileNotFoundError:
        raise InputError(f"{what} {path} does not exist: check the path") from None
    except IsADirectoryError:
        raise InputError(f"{what} {path} is a folder: give a file") from None
    except OSError as error:
        raise InputError(f"cannot read {what} {path}: {error.strerror or error}") from None


def _bounded(handle: BinaryIO, where: str, limit: int) -> bytes:
    data = handle.read(limit + 1)
    if len(data) > limit:
        size = f"{limit // 1_000_000} MB" if limit >= 1_000_000 else f"{limit:,} bytes"
        raise InputError(f"{where} is over {size}: is it the right file?")
    return data


def decode(
    data: bytes,
    where: str,
    *,
    fallback: str | None = None,
    boms: tuple[tuple[bytes, str], ...] = BOMS,
) -> str:
    """Text from bytes: by byte-order mark, else UTF-8, else ``fallback`` if given.

    A NUL character is refused (naming its line): no text file people write holds one.
    """
    text = None
    for mark, encoding in boms:
        if data.startswith(mark):
            text = _decode(data[len(mark) :], encoding, where)
            break
    else:
        nul = data.find(b"\x00")
        if nul >= 0:
            if _looks_utf16(data):
                raise InputError(
                    f"{at(where, 1)}: is UTF-16 text without a byte-order mark: save it as UTF-8"
                )
            line = len(re.findall(_BREAK_BYTES, data[:nul])) + 1
            raise InputError(f"{at(where, line)}: is not text (it holds binary data): is it the right file?")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            if fallback is None:
                line = data.count(b"\n", 0, error.start) + 1
                raise InputError(f"{at(where, line)}: {_not_utf8(data)}") from None
            text = _decode(data, fallback, where)
    nul = text.find("\x00")
    if nul >= 0:
        line = len(re.findall(_BREAK, text[:nul])) + 1
        raise InputError(f"{at(where, line)}: is not text (it holds binary data): is it the right file?")
    return text


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 text saved without a byte-order mark: a NUL in every other byte of its start, and
    text in the bytes between (English text: each character's high byte is 0, its low byte a
    printable character, tab or line end)."""
    start = data[: min(len(data), 200) // 2 * 2]
    if len(start) < 4:
        return False
    odd, even = start[1::2], start[0::2]
    # Little-endian text has its NULs in the odd bytes, big-endian in the even ones.
    return any(
        high.count(0) >= 0.9 * len(high) and all(b >= 0x20 or b in b"\t\n\r" for b in low)
        for high, low in ((odd, even), (even, odd))
    )


def _not_utf8(data: bytes) -> str:
    """What a file that is not UTF-8 is, as far as can be told, and how to fix it."""
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "is not UTF-8 text (nor Windows-1252): save it as UTF-8"
    return "is Windows-1252 (ANSI) text, not UTF-8: save it as UTF-8"


def _decode(data: bytes, encoding: str, where: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data.count("\n".encode(encoding), 0, error.start) + 1
        raise InputError(f"{at(where, line)}: is not valid {encoding} text") from None


def read_text(
    path: Path,
    what: str,
    *,
    limit: int = MAX_FILE_BYTES,
    fallback: str | None = None,
    boms: tuple[tuple[bytes, str], ...] = BOMS,
) -> str:
    """A whole text file (``-``: stdin): bounded, decoded, NUL-free."""
    where = named(what, path)
    return decode(read_bytes(path, what, limit=limit), where, fallback=fallback, boms=boms)


def split_lines(text: str, where: str, *, max_line: int | None = MAX_LINE) -> Iterator[tuple[int, str]]:
    """``(number, line)`` for each line; ``\\r\\n``, ``\\r`` and ``\\n`` end lines. Linear time."""
    start = 0
    number = 0
    for number, match in enumerate(re.finditer(_BREAK, text), start=1):
        yield number, _checked(text[start : match.start()], where, number, max_line)
        start = match.end()
    if start < len(text):
        yield number + 1, _checked(text[start:], where, number + 1, max_line)


def _checked(line: str, where: str, number: int, max_line: int | None) -> str:
    if max_line is not None and len(line) > max_line:
        raise InputError(_too_long(where, number, line, max_line))
    return line


def _too_long(where: str, number: int, line: str, max_line: int) -> str:
    return (
        f"{at(where, number)}: is over {max_line:,} characters long ({quoted(line)}): is it the right file?"
    )


def stream_lines(
    stream: BinaryIO, where: str, *, max_line: int = MAX_LINE, empty: bool = True
) -> Iterator[tuple[int, str | InputError]]:
    """``(number, text or error)`` for each line of a binary stream, in bounded memory.

    Reads in chunks (``read1`` where the stream has it, so lines piped slowly come out as
    they arrive). A line over ``max_line`` bytes is skipped to its end and handed back as
    an error; so is a line with a NUL or that is not UTF-8. A UTF-8 byte-order mark at the
    very start is dropped. With ``empty=False``, empty lines after a line are counted but not
    handed back: a run of them costs one step, not one each (30 MB of them in well under a
    second).
    """
    read = getattr(stream, "read1", stream.read)
    pending = b""  # the start of a line not yet ended: at most max_line bytes
    overlong: bytes | None = None  # the start of a line already too long, skipped to its end
    number = 0
    started = False
    while True:
        chunk = read(_CHUNK)
        done = not chunk
        buffer = pending + chunk
        if not started:
            if len(buffer) < len(codecs.BOM_UTF8) and not done:
                pending = buffer
                continue  # too short yet to tell whether it starts with a BOM
            buffer = buffer.removeprefix(codecs.BOM_UTF8)
            started = True
        start = 0
        for match in _BREAK_RUN.finditer(buffer):
            run, end = match.group(), match.end()
            if not done and end == len(buffer) and run.endswith(b"\r"):
                run, end = run[:-1], end - 1  # perhaps the first half of \r\n: decide with the next chunk
                if not run:
                    break
            number += 1
            if empty or overlong is not None or match.start() > start:
                yield number, _line(buffer[start : match.start()], overlong, where, number, max_line)
            overlong = None
            start = end
            breaks = run.count(b"\n") + run.count(b"\r") - run.count(b"\r\n")
            if empty:
                for _ in range(breaks - 1):
                    number += 1
                    yield number, ""
            else:
                number += breaks - 1
        pending = buffer[start:]
        held = b"\r" if pending.endswith(b"\r") else b""  # only ever a \r left for the next chunk
        if overlong is not None:
            pending = held  # still inside the over-long line: keep nothing of it
        elif len(pending) > max_line + 1:
            overlong, pending = pending[:40], held
        if done:
            if pending or overlong is not None:
                number += 1
                yield number, _line(pending, overlong, where, number, max_line)
            return


def _line(raw: bytes, overlong: bytes | None, where: str, number: int, max_line: int) -> str | InputError:
    if overlong is not None or len(raw) > max_line:
        start = (overlong if overlong is not None else raw)[:40].decode("utf-8", "replace")
        return InputError(_too_long(where, number, start + "\u2026", max_line))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return InputError(
            f"{at(where, number)}: is not UTF-8 text ({quoted(raw.decode('utf-8', 'replace'))})"
        )
    if "\x00" in text:
        return InputError(f"{at(where, number)}: holds a NUL byte, which no date has: is it the right input?")
    return text
