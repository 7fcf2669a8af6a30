"""The SLAC plan against the Nottinghamshire timetable of February 2010 (a real, published one)."""

from __future__ import annotations

import csv
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from inspectcal.calendars import CalendarSource, working_calendar
from inspectcal.dates import parse_date_range
from inspectcal.errors import NotWorkingDayError
from inspectcal.frameworks import load_framework
from inspectcal.plan import Plan, build_plan
from inspectcal.workdays import WorkingCalendar

from . import oracle
from .conftest import REPO, fails, shared_file

SEED_CSV = REPO / "examples" / "nottinghamshire-2010.csv"
NOTIFIED = date(2010, 2, 22)

# The published table's three slips, each checked below rather than reproduced by the engine:
# 1. "29 Mar ... (Day 25)": 29 March is Day 26; Day 25 is Friday 26 March.
# 2. "30 Mar-5 Apr (Day 26-30)": starts a day late (Day 26 is 29 March) and its end ignores Easter.
# 3. "9 Apr (Day 35)" and "16 Apr (Day 40)" count Good Friday and Easter Monday as working days.
SLIPS = {"25": "2010-03-29", "26-30": "2010-03-30..2010-04-05", "35": "2010-04-09", "40": "2010-04-16"}


def slac_plan(calendar: WorkingCalendar, source: CalendarSource) -> Plan:
    return build_plan(load_framework("slac-2009"), NOTIFIED, calendar, source)


def seed_rows() -> list[dict[str, str]]:
    with SEED_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def dates_by_day_label(plan: Plan) -> dict[str, tuple[date, date]]:
    spans: dict[str, tuple[date, date]] = {}
    for m in plan.milestones:
        label = str(m.start_day) if m.start_day == m.end_day else f"{m.start_day}-{m.end_day}"
        spans[label] = (m.start, m.end)
    return spans


def test_slac_plan_matches_every_correct_row_of_the_seed(england: WorkingCalendar) -> None:
    spans = dates_by_day_label(slac_plan(england, CalendarSource()))
    checked = 0
    for row in seed_rows():
        if row["day"] in SLIPS and SLIPS[row["day"]] == row["date"]:
            continue
        assert spans[row["day"]] == parse_date_range(row["date"]), row
        checked += 1
    assert checked == 10


def test_each_seed_slip_is_a_slip(england: WorkingCalendar) -> None:
    spans = dates_by_day_label(slac_plan(england, CalendarSource()))
    published = {row["day"]: parse_date_range(row["date"]) for row in seed_rows()}
    # Slip 1: the draft report row is dated on Day 26.
    assert published["25"][0] == date(2010, 3, 29)
    assert spans["25"] == (date(2010, 3, 26), date(2010, 3, 26))
    assert england.day_number(NOTIFIED, date(2010, 3, 29)) == 26
    # Slip 2: the accuracy check is Days 26-30 = 29 Mar to 6 Apr (Easter skipped), not 30 Mar to 5 Apr.
    assert spans["26-30"] == (date(2010, 3, 29), date(2010, 4, 6))
    assert published["26-30"] != spans["26-30"]
    # Slip 3: with Easter skipped, Day 35 is 13 Apr and Day 40 is 20 Apr, not 9 and 16 Apr...
    assert spans["35"][0] == date(2010, 4, 13)
    assert spans["40"][0] == date(2010, 4, 20)
    # ...and counting Monday to Friday only reproduces the published 9 and 16 Apr.
    monday_to_friday = CalendarSource(bank_holidays=False)
    plain = dates_by_day_label(slac_plan(working_calendar(monday_to_friday), monday_to_friday))
    assert (plain["35"][0], plain["40"][0]) == published["35"][0:1] + published["40"][0:1]


def test_seed_csv_transcribes_the_published_table() -> None:
    """The example CSV says what the council's paper says (when the seeds are beside the checkout)."""
    paper = shared_file("seeds", "nottinghamshire-inspection-update.txt")
    text = paper.read_text("utf-8")
    table = text[text.index("Inspection timetable") : text.index("Will I be involved?")]
    labels = re.findall(r"\(Day (\d+(?:-\d+)?)\)", table)
    assert labels == [row["day"] for row in seed_rows()]
    months = {"Feb": 2, "Mar": 3, "Apr": 4}
    for line, row in zip((ln for ln in table.splitlines() if "(Day" in ln), seed_rows(), strict=True):
        first = re.match(r"(\d+)(?:\s*(Feb|Mar|Apr))?(?:-(\d+)\s*)?(Feb|Mar|Apr)?", line)
        assert first is not None
        start_day, start_month, end_day, end_month = first.groups()
        month = months[start_month or end_month]
        start = date(2010, month, int(start_day))
        end = date(2010, months[end_month or start_month], int(end_day)) if end_day else start
        assert (start, end) == parse_date_range(row["date"]), line


