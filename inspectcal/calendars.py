"""Where non-working days come from: bank-holiday regions, council closures, caching.

Regions are declared as data (the table below); their dates come from the
``holidays`` package, cached on disk per installed release so that a run does not
pay for importing it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from inspectcal.dates import DateSpan
from inspectcal.errors import InputError, quoted
from inspectcal.workdays import NonWorkingDay, WorkingCalendar

FIRST_DATE = date(1975, 1, 1)
LAST_DATE = date(2099, 12, 31)
# The last year for which the `holidays` package's dates are checked against an official list
# (the gov.uk file in the tests, 2012-2028). Later years are projected from the rules: one-off
# days (a jubilee, a state funeral) are announced at short notice. Raise with that list.
CONFIRMED_THROUGH = 2028
_CACHE_FORMAT = 4  # 4: one file per region, its key inside


class Region(NamedTuple):
    key: str
    label: str
    subdivision: str  # the `holidays` package's GB subdivision code


REGIONS: Mapping[str, Region] = {
    r.key: r
    for r in (
        Region("england-and-wales", "England and Wales", "ENG"),
        Region("scotland", "Scotland", "SCT"),
        Region("northern-ireland", "Northern Ireland", "NIR"),
    )
}
DEFAULT_REGION = "england-and-wales"
_DEFAULT = REGIONS[DEFAULT_REGION]


# Other names people type for a region, after region_key() has tidied them.
REGION_ALIASES: Mapping[str, str] = {
    "england": "england-and-wales",
    "wales": "england-and-wales",
    "england-wales": "england-and-wales",
    "e-and-w": "england-and-wales",
    "ew": "england-and-wales",
    "eng": "england-and-wales",
    "scot": "scotland",
    "sct": "scotland",
    "ni": "northern-ireland",
    "nir": "northern-ireland",
    "n-ireland": "northern-ireland",
    "northernireland": "northern-ireland",
}


def region_key(text: str) -> str:
    """'Northern Ireland', 'england_and_wales', 'E&W' -> lower case, words joined by '-'."""
    words = text.strip().lower().replace("&", " and ").replace("_", " ").replace("-", " ").split()
    return "-".join(words)


def get_region(key: str) -> Region:
    """A region by its key or an alias, in any case ('Scotland', 'ni', 'England')."""
    tidy = region_key(key)
    found = REGIONS.get(REGION_ALIASES.get(tidy, tidy))
    if found is None:
        choices = ", ".join(REGIONS)
        raise InputError(
            f"unknown region {quoted(key)}: choose one of {choices} "
            "(in any case; england, wales, scot and ni work too)"
        )
    return found


class OfficialList(NamedTuple):
    """Bank holidays from a gov.uk-format file, for one region.

    The file covers exactly the years it lists events in (``years``): only those years'
    built-in dates are replaced. A year inside its span with no events is not covered.
    """

    path: str
    days: tuple[tuple[date, str], ...]
    years: tuple[int, ...]  # sorted, each once

    @property
    def first_year(self) -> int:
        return self.years[0]

    @property
    def last_year(self) -> int:
        return self.years[-1]

    def gaps(self) -> list[int]:
        """Years inside the file's span that it lists no events for."""
        listed = set(self.years)
        return [y for y in range(self.first_year, self.last_year + 1) if y not in listed]


