"""TOML data files: frameworks (``frameworks/*.toml`` or the user's) and record tables.

Data only: read with ``tomllib``, nothing in them runs. Every problem is a
``FrameworkError`` naming the file (``name``) and, where there is one, the line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspectcal.errors import FrameworkError, InputError

MAX_TOML_BYTES = 200_000  # the built-in frameworks are under 10 KB
_MAX_LINE = 20_000  # characters in a line
_MAX_KEY_DOTS = 50  # tomllib takes time growing with the square of a dotted key's depth


def read_toml(path: Path, name: str) -> dict[str, Any]:
    """A framework (or record, or elections) file's data; ``name`` says which in messages."""
    return toml_data(read_toml_bytes(path, name), name)


def read_toml_bytes(path: Path, name: str) -> bytes:
    """The file's bytes; a missing, unreadable or oversized file is a FrameworkError."""
    from inspectcal.readers.base import read_bytes

    try:
        path.stat()  # a missing file is named as it was given (name), below
        raw = read_bytes(path, "framework file", limit=MAX_TOML_BYTES)
    except FileNotFoundError:
        raise FrameworkError(f"framework file {name} does not exist: check the path") from None
    except OSError as error:
        raise FrameworkError(f"cannot read framework file {name}: {error.strerror}") from None
    except InputError as error:
        raise FrameworkError(str(error)) from None
    return raw


def toml_data(raw: bytes, name: str) -> dict[str, Any]:
    """The data of a TOML file's bytes (UTF-8, with or without a byte-order mark)."""
    from inspectcal.readers.base import decode

    try:
        text = decode(raw, f"framework file {name}")
    except InputError as error:
        raise FrameworkError(str(error)) from None
    return parse_toml(text, f"framework file {name}")


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """The data of TOML text; ``name`` says where it came from in messages."""
    import tomllib  # deferred: only the runs that read a TOML file need it

    _guard(text, name)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FrameworkError(f"{name}: not valid TOML: {error}") from None
    except RecursionError:
        raise FrameworkError(f"{name}: not valid TOML: nested too deeply") from None


def _guard(text: str, name: str) -> None:
    """Refuse what would make the TOML parser slow before it starts: over-long lines and keys
    nested deeper than any framework needs (``a.b.c...`` a thousand levels deep)."""
    from inspectcal.readers.base import at, split_lines

    for number, line in split_lines(text, name, max_line=_MAX_LINE):
        stripped = line.lstrip()
        if "=" in line or stripped.startswith("["):
            key = line.partition("=")[0] if "=" in line else stripped
            if key.count(".") > _MAX_KEY_DOTS:
                raise FrameworkError(
                    f"{at(name, number)}: a key nested over {_MAX_KEY_DOTS} levels deep: "
                    "is it the right file?"
                )
