""".ics reading is bounded: a rule that can never occur is refused at once, every other rule
is expanded only as far as the dates asked for (with the same dates as a full expansion), and
a file of over MAX_EVENTS events is refused before it is parsed."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta

import pytest

from inspectcal.errors import InputError
from inspectcal.readers import ics
from inspectcal.readers.ics import read_ics


def calendar(*events: str, header: str = "") -> str:
    body = "".join(
        f"BEGIN:VEVENT\r\nUID:e{n}\r\nSUMMARY:Leave {n}\r\n{event}END:VEVENT\r\n"
        for n, event in enumerate(events)
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n{header}{body}END:VCALENDAR\r\n"


def dates(text: str, first: date, last: date) -> list[date]:
    found = set()
    for span in read_ics(text, "avoid file x.ics", first, last).spans:
        day = span.start
        while day <= span.end:
            found.add(day)
            day += timedelta(days=1)
    return sorted(found)


def reference(text: str, first: date, last: date) -> list[date]:
    """The dates recurring-ical-events finds with no bound on the rules (all-day events)."""
    import recurring_ical_events  # type: ignore[import-untyped]
    from icalendar import Calendar

    found = set()
    start, stop = (
        datetime.combine(first, datetime.min.time()),
        datetime.combine(last + timedelta(days=1), datetime.min.time()),
    )
    for event in recurring_ical_events.of(Calendar.from_ical(text)).between(start, stop):
        day = event.decoded("DTSTART")
        if first <= day <= last:
            found.add(day)
    return sorted(found)


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "no month it allows has day 30"),
        ("FREQ=MONTHLY;BYMONTH=4,6,9,11;BYMONTHDAY=31", "no month it allows has day 31"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-30,-31", "no month it allows has day -30, -31"),
        ("FREQ=DAILY;BYMONTHDAY=32;COUNT=5", "no month it allows has day 32"),
        ("FREQ=YEARLY;BYMONTH=6;BYYEARDAY=1,-1", "day 1, -1 of the year is in no month it allows"),
    ],
)
def test_a_rule_that_can_never_occur_is_refused_at_once(rule: str, reason: str) -> None:
    text = calendar("DTSTART;VALUE=DATE:20100101\r\n", f"DTSTART;VALUE=DATE:20100101\r\nRRULE:{rule}\r\n")
    began = time.perf_counter()
    with pytest.raises(InputError) as raised:
        read_ics(text, "avoid file x.ics", date(1975, 1, 1), date(2099, 12, 31))
    assert time.perf_counter() - began < 2
    message = str(raised.value)
    assert message.startswith("avoid file x.ics, event 2 (Leave 1) repeats by a rule that can never occur (")
    assert message.endswith(f": {reason}): is the rule typed right?")


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",  # leap day: rare, not impossible
        "FREQ=YEARLY;BYYEARDAY=366",  # 31 Dec of a leap year
        "FREQ=YEARLY;BYMONTH=12;BYYEARDAY=-1",
        "FREQ=MONTHLY;BYMONTHDAY=31",  # seven months of the twelve
        "FREQ=DAILY",  # no end: stopped after the window, same dates
        "FREQ=DAILY;COUNT=3",  # ends inside the window: still three
        "FREQ=DAILY;COUNT=40000",  # ends after the window
        "FREQ=WEEKLY;BYDAY=MO,FR;UNTIL=20121231",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20300101",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;COUNT=2",  # Mon 29 Feb: 2016, 2044
        "FREQ=YEARLY;BYWEEKNO=1;BYMONTH=6;COUNT=3",  # never, in a way not looked for: bounded still
    ],
)
def test_a_bounded_rule_gives_the_dates_a_full_expansion_gives(rule: str) -> None:
    text = calendar(f"DTSTART;VALUE=DATE:20101220\r\nRRULE:{rule}\r\n")
    for first, last in ((date(2010, 12, 1), date(2011, 1, 31)), (date(2015, 1, 1), date(2017, 1, 1))):
        began = time.perf_counter()
        found = dates(text, first, last)
        assert time.perf_counter() - began < 2, rule
        assert found == reference(text, first, last), rule


def test_a_count_reached_in_the_window_is_kept() -> None:
    text = calendar("DTSTART;VALUE=DATE:20101220\r\nRRULE:FREQ=DAILY;COUNT=3\r\n")
    assert dates(text, date(2010, 12, 1), date(2011, 1, 31)) == [date(2010, 12, d) for d in (20, 21, 22)]


def test_a_timed_rule_in_a_zone_is_bounded_too() -> None:
    text = calendar(
        "DTSTART:20101220T090000Z\r\nDTEND:20101220T170000Z\r\nRRULE:FREQ=WEEKLY;BYDAY=MO\r\n",
        "DTSTART:20101221T090000\r\nDTEND:20101221T170000\r\nRRULE:FREQ=WEEKLY;COUNT=100\r\n",
    )
    assert dates(text, date(2010, 12, 1), date(2011, 1, 10)) == [
        date(2010, 12, 20),
        date(2010, 12, 21),
        date(2010, 12, 27),
        date(2010, 12, 28),
        date(2011, 1, 3),
        date(2011, 1, 4),
        date(2011, 1, 10),
    ]


def test_events_that_share_a_uid_or_move_one_occurrence_are_read_as_before() -> None:
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n"
        "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20101220\r\nRRULE:FREQ=DAILY;COUNT=3\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:a\r\nRECURRENCE-ID;VALUE=DATE:20101221\r\nDTSTART;VALUE=DATE:20101229\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:single\r\nDTSTART;VALUE=DATE:20110105\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )
    assert dates(text, date(2010, 12, 1), date(2011, 1, 31)) == [
        date(2010, 12, 20),
        date(2010, 12, 22),
        date(2010, 12, 29),
        date(2011, 1, 5),
    ]


def test_a_file_of_over_max_events_is_refused_before_it_is_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ics, "MAX_EVENTS", 3)
    text = calendar(*["DTSTART;VALUE=DATE:20101220\r\n"] * 4)
    with pytest.raises(InputError) as raised:
        read_ics(text, "avoid file x.ics", date(2010, 12, 1), date(2011, 1, 31))
    assert str(raised.value) == (
        "avoid file x.ics has 4 events, over the 3 read: export only the dates needed "
        "(Outlook: Save Calendar, Date Range), or is it the right file?"
    )
    assert (
        len(dates(calendar(*["DTSTART;VALUE=DATE:20101220\r\n"] * 3), date(2010, 12, 1), date(2011, 1, 31)))
        == 1
    )


def test_the_event_cap_is_documented() -> None:
    from .conftest import REPO

    guide = (REPO / "docs" / "guide" / "window-and-leave.md").read_text("utf-8")
    assert f"{ics.MAX_EVENTS:,} events" in guide
