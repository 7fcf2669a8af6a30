"""ILACS from Ofsted's own record: the shipped era table, the forecast, the record audit.

The era table is recomputed here from the record in tests/data by a day-by-day walk over the gov.uk
bank-holiday list, independently of the product's calendar and of inspectcal/record.py.
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

from inspectcal.calendars import CalendarSource, working_calendar
from inspectcal.frameworks import load_framework, parse_framework
from inspectcal.plan import Anchor, build_plan, notified_from_anchor, parse_anchor_day

from . import oracle
from .conftest import GOVUK_FILE, ILACS_RECORD, REPO, documentation, ok, run_cli
from .conftest import run as run_command

RECORD_CSV = ILACS_RECORD
SHIPPED = REPO / "inspectcal" / "frameworks" / "records" / "ilacs.toml"
SOURCE = (
    "Ofsted's published ILACS inspection reports (the on-site dates and publication date stated in "
    "each), as gathered by the ofsted-ilacs-scrape-tool project's history file, file "
    "ilacs-inspections-2018-2025.csv"
)

# The rows whose report came out sooner than their era's target: (authority, first on-site day).
BEAT_THE_TARGET = {
    ("calderdale", date(2018, 11, 12)),  # standard, 18 working days (target 21)
    ("cornwall", date(2019, 10, 14)),  # short, 12 (target 21)
    ("hackney", date(2019, 11, 11)),  # standard, 20 (target 21)
    ("thurrock", date(2019, 11, 11)),  # standard, 20 (target 21)
    ("surrey", date(2022, 1, 17)),  # standard, 28 (target 30)
    ("blackburn with darwen", date(2025, 3, 3)),  # standard, 26 (target 27)
}


def fails(code: int, *args: str) -> str:
    result = run_cli(list(args))
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr.removeprefix("Error: ").rstrip("\n")


# -- an independent oracle: a day-by-day walk over the official list --------------------


def official_days_off() -> set[date]:
    data = json.loads(GOVUK_FILE.read_text("utf-8"))
    return {date.fromisoformat(e["date"]) for e in data["england-and-wales"]["events"]}


def walk_count(first: date, last: date, off: set[date]) -> int:
    """Working days from first to last, both counted, one day at a time."""
    return oracle.count(first - oracle.ONE, last, off)


walk_add = oracle.walk


def record_rows() -> list[dict[str, Any]]:
    off = official_days_off()
    rows = []
    with RECORD_CSV.open(encoding="utf-8", newline="") as handle:
        for raw in csv.DictReader(handle):
            start, end, published = (
                date.fromisoformat(raw[k]) for k in ("onsite_start", "onsite_end", "published")
            )
            rows.append(
                {
                    "authority": raw["local_authority"],
                    "kind": raw["framework"],
                    "start": start,
                    "end": end,
                    "published": published,
                    "span": walk_count(start, end, off),
                    "gap": walk_count(end + timedelta(days=1), published, off),
                }
            )
    return rows


def mode(values: list[int]) -> int:
    counts = Counter(values)
    top = max(counts.values())
    return min(v for v, c in counts.items() if c == top)


def percentile(values: list[int], percent: int) -> int:
    """The smallest value that at least percent % of the values are at or below."""
    return min(v for v in values if sum(x <= v for x in values) * 100 >= percent * len(values))


# General elections' pauses (Cabinet Office guidance: election period to polling day).
GENERAL_PAUSES = ((date(2019, 11, 6), date(2019, 12, 12)), (date(2024, 5, 25), date(2024, 7, 4)))


def held_by_general_elections(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows published after a general election whose natural date (last on-site day plus the most
    common gap of their framework that year) fell in its pause."""
    off = official_days_off()
    usual = {
        (kind, year): mode([r["gap"] for r in rows if (r["kind"], r["end"].year) == (kind, year)])
        for kind, year in {(r["kind"], r["end"].year) for r in rows}
    }
    held = []
    for row in rows:
        natural = walk_add(row["end"], usual[row["kind"], row["end"].year], off)
        if any(start <= natural <= poll < row["published"] for start, poll in GENERAL_PAUSES):
            held.append(row)
    return held


