"""The official gov.uk bank holidays list as stored in the cache by ``holidays update``.

Every run that counts bank holidays reads it (``read_stored``) and uses it for the years it
covers, as it would a ``--bank-holidays-file``; ``inspectcal.govuk_update`` fetches, checks
and stores it. Kept small: it is imported on every run.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from inspectcal.cache import cache_dir, read_cache
from inspectcal.calendars import OfficialList, Region, official_list
from inspectcal.errors import InputError

STORE_NAME = "bank-holidays-govuk.json"  # named as a cache entry: `cache clear` removes it too
STALE_AFTER = timedelta(days=365)
_FORMAT = 1
_REPAIR = "run 'inspectcal holidays update' to fetch it again, or 'inspectcal cache clear' to drop it"


class StoredList(NamedTuple):
    """The gov.uk document as fetched, where from, and when (UTC)."""

    data: dict[str, Any]
    url: str
    fetched: datetime

    @property
    def name(self) -> str:
        """``gov.uk list fetched 6 Dec 2026``: how descriptions name the data."""
        day = self.fetched.date()
        return f"gov.uk list fetched {day.day} {day.strftime('%b %Y')}"

    def for_region(self, region: Region) -> OfficialList:
        found = official_list(self.data, region, self.name, f"the stored {self.name}")
        if found is None:  # every region was checked before the list was stored
            raise InputError(f"the stored {self.name} has no {region.label} bank holidays: {_REPAIR}")
        return found

    def is_stale(self, today: date) -> bool:
        return today - self.fetched.date() > STALE_AFTER

    def encoded(self) -> bytes:
        """The stored document: what ``read_stored`` reads back."""
        import json

        document = {
            "format": _FORMAT,
            "url": self.url,
            "fetched": self.fetched.isoformat(),
            "list": self.data,
        }
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def store_path() -> Path:
    return cache_dir() / STORE_NAME


def read_stored() -> StoredList | None:
    """The stored list, or None when there is none. A damaged one is an error, never skipped:
    falling back to the built-in dates in silence could drop a one-off holiday."""
    payload = read_cache(store_path())
    if payload is None:
        return None
    import json

    try:
        document = json.loads(payload)
        data, url = document["list"], document["url"]
        fetched = datetime.fromisoformat(document["fetched"])
        if document["format"] != _FORMAT or not isinstance(data, dict) or not isinstance(url, str):
            raise ValueError
        if fetched.tzinfo is None:
            raise ValueError
    except (ValueError, KeyError, TypeError, RecursionError):
        raise InputError(
            f"the stored gov.uk bank holidays list {store_path()} is damaged: {_REPAIR}"
        ) from None
    return StoredList(data, url, fetched.astimezone(UTC))
