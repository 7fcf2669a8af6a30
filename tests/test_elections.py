"""Elections hold back Ofsted's reports: the pauses and lags measured on the shared records, the
forecast moved past them, the election rules' own day count, and area SEND from its own record.

The records are the public copies in tests/data.
"""

from __future__ import annotations

import csv
import json
import tomllib
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspectcal.calendars import CalendarSource, working_calendar
from inspectcal.elections import (
    GENERAL,
    LOCAL,
    Pause,
    election_table,
    local_pause,
    move_past,
    notice_day,
    ordinary_poll,
)
from inspectcal.frameworks import load_framework
from inspectcal.plan import Anchor, Plan, build_plan, notified_from_anchor, parse_anchor_day

from .conftest import DATA, REPO, run_cli

ILACS_CSV = "ilacs-inspections-2018-2025.csv"
SEND_CSV = "area-send-inspections-2023-2025.csv"
RECORDS = REPO / "inspectcal" / "frameworks" / "records"
CALENDAR = working_calendar(CalendarSource())
GENERAL_POLLS = {date(2019, 12, 12): date(2019, 11, 6), date(2024, 7, 4): date(2024, 5, 25)}


def record_csv(name: str) -> Path:
    return DATA / name


def rows(name: str) -> list[dict[str, Any]]:
    with record_csv(name).open(encoding="utf-8", newline="") as handle:
        return [
            {
                "authority": raw["local_authority"],
                "framework": f"ilacs-{raw['framework']}" if "framework" in raw else "area-send",
                "start": date.fromisoformat(raw["onsite_start"]),
                "end": date.fromisoformat(raw["onsite_end"]),
                "published": date.fromisoformat(raw["published"]),
            }
            for raw in csv.DictReader(handle)
        ]


def forecast_for(row: dict[str, Any], elections: tuple[date, ...] = ()) -> Plan:
    framework = load_framework(row["framework"])
    anchor = Anchor(parse_anchor_day(framework, "onsite-start"), row["start"])
    notified = notified_from_anchor(CALENDAR, anchor)
    return build_plan(framework, notified, CALENDAR, CalendarSource(), anchor=anchor, elections=elections)


def ok(*args: str) -> str:
    result = run_cli(list(args))
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    return result.stdout


def shipped(name: str) -> dict[str, Any]:
    return tomllib.loads((RECORDS / f"{name}.toml").read_text("utf-8"))


def weekdays_between(first: date, last: date) -> int:
    """Working days after ``first`` up to ``last`` (no bank holiday falls in the spans used)."""
    return sum(1 for n in range(1, (last - first).days + 1) if (first + timedelta(days=n)).weekday() < 5)


# -- the pause and the lag, read off the records ----------------------------------------------


def general_polls_in(name: str) -> list[tuple[str, date, date]]:
    """The general elections (poll, start of the pause) that fall within a record's years."""
    first = min(r["published"] for r in rows(name))
    return [(name, poll, start) for poll, start in sorted(GENERAL_POLLS.items()) if poll >= first]


@pytest.mark.parametrize(("name", "poll", "start"), general_polls_in(ILACS_CSV) + general_polls_in(SEND_CSV))
def test_no_report_is_published_in_a_general_elections_pause(name: str, poll: date, start: date) -> None:
    published = sorted(r["published"] for r in rows(name))
    inside = [day for day in published if start <= day <= poll]
    assert inside == []
    # ... nor from the last report before the pause until the catch-up a few working days after.
    after = min(day for day in published if day > poll)
    assert 5 <= CALENDAR.between(poll, after) <= 6


def test_the_record_shows_the_2019_and_2024_catch_up() -> None:
    published = Counter(r["published"] for r in rows(ILACS_CSV))
    assert max(day for day in published if day < date(2019, 12, 12)) == date(2019, 11, 5)
    assert published[date(2019, 12, 19)] + published[date(2019, 12, 20)] == 6
    assert max(day for day in published if day < date(2024, 7, 4)) == date(2024, 5, 16)
    assert published[date(2024, 7, 12)] == 10
    # 12 July 2024 is 6 working days after the poll of 4 July; 19 Dec 2019 is 5 after 12 Dec.
    assert weekdays_between(date(2024, 7, 4), date(2024, 7, 12)) == 6
    assert weekdays_between(date(2019, 12, 12), date(2019, 12, 19)) == 5