def expected_table(all_rows: list[dict[str, Any]]) -> dict[str, Any]:
    held = held_by_general_elections(all_rows)
    rows = [r for r in all_rows if r not in held]
    years = sorted({r["end"].year for r in rows})
    yearly = {y: mode([r["gap"] for r in rows if r["end"].year == y]) for y in years}
    runs: list[list[int]] = []
    for year in years:
        if runs and yearly[runs[-1][0]] == yearly[year]:
            runs[-1].append(year)
        else:
            runs.append([year])
    starts = [min(r["end"] for r in rows)]
    for run in runs[1:]:
        target = yearly[run[0]]
        starts.append(min(r["end"] for r in rows if r["end"].year in run and r["gap"] == target))
    eras = []
    for index, start in enumerate(starts):
        stop = starts[index + 1] if index + 1 < len(starts) else date.max
        members = [r for r in rows if start <= r["end"] < stop]
        era: dict[str, Any] = {"from": start.isoformat(), "target": mode([r["gap"] for r in members])}
        for kind in sorted({r["kind"] for r in members}):
            gaps = [r["gap"] for r in members if r["kind"] == kind]
            published = [r["published"].year for r in members if r["kind"] == kind]
            era[kind] = {
                "inspections": len(gaps),
                "published": [min(published), max(published)],
                "target": mode(gaps),
                "p10": percentile(gaps, 10),
                "median": percentile(gaps, 50),
                "p90": percentile(gaps, 90),
                "fastest": min(gaps),
                "slowest": max(gaps),
            }
        eras.append(era)
    return {
        "inspections": len(all_rows),
        "first_onsite_end": min(r["end"] for r in all_rows).isoformat(),
        "last_onsite_end": max(r["end"] for r in all_rows).isoformat(),
        "held_out": len(held),
        "eras": eras,
    }


def shipped() -> dict[str, Any]:
    return tomllib.loads(SHIPPED.read_text("utf-8"))


def test_shipped_era_table_is_what_the_record_says() -> None:
    table = shipped()
    expected = expected_table(record_rows())
    assert {k: table[k] for k in expected} == expected
    # What the issue read off the record: 21, then 30, then 27 working days.
    assert [era["target"] for era in table["eras"]] == [21, 30, 27]
    assert [era["from"][:4] for era in table["eras"]] == ["2018", "2021", "2024"]


def test_record_has_the_two_on_site_spans() -> None:
    spans = Counter((r["kind"], r["span"]) for r in record_rows())
    assert spans == {("standard", 10): 175, ("short", 5): 111}


