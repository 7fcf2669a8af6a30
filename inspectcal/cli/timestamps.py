"""The times a command reads from the outside world: today, and the time stamped into files.

The library is given these (it never asks the clock); tests monkeypatch ``today_date`` here.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from inspectcal.errors import InputError


def today_date() -> date:
    return date.today()


def export_time() -> datetime:
    """DTSTAMP: now, or SOURCE_DATE_EPOCH when set, for byte-for-byte reproducible files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError):
        raise InputError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not '{epoch}'") from None


def document_time() -> datetime:
    """Created/modified time of .xlsx/.docx files: SOURCE_DATE_EPOCH, else a fixed time.

    Never the clock: the same plan gives the same bytes, run after run.
    """
    if os.environ.get("SOURCE_DATE_EPOCH") is None:
        return datetime(1980, 1, 1, tzinfo=UTC)
    return export_time()