def test_plan_lists_days_skipped_inside_it(england: WorkingCalendar) -> None:
    plan = slac_plan(england, CalendarSource())
    assert [(d.date, d.name) for d in plan.skipped] == [
        (date(2010, 4, 2), "Good Friday"),
        (date(2010, 4, 5), "Easter Monday"),
    ]
    assert plan.last == date(2010, 4, 20)


def test_every_milestone_is_on_working_days_and_in_framework_order(england: WorkingCalendar) -> None:
    plan = slac_plan(england, CalendarSource())
    assert [m.id for m in plan.milestones] == [
        "notification",
        "setup-call",
        "core-documents",
        "survey-letter",
        "case-list",
        "setup-meeting",
        "case-audit",
        "fieldwork-start",
        "fieldwork",
        "final-team-meeting",
        "feedback",
        "drafting",
        "draft-report",
        "accuracy-check",
        "final-report",
        "publication",
    ]
    # Independently: Day N is N - 1 working days on, walking over 2010's bank holidays written out.
    for m in plan.milestones:
        assert m.start == oracle.day_date(NOTIFIED, m.start_day, oracle.ENGLAND_2010), m
        assert m.end == oracle.day_date(NOTIFIED, m.end_day, oracle.ENGLAND_2010), m
    final_meeting = next(m for m in plan.milestones if m.id == "final-team-meeting")
    assert final_meeting.start.weekday() == 3  # Bedford: the Thursday of week two


def test_plan_over_christmas_with_a_closure() -> None:
    from inspectcal.dates import DateSpan

    source = CalendarSource(closures=(DateSpan(date(2010, 12, 29), date(2010, 12, 31), "shutdown"),))
    plan = slac_plan_from(date(2010, 12, 13), source)
    fieldwork = next(m for m in plan.milestones if m.id == "fieldwork")
    # Day 11 from Mon 13 Dec: 14-24 Dec (9 days) then 27-28 Dec bank holidays, 29-31 closure, 3 Jan holiday.
    assert fieldwork.start == date(2010, 12, 13) + timedelta(days=22)
    assert [d.name for d in plan.skipped][:3] == [
        "Christmas Day (observed)",
        "Boxing Day (observed)",
        "shutdown",
    ]


def slac_plan_from(notified: date, source: CalendarSource) -> Plan:
    return build_plan(load_framework("slac-2009"), notified, working_calendar(source), source)


def test_notification_on_a_bank_holiday_is_refused(england: WorkingCalendar) -> None:
    with pytest.raises(
        NotWorkingDayError, match="2010-04-02 is Good Friday, a bank holiday in England and Wales"
    ):
        build_plan(load_framework("slac-2009"), date(2010, 4, 2), england, CalendarSource())


# -- the supported dates, and closures that leave no working day -----------------------------------


def test_an_anchor_whose_day_1_is_out_of_range_says_so() -> None:
    assert fails(2, "plan", "--anchor", "40=1975-01-02") == (
        "--anchor 40=1975-01-02: Day 1, the notification date it implies (39 working days before "
        "1975-01-02), would fall before 1975-01-01, the first supported date"
    )
    assert fails(2, "plan", "--anchor", "fieldwork-start=1975-01-06") == (
        "--anchor fieldwork-start=1975-01-06: Day 1, the notification date it implies (10 working "
        "days before 1975-01-06), would fall before 1975-01-01, the first supported date"
    )


@pytest.mark.slow
def test_an_endless_closure_names_the_closures(tmp_path: Path) -> None:
    ics = tmp_path / "dd.ics"
    ics.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\n"
        b"DTSTAMP:20110101T000000Z\r\nDTSTART;VALUE=DATE:20110525\r\nRRULE:FREQ=DAILY\r\n"
        b"SUMMARY:Closed\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert fails(2, "plan", "-n", "2011-05-24", "--closures", str(ics)) == (
        "Day 2 from 2011-05-24 falls after 2099-12-31, the last supported date: the closures leave "
        "no working day after 2011-05-24 up to 2099-12-31"
    )
    assert fails(2, "add", "2011-05-24", "5", "--closures", str(ics)) == (
        "the result falls outside the supported dates 1975-01-01 to 2099-12-31: the closures leave no "
        "working day after 2011-05-24 up to 2099-12-31"
    )
    assert fails(2, "date", "3", "-n", "2099-12-21", "--closed", "2099-12-23..2099-12-31") == (
        "Day 3 from 2099-12-21 falls after 2099-12-31, the last supported date: the closures leave "
        "only 1 working day after 2099-12-21 up to 2099-12-31"
    )


def test_the_end_of_the_supported_dates_alone_is_not_blamed_on_closures() -> None:
    # Thu 31 Dec 2099 is the last date: Day 2 from it does not exist, whatever the closures.
    assert fails(2, "date", "2", "-n", "2099-12-31") == (
        "Day 2 from 2099-12-31 falls after 2099-12-31, the last supported date"
    )