def test_shipped_table_is_what_the_refresh_command_prints(tmp_path: Path) -> None:
    out = tmp_path / "ilacs.toml"
    result = run_cli(["ilacs-record", str(RECORD_CSV), "--eras", "--source", SOURCE, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"Note: plans read the era table at {SHIPPED}, not {out}:")
    assert out.read_text("utf-8") == SHIPPED.read_text("utf-8")


def test_shipped_table_holds_no_rows() -> None:
    """No authority's name and no inspection's dates: only figures (and the era start dates)."""
    import re

    text = SHIPPED.read_text("utf-8").lower()
    rows = record_rows()
    for row in rows:
        assert not re.search(rf"\b{re.escape(row['authority'])}\b", text), row["authority"]
    shipped_dates = set(re.findall(r"\d{4}-\d{2}-\d{2}", text))
    era_starts = {era["from"] for era in shipped()["eras"]}
    bounds = {shipped()["first_onsite_end"], shipped()["last_onsite_end"]}
    assert shipped_dates == era_starts | bounds
    assert len(text) < 3000


def test_every_inspection_planned_from_its_on_site_start() -> None:
    """On-site end on the real last on-site day; target on or before publication but for BEAT_THE_TARGET."""
    calendar = working_calendar(CalendarSource())
    frameworks = {kind: load_framework(f"ilacs-{kind}") for kind in ("standard", "short")}
    beaten = set()
    rows = record_rows()
    for row in rows:
        framework = frameworks[row["kind"]]
        anchor = Anchor(parse_anchor_day(framework, "onsite-start"), row["start"])
        plan = build_plan(
            framework, notified_from_anchor(calendar, anchor), calendar, CalendarSource(), anchor=anchor
        )
        by_id = {m.id: m for m in plan.milestones}
        assert by_id["onsite"].end == row["end"], row
        assert by_id["feedback"].start == row["end"], row
        publication = by_id["publication"].start
        assert plan.forecast is not None
        assert plan.forecast.earliest == publication
        assert plan.forecast.earliest <= plan.forecast.median <= plan.forecast.p90
        if publication > row["published"]:
            beaten.add((row["authority"], row["start"]))
        # The forecast's target is the era's, counted from the real last on-site day (before a
        # general election's pause moved it: tests/test_elections.py).
        unmoved = plan.forecast.unmoved[0] if plan.forecast.unmoved else publication
        assert unmoved == walk_add(row["end"], plan.forecast.target, official_days_off())
    assert beaten == BEAT_THE_TARGET
    assert len(rows) == 286


@pytest.mark.parametrize("authority", sorted(a for a, _ in BEAT_THE_TARGET)[:2])
def test_cli_anchor_matches_a_real_inspection(authority: str) -> None:
    row = next(r for r in record_rows() if r["authority"] == authority)
    data = json.loads(
        ok(
            "plan",
            "-f",
            f"ilacs-{row['kind']}",
            "--anchor",
            f"onsite-start={row['start']}",
            "--format",
            "json",
        )
    )
    milestones = {m["id"]: m for m in data["milestones"]}
    assert milestones["onsite"]["end"] == row["end"].isoformat()


# -- the forecast in each output ---------------------------------------------------------

ANCHOR_2026 = ("plan", "-f", "ilacs-standard", "--anchor", "onsite-start=2026-01-12")


def test_json_forecast_on_publication_after_the_record() -> None:
    off: set[date] = set()  # no bank holiday in England from 23 Jan to 16 Mar 2026: Mon-Fri only
    data = json.loads(ok(*ANCHOR_2026, "--format", "json"))
    publication = next(m for m in data["milestones"] if m["id"] == "publication")
    last_onsite = date(2026, 1, 23)
    latest = shipped()["eras"][-1]["standard"]
    assert data["parameters"]["publication_gap"] == latest["target"] == 27
    assert publication["start"] == walk_add(last_onsite, 27, off).isoformat() == "2026-03-03"
    assert publication["forecast"] == {
        "median": walk_add(last_onsite, latest["median"], off).isoformat(),
        "p90": walk_add(last_onsite, latest["p90"], off).isoformat(),
        "basis": "25 inspections published 2024-2025",
        "note": (
            "after the record, whose last inspection ended on site on 2025-11-07: the latest era is assumed"
        ),
        # The election fields (tests/test_elections.py): no pause holds this one, no May poll near.
        "held_by": [],
        "unmoved": None,
        "may_matter": None,
    }
    assert publication["forecast"]["p90"] == "2026-03-16"
    assert [m for m in data["milestones"] if "forecast" in m] == [publication]


@pytest.mark.parametrize(
    ("kind", "onsite_start", "gap", "basis"),
    [
        # Rows held by a general election are left out of the eras' figures (68 and 39 with them).
        ("standard", "2019-06-03", 21, "67 inspections published 2018-2020"),
        ("short", "2022-05-09", 30, "36 inspections published 2022-2024"),
        ("short", "2024-05-31", 30, "36 inspections published 2022-2024"),  # ends 2024-06-06
        ("standard", "2024-05-24", 27, "25 inspections published 2024-2025"),  # ends 2024-06-07
    ],
)
def test_era_is_chosen_by_the_inspections_dates(kind: str, onsite_start: str, gap: int, basis: str) -> None:
    args = ["plan", "-f", f"ilacs-{kind}", "--anchor", f"onsite-start={onsite_start}", "--format", "json"]
    data = json.loads(ok(*args))
    assert data["parameters"]["publication_gap"] == gap
    publication = next(m for m in data["milestones"] if m["id"] == "publication")
    assert publication["forecast"]["basis"] == basis
    assert publication["forecast"]["note"] is None


def test_before_the_record_uses_the_first_era_and_says_so() -> None:
    data = json.loads(ok("plan", "-f", "ilacs-short", "-n", "2017-06-05", "--format", "json"))
    publication = next(m for m in data["milestones"] if m["id"] == "publication")
    assert data["parameters"]["publication_gap"] == 21
    assert publication["forecast"]["note"].startswith("before the record")


def test_table_markdown_and_calendar_show_the_spread() -> None:
    line = (
        "Inspection report published: earliest Tue 3 Mar 2026; half by Tue 3 Mar 2026; "
        "9 in 10 by Mon 16 Mar 2026 (Ofsted's record: 25 inspections published 2024-2025, "
        "era from Fri 7 Jun 2024)."
    )
    for args in (ANCHOR_2026, (*ANCHOR_2026, "--format", "markdown")):
        assert line in " ".join(ok(*args).split())
    calendar = ok("calendar", "-f", "ilacs-standard", "--anchor", "onsite-start=2026-01-12")
    assert line in " ".join(calendar.split())


def test_html_page_has_the_forecast_section() -> None:
    page = ok(*ANCHOR_2026, "--format", "html")
    section = page.split('<section aria-labelledby="forecast-heading" id="forecast">', 1)[1].split(
        "</section>"
    )[0]
    assert "When the report may be published" in section
    assert "earliest Tue 3 Mar 2026; half by Tue 3 Mar 2026; 9 in 10 by Mon 16 Mar 2026" in section
    svg = ok(*ANCHOR_2026, "--format", "svg")
    assert (
        "half by Tue 3 Mar 2026; 9 in 10 by Mon 16 Mar 2026" in svg.split("<desc", 1)[1].split("</desc>")[0]
    )
    fixed = ok(*ANCHOR_2026, "--param", "publication_gap=40", "--format", "html")
    assert "publication_gap = 40 set by --param, so no forecast" in fixed


def test_word_and_excel_carry_the_spread(tmp_path: Path) -> None:
    import io

    from docx import Document
    from openpyxl import load_workbook

    spread = "earliest Tue 3 Mar 2026; half by Tue 3 Mar 2026; 9 in 10 by Mon 16 Mar 2026"
    ok(*ANCHOR_2026, "--format", "docx", "-o", str(tmp_path / "plan.docx"))
    paragraphs = [p.text for p in Document(str(tmp_path / "plan.docx")).paragraphs]
    assert any(spread in text for text in paragraphs)
    ok(*ANCHOR_2026, "--format", "xlsx", "-o", str(tmp_path / "plan.xlsx"))
    about = load_workbook(io.BytesIO((tmp_path / "plan.xlsx").read_bytes()))["About"]
    rows = {row[0]: row[1] for row in about.iter_rows(values_only=True)}
    assert spread in rows["Forecast"]


def test_ics_keeps_one_publication_event_on_the_target() -> None:
    text = ok(*ANCHOR_2026, "--format", "ics", "--name", "Kent").replace("\r\n", "\n").replace("\n ", "")
    events = text.split("BEGIN:VEVENT")[1:]
    publication = [e for e in events if "SUMMARY:Kent: Day 42: Inspection report published" in e]
    assert len(publication) == 1
    assert "DTSTART;VALUE=DATE:20260303" in publication[0]
    assert "half by Tue 3 Mar 2026\\; 9 in 10 by Mon 16 Mar 2026" in publication[0]


def test_param_overrides_the_target_and_drops_the_forecast() -> None:
    data = json.loads(ok(*ANCHOR_2026, "--param", "publication_gap=40", "--format", "json"))
    publication = next(m for m in data["milestones"] if m["id"] == "publication")
    assert "forecast" not in publication
    assert (publication["start_day"], data["parameters"]["publication_gap"]) == (55, 40)
    table = " ".join(ok(*ANCHOR_2026, "--param", "publication_gap=40").split())
    assert "publication_gap = 40 set by --param, so no forecast from Ofsted's record is shown." in table


def test_anchor_on_publication_is_refused_while_the_record_sets_it() -> None:
    message = fails(2, "plan", "-f", "ilacs-standard", "--anchor", "publication=2026-03-03")
    assert message == (
        "--anchor publication: its Day depends on the era of Ofsted's record, which depends on the "
        "dates: anchor on an earlier milestone (e.g. onsite-start), or fix the gap with "
        "--param publication_gap=N"
    )
    fixed = ok(
        "plan", "-f", "ilacs-standard", "--anchor", "publication=2026-03-03", "--param", "publication_gap=27"
    )
    assert "Mon 5 Jan 2026" in fixed


def test_jsonl_batch_matches_json_per_date() -> None:
    dates = ["2018-06-04", "2022-03-07", "2026-01-05"]
    result = run_cli(["plan", "-f", "ilacs-standard", "-n", "-", "--format", "jsonl"], input="\n".join(dates))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    for day, line in zip(dates, lines, strict=True):
        assert json.loads(line) == json.loads(
            ok("plan", "-f", "ilacs-standard", "-n", day, "--format", "json")
        )
    assert [json.loads(line)["parameters"]["publication_gap"] for line in lines] == [21, 30, 27]


# -- frameworks show ---------------------------------------------------------------------


def test_frameworks_show_prints_the_evidence() -> None:
    text = ok("frameworks", "show", "ilacs-standard")
    table = shipped()
    for era in table["eras"]:
        figures = era["standard"]
        first, last = figures["published"]
        row = (
            f"│ {era['from']} │ {figures['inspections']:>11} │ {first}-{last} │ {figures['target']:>6} │ "
            f"{figures['median']:>6} │ {figures['p90']:>3} │"
        )
        assert row in text, row
    detail = json.loads(ok("frameworks", "show", "ilacs-short", "--format", "json"))
    assert [e["inspections"] for e in detail["record"]["eras"]] == [
        e["short"]["inspections"] for e in table["eras"]
    ]
    assert detail["record"]["applies"] is True
    assert (
        load_framework("ilacs-standard").parameters["publication_gap"]
        == table["eras"][-1]["standard"]["target"]
    )


def test_record_section_is_validated() -> None:
    base = 'id = "x"\ntitle = "X"\nstatus = "indicative"\n'
    milestones = (
        '[parameters]\ngap = 3\n[[milestones]]\nid = "end"\ntitle = "E"\nwho = "ofsted"\nday = 5\n'
        '[[milestones]]\nid = "pub"\ntitle = "P"\nwho = "ofsted"\nday = 5\nplus = "gap"\n'
    )
    good = parse_framework(
        base + '[record]\nname = "ilacs"\nframework = "short"\nmilestone = "pub"\n' + milestones,
        name="x.toml",
    )
    assert good.record is not None
    assert good.record.parameter == "gap"
    section = '[record]\nname = "{}"\nframework = "{}"\nmilestone = "{}"\n'
    cases = {
        section.format("ilacs", "short", "end"): (
            "x.toml: [record]: field 'milestone' must name a milestone with one 'plus' parameter, not 'end'"
        ),
        section.format("ilacs", "joint", "pub"): (
            "x.toml: [record]: record 'ilacs' has no 'joint' rows (it has short, standard)"
        ),
        section.format("nope", "short", "pub"): "unknown record 'nope': choose one of area-send, ilacs",
        section.format("ilacs", "short", "pub") + "extra = 1\n": (
            "x.toml: [record]: unknown field 'extra' (fields: framework, milestone, name)"
        ),
    }
    from inspectcal.errors import FrameworkError

    for section, message in cases.items():
        with pytest.raises(FrameworkError) as caught:
            parse_framework(base + section + milestones, name="x.toml")
        assert str(caught.value) == message


# -- the record audit ------------------------------------------------------------------

AUDIT_CSV = """local_authority,framework,onsite_start,onsite_end,published
alpha,standard,2025-06-09,2025-06-20,2025-07-29
beta,short,2025-06-09,2025-06-13,2025-07-21
gamma,standard,2025-06-09,2025-06-19,2025-08-29
delta,short,2019-10-14,2019-10-18,2019-11-05
"""


def test_audit_flags_spans_and_early_reports(tmp_path: Path) -> None:
    path = tmp_path / "record.csv"
    path.write_text(AUDIT_CSV, encoding="utf-8")
    result = run_cli(["ilacs-record", str(path), "--format", "json"])
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert [(r["local_authority"], r["span"], r["gap"], r["target"], r["flags"]) for r in rows] == [
        ("alpha", 10, 27, 27, []),
        ("beta", 5, 26, 27, ["gap 26 < target 27"]),
        ("gamma", 9, 50, 27, ["span 9, not 10"]),
        ("delta", 5, 12, 21, ["gap 12 < target 21"]),
    ]
    assert rows[0]["era_from"] == "2024-06-07"
    table = run_cli(["ilacs-record", str(path)]).stdout
    assert "3 of 4 rows flagged: check them against their reports." in table


def test_audit_of_the_shared_record_flags_exactly_the_early_rows() -> None:
    result = run_cli(["ilacs-record", str(RECORD_CSV), "--format", "json"])
    assert result.exit_code == 1
    flagged = {
        (r["local_authority"], date.fromisoformat(r["onsite_start"]))
        for r in json.loads(result.stdout)
        if r["flags"]
    }
    assert flagged == BEAT_THE_TARGET


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "authority,framework\nx,short\n",
            "the header needs the columns local_authority, framework, onsite_start, onsite_end, "
            "published (missing: local_authority, onsite_start, onsite_end, published)",
        ),
        (
            AUDIT_CSV.replace("2025-07-29", "29/07/2025"),
            "line 2: published '29/07/2025' is not a date like 2024-06-07",
        ),
        (
            AUDIT_CSV.replace("2025-07-29", "2025-06-01"),
            "line 2: the dates must run onsite_start <= onsite_end < published, "
            "not 2025-06-09, 2025-06-20, 2025-06-01",
        ),
        (AUDIT_CSV.splitlines()[0] + "\n", "has no rows below its header"),
    ],
)
def test_audit_errors_name_the_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    error = fails(2, "ilacs-record", str(path))
    assert error.startswith(f"record {path}")
    assert error.endswith(message)


