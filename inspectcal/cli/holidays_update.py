"""``holidays update``: fetch the official gov.uk bank holidays list and keep it in the cache."""

# No `from __future__ import annotations` here: Typer reads these annotations as objects.

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from inspectcal.cli.destination import emit
from inspectcal.cli.timestamps import export_time

if TYPE_CHECKING:
    from inspectcal.calendars import Disagreement
    from inspectcal.govuk_update import Change, Updated

_SHOWN = 6  # changed days named in the result line; the rest are counted


def update(
    *,
    url: Annotated[
        str | None,
        typer.Option(
            "--url",
            metavar="URL",
            help="Fetch from this https address instead (a mirror of gov.uk's bank-holidays.json).",
        ),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout", metavar="SECONDS", min=0.1, help="Give up after waiting this long for a reply."
        ),
    ] = 20.0,
) -> None:
    """Fetch gov.uk's bank holidays list and keep it for every command.

    From then on each command uses it for the years it lists, as it would a
    --bank-holidays-file (which still wins). A failed update keeps the list stored before.
    """
    from inspectcal.govuk_update import GOVUK_URL, update_list

    chosen = url or GOVUK_URL
    progress = sys.stderr.isatty()
    if progress:
        sys.stderr.write(f"Fetching {chosen} ...")
        sys.stderr.flush()
    try:
        result = update_list(chosen, export_time(), timeout=timeout)
    finally:
        if progress:
            sys.stderr.write("\r\x1b[K")
    emit(summary(result) + "\n", None, False)


def summary(result: "Updated") -> str:
    """``Stored the gov.uk list fetched 6 Dec 2026 from URL: 2018-2028 (11 years); new: ...``."""
    from inspectcal.calendars import year_ranges

    count = len(result.years)
    line = (
        f"Stored the {result.stored.name} from {result.stored.url}: "
        f"{year_ranges(result.years)} ({count} year{'s' if count != 1 else ''})"
    )
    if not result.changes:
        return f"{line}; no change to the bank holidays in use"
    shown = "; ".join(_change(c) for c in result.changes[:_SHOWN])
    more = len(result.changes) - _SHOWN
    return f"{line}; changes: {shown}" + (f"; and {more} more" if more > 0 else "")


def _change(change: "Change") -> str:
    from inspectcal.calendars import REGIONS

    where = "every region" if len(change.regions) == len(REGIONS) else " and ".join(change.regions)
    verb = "new" if change.added else "no longer a bank holiday"
    return f"{change.day.isoformat()} {change.name} ({verb}, {where})"


def compare_stored() -> tuple[list["Disagreement"], str]:
    """``holidays --compare stored``: where the stored list and the built-in data disagree."""
    from inspectcal.calendars import compare_official_data
    from inspectcal.errors import InputError
    from inspectcal.govuk_list import read_stored

    stored = read_stored()
    if stored is None:
        raise InputError("no gov.uk list is stored: fetch it with 'inspectcal holidays update'")
    return compare_official_data(stored.data, stored.name), f"the {stored.name}"
