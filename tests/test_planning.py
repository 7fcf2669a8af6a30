"""window, calendar, check and status: planning before and during an inspection."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest

from inspectcal.avoid import read_avoid_file
from inspectcal.cli import timestamps
from inspectcal.dates import DateSpan
from inspectcal.workdays import WorkingCalendar

from .conftest import REPO, ok, run_cli

SEED = REPO / "examples" / "nottinghamshire-2010.csv"


def fails(code: int, *args: str) -> str:
    result = run_cli(list(args))
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr.removeprefix("Error: ").rstrip("\n")


# -- status ----------------------------------------------------------------------------

STATUS = ("status", "--notified", "2010-02-22", "--format", "line", "--on")


@pytest.mark.parametrize(
    ("on", "line"),
    [
        ("2010-02-19", "Not started: Day 1 is 2010-02-22, 1 working day away"),
        (
            "2010-02-22",
            "Day 1 of 40: Notification of the inspection sent to the Director of Children's Services",
        ),
        (
            "2010-03-09",
            "Day 12 of 40: Evidence gathering on site: interviews, focus groups, case files (day 2 of 10)",
        ),
        (
            "2010-03-18",
            "Day 19 of 40: Evidence gathering on site: interviews, focus groups, case files (day 9 of 10); "
            "Inspection team's final meeting to agree judgements",
        ),
        ("2010-03-13", "2010-03-13 is a Saturday, not a working day; next working day 2010-03-15, Day 16"),
        (
            "2010-04-02",
            "2010-04-02 is Good Friday, a bank holiday in England and Wales, not a working day; "
            "next working day 2010-04-06, Day 30",
        ),
        ("2010-04-20", "Day 40 of 40: Report published on Ofsted's website"),
        ("2010-04-21", "Finished: the last Day (40) was 2010-04-20"),
    ],
)
def test_status_line(on: str, line: str) -> None:
    assert ok(*STATUS, on) == line + "\n"


def test_status_json_on_a_working_day_and_a_holiday() -> None:
    data = json.loads(ok("status", "-n", "2010-02-22", "--on", "2010-03-16", "--format", "json"))
    assert (data["on"], data["day"], data["last_day"]) == ("2010-03-16", 17, 40)
    assert data["next_working_day"] == {"date": "2010-03-17", "day": 18}
    assert [m["id"] for m in data["today"]] == ["fieldwork"]
    assert [m["id"] for m in data["upcoming"]] == ["final-team-meeting", "feedback", "drafting"]
    holiday = json.loads(
        ok("status", "-n", "2010-02-22", "--on", "2010-04-05", "--format", "json", "--ahead", "11")
    )
    assert holiday["day"] is None
    assert holiday["next_working_day"] == {"date": "2010-04-06", "day": 30}
    assert [m["id"] for m in holiday["upcoming"]] == ["final-report", "publication"]
    before = json.loads(
        ok("status", "-n", "2010-02-22", "--on", "2010-02-20", "--format", "json", "--ahead", "2")
    )
    assert before["day"] is None
    assert [m["id"] for m in before["upcoming"]] == ["notification", "setup-call", "core-documents"]
    after = json.loads(ok("status", "-n", "2010-02-22", "--on", "2011-01-01", "--format", "json"))
    assert (after["day"], after["upcoming"], after["next_working_day"]["day"]) == (None, [], None)


def test_status_text_and_default_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timestamps, "today_date", lambda: date(2010, 3, 4))
    text = ok("status", "--notified", "2010-02-22")
    assert (
        text.splitlines()[0]
        == "Thu 4 Mar 2010: Day 9 of 40: Council audits the selected case files (day 4 of 5)"
    )
    assert "Coming up:\n  Day    11  Mon 8 Mar 2010: Fieldwork starts - inspectors on site (ofsted)" in text
    assert ok("status", "--notified", "2010-02-22", "--on", "today", "--format", "line").startswith(
        "Day 9 of 40"
    )


# -- window ------------------------------------------------------------------------------


def window_json(*args: str) -> list[dict[str, object]]:
    return json.loads(ok("window", "--format", "json", *args))  # type: ignore[no-any-return]


def test_window_over_christmas_matches_each_plan(england: WorkingCalendar) -> None:
    rows = window_json("--from", "2010-12-20", "--to", "2011-01-07")
    notified = [r["notified"] for r in rows]
    # Working days only: 27-28 Dec and 3 Jan 2011 are bank holidays (substitutes).
    assert notified == [
        "2010-12-20",
        "2010-12-21",
        "2010-12-22",
        "2010-12-23",
        "2010-12-24",
        "2010-12-29",
        "2010-12-30",
        "2010-12-31",
        "2011-01-04",
        "2011-01-05",
        "2011-01-06",
        "2011-01-07",
    ]
    for row in rows:
        plan = json.loads(ok("plan", "-n", str(row["notified"]), "--format", "json"))
        assert row["milestones"] == plan["milestones"]
        assert row["clashes"] == []


def test_window_over_easter_starts_on_the_next_working_day() -> None:
    rows = window_json("--from", "2010-04-02", "--to", "2010-04-07")
    assert [r["notified"] for r in rows] == ["2010-04-06", "2010-04-07"]


def naive_clashes(notified: date, avoided: set[date], england: WorkingCalendar) -> list[tuple[date, str]]:
    """Independent: walk the calendar from Day 1 and look up the set-up meeting and fieldwork spans."""
    days, day, number = {}, notified, 1
    while number <= 20:
        if england.is_working_day(day):
            days[number] = day
            number += 1
        day += timedelta(days=1)
    spans = {"setup-meeting": (days[5], days[5]), "fieldwork": (days[11], days[20])}
    found = [(d, name) for name, (a, b) in spans.items() for d in sorted(avoided) if a <= d <= b]
    return sorted(found)


def test_window_clashes_with_command_line_dates(england: WorkingCalendar) -> None:
    avoided = {date(2010, 12, 20) + timedelta(days=i) for i in range(5)} | {date(2011, 1, 10)}
    rows = window_json(
        "--from",
        "2010-12-01",
        "--to",
        "2011-01-14",
        "--avoid",
        "2010-12-20..2010-12-24",
        "--avoid",
        "10/01/2011",
    )
    assert len(rows) == 30
    for row in rows:
        expected = naive_clashes(date.fromisoformat(str(row["notified"])), avoided, england)
        got = [(date.fromisoformat(c["date"]), c["milestone"]) for c in row["clashes"]]  # type: ignore[attr-defined]
        assert got == expected, row["notified"]
    assert sum(1 for r in rows if r["clashes"]) == 17


def test_window_table_highlights_and_summarises() -> None:
    out = ok(
        "window",
        "--from",
        "2010-12-01",
        "--to",
        "2011-01-14",
        "--avoid",
        "2010-12-20..2010-12-24",
        "--avoid",
        "2011-01-10",
    )
    flat = " ".join(out.split())
    assert "17 of 30 candidate notification dates clash." in flat
    assert (
        "Longest clash-free runs: Wed 5 Jan - Fri 14 Jan 2011 (8 working days); "
        "Thu 23 Dec - Fri 31 Dec 2010 (5 working days)."
    ) in flat
    assert "\x1b[" not in out
    cells = [line.split("│")[-2].strip() for line in out.splitlines() if line.startswith("│ Thu 2 Dec 2010")]
    assert cells == ["fieldwork: 5 days from"]  # the first line of "fieldwork: 5 days from Mon 20 Dec"
    csv_out = ok(
        "window", "--from", "2010-12-01", "--to", "2010-12-01", "--avoid", "2010-12-20", "--format", "csv"
    )
    assert csv_out.splitlines() == [
        "notified,setup_meeting_start,setup_meeting_end,fieldwork_start,fieldwork_end,"
        "publication_start,publication_end,clashes,framework_status",
        "2010-12-01,2010-12-07,2010-12-07,2010-12-15,2010-12-30,2011-01-28,2011-01-28,2010-12-20 fieldwork,"
        "authoritative",
    ]


def test_window_custom_critical() -> None:
    args = ("--from", "2010-02-22", "--to", "2010-02-22", "--avoid", "2010-03-03")
    assert window_json(*args)[0]["clashes"] == []  # 3 Mar is in the case audit, not critical by default
    (row,) = window_json(*args, "--critical", "5,6-10")
    assert row["clashes"] == [{"date": "2010-03-03", "milestone": "case-audit", "reason": ""}]
    (row,) = window_json(*args, "--critical", "7-9")
    assert row["clashes"] == [{"date": "2010-03-03", "milestone": "Days 7-9", "reason": ""}]
    (row,) = window_json(*args, "--critical", "case-audit")
    assert row["clashes"][0]["milestone"] == "case-audit"  # type: ignore[index]
    assert (
        fails(2, "window", *args, "--critical", "10-6")
        == "--critical '10-6' is not a Day or a range of Days like 11-20"
    )
    assert fails(2, "window", *args, "--critical", "5,,6").startswith("--critical '5,,6' has an empty item")


def test_window_avoid_text_file(tmp_path: Path) -> None:
    leave = tmp_path / "leave.txt"
    leave.write_text("# Director's leave\n2010-03-15..2010-03-16  # DCS on leave\n", "utf-8")
    (row,) = window_json("--from", "2010-02-22", "--to", "2010-02-22", "--avoid-file", str(leave))
    assert row["clashes"] == [
        {"date": "2010-03-15", "milestone": "fieldwork", "reason": "DCS on leave"},
        {"date": "2010-03-16", "milestone": "fieldwork", "reason": "DCS on leave"},
    ]
    leave.write_text("2010-03-15\nsoon\n", "utf-8")
    assert fails(2, "window", "--from", "2010-02-22", "--to", "2010-02-22", "--avoid-file", str(leave)) == (
        f"avoid file {leave}, line 2: cannot read 'soon' as a date: "
        "use YYYY-MM-DD, DD/MM/YYYY or e.g. '22 Feb 2010'"
    )


OUTLOOK = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r
BEGIN:VTIMEZONE\r
TZID:GMT Standard Time\r
BEGIN:STANDARD\r
DTSTART:16011028T020000\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:-0000\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:16010325T010000\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r
TZOFFSETFROM:-0000\r
TZOFFSETTO:+0100\r
END:DAYLIGHT\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:1\r
SUMMARY:Half-term (all day\\, multi-day)\r
DTSTART;VALUE=DATE:20100215\r
DTEND;VALUE=DATE:20100220\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:2\r
SUMMARY:Director at conference (timed)\r
DTSTART;TZID=GMT Standard Time:20100310T093000\r
DTEND;TZID=GMT Standard Time:20100310T170000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:3\r
SUMMARY:Lead member away (timed\\, multi-day)\r
DTSTART;TZID=GMT Standard Time:20100316T180000\r
DTEND;TZID=GMT Standard Time:20100318T000000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:4\r
SUMMARY:Night shift (UTC)\r
DTSTART:20100630T233000Z\r
DURATION:PT1H\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:5\r
SUMMARY:Training (one all-day)\r
DTSTART;VALUE=DATE:20100301\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_avoid_ics_all_day_timed_and_multi_day(tmp_path: Path) -> None:
    path = tmp_path / "absences.ics"
    path.write_text(OUTLOOK, "utf-8", newline="")
    assert read_avoid_file(path, date(2010, 1, 1), date(2010, 12, 31)).spans == [
        DateSpan(date(2010, 2, 15), date(2010, 2, 19), "Half-term (all day, multi-day)"),
        DateSpan(date(2010, 3, 1), date(2010, 3, 1), "Training (one all-day)"),
        DateSpan(date(2010, 3, 10), date(2010, 3, 10), "Director at conference (timed)"),
        DateSpan(
            date(2010, 3, 16), date(2010, 3, 17), "Lead member away (timed, multi-day)"
        ),  # ends at midnight
        DateSpan(date(2010, 7, 1), date(2010, 7, 1), "Night shift (UTC)"),  # 00:30-01:30 BST on 1 July
    ]
    # Only the dates asked about: events outside are left out, and one across an edge is cut.
    assert read_avoid_file(path, date(2010, 2, 17), date(2010, 3, 1)).spans == [
        DateSpan(date(2010, 2, 17), date(2010, 2, 19), "Half-term (all day, multi-day)"),
        DateSpan(date(2010, 3, 1), date(2010, 3, 1), "Training (one all-day)"),
    ]
    (row,) = window_json("--from", "2010-02-22", "--to", "2010-02-22", "--avoid-file", str(path))
    assert [(c["date"], c["milestone"]) for c in row["clashes"]] == [  # type: ignore[attr-defined]
        ("2010-03-10", "fieldwork"),
        ("2010-03-16", "fieldwork"),
        ("2010-03-17", "fieldwork"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            "event 1 (x) has no readable DTSTART",
        ),
        (
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20101301\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            "event 1 has no readable DTSTART",
        ),
        (
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20100301\r\nDTEND;VALUE=DATE:20100201\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n",
            "event 1 ends before it starts",
        ),
        (
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20100301\r\n",
            "is not a valid iCalendar file",
        ),
    ],
)
def test_malformed_ics_avoid_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.ics"
    path.write_text(content, "utf-8", newline="")
    error = fails(2, "window", "--from", "2010-02-22", "--to", "2010-02-22", "--avoid-file", str(path))
    assert error.startswith(f"avoid file {path}")
    assert message in error


def test_window_limits() -> None:
    assert fails(2, "window", "--from", "2010-03-01", "--to", "2010-02-01") == (
        "--to 2010-02-01 is before --from 2010-03-01"
    )
    assert fails(2, "window", "--from", "1980-01-01", "--to", "2099-01-01").startswith(
        "the window holds 30,087 working days; give at most 5,000"
    )


# -- check -------------------------------------------------------------------------------


def test_check_finds_the_three_slips_in_the_seed_table() -> None:
    result = run_cli(["check", str(SEED), "--notified", "2010-02-22", "--format", "json"])
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert list(rows[0]) == ["line", "date", "day", "ok", "expected_day", "note", "activity"]
    wrong = [(r["line"], r["date"], r["day"], r["expected_day"]) for r in rows if not r["ok"]]
    assert wrong == [
        (12, "2010-03-29", "25", "26"),
        (13, "2010-03-30..2010-04-05", "26-30", "27-29"),
        (14, "2010-04-09", "35", "33"),
        (15, "2010-04-16", "40", "38"),
    ]
    assert rows[11]["note"] == (
        "2010-04-05 is Easter Monday, a bank holiday in England and Wales, not a working day"
    )
    assert all(r["ok"] for r in rows[:10])


def test_check_without_bank_holidays_leaves_only_the_day_25_slip() -> None:
    result = run_cli(["check", str(SEED), "-n", "2010-02-22", "--no-bank-holidays", "--format", "json"])
    assert result.exit_code == 1
    wrong = [(r["line"], r["expected_day"]) for r in json.loads(result.stdout) if not r["ok"]]
    assert wrong == [(12, "26"), (13, "27-31")]


def test_check_table_and_a_correct_file(tmp_path: Path) -> None:
    result = run_cli(["check", str(SEED), "--anchor", "11=2010-03-08"])
    assert result.exit_code == 1
    assert "4 of 14 rows disagree with the calendar." in result.stdout
    good = tmp_path / "good.csv"
    good.write_text(
        "date,day,activity\n22/02/2010,1,Notified\n2010-03-08..2010-03-19,Days 11-20,On site\n"
        "2010-04-20,40,Published\n",
        "utf-8",
    )
    assert "All 3 rows agree with the calendar." in ok("check", str(good), "-n", "2010-02-22")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "when,what\n2010-02-22,1\n",
            "line 1: the header needs a date column and a Day column; it has 'when', 'what', "
            "with no Day column: name them with --columns date=...,day=...",
        ),
        (
            "what,who\n2010-02-22,1\n",
            "line 1: the header needs a date column and a Day column; it has 'what', 'who', "
            "with no date column and no Day column",
        ),
        ("date,day\n2010-02-22,1\n2010-02-31,2\n", "line 3: '2010-02-31' is not a real date"),
        ("date,day\n2010-02-22,one\n", "line 2: day 'one' is not a Day like 25, 6-10 or 'Days 6 to 10'"),
        ("date,day\n", "has no rows under its header"),
    ],
)
def test_check_malformed_timetables(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "table.csv"
    path.write_text(content, "utf-8")
    error = fails(2, "check", str(path), "-n", "2010-02-22")
    assert error.startswith(f"timetable {path}")
    assert message in error


# -- calendar ----------------------------------------------------------------------------


def test_calendar_picture() -> None:
    out = ok("calendar", "--notified", "2010-02-22")
    for text in ("February 2010", "March 2010", "April 2010", "D11*", "D40*", "D12", "BH"):
        assert text in out, text
    flat = " ".join(out.split())
    assert "Fri 2 Apr 2010 Good Friday (bank holiday)" in flat
    assert "Days 11-20 Mon 8 Mar - Fri 19 Mar 2010 Evidence gathering" in flat
    closed = ok("calendar", "--notified", "2010-02-22", "--closed", "2010-03-01")
    assert "CL" in closed
    assert "Council closure (closure)" in " ".join(closed.split())


def test_calendar_svg_is_well_formed_and_names_the_milestones(tmp_path: Path) -> None:
    target = tmp_path / "inspection.svg"
    assert ok("calendar", "--notified", "2010-02-22", "--svg", str(target)) == ""
    svg = target.read_text("utf-8")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    text = " ".join("".join(root.itertext()).replace("\xa0", " ").split())
    for title in (
        "Set-up meeting; case files selected for audit",
        "Report published on Ofsted's website",
        "Good Friday",
    ):
        assert title in text, title
    assert fails(1, "calendar", "--notified", "2010-02-22", "--svg", str(target)) == (
        f"{target} already exists: add --force to replace it"
    )
