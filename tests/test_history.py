"""Every bank holiday 1975-2099, all three regions, against an independent rule-based computation.

The rules are written here from the statutes and proclamations, with their own Easter
(the anonymous Gregorian algorithm), sharing nothing with the product or the `holidays`
package; one-off changes are a separate list with their sources. Any disagreement is
either corrected in inspectcal/corrections.py or listed in DOCUMENTED below.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from inspectcal.calendars import REGIONS, bank_holidays
from inspectcal.corrections import CORRECTIONS

from .conftest import run_cli

ALL = ("england-and-wales", "scotland", "northern-ireland")


def easter(year: int) -> date:
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    return date(year, (h + ell - 7 * m + 114) // 31, (h + ell - 7 * m + 114) % 31 + 1)


def first_monday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def last_monday(year: int, month: int) -> date:
    last = date(year, month + 1, 1) - timedelta(days=1)
    return last - timedelta(days=last.weekday())


def with_substitutes(fixed: list[date]) -> set[date]:
    """Fixed-date holidays; each on a weekend moves to the next weekday not already a holiday."""
    days = {d for d in fixed if d.weekday() < 5}
    for day in fixed:
        if day.weekday() >= 5:
            while day.weekday() >= 5 or day in days or day in fixed:
                day += timedelta(days=1)
            days.add(day)
    return days


def by_the_rules(year: int, region: str) -> set[date]:
    """Banking and Financial Dealings Act 1971 and the standing royal proclamations."""
    scotland, ni = region == "scotland", region == "northern-ireland"
    days = with_substitutes([date(year, 1, 1), *([date(year, 1, 2)] if scotland else [])])
    days.add(easter(year) - timedelta(days=2))  # Good Friday
    if not scotland:
        days.add(easter(year) + timedelta(days=1))  # Easter Monday
    if ni:
        days |= with_substitutes([date(year, 3, 17)])  # St Patrick's Day
        days |= with_substitutes([date(year, 7, 12)])  # Battle of the Boyne
    if year >= 1978 or scotland:  # May Day: from 1978 (Scotland: by the 1971 Act already)
        days.add(first_monday(year, 5))
    days.add(last_monday(year, 5))  # Spring bank holiday
    days.add(first_monday(year, 8) if scotland else last_monday(year, 8))  # Summer
    if scotland and year >= 2007:  # St Andrew's Day Bank Holiday (Scotland) Act 2007
        days |= with_substitutes([date(year, 11, 30)])
    days |= with_substitutes([date(year, 12, 25), date(year, 12, 26)])
    return days


# One-off changes: (date, regions, +1 added / -1 removed, source).
ONE_OFFS: list[tuple[date, tuple[str, ...], int, str]] = [
    (
        date(1977, 5, 30),
        ALL,
        -1,
        "Spring bank holiday moved for the Silver Jubilee: HC Deb 19 Jan 1977 vol 924",
    ),
    (date(1977, 6, 6), ALL, +1, "... to Monday 6 June 1977 (same source)"),
    (date(1977, 6, 7), ALL, +1, "Silver Jubilee bank holiday (same source)"),
    (date(1981, 7, 29), ALL, +1, "Wedding of the Prince of Wales and Lady Diana Spencer: proclamation 1981"),
    (date(1995, 5, 1), ALL, -1, "Early May bank holiday moved for the 50th anniversary of VE Day"),
    (date(1995, 5, 8), ALL, +1, "... to Monday 8 May 1995 (proclamation 1994)"),
    (date(1999, 12, 31), ALL, +1, "Millennium: proclamation 1998"),
    (date(2002, 5, 27), ALL, -1, "Spring bank holiday moved for the Golden Jubilee"),
    (date(2002, 6, 4), ALL, +1, "... to Tuesday 4 June 2002 (proclamation 2001)"),
    (date(2002, 6, 3), ALL, +1, "Golden Jubilee bank holiday (proclamation 2001)"),
    (date(2011, 4, 29), ALL, +1, "Wedding of Prince William and Catherine Middleton: proclamation 2010"),
    (date(2012, 5, 28), ALL, -1, "Spring bank holiday moved for the Diamond Jubilee"),
    (date(2012, 6, 4), ALL, +1, "... to Monday 4 June 2012 (proclamation 2011; gov.uk list)"),
    (date(2012, 6, 5), ALL, +1, "Diamond Jubilee bank holiday (gov.uk list)"),
    (date(2020, 5, 4), ALL, -1, "Early May bank holiday moved for the 75th anniversary of VE Day"),
    (date(2020, 5, 8), ALL, +1, "... to Friday 8 May 2020 (proclamation 2019; gov.uk list)"),
    (date(2022, 5, 30), ALL, -1, "Spring bank holiday moved for the Platinum Jubilee"),
    (date(2022, 6, 2), ALL, +1, "... to Thursday 2 June 2022 (proclamation 2021; gov.uk list)"),
    (date(2022, 6, 3), ALL, +1, "Platinum Jubilee bank holiday (gov.uk list)"),
    (date(2022, 9, 19), ALL, +1, "State Funeral of Queen Elizabeth II (proclamation 2022; gov.uk list)"),
    (date(2023, 5, 8), ALL, +1, "Coronation of King Charles III (proclamation 2022; gov.uk list)"),
    (date(2026, 6, 15), ("scotland",), +1, "World Cup bank holiday (Scottish Government 2025; gov.uk list)"),
]

# Disagreements found and not corrected, with the reason: none at present.
DOCUMENTED: dict[tuple[str, date], str] = {}


def expected(region: str) -> set[date]:
    days: set[date] = set()
    for year in range(1975, 2100):
        days |= by_the_rules(year, region)
    for day, regions, change, _ in ONE_OFFS:
        if region in regions:
            if change > 0:
                days.add(day)
            else:
                days.discard(day)
    return {d for d in days if d.weekday() < 5}


@pytest.mark.parametrize("region", ALL)
def test_every_bank_holiday_1975_to_2099_matches_the_rules_and_one_offs(region: str) -> None:
    ours = set(bank_holidays(REGIONS[region]))
    theirs = expected(region)
    missing = sorted(d for d in theirs - ours if (region, d) not in DOCUMENTED)
    extra = sorted(d for d in ours - theirs if (region, d) not in DOCUMENTED)
    assert (missing, extra) == ([], [])
    assert min(ours).year == 1975
    assert max(ours).year == 2099


def test_the_rules_reproduce_known_dates() -> None:
    """The oracle itself: a few dates worked out by hand from a calendar."""
    assert easter(2010) == date(2010, 4, 4)
    assert easter(2038) == date(2038, 4, 25)
    assert date(2010, 12, 27) in by_the_rules(2010, "england-and-wales")  # Christmas on a Saturday
    assert date(2010, 12, 28) in by_the_rules(2010, "england-and-wales")
    assert date(2011, 12, 27) in by_the_rules(2011, "england-and-wales")  # Christmas on a Sunday
    assert {date(2011, 1, 3), date(2011, 1, 4)} <= by_the_rules(2011, "scotland")  # 1 Jan on a Saturday
    assert date(2013, 12, 2) in by_the_rules(2013, "scotland")  # St Andrew's Day on a Saturday


def test_the_1977_spring_bank_holiday_is_the_6th_of_june() -> None:
    result = run_cli(["add", "1977-06-03", "1"])
    assert (result.exit_code, result.stdout) == (0, "1977-06-08\n")
    result = run_cli(["holidays", "--year", "1977", "--format", "csv"])
    assert "1977-06-06,Spring Bank Holiday" in result.stdout
    assert "1977-05-30" not in result.stdout


def test_every_correction_is_cited_and_in_effect() -> None:
    for fix in CORRECTIONS:
        assert fix.source
        assert fix.why
        for region in fix.regions:
            assert (fix.day in bank_holidays(REGIONS[region])) == (fix.change == "add"), fix


def test_the_caches_follow_the_corrections_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit to the corrections changes the cache key, so no stale dates are read back."""
    from inspectcal import calendars

    monkeypatch.setenv("INSPECTCAL_CACHE_DIR", str(tmp_path))
    region = REGIONS["england-and-wales"]
    calendars.bank_holidays(region)
    stamp = calendars.corrections_stamp()
    assert stamp != 0

    def must_not_compute(_: object) -> dict[date, str]:
        raise AssertionError("computed again")

    monkeypatch.setattr(calendars, "_compute_bank_holidays", must_not_compute)
    calendars.bank_holidays(region)  # the same corrections: read back
    monkeypatch.setattr(calendars, "corrections_stamp", lambda: stamp + 1)
    with pytest.raises(AssertionError, match="computed again"):
        calendars.bank_holidays(region)
