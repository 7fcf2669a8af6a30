"""The one batch loop: a result for each line of stdin, written as it comes, bad lines reported."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any, TypeVar

import typer

from inspectcal.cli import timestamps
from inspectcal.cli.build import read_date
from inspectcal.cli.options import ResultFormat
from inspectcal.errors import InputError, InspectcalError
from inspectcal.output import ReaderGone

T = TypeVar("T")

# A batch stops after this many bad lines: input that bad is not a list of dates (a wrong file
# piped in), and a million error lines help nobody. docs/guide/day-arithmetic.md says so.
MAX_BAD_LINES = 1_000


def stdin_items(
    read: Callable[[str], T], what: str = "--notified -"
) -> Iterator[tuple[int, T | InspectcalError]]:
    """(line number, ``read(line)`` or the error) for each stdin line but blanks and comments."""
    from inspectcal.readers.base import claim_stdin, stdin, stream_lines

    claim_stdin(what)
    for number, line in stream_lines(stdin(), "stdin", empty=False):
        if isinstance(line, InspectcalError):
            yield number, line
            continue
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        try:
            yield number, read(text)
        except InspectcalError as error:
            yield number, error


def stdin_dates() -> Iterator[tuple[int, date | InspectcalError]]:
    """(line number, date or the error reading it) for each stdin line but blanks and comments."""
    from inspectcal.dates import parse_date

    today = timestamps.today_date()
    return stdin_items(lambda text: parse_date(text, today=today))


def run_batch(
    render: Callable[[Any], str],
    output: str | None = None,
    force: bool = False,
    *,
    header: Iterable[str] = (),
    items: Iterator[tuple[int, Any]] | None = None,
) -> None:
    """The one batch loop: ``render`` each stdin date and write it as it comes (constant memory).

    A line that cannot be read or done is reported on stderr with its number and the rest
    are still done; then exit 2 if any was bad. After ``MAX_BAD_LINES`` bad lines the batch
    stops, saying at which line.
    """
    from inspectcal.output import output_stream

    bad = 0
    rest = "the rest were done"
    try:
        with output_stream(output, force=force) as stream:
            stream.writelines(header)
            for number, day in stdin_dates() if items is None else items:
                try:
                    if isinstance(day, InspectcalError):
                        raise day
                    text = render(day)
                except InspectcalError as error:
                    report_bad_line(number, error)
                    bad += 1
                    if bad == MAX_BAD_LINES:
                        rest = f"stopped at line {number:,}: is it the right input?"
                        break
                    continue
                stream.write(text)
    except ReaderGone:  # the reader went away: 0 as for every command, unless a line was bad
        if not bad:
            raise
        rest = "the reader of the output left before the rest were done"
    if bad:
        sys.stderr.write(f"Error: {bad:,} bad line{'s' if bad != 1 else ''} on stdin (see above); {rest}\n")
        raise typer.Exit(2)


def report_bad_line(number: int, error: InspectcalError) -> None:
    from inspectcal.readers.base import at

    place = at("stdin", number)
    message = str(error) if str(error).startswith(f"{place}:") else f"{place}: {error}"
    sys.stderr.write(f"Error: {message}\n")


def run_result_batch(
    compute: Callable[[Any], dict[str, Any]],
    shape: Any,
    fmt: ResultFormat,
    output: str | None,
    force: bool,
    *,
    what: str = "--notified -",
    items: Iterator[tuple[int, Any]] | None = None,
) -> None:
    """date/day/add/between on stdin: one result a line (or CSV rows), with the batch rules of run_batch."""
    from inspectcal.render.results import batch_header, batch_line

    if fmt is ResultFormat.json:
        raise InputError(f"{what} reads stdin a line at a time: use --format text, jsonl or csv")
    run_batch(
        lambda item: batch_line(compute(item), shape, fmt.value),
        output,
        force,
        header=batch_header(shape, fmt.value),
        items=items,
    )


def read_date_and_number(text: str) -> tuple[date, int]:
    """A stdin line for ``add -``: a date, then a whole number (tab, comma or spaces between)."""
    import re

    match = re.fullmatch(r"(.*?)[\s,]+([-+]?\d+)", text)
    if match is None:
        raise InputError(f"{_quoted(text)} is not DATE N, e.g. 2010-02-22 39 (a tab or a comma also works)")
    return read_date(match[1], "DATE"), int(match[2])


def read_two_dates(text: str) -> tuple[date, date]:
    """A stdin line for ``between -``: two dates, split at the one place where both halves read."""
    import re

    from inspectcal.dates import parse_date

    today = timestamps.today_date()
    found = set()
    for gap in re.finditer(r"\t|,|\s+", text):
        left, right = text[: gap.start()], text[gap.end() :]
        try:
            found.add((parse_date(left, today=today), parse_date(right, today=today)))
        except InspectcalError:
            continue
    if len(found) != 1:
        reason = "cannot read two dates in" if not found else "cannot tell where the first date ends in"
        raise InputError(f"{reason} {_quoted(text)}: write A and B with a tab or a comma between them")
    (pair,) = found
    return pair


def _quoted(text: str) -> str:
    from inspectcal.errors import quoted

    return quoted(text)