def test_readme_forecast_example_is_real() -> None:
    readme = " ".join(documentation().split())
    data = json.loads(
        ok("plan", "--framework", "ilacs-short", "--anchor", "onsite-start=2026-03-09", "--format", "json")
    )
    forecast = next(m for m in data["milestones"] if m["id"] == "publication")["forecast"]
    shown = (
        f'"forecast": {{"median": "{forecast["median"]}", "p90": "{forecast["p90"]}", '
        f'"basis": "{forecast["basis"]}"'
    )
    assert shown in readme


def test_a_damaged_record_table_is_refused_naming_the_field() -> None:
    from inspectcal.errors import FrameworkError
    from inspectcal.record import parse_record

    good = shipped()
    assert parse_record(good, "ilacs.toml").eras[1].kinds["short"].p90 == good["eras"][1]["short"]["p90"]
    broken: list[tuple[dict[str, Any], str]] = []
    extra = {**good, "colour": "red"}
    broken.append((extra, "unknown field 'colour'"))
    swapped = json.loads(json.dumps(good))
    swapped["eras"][0], swapped["eras"][1] = swapped["eras"][1], swapped["eras"][0]
    broken.append((swapped, "eras must be in date order, each 'from' after the one before"))
    inverted = json.loads(json.dumps(good))
    inverted["eras"][2]["standard"]["median"] = 99
    broken.append(
        (inverted, "era #3: [standard] must have fastest <= target, p10 <= median <= p90 <= slowest")
    )
    missing = json.loads(json.dumps(good))
    del missing["eras"][0]["short"]["p90"]
    broken.append((missing, "era #1: [short] must have exactly the fields inspections, published, target"))
    bad_date = json.loads(json.dumps(good))
    bad_date["eras"][1]["from"] = "July 2021"
    broken.append((bad_date, "era #2: field 'from' must be a date like \"2024-06-07\", not 'July 2021'"))
    for data, message in broken:
        with pytest.raises(FrameworkError) as caught:
            parse_record(data, "ilacs.toml")
        assert str(caught.value).startswith("ilacs.toml: ")
        assert message in str(caught.value)