def held_lags(name: str) -> dict[str, list[int]]:
    """Independently of record.py: each held row's working days from its poll to publication.

    Held: its natural date (last on-site day + its framework's most common gap that year) falls in
    a pause (general elections; the May polls by the 25-working-day notice rule) and it was
    published after the poll.
    """
    record = rows(name)
    by_group: dict[tuple[str, int], list[int]] = {}
    for row in record:
        row["gap"] = CALENDAR.between(row["end"], row["published"])
        by_group.setdefault((row["framework"], row["end"].year), []).append(row["gap"])
    usual = {g: min(c for c in set(v) if v.count(c) == max(map(v.count, v))) for g, v in by_group.items()}
    pauses = [(start, poll, GENERAL) for poll, start in GENERAL_POLLS.items()]
    for year in range(2018, 2026):
        if year != 2020:
            poll = date(year, 5, 1) + timedelta(days=(3 - date(year, 5, 1).weekday()) % 7)
            pauses.append((notice_day(poll, 25), poll, LOCAL))
    lags: dict[str, list[int]] = {GENERAL: [], LOCAL: []}
    for row in record:
        natural = CALENDAR.add(row["end"], usual[row["framework"], row["end"].year])
        for start, poll, kind in sorted(pauses):
            if start <= natural <= poll < row["published"]:
                lags[kind].append(CALENDAR.between(poll, row["published"]))
                break
    return lags


