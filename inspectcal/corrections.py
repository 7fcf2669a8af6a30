"""Corrections to the `holidays` package's bank holidays, kept as data with their sources.

Applied where the built-in dates are made (``calendars.bank_holidays``), so every command
sees them. Each entry adds or removes one weekday bank holiday in some regions. README's
"Where the dates come from" lists them; tests/test_history.py checks 1975-2099 for every
region against an independent rule-based computation and a cited list of one-off changes.
"""

from __future__ import annotations

from datetime import date
from typing import Literal, NamedTuple

ALL_REGIONS = ("england-and-wales", "scotland", "northern-ireland")


class Correction(NamedTuple):
    day: date
    regions: tuple[str, ...]
    change: Literal["add", "remove"]
    name: str  # the bank holiday's name (added), or the name of the one removed
    why: str
    source: str


_JUBILEE_1977 = "HC Deb 19 January 1977, vol 924, cc191-3W (Silver Jubilee bank holidays)"
_ACT_1971 = "Banking and Financial Dealings Act 1971, Schedule 1, paragraph 2 (Scotland: first Monday in May)"

CORRECTIONS: tuple[Correction, ...] = (
    Correction(
        date(1977, 5, 30),
        ALL_REGIONS,
        "remove",
        "Spring Bank Holiday",
        "the 1977 spring bank holiday was moved to Monday 6 June for the Silver Jubilee",
        _JUBILEE_1977,
    ),
    Correction(
        date(1977, 6, 6),
        ALL_REGIONS,
        "add",
        "Spring Bank Holiday",
        "moved from Monday 30 May 1977 for the Silver Jubilee",
        _JUBILEE_1977,
    ),
    *(
        Correction(
            day,
            ("scotland",),
            "add",
            "May Day",
            "the first Monday in May was a bank holiday in Scotland by statute before 1978",
            _ACT_1971,
        )
        for day in (date(1975, 5, 5), date(1976, 5, 3), date(1977, 5, 2))
    ),
    Correction(
        date(2006, 11, 30),
        ("scotland",),
        "remove",
        "Saint Andrew's Day",
        "St Andrew's Day became a bank holiday from 2007",
        "St Andrew's Day Bank Holiday (Scotland) Act 2007 (Royal Assent 15 January 2007)",
    ),
)


def corrected(days: dict[date, str], region: str) -> dict[date, str]:
    """``days`` (one region's weekday bank holidays) with the corrections for that region applied."""
    result = dict(days)
    for fix in CORRECTIONS:
        if region not in fix.regions:
            continue
        if fix.change == "add":
            result[fix.day] = fix.name
        else:
            result.pop(fix.day, None)
    return dict(sorted(result.items()))
