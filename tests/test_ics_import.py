"""Leave and closures read from .ics files as Outlook, Google and Apple export them.

The fixtures in tests/fixtures/ are shaped like real exports (Outlook's X-MS-OLK properties,
Windows time-zone names, Google's and Apple's own properties). Every expected date below was
worked out by hand from the fixture and a 2024 calendar, and is written out in the comments:
none comes from the product.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspectcal.avoid import read_avoid_file
from inspectcal.dates import DateSpan
from inspectcal.errors import InputError
from inspectcal.readers import ics as ics_reader
from inspectcal.readers.ics import read_ics

from . import oracle
from .conftest import run_cli

FIXTURES = Path(__file__).parent / "fixtures"
OUTLOOK = FIXTURES / "outlook-leave.ics"
GOOGLE = FIXTURES / "google-leave.ics"
APPLE = FIXTURES / "apple-leave.ics"
CLOSURES = FIXTURES / "council-closures.ics"
YEAR = (date(2024, 1, 1), date(2024, 12, 31))


def days(*spec: str) -> list[date]:
    """'2024-02-12' or '2024-02-12..2024-02-16' (every calendar day in it)."""
    found = []
    for item in spec:
        first, _, last = item.partition("..")
        start, end = date.fromisoformat(first), date.fromisoformat(last or first)
        found.extend(date.fromordinal(n) for n in range(start.toordinal(), end.toordinal() + 1))
    return found


def window(*args: str, expect_stderr: str = "") -> list[dict[str, object]]:
    result = run_cli(["window", "--format", "json", *args])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == expect_stderr
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def clashes(row: dict[str, object]) -> list[tuple[str, str]]:
    return [(c["date"], c["milestone"]) for c in row["clashes"]]  # type: ignore[attr-defined,index]


def free_warning(path: Path, titles: str, count: int = 1) -> str:
    verb = "was" if count == 1 else "were"
    return (
        f"Warning: avoid file {path}: {count} event{'s' if count != 1 else ''} marked free ({titles}) "
        f"{verb} not counted as absences: add --count-free to count them\n"
    )


# -- reading each export -----------------------------------------------------------------


def test_outlook_export() -> None:
    found = read_avoid_file(OUTLOOK, *YEAR)
    fridays = "Day off (compressed hours)"
    assert found.spans == [
        # Weekly on Fridays from 5 Jan until 22 Mar; 16 Feb moved to Thu 15 Feb (RECURRENCE-ID),
        # 1 Mar deleted (EXDATE).
        DateSpan(date(2024, 1, 5), date(2024, 1, 5), fridays),
        DateSpan(date(2024, 1, 12), date(2024, 1, 12), fridays),
        DateSpan(date(2024, 1, 19), date(2024, 1, 19), fridays),
        # TRANSP:TRANSPARENT, but Outlook's own busy status (OOF) decides.
        DateSpan(date(2024, 1, 23), date(2024, 1, 23), "LGA conference (shown as out of office)"),
        DateSpan(date(2024, 1, 26), date(2024, 1, 26), fridays),
        DateSpan(date(2024, 2, 2), date(2024, 2, 2), fridays),
        DateSpan(date(2024, 2, 9), date(2024, 2, 9), fridays),
        DateSpan(date(2024, 2, 15), date(2024, 2, 15), "Day off (compressed hours) - moved to Thursday"),
        DateSpan(date(2024, 2, 23), date(2024, 2, 23), fridays),
        # 14:00-15:00 "GMT Standard Time" (a Windows zone name with its VTIMEZONE).
        DateSpan(date(2024, 2, 28), date(2024, 2, 28), "Private appointment"),
        # 00:15-00:45 on 6 Mar in "W. Europe Standard Time" (CET) is 23:15-23:45 on 5 Mar in London.
        DateSpan(date(2024, 3, 5), date(2024, 3, 5), "Late call with the Brussels office"),
        DateSpan(date(2024, 3, 8), date(2024, 3, 8), fridays),
        DateSpan(date(2024, 3, 15), date(2024, 3, 15), fridays),
        DateSpan(date(2024, 3, 22), date(2024, 3, 22), fridays),
        # Out of office, all day, DTEND 6 Apr exclusive.
        DateSpan(date(2024, 3, 25), date(2024, 4, 5), "Annual leave"),
    ]
    assert found.free == ["Working from home"]  # 27 Feb, BUSYSTATUS FREE
    assert found.cancelled == 1  # "Canceled: Away day", 20 Feb


def test_google_export() -> None:
    found = read_avoid_file(GOOGLE, *YEAR)
    network = "Regional DCS network (away all day)"
    assert found.spans == [
        # Every other Wednesday from 10 Jan, six times: 10 Jan, 24 Jan, [7 Feb cancelled by its
        # RECURRENCE-ID override], 21 Feb, 6 Mar, 20 Mar.
        DateSpan(date(2024, 1, 10), date(2024, 1, 10), network),
        DateSpan(date(2024, 1, 24), date(2024, 1, 24), network),
        DateSpan(date(2024, 2, 21), date(2024, 2, 21), network),
        DateSpan(date(2024, 3, 4), date(2024, 3, 4), "Leave (marked busy)"),
        DateSpan(date(2024, 3, 6), date(2024, 3, 6), network),
        DateSpan(date(2024, 3, 20), date(2024, 3, 20), network),
        # 23:30-00:30 UTC on 14/15 June is 00:30-01:30 BST on 15 June.
        DateSpan(date(2024, 6, 15), date(2024, 6, 15), "Overnight flight"),
    ]
    assert found.free == ["Half-term (school holiday)"]  # Google's all-day default: TRANSPARENT
    assert found.cancelled == 1


def test_apple_export() -> None:
    found = read_avoid_file(APPLE, *YEAR)
    assert found.spans == [
        # Monthly on the second Monday until 30 Apr: 8 Jan, 12 Feb, [11 Mar: EXDATE], 8 Apr;
        # RDATE adds 20 Mar.
        DateSpan(date(2024, 1, 8), date(2024, 1, 8), "Study leave"),
        # Daily, COUNT=3, from Mon 15 Jan.
        DateSpan(date(2024, 1, 15), date(2024, 1, 15), "Leadership course"),
        DateSpan(date(2024, 1, 16), date(2024, 1, 16), "Leadership course"),
        DateSpan(date(2024, 1, 17), date(2024, 1, 17), "Leadership course"),
        DateSpan(date(2024, 2, 12), date(2024, 2, 12), "Study leave"),
        DateSpan(date(2024, 3, 20), date(2024, 3, 20), "Study leave"),
        DateSpan(date(2024, 4, 8), date(2024, 4, 8), "Study leave"),
        # Floating 09:00-17:00: the date as written.
        DateSpan(date(2024, 4, 9), date(2024, 4, 9), "Board away day (floating time)"),
    ]
    assert found.free == ["School play"]
    assert found.cancelled == 0


def test_count_free_counts_free_events_but_never_cancelled_ones() -> None:
    def every_day(path: Path) -> set[date]:
        return {d for span in read_avoid_file(path, *YEAR, count_free=True).spans for d in span.days()}

    assert every_day(OUTLOOK) - {d for s in read_avoid_file(OUTLOOK, *YEAR).spans for d in s.days()} == {
        date(2024, 2, 27)
    }
    assert date(2024, 2, 20) not in every_day(OUTLOOK)  # cancelled
    google = every_day(GOOGLE)
    assert set(days("2024-02-12..2024-02-16")) <= google
    assert date(2024, 2, 7) not in google  # the cancelled occurrence
    assert date(2024, 3, 27) in every_day(APPLE)


def test_only_the_span_asked_for_is_expanded() -> None:
    found = read_avoid_file(OUTLOOK, date(2024, 2, 14), date(2024, 3, 27))
    assert [(s.start, s.end) for s in found.spans] == [
        (date(2024, 2, 15), date(2024, 2, 15)),
        (date(2024, 2, 23), date(2024, 2, 23)),
        (date(2024, 2, 28), date(2024, 2, 28)),
        (date(2024, 3, 5), date(2024, 3, 5)),
        (date(2024, 3, 8), date(2024, 3, 8)),
        (date(2024, 3, 15), date(2024, 3, 15)),
        (date(2024, 3, 22), date(2024, 3, 22)),
        (date(2024, 3, 25), date(2024, 3, 27)),  # the leave, cut at the end of the span
    ]
    assert read_avoid_file(OUTLOOK, date(2025, 1, 1), date(2025, 12, 31)).spans == []


def test_an_unending_rule_is_bounded_by_the_span() -> None:
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:fri\r\nSUMMARY:Fridays off\r\n"
        "DTSTART;VALUE=DATE:19800104\r\nRRULE:FREQ=WEEKLY;BYDAY=FR\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    found = read_ics(text, "f", date(2024, 3, 1), date(2024, 3, 31))
    assert [s.start for s in found.spans] == days(
        "2024-03-01", "2024-03-08", "2024-03-15", "2024-03-22", "2024-03-29"
    )


def test_too_many_occurrences_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ics_reader, "MAX_OCCURRENCES", 4)
    with pytest.raises(InputError) as error:
        read_avoid_file(OUTLOOK, date(2024, 1, 1), date(2024, 1, 31))
    assert str(error.value) == (
        f"avoid file {OUTLOOK} has over 4 occurrences between 2024-01-01 and 2024-01-31: "
        "is it the right file?"
    )


# -- window on each export: every expected clash worked out by hand -------------------------

# SLAC's critical milestones: the set-up meeting (Day 5) and fieldwork (Days 11-20). No bank
# holiday falls between 29 Jan and 28 Mar 2024.
OUTLOOK_WEEK = {
    # Day 1 Mon 29 Jan: Day 5 Fri 2 Feb (a Friday off); fieldwork Mon 12 - Fri 23 Feb holds the
    # moved day off (Thu 15 Feb) and Fri 23 Feb. 16 Feb was moved away; 20 Feb was cancelled.
    "2024-01-29": [("2024-02-02", "setup-meeting"), ("2024-02-15", "fieldwork"), ("2024-02-23", "fieldwork")],
    # Day 5 Mon 5 Feb; fieldwork Tue 13 - Mon 26 Feb.
    "2024-01-30": [("2024-02-15", "fieldwork"), ("2024-02-23", "fieldwork")],
    # Day 5 Tue 6 Feb; fieldwork Wed 14 - Tue 27 Feb (27 Feb: working from home, marked free).
    "2024-01-31": [("2024-02-15", "fieldwork"), ("2024-02-23", "fieldwork")],
    # Day 5 Wed 7 Feb; fieldwork Thu 15 - Wed 28 Feb (28 Feb: private appointment, busy).
    "2024-02-01": [("2024-02-15", "fieldwork"), ("2024-02-23", "fieldwork"), ("2024-02-28", "fieldwork")],
    # Day 5 Thu 8 Feb; fieldwork Fri 16 - Thu 29 Feb: 16 Feb is free, its day off moved to the 15th.
    "2024-02-02": [("2024-02-23", "fieldwork"), ("2024-02-28", "fieldwork")],
}


def test_window_on_the_outlook_export() -> None:
    # The free day (27 Feb) lies in the span these candidates look at: window says it left it out.
    rows = window(
        "--from",
        "2024-01-29",
        "--to",
        "2024-02-02",
        "--avoid-file",
        str(OUTLOOK),
        expect_stderr=free_warning(OUTLOOK, "'Working from home'"),
    )
    assert {r["notified"]: clashes(r) for r in rows} == OUTLOOK_WEEK


def test_window_count_free_adds_the_free_day() -> None:
    (row,) = window(
        "--from", "2024-01-31", "--to", "2024-01-31", "--avoid-file", str(OUTLOOK), "--count-free"
    )
    assert clashes(row) == [
        ("2024-02-15", "fieldwork"),
        ("2024-02-23", "fieldwork"),
        ("2024-02-27", "fieldwork"),
    ]


def test_window_reads_outlooks_time_zones() -> None:
    # No warning: the free day (27 Feb) is outside the dates these milestones can fall on.
    # Day 1 Mon 19 Feb: Day 10 Fri 1 Mar (its day off deleted by EXDATE) ... Day 14 Thu 7 Mar.
    # The Brussels call is on 5 Mar in London; read as written (6 Mar) it would still clash,
    # so the row is checked to hold 5 Mar and not 6 Mar.
    (row,) = window(
        "--from",
        "2024-02-19",
        "--to",
        "2024-02-19",
        "--critical",
        "10-14",
        "--avoid-file",
        str(OUTLOOK),
    )
    assert clashes(row) == [("2024-03-05", "Days 10-14")]


def test_window_leave_over_easter_clashes_on_working_days_only() -> None:
    # Day 1 Mon 11 Mar; Day 5 Fri 15 Mar (a Friday off); Day 10 Fri 22 Mar (a Friday off, but
    # not critical). Fieldwork: Day 11 Mon 25 Mar ... Day 14 Thu 28 Mar, then Good Friday 29 Mar,
    # the weekend and Easter Monday 1 Apr are skipped: Day 15 Tue 2 Apr ... Day 20 Tue 9 Apr.
    # The annual leave (25 Mar - 5 Apr) clashes on its eight working days only.
    (row,) = window(
        "--from",
        "2024-03-11",
        "--to",
        "2024-03-11",
        "--avoid-file",
        str(OUTLOOK),
    )
    assert clashes(row) == [
        ("2024-03-15", "setup-meeting"),
        *((d.isoformat(), "fieldwork") for d in days("2024-03-25..2024-03-28", "2024-04-02..2024-04-05")),
    ]


def test_window_on_the_google_export() -> None:
    # Day 1 Mon 22 Jan: fieldwork Mon 5 - Fri 16 Feb. The network meeting on Wed 7 Feb is
    # cancelled, and half-term (12-16 Feb) is marked free: no clash unless free events count.
    args = ("--from", "2024-01-22", "--to", "2024-01-22", "--critical", "11-20", "--avoid-file", str(GOOGLE))
    (row,) = window(*args, expect_stderr=free_warning(GOOGLE, "'Half-term (school holiday)'"))
    assert clashes(row) == []
    (row,) = window(*args, "--count-free")
    assert clashes(row) == [(d.isoformat(), "fieldwork") for d in days("2024-02-12..2024-02-16")]


def test_window_on_the_apple_export() -> None:
    # Day 1 Mon 4 Mar: Day 6 Mon 11 Mar (study leave deleted by EXDATE) ... Day 20 Tue 2 Apr
    # (after Good Friday and Easter Monday). Study leave added by RDATE on Wed 20 Mar; the
    # school play (Wed 27 Mar) is marked free.
    args = ("--from", "2024-03-04", "--to", "2024-03-04", "--critical", "6-20", "--avoid-file", str(APPLE))
    (row,) = window(*args, expect_stderr=free_warning(APPLE, "'School play'"))
    assert clashes(row) == [("2024-03-20", "Days 6-20")]
    (row,) = window(*args, "--count-free")
    assert clashes(row) == [("2024-03-20", "Days 6-20"), ("2024-03-27", "Days 6-20")]


def test_free_warning_names_several_events(tmp_path: Path) -> None:
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:{n}\r\nSUMMARY:Free {n}\r\nDTSTART;VALUE=DATE:202402{10 + n}\r\n"
        "TRANSP:TRANSPARENT\r\nEND:VEVENT\r\n"
        for n in range(1, 6)
    )
    path = tmp_path / "free.ics"
    path.write_bytes(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n".encode())
    window(
        "--from",
        "2024-01-29",
        "--to",
        "2024-01-29",
        "--avoid-file",
        str(path),
        expect_stderr=free_warning(path, "'Free 1'; 'Free 2'; 'Free 3'; ...", count=5),
    )


# -- the clash rule, without any file ------------------------------------------------------


def test_days_off_inside_a_critical_milestone_never_clash() -> None:
    # Day 1 Mon 11 Mar 2024: fieldwork Mon 25 Mar - Tue 9 Apr (see above).
    base = ("--from", "2024-03-11", "--to", "2024-03-11", "--critical", "fieldwork")
    (row,) = window(*base, "--avoid", "2024-03-29..2024-04-01")  # Good Friday to Easter Monday
    assert clashes(row) == []
    (row,) = window(*base, "--avoid", "2024-04-06", "--avoid", "2024-04-07")  # a weekend
    assert clashes(row) == []
    (row,) = window(*base, "--avoid", "2024-03-28..2024-04-02")
    assert clashes(row) == [("2024-03-28", "fieldwork"), ("2024-04-02", "fieldwork")]
    # A council closure is no working day either: with Tue 26 Mar closed, fieldwork runs to
    # Wed 10 Apr, and leave on the closure day is no clash while 10 Apr now is.
    (row,) = window(*base, "--closed", "2024-03-26", "--avoid", "2024-03-26", "--avoid", "2024-04-10")
    assert clashes(row) == [("2024-04-10", "fieldwork")]


# -- closures from an .ics file ------------------------------------------------------------


def test_closures_from_an_ics_file() -> None:
    result = run_cli(["holidays", "--year", "2024", "--closures", str(CLOSURES), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    closures = [(d["date"], d["name"]) for d in json.loads(result.stdout) if d["closure"]]
    # The first Friday of September every year (6 Sep 2024); the Christmas closure from Tue 24
    # Dec 2024 to Wed 1 Jan 2025, less the weekend and the bank holidays (25, 26 Dec, 1 Jan).
    # Both are marked free in the file, which does not matter for a closure; the office move
    # (10 May) is cancelled.
    assert closures == [
        ("2024-09-06", "Staff development day"),
        ("2024-12-24", "Christmas closure"),
        ("2024-12-27", "Christmas closure"),
        ("2024-12-30", "Christmas closure"),
        ("2024-12-31", "Christmas closure"),
    ]
    next_day = run_cli(["add", "2024-12-23", "1", "--closures", str(CLOSURES)])
    assert (next_day.exit_code, next_day.stdout) == (0, "2025-01-02\n")
    next_year = run_cli(["add", "2031-09-04", "1", "--closures", str(CLOSURES)])
    assert next_year.stdout == "2031-09-08\n"  # Fri 5 Sep 2031 is the first Friday: closed


# -- errors ---------------------------------------------------------------------------------


def fails(*args: str) -> str:
    result = run_cli(list(args))
    assert (result.exit_code, result.stdout) == (2, ""), result.stderr
    assert result.stderr.startswith("Error: ")
    assert result.stderr.count("\n") == 1
    return result.stderr.removeprefix("Error: ").rstrip("\n")


def ics_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "leave.ics"
    path.write_bytes(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n".encode())
    return path


@pytest.mark.parametrize(
    ("rule", "shown"),
    [
        ("FREQ=HOURLY;COUNT=5", "FREQ=HOURLY;COUNT=5"),
        ("FREQ=MINUTELY", "FREQ=MINUTELY"),
        ("FREQ=DAILY;BYHOUR=9,17", "FREQ=DAILY;BYHOUR=9,17"),
    ],
)
def test_rules_finer_than_daily_are_refused(tmp_path: Path, rule: str, shown: str) -> None:
    path = ics_file(
        tmp_path,
        f"BEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Stand-up\r\nDTSTART:20240102T090000\r\nRRULE:{rule}\r\nEND:VEVENT\r\n",
    )
    message = fails("window", "--from", "2024-01-29", "--to", "2024-01-29", "--avoid-file", str(path))
    assert message == (
        f"avoid file {path}, event 1 (Stand-up) repeats more than once a day ({shown}): "
        "leave and closures repeat daily at most; is it the right file?"
    )


def test_a_closures_file_with_a_bad_event_names_it(tmp_path: Path) -> None:
    path = ics_file(
        tmp_path,
        "BEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Closed\r\nDTSTART;VALUE=DATE:20240301\r\n"
        "DTEND;VALUE=DATE:20240201\r\nEND:VEVENT\r\n",
    )
    assert fails("add", "2024-02-01", "1", "--closures", str(path)) == (
        f"closures file {path}, event 1 (Closed) ends before it starts"
    )


def test_a_text_closures_file_still_works(tmp_path: Path) -> None:
    path = tmp_path / "closures.txt"
    path.write_text("2024-12-24  # Christmas Eve\n", "utf-8")
    result = run_cli(["add", "2024-12-23", "1", "--closures", str(path)])
    assert result.stdout == "2024-12-27\n"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("RRULE:FREQ=WEEKLY;BYDAY=XX", "its RRULE cannot be read ("),
        ("RRULE:FREQ=SOMETIMES", "its RRULE cannot be read ("),
        ("RRULE:COUNT=3", "its RRULE has no FREQ (how often it repeats)"),
        ("EXDATE;VALUE=DATE:2024xx01", "its EXDATE cannot be read ("),
        ("RDATE;VALUE=DATE:soon", "its RDATE cannot be read ("),
    ],
)
def test_unreadable_repeats_are_refused_not_ignored(tmp_path: Path, line: str, problem: str) -> None:
    """Refused, naming the event and the property (the detail in brackets is icalendar's)."""
    path = ics_file(
        tmp_path,
        f"BEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Fridays\r\nDTSTART;VALUE=DATE:20240105\r\n{line}\r\nEND:VEVENT\r\n",
    )
    message = fails("window", "--from", "2024-01-29", "--to", "2024-01-29", "--avoid-file", str(path))
    assert message.startswith(f"avoid file {path}, event 1 (Fridays): {problem}")
    assert message.endswith(")")


LINES = [
    "DTSTART;VALUE=DATE:20240205",
    "DTSTART:20240205T093000",
    "DTSTART:20240205T233000Z",
    "DTSTART;TZID=GMT Standard Time:20240205T090000",
    "DTSTART;TZID=Mars/Olympus:20240205T090000",
    "DTSTART;VALUE=DATE:2024020",
    "DTEND;VALUE=DATE:20240207",
    "DTEND:20240205T170000",
    "DTEND;VALUE=DATE:20230101",
    "DURATION:P2D",
    "DURATION:-PT1H",
    "DURATION:soon",
    "RRULE:FREQ=WEEKLY;COUNT=4",
    "RRULE:FREQ=DAILY;INTERVAL=3;UNTIL=20240301",
    "RRULE:FREQ=MONTHLY;BYDAY=-1FR",
    "RRULE:FREQ=YEARLY",
    "RRULE:FREQ=HOURLY",
    "RRULE:FREQ=WEEKLY;BYDAY=ZZ",
    "RDATE;VALUE=DATE:20240214,20240216",
    "RDATE:20240214T100000",
    "EXDATE;VALUE=DATE:20240212",
    "EXDATE:20240212T093000",
    "RECURRENCE-ID;VALUE=DATE:20240212",
    "RECURRENCE-ID:20240212T093000",
    "STATUS:CANCELLED",
    "TRANSP:TRANSPARENT",
    "X-MICROSOFT-CDO-BUSYSTATUS:FREE",
    "X-MICROSOFT-CDO-BUSYSTATUS:OOF",
    "SUMMARY:Leave\\, maybe",
]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    events=st.lists(
        st.tuples(st.sampled_from(["a", "b"]), st.lists(st.sampled_from(LINES), max_size=6)),
        min_size=1,
        max_size=3,
    )
)
def test_any_mix_of_event_lines_is_read_or_refused_cleanly(events: list[tuple[str, list[str]]]) -> None:
    """Never a traceback: each file is read (exit 0) or refused with one line (exit 2)."""
    body = "".join(
        f"BEGIN:VEVENT\r\nUID:{uid}\r\n" + "".join(f"{line}\r\n" for line in lines) + "END:VEVENT\r\n"
        for uid, lines in events
    )
    text = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n"
    found, error = read_or_refuse(text)
    if error is not None:
        assert error.startswith("f")
        assert "\n" not in error
    for span in found:
        assert date(2024, 1, 29) <= span.start <= span.end <= date(2024, 3, 29)