@pytest.mark.parametrize("width", ["60", "80", "120"])
def test_audit_table_fits_and_csv_has_every_column(tmp_path: Path, width: str) -> None:
    path = tmp_path / "record.csv"
    path.write_text(AUDIT_CSV, encoding="utf-8")
    result = run_cli(["ilacs-record", str(path)], env={"COLUMNS": width})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert all(len(line) <= int(width) for line in lines), result.stdout
    gamma = next(i for i, line in enumerate(lines) if "gamma" in line)
    assert "span 9," in lines[gamma]  # the flag wraps in its cell, never cut
    assert "not 10" in lines[gamma] + lines[gamma + 1]
    assert lines[-1] == "3 of 4 rows flagged: check them against their reports."
    text = run_cli(["ilacs-record", str(path), "--format", "csv"]).stdout
    assert text.splitlines()[0] == (
        "line,local_authority,framework,onsite_start,onsite_end,published,span,gap,target,era_from,ok,flags"
    )
    assert text.splitlines()[3] == (
        '4,gamma,standard,2025-06-09,2025-06-19,2025-08-29,9,50,27,2024-06-07,no,"span 9, not 10"'
    )


def test_status_keeps_the_spread_until_nine_in_ten_were_out() -> None:
    status = ("status", "-f", "ilacs-standard", "--anchor", "onsite-start=2026-01-12", "--on")
    spread = "9 in 10 by Mon 16 Mar 2026"
    assert spread in " ".join(ok(*status, "2026-03-10").split())  # the text wraps to the width
    assert spread in " ".join(ok(*status, "2026-03-16").split())
    assert "9 in 10" not in ok(*status, "2026-03-17")
    data = json.loads(ok(*status, "2026-02-25", "--ahead", "10", "--format", "json"))
    (publication,) = [m for m in data["upcoming"] if m["id"] == "publication"]
    assert publication["forecast"]["p90"] == "2026-03-16"


