"""Where a command's output goes: stdout or ``-o FILE``, and what that means for the text.

The one way out for a command's text: ``OutputBuffer(output)`` collects it knowing its
destination (Rich colours it only when that is a terminal, never for a file), and ``emit``
writes it there. ``output_format`` makes ``--format`` and the name of ``-o FILE`` agree.
"""

from __future__ import annotations

import io
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from inspectcal.cli.options import ResultFormat
from inspectcal.errors import InputError

# -o FILE and --format: a file name ending in one of these names its format. Without --format
# the format is taken from it; a --format that says otherwise is refused (a Word file holding a
# text table, or an SVG file holding a Word document, is a broken file nobody is warned of).
FILE_FORMATS: dict[str, tuple[str, str]] = {
    ".json": ("json", "a JSON"),
    ".jsonl": ("jsonl", "a JSON Lines"),
    ".ndjson": ("jsonl", "a JSON Lines"),
    ".csv": ("csv", "a CSV"),
    ".md": ("markdown", "a Markdown"),
    ".markdown": ("markdown", "a Markdown"),
    ".ics": ("ics", "a calendar (.ics)"),
    ".svg": ("svg", "an SVG picture"),
    ".html": ("html", "a web page"),
    ".htm": ("html", "a web page"),
    ".xlsx": ("xlsx", "an Excel"),
    ".docx": ("docx", "a Word"),
}
BINARY_FORMATS = ("xlsx", "docx")
FormatT = TypeVar("FormatT", bound=StrEnum | None)


def output_format(ctx: Any, output: str | None, fmt: FormatT) -> FormatT:
    """The format to write: ``--format``, agreeing with the name of ``-o FILE``.

    ``ctx`` is the command's context (``typer.Context``), ``fmt`` its ``--format`` (None for a
    command that writes only text, as calendar's month grid). A known extension sets the
    format when ``--format`` was not given; a contradiction (or a format the command cannot
    write) is bad input.
    """
    if not output or output == "-":
        return fmt
    suffix = Path(output).suffix.lower()
    if fmt is None:
        if suffix in FILE_FORMATS:
            _, kind = FILE_FORMATS[suffix]
            raise InputError(
                f"-o {output} is {kind} file name but '{ctx.command_path}' writes text: "
                "use a file name ending .txt"
            )
        return fmt
    name = fmt.value
    source = ctx.get_parameter_source("fmt")  # Click's ParameterSource
    given = source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP")
    if suffix == ".txt" and name in BINARY_FORMATS:
        raise InputError(
            f"-o {output} is a text file name but --format {name} writes a binary file: "
            f"use a file name ending .{name}, or a text --format"
        )
    if suffix not in FILE_FORMATS:
        return fmt
    wanted, kind = FILE_FORMATS[suffix]
    if wanted == name:
        return fmt
    if given:
        raise InputError(
            f"-o {output} is {kind} file name but --format is {name}: "
            f"use --format {wanted}, or a file name ending {_extension(name)}"
        )
    choices = [member.value for member in type(fmt)]
    if wanted not in choices:
        raise InputError(
            f"-o {output} is {kind} file name but '{ctx.command_path}' cannot write {wanted}: "
            f"its --format is one of {', '.join(choices)}"
        )
    return type(fmt)(wanted)


def _extension(fmt: str) -> str:
    """The usual file name ending of a format (``.txt`` for the text ones: table, text, line)."""
    return next((suffix for suffix, (name, _) in FILE_FORMATS.items() if name == fmt), ".txt")


class OutputBuffer(io.StringIO):
    """A command's text, collected before any of it is written, that knows where it goes.

    ``isatty()`` is that of the destination (stdout for ``None`` or ``-``, never a file), so
    that Rich colours what goes to a terminal, and only that; ``to_file`` tells the renderers
    that not even FORCE_COLOR may colour it (render.table.wants_colour).
    """

    def __init__(self, output: str | None) -> None:
        super().__init__()
        self.to_file = output is not None and output != "-"
        self._terminal = not self.to_file and sys.stdout.isatty()

    def isatty(self) -> bool:
        return self._terminal


def emit(text: str, output: str | None, force: bool) -> None:
    from inspectcal.output import write_output

    write_output(text, output, force=force)


def emit_bytes(data: bytes, output: str | None, force: bool, what: str) -> None:
    """A binary file to ``--output``, or to stdout only when stdout is not a terminal."""
    from inspectcal.output import write_bytes

    if (output is None or output == "-") and sys.stdout.isatty():
        raise InputError(
            f"--format {what} makes a binary file, which a terminal cannot show: "
            f"give -o FILE.{what}, or redirect stdout to a file"
        )
    write_bytes(data, output, force=force)


def emit_result(
    record: dict[str, Any], shape: Any, fmt: ResultFormat, output: str | None, force: bool
) -> None:
    """One result of date, day, add or between, in ``fmt``, to --output or stdout."""
    from inspectcal.render.results import render_one

    emit(render_one(record, shape, fmt.value), output, force)