def nearest_rank(values: list[int], percent: int) -> int:
    ordered = sorted(values)
    return ordered[max(-(-percent * len(ordered) // 100), 1) - 1]


@pytest.mark.parametrize(("name", "table"), [(ILACS_CSV, "ilacs"), (SEND_CSV, "area-send")])
def test_shipped_lags_are_what_the_record_says(name: str, table: str) -> None:
    lags = held_lags(name)
    shipped_lags = shipped(table)["elections"]
    for kind, values in lags.items():
        assert shipped_lags[kind]["held"] == len(values)
        assert shipped_lags[kind]["first"] == min(values)
        assert shipped_lags[kind]["median"] == nearest_rank(values, 50)
        assert shipped_lags[kind]["p90"] == nearest_rank(values, 90)
    assert shipped(table)["held_out"] == len(lags[GENERAL])


def test_the_derived_lags() -> None:
    """The figures the report quotes: held reports come out a week after a general election."""
    ilacs, send = shipped("ilacs")["elections"], shipped("area-send")["elections"]
    assert ilacs[GENERAL] == {"polls": 2, "held": 13, "first": 5, "median": 6, "p90": 6}
    assert ilacs[LOCAL] == {"polls": 5, "held": 15, "first": 2, "median": 3, "p90": 9}
    assert send[GENERAL] == {"polls": 1, "held": 2, "first": 6, "median": 6, "p90": 7}


# -- the election rules' own count --------------------------------------------------------------


@pytest.mark.parametrize(
    ("poll", "notice"),
    [
        # The Electoral Commission's timetables: notice of election by these days.
        (date(2024, 5, 2), date(2024, 3, 26)),  # Good Friday and Easter Monday disregarded
        (date(2025, 5, 1), date(2025, 3, 25)),
        (date(2023, 5, 4), date(2023, 3, 27)),
    ],
)
def test_notice_of_election_is_25_working_days_before_the_poll(poll: date, notice: date) -> None:
    assert local_pause(poll).start == notice == notice_day(poll, 25)


def test_christmas_eve_is_disregarded_by_the_election_rules() -> None:
    # A poll on Thu 23 Jan 2025: 25 days back, skipping 24, 25, 26 Dec and 1 Jan.
    plain = [date(2025, 1, 23) - timedelta(days=n) for n in range(1, 60)]
    counted = [
        d
        for d in plain
        if d.weekday() < 5
        and d not in {date(2024, 12, 24), date(2024, 12, 25), date(2024, 12, 26), date(2025, 1, 1)}
    ]
    assert notice_day(date(2025, 1, 23), 25) == counted[24] == date(2024, 12, 13)


def test_general_elections_table_is_cited() -> None:
    table = election_table()
    assert [(p.poll, p.start) for p in table.general] == [
        (date(2017, 6, 8), date(2017, 4, 22)),
        (date(2019, 12, 12), date(2019, 11, 6)),
        (date(2024, 7, 4), date(2024, 5, 25)),
    ]
    assert all("Cabinet Office" in p.source for p in table.general)
    assert ordinary_poll(2026) == date(2026, 5, 7)
    assert ordinary_poll(2020) is None  # postponed to 2021 by the Coronavirus Act 2020


# -- the forecast moved past a pause ----------------------------------------------------------------

EXAMPLE_2024 = ("plan", "--framework", "ilacs-standard", "--anchor", "onsite-start=2024-04-15")


def test_the_2024_example_moves_past_the_general_election() -> None:
    data = json.loads(ok(*EXAMPLE_2024, "--format", "json"))
    publication = next(m for m in data["milestones"] if m["id"] == "publication")
    forecast = publication["forecast"]
    # Before: 11 June 2024, inside the pause; the report came out on 12 July 2024.
    assert forecast["unmoved"]["earliest"] == "2024-06-11"
    assert publication["start"] == "2024-07-11"  # 5 working days after the poll: 2019's catch-up
    assert forecast["median"] == "2024-07-12"
    assert publication["start"] <= "2024-07-12" <= forecast["p90"]
    [held] = forecast["held_by"]
    assert held["kind"] == "general"
    assert (held["poll"], held["from"]) == ("2024-07-04", "2024-05-25")
    assert held["lag"] == {"first": 5, "median": 6, "p90": 6}
    assert "Cabinet Office" in held["source"]
    text = " ".join(ok(*EXAMPLE_2024).split())
    assert "Held back by the general election of Thu 4 Jul 2024" in text
    assert "from Sat 25 May 2024 to polling day" in text
    assert "Without the pause: earliest Tue 11 Jun 2024" in text
    assert "Inspection report published: earliest Thu 11 Jul 2024; half by Fri 12 Jul 2024" in text


@pytest.mark.parametrize("poll", sorted(GENERAL_POLLS))
def test_reports_held_over_a_general_election_fall_in_the_forecast(poll: date) -> None:
    """Every report of either record published in the two weeks after a general election whose
    forecast the pause moved (the others were due after the catch-up anyway)."""
    checked = 0
    for name in (ILACS_CSV, SEND_CSV):
        for row in rows(name):
            if poll < row["published"] <= poll + timedelta(days=14):
                forecast = forecast_for(row).forecast
                assert forecast is not None
                if not forecast.moved_by:
                    assert forecast.earliest > CALENDAR.add(poll, 5), row
                    continue
                assert forecast.earliest <= row["published"] <= forecast.p90, row
                checked += 1
    assert checked >= 4


def test_reports_held_over_may_polls_fall_in_the_forecast_given_the_poll() -> None:
    """Reports published in the 10 working days after a May poll whose forecast the poll holds:
    with --election, the real date lies within earliest..9 in 10 (the 2024 poll's catch-up of 8
    and 9 working days is the slowest the record shows)."""
    checked = 0
    for row in rows(ILACS_CSV):
        poll = ordinary_poll(row["published"].year)
        if poll is None or not poll < row["published"] <= CALENDAR.add(poll, 10):
            continue
        unheld = forecast_for(row).forecast
        assert unheld is not None
        if not local_pause(poll).holds(unheld.earliest):
            continue
        assert unheld.may_matter == local_pause(poll)
        held = forecast_for(row, (poll,)).forecast
        assert held is not None
        assert held.may_matter is None
        assert [pause.poll for pause, _ in held.moved_by] == [poll]
        assert held.earliest <= row["published"] <= held.p90, row
        checked += 1
    assert checked >= 8


def test_a_may_poll_is_named_when_no_election_is_given() -> None:
    args = ("plan", "-f", "ilacs-short", "--anchor", "onsite-start=2026-03-09")
    text = " ".join(ok(*args).split())
    assert (
        "If the authority holds a poll on Thu 7 May 2026 (the ordinary day of local elections), "
        "reports are held from Mon 30 Mar 2026: give --election 2026-05-07." in text
    )
    held = " ".join(ok(*args, "--election", "2026-05-07").split())
    assert "give --election" not in held
    assert "Held back by the poll of Thu 7 May 2026" in held
    assert "not later than the 25th working day before the poll" in held


def test_election_must_be_a_working_day_and_a_thursday_is_noted() -> None:
    result = run_cli([*EXAMPLE_2024, "--election", "2024-05-04"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --election 2024-05-04: polls are held on working days")
    result = run_cli([*EXAMPLE_2024, "--election", "2024-05-01"])
    assert result.exit_code == 0
    assert result.stderr == (
        "Note: --election 2024-05-01 is a Wednesday: polls are held on Thursdays by convention "
        "(not by law), so check the date\n"
    )


@pytest.mark.parametrize(
    ("fmt", "needle"),
    [
        ("markdown", "Held back by the general election"),
        ("html", "Held back by the general election"),
        ("svg", "Held back by the general election"),
        ("ics", "Held back by the general election"),
    ],
)
def test_every_text_output_carries_the_election(fmt: str, needle: str) -> None:
    text = ok(*EXAMPLE_2024, "--format", fmt, "--name", "Somewhere")
    assert needle in " ".join(text.replace("\r\n ", "").split())


def test_office_files_and_status_carry_the_election(tmp_path: Path) -> None:
    from docx import Document
    from openpyxl import load_workbook

    ok(*EXAMPLE_2024, "-o", str(tmp_path / "plan.docx"))
    paragraphs = " ".join(p.text for p in Document(str(tmp_path / "plan.docx")).paragraphs)
    assert "Held back by the general election of Thu 4 Jul 2024" in paragraphs
    ok(*EXAMPLE_2024, "-o", str(tmp_path / "plan.xlsx"))
    book = load_workbook(tmp_path / "plan.xlsx")
    cells = " ".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value)
    assert "Held back by the general election of Thu 4 Jul 2024" in cells
    status = ok("status", "-f", "ilacs-standard", "--anchor", "onsite-start=2024-04-15", "--on", "2024-06-20")
    assert "Held back by the general election" in " ".join(status.split())


@given(
    day=st.dates(date(2016, 1, 1), date(2030, 12, 31)),
    polls=st.lists(st.dates(date(2016, 1, 1), date(2030, 12, 31)), max_size=3),
    lag=st.integers(0, 20),
)
def test_a_moved_date_is_never_in_a_pause_nor_earlier(day: date, polls: list[date], lag: int) -> None:
    pauses = [*election_table().general, *(Pause(LOCAL, p, p - timedelta(days=40), "r", "s") for p in polls)]
    moved, crossed = move_past(day, pauses, lambda _: lag, CALENDAR.add)
    assert moved >= day
    assert not any(p.holds(moved) for p in pauses)
    assert (moved != day) == bool(crossed)


# -- calibration: every row of each record against its own forecast ---------------------------


def calibration(name: str) -> dict[str, tuple[int, int, int]]:
    """Per framework: rows, how many came out on or after the earliest date, and by 9 in 10."""
    counts: dict[str, list[int]] = {}
    for row in rows(name):
        forecast = forecast_for(row).forecast
        assert forecast is not None
        tally = counts.setdefault(row["framework"], [0, 0, 0])
        tally[0] += 1
        tally[1] += row["published"] >= forecast.earliest
        tally[2] += row["published"] <= forecast.p90
    return {kind: (a, b, c) for kind, (a, b, c) in counts.items()}


def test_calibration_of_the_forecasts() -> None:
    """The figures in the closing note: few reports beat the earliest date; about nine in ten are
    out by the 9-in-10 date (general elections applied; no local poll given)."""
    assert calibration(ILACS_CSV) == {"ilacs-standard": (175, 170, 160), "ilacs-short": (111, 110, 101)}
    assert calibration(SEND_CSV) == {"area-send": (72, 66, 67)}


# -- area SEND ------------------------------------------------------------------------------------


def test_area_send_plan_has_the_three_weeks() -> None:
    data = json.loads(
        ok("plan", "-f", "area-send", "--anchor", "onsite-start=2025-03-03", "--format", "json")
    )
    days = {m["id"]: (m["start_day"], m["start"], m["end"]) for m in data["milestones"]}
    assert days["notification"] == (1, "2025-02-17", "2025-02-17")
    assert days["offsite"] == (1, "2025-02-17", "2025-02-28")
    assert days["onsite"] == (11, "2025-03-03", "2025-03-07")
    assert days["onsite-end"] == (15, "2025-03-07", "2025-03-07")
    assert days["feedback"] == (15, "2025-03-07", "2025-03-07")
    send = shipped("area-send")
    figures = send["eras"][0]["area-send"]
    assert send["earliest"] == "p10"
    assert data["parameters"]["publication_gap"] == figures["p10"] == 34
    publication = next(m for m in data["milestones"] if m["id"] == "publication")
    assert publication["start"] == CALENDAR.add(date(2025, 3, 7), 34).isoformat()
    assert publication["forecast"]["median"] == CALENDAR.add(date(2025, 3, 7), figures["median"]).isoformat()


def test_area_send_table_is_what_the_refresh_command_prints(tmp_path: Path) -> None:
    shipped_file = RECORDS / "area-send.toml"
    command = shipped_file.read_text("utf-8").splitlines()[2].removeprefix("#     inspectcal ")
    import shlex

    args = shlex.split(command)
    args[1] = str(record_csv(SEND_CSV))
    out = tmp_path / "area-send.toml"
    result = run_cli([*args, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_text("utf-8") == shipped_file.read_text("utf-8")


def test_frameworks_show_prints_the_election_evidence() -> None:
    text = " ".join(ok("frameworks", "show", "area-send").split())
    assert "10th percentile" in text
    assert (
        "general elections: 2 reports held over 1 poll, out 6 (soonest), 6 (half) and 7 (9 in 10) "
        "working days after the poll" in text
    )
    assert "The 2 reports held by general elections are left out of the eras." in text


def test_a_batch_of_plans_takes_the_election_too() -> None:
    args = ["plan", "-f", "ilacs-short", "--notified", "-", "--format", "jsonl", "--election", "2026-05-07"]
    result = run_cli(args, input="2026-03-02\n")
    assert (result.exit_code, result.stderr) == (0, "")
    line = json.loads(result.stdout)
    single = json.loads(
        ok(
            "plan",
            "-f",
            "ilacs-short",
            "--notified",
            "2026-03-02",
            "--format",
            "json",
            "--election",
            "2026-05-07",
        )
    )
    assert line == single
    forecast = next(m for m in line["milestones"] if m["id"] == "publication")["forecast"]
    assert [held["poll"] for held in forecast["held_by"]] == ["2026-05-07"]


def test_election_without_a_forecast_is_noted() -> None:
    result = run_cli(["plan", "-n", "2010-02-22", "--election", "2010-05-06"])
    assert result.exit_code == 0
    assert result.stderr == (
        "Note: --election moves only a publication forecast from Ofsted's record, and this "
        "slac-2009 plan has none\n"
    )


def test_area_send_evidence_shows_the_10th_percentile() -> None:
    text = ok("frameworks", "show", "area-send")
    evidence = text[text.index("Evidence:") :]
    flat = " ".join(evidence.split())
    assert "┃ Era from ┃ Inspections ┃ Published ┃ 10% ┃ Median ┃ 90% ┃ Range ┃" in flat
    assert "│ 2023-02-03 │ 70 │ 2023-2025 │ 34 │ 41 │ 68 │ 29-88 │" in flat
    assert "falls on the 10th percentile" in flat
