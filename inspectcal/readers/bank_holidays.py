"""A bank-holidays file in the gov.uk format (https://www.gov.uk/bank-holidays.json).

``read_bank_holidays_file`` gives the parsed JSON of a file (``parse_bank_holidays_json``, of
text fetched elsewhere); ``region_events`` the events of one region in it, checked.
``inspectcal.calendars`` makes its ``OfficialList`` from them.
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
    from inspectcal.readers.base import read_text

    text = read_text(path, "bank holidays file", limit=MAX_BANK_HOLIDAYS_BYTES)
    return parse_bank_holidays_json(text, named("bank holidays file", path))


def parse_bank_holidays_json(text: str, where: str) -> dict[str, Any]:
    """gov.uk-format JSON text, parsed; ``where`` names it in messages ("bank holidays file X")."""
    import json

    try:
        data = json.loads(text)
    except RecursionError:
        raise InputError(f"{where} is nested too deeply: expected the gov.uk format") from None
    except ValueError as error:
        line = getattr(error, "lineno", 1)
        raise InputError(f"{where}, line {line}: is not valid JSON: expected the gov.uk format") from None
    return data if isinstance(data, dict) else {}


def region_events(data: dict[str, Any], region: str, where: str) -> list[tuple[date, str]] | None:
    """The (date, title) of each event the list has for ``region`` (its key, e.g.
    ``scotland``), in list order; None when it has none. ``where`` names the list in messages."""
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
                f"{where}, {region} event {number}: needs a 'title' and a 'date' like 2012-06-05"
            ) from None
        days.append((day, title.strip()))
    return days
