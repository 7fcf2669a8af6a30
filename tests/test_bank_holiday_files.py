"""Official bank-holiday files (--bank-holidays-file, holidays --compare) and the data horizon."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import GOVUK_FILE, run

# -- official bank-holiday files -------------------------------------------------------------------


def official_file(tmp_path: Path, events: list[tuple[str, str]], region: str = "england-and-wales") -> Path:
    path = tmp_path / "bank-holidays.json"
    data = {
        region: {
            "division": region,
            "events": [{"title": title, "date": day, "notes": "", "bunting": True} for day, title in events],
        }
    }
    path.write_text(json.dumps(data), "utf-8")
    return path


EVENTS_2022 = [  # the real 2022 list without the State Funeral, plus an invented extra day
    ("2022-01-03", "New Year's Day"),
    ("2022-04-15", "Good Friday"),
    ("2022-04-18", "Easter Monday"),
    ("2022-05-02", "Early May bank holiday"),
    ("2022-06-02", "Spring bank holiday"),
    ("2022-06-03", "Platinum Jubilee bank holiday"),
    ("2022-08-29", "Summer bank holiday"),
    ("2022-10-03", "Extra day"),
    ("2022-12-26", "Boxing Day"),
    ("2022-12-27", "Christmas Day"),
]


def test_file_replaces_built_in_dates_for_the_years_it_covers(tmp_path: Path) -> None:
    path = official_file(tmp_path, EVENTS_2022)
    # Day 6 from Mon 12 Sep 2022: the funeral (19 Sep) is a bank holiday built in, a working day per the file.
    assert run("date", "6", "-n", "2022-09-12")[1] == "2022-09-20\n"
    assert run("date", "6", "-n", "2022-09-12", "--bank-holidays-file", str(path))[1] == "2022-09-19\n"
    code, out, _ = run("holidays", "--year", "2022", "--format", "json", "--bank-holidays-file", str(path))
    assert code == 0
    assert ("2022-10-03", "Extra day") in [(d["date"], d["name"]) for d in json.loads(out)]
    # Outside the years the file covers, the built-in dates still count.
    assert run("date", "2", "-n", "2010-04-01", "--bank-holidays-file", str(path))[1] == "2010-04-06\n"
    plan = json.loads(
        run("plan", "-n", "2022-09-12", "--format", "json", "--bank-holidays-file", str(path))[1]
    )
    assert plan["skipped"] == [{"date": "2022-10-03", "name": "Extra day"}]


def test_compare_lists_disagreements(tmp_path: Path) -> None:
    path = official_file(tmp_path, EVENTS_2022)
    code, out, err = run("holidays", "--compare", str(path), "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == [
        {
            "region": "england-and-wales",
            "date": "2022-09-19",
            "in_file": None,
            "built_in": "State Funeral of Queen Elizabeth II",
        },
        {"region": "england-and-wales", "date": "2022-10-03", "in_file": "Extra day", "built_in": None},
    ]
    table = run("holidays", "--compare", str(path))[1]
    assert "2 weekdays disagree." in table


def test_compare_with_the_official_list_finds_nothing() -> None:
    official = GOVUK_FILE
    code, out, _ = run("holidays", "--compare", str(official), "--format", "json")
    assert (code, json.loads(out)) == (0, [])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", ", line 1: is not valid JSON: expected the gov.uk format"),
        (
            '{"scotland": {"events": [{"title": "x", "date": "2020-01-01"}]}}',
            "has no events for england-and-wales",
        ),
        (
            '{"england-and-wales": {"events": [{"title": "x", "date": "2020-02-30"}]}}',
            "england-and-wales event 1: needs a 'title' and a 'date' like 2012-06-05",
        ),
        ('{"england-and-wales": {"events": [{"date": "2020-01-01"}]}}', "event 1: needs a 'title'"),
    ],
)
def test_bad_bank_holiday_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bh.json"
    path.write_text(content, "utf-8")
    code, out, err = run("plan", "-n", "2010-02-22", "--bank-holidays-file", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"Error: bank holidays file {path}")
    assert message in err


def test_the_official_list_plus_one_2030_event_keeps_christmas_2029(
    tmp_path: Path, govuk: dict[str, Any]
) -> None:
    """The issue's case: gov.uk 2012-2028 and one 2030 event used to drop Christmas 2029 silently."""
    data = json.loads(json.dumps(govuk))
    data["england-and-wales"]["events"].append({"title": "New Year's Day", "date": "2030-01-01"})
    path = tmp_path / "bank-holidays.json"
    path.write_text(json.dumps(data), "utf-8")
    code, out, err = run("add", "2029-12-24", "1", "--bank-holidays-file", str(path))
    assert (code, out) == (0, "2029-12-27\n")
    assert err.splitlines()[0] == (
        f"Warning: bank holidays file {path} lists no England and Wales bank holidays in 2029: "
        "the built-in dates are used for those years"
    )
    plan = run("plan", "-n", "2029-11-26", "--format", "json", "--bank-holidays-file", str(path))[1]
    assert json.loads(plan)["projected_after"] == 2028


