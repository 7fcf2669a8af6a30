"""Elections that hold back Ofsted's reports: pre-election periods, and moving a forecast past them.

The table is data (``elections.toml`` beside this module, with its sources). Two kinds of pause:

- ``general``: a general election, for every authority, from the start of the election
  period in the Cabinet Office's guidance to polling day;
- ``local``: a poll the authority holds (``--election DATE``), from the latest day the notice
  of election may be published (25 working days before the poll, counted as the election
  rules count: weekends, Christmas Eve and bank holidays disregarded) to polling day.

Held reports come out a few working days after the poll. How many is not assumed: the
record (``record.py``) measures it, and :func:`move_past` applies it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from inspectcal.errors import FrameworkError, InputError

ELECTIONS_FILE = Path(__file__).parent / "elections.toml"
GENERAL, LOCAL = "general", "local"


class Pause(NamedTuple):
    """A pre-election period: no reports on the authority are published from ``start`` to ``poll``."""

    kind: str  # GENERAL or LOCAL
    poll: date
    start: date
    rule: str
    source: str

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.poll


class Lag(NamedTuple):
    """Working days from polling day to the publication of reports held over the poll.

    ``first``: the soonest any held report came out (no held report beat it); ``median`` and
    ``p90``: over every held report (nearest rank).
    """

    polls: int
    held: int
    first: int
    median: int
    p90: int


class ElectionTable(NamedTuple):
    general: tuple[Pause, ...]
    notice_days: int
    local_rule: str
    local_source: str
    ordinary_rule: str
    ordinary_source: str
    no_ordinary_poll: frozenset[int]


@cache
def election_table() -> ElectionTable:
    """The shipped table (``elections.toml``), validated; read as the framework files are."""
    from inspectcal.readers.toml import read_toml

    return parse_election_table(read_toml(ELECTIONS_FILE, ELECTIONS_FILE.name))


def parse_election_table(data: Mapping[str, Any]) -> ElectionTable:
    def fail(problem: str) -> FrameworkError:
        return FrameworkError(f"elections.toml: {problem}")

    def text(table: Mapping[str, Any], key: str) -> str:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            raise fail(f"field '{key}' must be a non-empty string")
        return " ".join(value.split())

    def day(table: Mapping[str, Any], key: str) -> date:
        try:
            return date.fromisoformat(table.get(key))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise fail(f"[[general]] field '{key}' must be a date like \"2024-07-04\"") from None

    general = []
    for entry in data.get("general", []):
        poll, start = day(entry, "poll"), day(entry, "from")
        if not start <= poll:
            raise fail(f"[[general]] needs 'from' <= 'poll', not {start} and {poll}")
        general.append(Pause(GENERAL, poll, start, text(entry, "rule"), text(entry, "source")))
    local, ordinary = data.get("local", {}), data.get("ordinary", {})
    days = local.get("notice_days")
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 100:
        raise fail("[local] field 'notice_days' must be a whole number from 1 to 100")
    none = ordinary.get("none", [])
    if not isinstance(none, list) or not all(isinstance(y, int) for y in none):
        raise fail("[ordinary] field 'none' must be a list of years")
    return ElectionTable(
        tuple(sorted(general)),
        days,
        text(local, "rule"),
        text(local, "source"),
        text(ordinary, "rule"),
        text(ordinary, "source"),
        frozenset(none),
    )


# -- the election timetable's own working days --------------------------------------------


@cache
def _dies_non(year: int) -> frozenset[date]:
    """Weekday days the election timetable disregards: bank holidays in England and Wales
    (Christmas Day and Good Friday among them) and Christmas Eve."""
    from inspectcal.calendars import CalendarSource, working_calendar

    # The default calendar: England and Wales, bank holidays counted, no closures.
    off = working_calendar(CalendarSource()).days_off
    days = {d for d in off if d.year in (year - 1, year)}
    days |= {date(y, 12, 24) for y in (year - 1, year)}
    return frozenset(days)


def is_timetable_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _dies_non(day.year)


def notice_day(poll: date, notice_days: int) -> date:
    """The latest day the notice of election may be published: the ``notice_days``-th day
    before the poll, counting only the timetable's working days."""
    skip = _dies_non(poll.year)
    day, counted = poll, 0
    while counted < notice_days:
        day -= timedelta(days=1)
        if day.weekday() < 5 and day not in skip:
            counted += 1
    return day


def local_pause(poll: date, table: ElectionTable | None = None) -> Pause:
    """The pre-election period of a poll the authority holds on ``poll``."""
    table = table or election_table()
    return Pause(LOCAL, poll, notice_day(poll, table.notice_days), table.local_rule, table.local_source)


def ordinary_poll(year: int, table: ElectionTable | None = None) -> date | None:
    """The ordinary day of local elections in ``year`` (the first Thursday in May), if held."""
    table = table or election_table()
    if year in table.no_ordinary_poll:
        return None
    first = date(year, 5, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7)


def check_poll(day: date) -> str | None:
    """Refuse a polling day the election rules cannot have; a note when it is not a Thursday."""
    if not is_timetable_day(day):
        raise InputError(
            f"--election {day.isoformat()}: polls are held on working days, and this is "
            f"a {day.strftime('%A')} or a bank holiday"
        )
    if day.weekday() != 3:
        return (
            f"--election {day.isoformat()} is a {day.strftime('%A')}: polls are held on Thursdays "
            "by convention (not by law), so check the date"
        )
    return None


def pauses_for(polls: Iterable[date], table: ElectionTable | None = None) -> tuple[Pause, ...]:
    """The general elections' pauses and those of the authority's own polls, in date order."""
    table = table or election_table()
    return tuple(sorted({*table.general, *(local_pause(p, table) for p in polls)}))


# -- moving a forecast past the pauses ------------------------------------------------------


def move_past(
    day: date, pauses: Sequence[Pause], lag: Callable[[Pause], int], add: Callable[[date, int], date]
) -> tuple[date, tuple[Pause, ...]]:
    """``day`` moved past every pause that holds it: to ``lag(pause)`` working days after its poll
    (at least one).

    A day from a pause's start up to (not including) that release day moves: reports held back
    come out together, ahead of those due just after. The moved day is checked again against
    every pause until none holds it. Returns the day and the pauses that moved it.
    """
    crossed: list[Pause] = []
    moving = True
    while moving:
        moving = False
        for pause in sorted(pauses, key=lambda p: (p.start, p.poll)):
            released = add(pause.poll, max(lag(pause), 1))
            if pause.start <= day < released:
                day, moving = released, True
                if pause not in crossed:
                    crossed.append(pause)
    return day, tuple(crossed)


def ordinary_polls_near(start: date, end: date) -> list[Pause]:
    """The pre-election periods of the ordinary May polls that overlap ``start``..``end``."""
    table = election_table()
    found = []
    for year in range(start.year, end.year + 1):
        poll = ordinary_poll(year, table)
        if poll is not None:
            pause = local_pause(poll, table)
            if pause.start <= end and start <= pause.poll:
                found.append(pause)
    return found