# -- refreshing the ILACS era table says which table plans read ------------------------------------


def _small_record(tmp_path: Path) -> Path:
    from .conftest import ILACS_RECORD

    rows = ILACS_RECORD.read_text("utf-8").splitlines()
    part = tmp_path / "part.csv"
    part.write_text("\n".join(rows[:101]) + "\n", "utf-8")
    return part


def test_writing_the_era_table_elsewhere_says_plans_do_not_read_it(tmp_path: Path) -> None:
    from inspectcal.record import RECORDS_DIR

    out = tmp_path / "ilacs.toml"
    code, stdout, err = run_command("ilacs-record", str(_small_record(tmp_path)), "--eras", "-o", str(out))
    assert (code, stdout) == (0, "")
    assert err == (
        f"Note: plans read the era table at {RECORDS_DIR / 'ilacs.toml'}, not {out}: reinstall "
        "inspectcal from the checkout that holds the new table (e.g. pip install --force-reinstall ., "
        "or pipx install --force .) for plans to use it\n"
    )
    assert out.read_text("utf-8").startswith("#")


def test_printing_the_era_table_to_stdout_adds_no_note(tmp_path: Path) -> None:
    part = _small_record(tmp_path)
    code, stdout, err = run_command("ilacs-record", str(part), "--eras")
    assert (code, err) == (0, "")
    written = tmp_path / "ilacs.toml"
    assert run_command("ilacs-record", str(part), "--eras", "-o", str(written))[0] == 0
    assert stdout == written.read_text("utf-8")  # the same table, only where it goes differs


def test_readme_says_an_installed_tool_must_be_reinstalled_after_a_refresh() -> None:
    from .conftest import documentation

    readme = " ".join(documentation().split())
    assert (
        "An installed inspectcal (pip, pipx or uv tool, as in the Quick start) reads its own copy of the "
        "table, not the checkout's: reinstall it from the checkout"
    ) in readme