# -- the data horizon ------------------------------------------------------------------------------


def test_projection_is_flagged_once_on_stderr_and_in_json() -> None:
    code, out, err = run("plan", "-n", "2028-12-01", "--format", "json")
    assert code == 0
    assert json.loads(out)["projected_after"] == 2028
    assert err == (
        "Warning: dates after 2028 count bank holidays projected from the usual rules (England and Wales); "
        "one-off days are announced later, so check them again then\n"
    )
    code, out, err = run("plan", "-n", "2028-10-02", "--format", "json")  # ends in November 2028
    assert (json.loads(out)["projected_after"], err) == (None, "")
    code, out, err = run("plan", "-n", "2030-01-07", "--format", "json", "--no-bank-holidays")
    assert (json.loads(out)["projected_after"], err) == (None, "")


def test_projection_for_lookups_and_batches() -> None:
    for args in (
        ["date", "40", "-n", "2028-12-01"],
        ["add", "2028-12-01", "30"],
        ["between", "2029-01-02", "2029-03-01"],
        ["status", "-n", "2028-12-01", "--on", "2029-01-02"],
    ):
        code, _, err = run(*args)
        assert code == 0, args
        assert err.startswith("Warning: dates after 2028"), args
    code, out, err = run("plan", "-n", "-", "--format", "jsonl", input="2028-12-01\n2028-12-04\n")
    assert code == 0
    assert err.count("Warning:") == 1
    assert [json.loads(line)["projected_after"] for line in out.splitlines()] == [2028, 2028]


def built_in_events(*years: int, region: str = "ENG") -> list[tuple[str, str]]:
    """Every bank holiday of ``years`` straight from the `holidays` package: a complete file's events."""
    import holidays

    table = holidays.country_holidays("GB", subdiv=region, years=years)
    return [(day.isoformat(), str(name)) for day, name in sorted(table.items()) if day.weekday() < 5]


def test_a_newer_official_file_moves_the_horizon_only_without_gaps(tmp_path: Path) -> None:
    path = official_file(tmp_path, built_in_events(2029, 2030))
    code, out, err = run("plan", "-n", "2030-10-01", "--format", "json", "--bank-holidays-file", str(path))
    assert (code, err) == (0, "")
    assert json.loads(out)["projected_after"] is None
    path = official_file(tmp_path, built_in_events(2030))  # 2029 is not confirmed by anything
    code, out, err = run("plan", "-n", "2030-10-01", "--format", "json", "--bank-holidays-file", str(path))
    assert code == 0
    assert json.loads(out)["projected_after"] == 2028
    assert err.startswith("Warning: dates after 2028 count bank holidays projected")


def test_a_year_inside_the_span_with_no_events_keeps_the_built_in_dates(tmp_path: Path) -> None:
    """The file 2028 + 2030: Christmas 2029 still counts, with a warning naming the gap."""
    path = official_file(tmp_path, built_in_events(2028, 2030))
    code, out, err = run("add", "2029-12-24", "1", "--bank-holidays-file", str(path))
    assert (code, out) == (0, "2029-12-27\n")
    assert err.splitlines() == [
        f"Warning: bank holidays file {path} lists no England and Wales bank holidays in 2029: "
        "the built-in dates are used for those years",
        "Warning: dates after 2028 count bank holidays projected from the usual rules (England and Wales); "
        "one-off days are announced later, so check them again then",
    ]
    plan = run("plan", "-n", "2029-11-26", "--format", "json", "--bank-holidays-file", str(path))[1]
    assert json.loads(plan)["projected_after"] == 2028


def test_a_year_the_file_lists_without_christmas_is_warned_about(tmp_path: Path) -> None:
    path = official_file(tmp_path, [("2027-01-01", "New Year's Day")])
    code, out, err = run("add", "2027-12-24", "1", "--bank-holidays-file", str(path))
    assert (code, out) == (0, "2027-12-27\n")  # the file's word for 2027 counts ...
    assert err == (  # ... but not silently
        f"Warning: bank holidays file {path} leaves out 2027-03-26 (Good Friday), "
        "2027-03-29 (Easter Monday), 2027-05-03 (May Day), 2027-05-31 (Spring Bank Holiday), "
        "2027-08-30 (Late Summer Bank Holiday), 2027-12-27 (Christmas Day (observed)), "
        "2027-12-28 (Boxing Day (observed)), which the built-in England and Wales data has: "
        "they count as working days; check that the file is complete\n"
    )
    # Other years keep the built-in dates, Christmas 2026 included.
    assert run("add", "2026-12-24", "1", "--bank-holidays-file", str(path))[1] == "2026-12-29\n"
    source = run("holidays", "--year", "2027", "--bank-holidays-file", str(path))[1]
    assert f"{path} for 2027" in " ".join(source.split())  # a long temporary path wraps the caption
