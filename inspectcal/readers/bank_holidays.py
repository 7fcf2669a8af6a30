"""A bank-holidays file in the gov.uk format (https://www.gov.uk/bank-holidays.json).

``read_bank_holidays_file`` gives the parsed JSON; ``region_events`` the events of one
region in it, checked. ``inspectcal.calendars`` makes its ``OfficialList`` from them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from inspectcal.errors import InputError
from inspectcal.readers.base import named

MAX_BANK_HOLIDAYS_BYTES = 5_000_000  # gov.uk's file is about 20 KB


def read_bank_holidays_file(path: Path) -> dict[str, Any]:
    """The file's JSON object; anything but an object reads as one with no regions."""
    import json

    from inspectcal.readers.base import read_text

    text = read_text(path, "bank holidays file", limit=MAX_BANK_HOLIDAYS_BYTES)
    try:
        data = json.loads(text)
    except RecursionError:
        raise InputError(
            f"{named('bank holidays file', path)} is nested too deeply: expected the gov.uk format"
        ) from None
    except ValueError as error:
        line = getattr(error, "lineno", 1)
        raise InputError(
            f"{named('bank holidays file', path)}, line {line}: is not valid JSON: expected the gov.uk format"
        ) from None
    return data if isinstance(data, dict) else {}


def region_events(data: dict[str, Any], region: str, path: Path) -> list[tuple[date, str]] | None:
    """The (date, title) of each event the file lists for ``region`` (its key, e.g.
    ``scotland``), in file order; None when the file has none for it."""
    part = data.get(region)
    events = part.get("events") if isinstance(part, dict) else None
    if not isinstance(events, list) or not events:
        return None
    days = []
    for number, event in enumerate(events, start=1):
        try:
            day = date.fromisoformat(event["date"])
            title = event["title"]
            if not isinstance(title, str) or not title.strip():
                raise TypeError
        except (KeyError, TypeError, ValueError):
            raise InputError(
                f"{named('bank holidays file', path)}, {region} event {number}: needs a 'title' and a "
                "'date' like 2012-06-05"
            ) from None
        days.append((day, title.strip()))
    return days