def read_or_refuse(text: str) -> tuple[list[DateSpan], str | None]:
    try:
        return read_ics(text, "f", date(2024, 1, 29), date(2024, 3, 29)).spans, None
    except InputError as error:
        return [], str(error)


def test_a_property_given_twice_is_refused(tmp_path: Path) -> None:
    path = ics_file(
        tmp_path,
        "BEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Moved\r\nDTSTART;VALUE=DATE:20240105\r\n"
        "RECURRENCE-ID;VALUE=DATE:20240112\r\nRECURRENCE-ID;VALUE=DATE:20240119\r\nEND:VEVENT\r\n",
    )
    message = fails("window", "--from", "2024-01-29", "--to", "2024-01-29", "--avoid-file", str(path))
    assert message == f"avoid file {path}, event 1 (Moved) has more than one RECURRENCE-ID"


# -- the clash rule against an independent day-by-day walk ---------------------------------

# England and Wales bank holidays in 2024 and early 2025, from gov.uk (typed in by hand).
BANK_HOLIDAYS = {
    date(2024, 1, 1),
    date(2024, 3, 29),
    date(2024, 4, 1),
    date(2024, 5, 6),
    date(2024, 5, 27),
    date(2024, 8, 26),
    date(2024, 12, 25),
    date(2024, 12, 26),
    date(2025, 1, 1),
}