def year_ranges(years: Iterable[int]) -> str:
    """``2012-2028, 2030``: years as compact ranges."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and runs[-1][1] == year - 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


class CalendarSource(NamedTuple):
    """What a working calendar is made of; plans carry it so every date is traceable."""

    region: Region = _DEFAULT
    bank_holidays: bool = True
    closures: tuple[DateSpan, ...] = ()
    official: OfficialList | None = None  # replaces the package's dates for the years it covers

    @property
    def confirmed_through(self) -> int | None:
        """The last year whose bank holidays are confirmed; None when none are counted."""
        if not self.bank_holidays:
            return None
        horizon = CONFIRMED_THROUGH
        listed = set(self.official.years) if self.official else set()
        while horizon + 1 in listed:  # the file confirms the years that follow, without a gap
            horizon += 1
        return horizon

    def describe(self, *, closed: int | None = None) -> str:
        """``Mon-Fri, less bank holidays in England and Wales and 2 closure days``.

        ``closed``: how many working days the closures take out of the plan at hand; without
        it, the closure days that fall on weekdays. Closure days on weekends never count.
        """
        parts = [f"bank holidays in {self.region.label}" if self.bank_holidays else "no bank holidays"]
        if self.bank_holidays and self.official:
            official = self.official
            parts[0] += f" ({official.path} for {year_ranges(official.years)})"
        if self.closures:
            days = closed if closed is not None else sum(1 for d in self.closure_days() if d.weekday() < 5)
            parts.append(f"{days} closure day{'s' if days != 1 else ''}")
        return "Mon-Fri, less " + " and ".join(parts)

    def closure_days(self) -> dict[date, str]:
        days: dict[date, str] = {}
        for closure in self.closures:
            for day in closure.days():
                days.setdefault(day, closure.name)
        return days


def working_calendar(source: CalendarSource) -> WorkingCalendar:
    """Build the engine for a calendar source over the supported date range."""
    return WorkingCalendar(days_off(source), first=FIRST_DATE, last=LAST_DATE)


def days_off(source: CalendarSource) -> dict[date, NonWorkingDay]:
    """Every non-working day a source names: its closures, then bank holidays over them."""
    off: dict[date, NonWorkingDay] = {}
    for day, name in source.closure_days().items():
        if not FIRST_DATE <= day <= LAST_DATE:
            raise InputError(
                f"closure {day.isoformat()} is outside the supported dates "
                f"{FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()}"
            )
        description = f"a council closure day ({name})" if name else "a council closure day"
        off[day] = NonWorkingDay(day, name or "Council closure", description, closure=True)
    if source.bank_holidays:
        label = source.region.label
        official = source.official
        days = bank_holidays(source.region)
        if official is not None:
            covered = set(official.years)
            days = {d: n for d, n in days.items() if d.year not in covered}
            days.update((d, n) for d, n in official.days if d.weekday() < 5 and FIRST_DATE <= d <= LAST_DATE)
        for day, name in days.items():
            # A bank holiday wins over a closure on the same day: it is the better-known name.
            off[day] = NonWorkingDay(day, name, f"{name}, a bank holiday in {label}")
    return off


def read_official_file(path: Path, region: Region) -> OfficialList:
    """Bank holidays for ``region`` from a file in the gov.uk format (bank-holidays.json)."""
    from inspectcal.readers.bank_holidays import read_bank_holidays_file

    official = official_list(read_bank_holidays_file(path), region, path)
    if official is None:
        raise InputError(
            f"bank holidays file {path} has no events for {region.key}: expected the gov.uk format "
            '{"england-and-wales": {"events": [{"title": ..., "date": "YYYY-MM-DD"}, ...]}, ...}'
        )
    return official


def official_list(
    data: dict[str, Any], region: Region, path: Path | str, where: str = ""
) -> OfficialList | None:
    """The region's events from parsed gov.uk data; None when it has none for the region.

    ``path`` names the list in descriptions; ``where`` in messages (default: the file).
    """
    from inspectcal.readers.bank_holidays import region_events
    from inspectcal.readers.base import named

    days = region_events(data, region.key, where or named("bank holidays file", path))
    if days is None:
        return None
    return OfficialList(str(path), tuple(sorted(days)), tuple(sorted({day.year for day, _ in days})))


def official_warnings(source: CalendarSource) -> list[str]:
    """What to tell the user about a bank-holidays file: gaps in it, and days it leaves out.

    A year inside the file's span with no events keeps the built-in dates (one warning names
    those years); a year the file lists but that lacks a weekday bank holiday the built-in
    data has loses that day (one warning names the days: an official list never drops
    Christmas, so the file is probably incomplete).
    """
    official = source.official
    if official is None or not source.bank_holidays:
        return []
    found = []
    where = f"bank holidays file {official.path}"
    label = source.region.label
    gaps = official.gaps()
    if gaps:
        found.append(
            f"{where} lists no {label} bank holidays in {year_ranges(gaps)}: "
            "the built-in dates are used for those years"
        )
    listed = set(official.years)
    theirs = {d for d, _ in official.days}
    dropped = sorted(
        (d, n) for d, n in bank_holidays(source.region).items() if d.year in listed and d not in theirs
    )
    if dropped:
        shown = ", ".join(f"{d.isoformat()} ({n})" for d, n in dropped[:10])
        more = f" and {len(dropped) - 10} more" if len(dropped) > 10 else ""
        found.append(
            f"{where} leaves out {shown}{more}, which the built-in {label} data has: "
            "they count as working days; check that the file is complete"
        )
    return found


# -- bank holidays from the `holidays` package, cached ------------------------


def corrections_stamp() -> int:
    """A checksum of inspectcal/corrections.py's text, for the cache key: an edit there is seen at once.

    Read as bytes, without importing it (only a run that computes bank holidays does).
    """
    import zlib

    try:
        return zlib.crc32(Path(__file__).with_name("corrections.py").read_bytes())
    except OSError:
        return 0


def installed_holidays() -> tuple[str, int, int, int]:
    """What identifies the installed `holidays` package, for the cache key on every run.

    Its location, the modification time of its folder (installing or upgrading it adds and
    removes files there) and of its ``__init__.py`` and that file's size: found with
    ``importlib.util.find_spec`` and ``os.stat``. Its version would be the better key, but
    asking for it costs more than the cache saves: ``importlib.metadata`` takes 15 ms or more
    to import, and the package itself about 30 ms.
    """
    from importlib.util import find_spec

    spec = find_spec("holidays")
    if spec is None or not spec.origin:
        return ("", 0, 0, 0)
    try:
        init = os.stat(spec.origin)
        folder = os.stat(os.path.dirname(spec.origin))
    except OSError:
        return (spec.origin, 0, 0, 0)
    return (spec.origin, folder.st_mtime_ns, init.st_mtime_ns, init.st_size)


def bank_holidays(region: Region) -> dict[date, str]:
    """Weekday bank holidays (substitute days included) in the supported range.

    Cached in one JSON file per region, holding the key it was computed for: the installed
    `holidays` package, the corrections, the date range. Another key computes them again and
    replaces the file, so the cache holds at most one file per region.
    """
    import json  # deferred: only the runs that need bank holidays pay for it

    from inspectcal.cache import cache_dir, read_cache, write_cache

    key = [
        _CACHE_FORMAT,
        *installed_holidays(),
        corrections_stamp(),
        FIRST_DATE.isoformat(),
        LAST_DATE.isoformat(),
    ]
    path = cache_dir() / f"bank-holidays-{region.key}.json"
    try:
        cached = json.loads(read_cache(path) or b"")
        if cached["key"] == key:
            return {date.fromisoformat(day): name for day, name in cached["days"].items()}
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        pass  # missing or damaged: compute it again below
    days = _compute_bank_holidays(region)
    payload = {"key": key, "days": {d.isoformat(): n for d, n in days.items()}}
    write_cache(path, json.dumps(payload).encode("utf-8"))
    return days


def _compute_bank_holidays(region: Region) -> dict[date, str]:
    import holidays

    table = holidays.country_holidays(
        "GB", subdiv=region.subdivision, years=range(FIRST_DATE.year, LAST_DATE.year + 1)
    )
    from inspectcal.corrections import corrected

    days = {day: str(name) for day, name in sorted(table.items()) if day.weekday() < 5}
    return corrected(days, region.key)


class Disagreement(NamedTuple):
    region: str
    date: date
    in_file: str | None  # the file's name for the day, None when the file does not list it
    built_in: str | None  # the `holidays` package's name, None when it does not list it


def compare_official(path: Path) -> list[Disagreement]:
    """Weekday dates the file and the built-in data disagree on, for every region the file has.

    Only the years the file covers for each region are compared; names may differ
    ("May Day" and "Early May bank holiday") without being a disagreement.
    """
    from inspectcal.readers.bank_holidays import read_bank_holidays_file

    return compare_official_data(read_bank_holidays_file(path), path)


def compare_official_data(data: dict[str, Any], path: Path | str) -> list[Disagreement]:
    """``compare_official`` for gov.uk data already read (the stored list, say)."""
    found = []
    for region in REGIONS.values():
        official = official_list(data, region, path)
        if official is None:
            continue
        theirs = {d: n for d, n in official.days if d.weekday() < 5}
        covered = set(official.years)
        ours = {d: n for d, n in bank_holidays(region).items() if d.year in covered}
        for day in sorted(set(theirs) ^ set(ours)):
            found.append(Disagreement(region.key, day, theirs.get(day), ours.get(day)))
    return found