def working_days_from(day_one: date, count: int) -> list[date]:
    """Day 1 .. Day ``count`` by walking the calendar one day at a time."""
    found: list[date] = []
    day = day_one
    while len(found) < count:
        if oracle.working(day, BANK_HOLIDAYS):
            found.append(day)
        day = date.fromordinal(day.toordinal() + 1)
    return found


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(
    notified=st.dates(date(2024, 1, 2), date(2024, 11, 1)).filter(
        lambda d: d.weekday() < 5 and d not in BANK_HOLIDAYS
    ),
    offsets=st.lists(st.integers(0, 40), max_size=12),
)
def test_clashes_are_the_avoided_working_days_of_critical_milestones(
    notified: date, offsets: list[int]
) -> None:
    avoided = sorted({date.fromordinal(notified.toordinal() + n) for n in offsets})
    args = ["--from", notified.isoformat(), "--to", notified.isoformat()]
    for day in avoided:
        args += ["--avoid", day.isoformat()]
    (row,) = window(*args)
    walked = working_days_from(notified, 20)
    setup, fieldwork = {walked[4]}, set(walked[10:20])  # SLAC: Day 5; Days 11-20
    expected = sorted(
        [(d.isoformat(), "setup-meeting") for d in avoided if d in setup]
        + [(d.isoformat(), "fieldwork") for d in avoided if d in fieldwork]
    )
    assert clashes(row) == expected
