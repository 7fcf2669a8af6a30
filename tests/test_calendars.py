from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from inspectcal import calendars
from inspectcal.avoid import read_closures_file
from inspectcal.calendars import (
    REGIONS,
    CalendarSource,
    get_region,
    working_calendar,
)
from inspectcal.dates import DateSpan
from inspectcal.errors import InputError
from inspectcal.workdays import WorkingCalendar

from .conftest import COUNTING_COMMANDS, fails, govuk_weekdays, run, run_cli


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_built_in_bank_holidays_agree_with_govuk_list(
    region: str, calendars: dict[str, WorkingCalendar], govuk: dict[str, Any]
) -> None:
    """Every weekday bank holiday of 2012-2028, both ways, for each region."""
    official = govuk_weekdays(govuk, region)
    ours = {
        d: off.name
        for d, off in calendars[region].days_off.items()
        if date(2012, 1, 1) <= d <= date(2028, 12, 31)
    }
    assert sorted(set(official) - set(ours)) == []
    assert sorted(set(ours) - set(official)) == []


def test_regions_differ_where_they_should(calendars: dict[str, WorkingCalendar]) -> None:
    assert not calendars["scotland"].is_working_day(date(2010, 1, 4))  # 2nd January (substitute)
    assert calendars["england-and-wales"].is_working_day(date(2010, 1, 4))
    assert not calendars["northern-ireland"].is_working_day(date(2010, 3, 17))  # St Patrick's Day
    assert not calendars["northern-ireland"].is_working_day(date(2010, 7, 12))  # Battle of the Boyne
    assert calendars["scotland"].is_working_day(date(2010, 4, 5))  # no Easter Monday in Scotland


def test_unknown_region() -> None:
    with pytest.raises(InputError, match="unknown region 'uk': choose one of england-and-wales, scotland"):
        get_region("uk")


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("england-and-wales", "england-and-wales"),
        ("England and Wales", "england-and-wales"),
        ("ENGLAND_AND_WALES", "england-and-wales"),
        ("England", "england-and-wales"),
        ("wales", "england-and-wales"),
        ("E&W", "england-and-wales"),
        ("Scotland", "scotland"),
        ("SCOTLAND", "scotland"),
        ("scot", "scotland"),
        ("NI", "northern-ireland"),
        ("ni", "northern-ireland"),
        ("Northern Ireland", "northern-ireland"),
        (" northern-ireland ", "northern-ireland"),
    ],
)
def test_regions_in_any_case_and_by_their_usual_names(typed: str, key: str) -> None:
    assert get_region(typed).key == key


def test_region_aliases_name_real_regions() -> None:
    from inspectcal.calendars import REGION_ALIASES, REGIONS, region_key

    for alias, key in REGION_ALIASES.items():
        assert key in REGIONS
        assert region_key(alias) == alias  # stored tidy, so that a lookup can find it


def test_no_bank_holidays_counts_mon_to_fri() -> None:
    calendar = working_calendar(CalendarSource(bank_holidays=False))
    assert calendar.is_working_day(date(2010, 4, 2))
    assert calendar.days_off == {}


def test_closures_are_skipped_and_named() -> None:
    source = CalendarSource(
        closures=(DateSpan(date(2010, 12, 29), date(2010, 12, 31), "Christmas shutdown"),)
    )
    calendar = working_calendar(source)
    assert calendar.describe_non_working(date(2010, 12, 29)) == (
        "2010-12-29 is a council closure day (Christmas shutdown)"
    )
    # Thu 23 Dec + 1: Christmas and Boxing Day substitutes on 27-28, closure 29-31, New Year substitute 3 Jan.
    assert calendar.add(date(2010, 12, 24), 1) == date(2011, 1, 4)
    assert "3 closure days" in source.describe()


def test_read_closures_file(tmp_path: Path) -> None:
    path = tmp_path / "closures.txt"
    path.write_text(
        "# council shutdown days\n\n2010-12-29..2010-12-31  # Christmas shutdown\n02/08/2010\n", "utf-8"
    )
    assert read_closures_file(path) == [
        DateSpan(date(2010, 12, 29), date(2010, 12, 31), "Christmas shutdown"),
        DateSpan(date(2010, 8, 2), date(2010, 8, 2), ""),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("2010-12-29\nnot a date\n", "line 2: cannot read 'not a date' as a date"),
        ("2010-12-31..2010-12-29\n", "line 1: range '2010-12-31..2010-12-29' ends before it starts"),
        (b"\xff\xd8\xff\xe0\x00binary", "is not text (it holds binary data)"),
        (b"caf\xe9 2010-01-01\n", "is Windows-1252 (ANSI) text, not UTF-8: save it as UTF-8"),
    ],
)
def test_bad_closures_files(tmp_path: Path, content: str | bytes, message: str) -> None:
    path = tmp_path / "closures.txt"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, "utf-8")
    with pytest.raises(InputError) as caught:
        read_closures_file(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_missing_closures_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist: check the path"):
        read_closures_file(tmp_path / "nope.txt")


def test_closure_outside_supported_range() -> None:
    source = CalendarSource(closures=(DateSpan(date(2100, 1, 1), date(2100, 1, 1)),))
    with pytest.raises(InputError, match="closure 2100-01-01 is outside the supported dates"):
        working_calendar(source)


def test_bank_holidays_are_cached_per_installed_holidays_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INSPECTCAL_CACHE_DIR", str(tmp_path))
    region = REGIONS["england-and-wales"]
    computed = calendars.bank_holidays(region)
    (cached,) = tmp_path.iterdir()
    assert cached.name == "bank-holidays-england-and-wales.json"
    assert json.loads(cached.read_text("utf-8"))["days"]["2010-04-02"] == "Good Friday"

    def must_not_compute(_: object) -> None:
        raise AssertionError("the cache was not used")

    monkeypatch.setattr(calendars, "_compute_bank_holidays", must_not_compute)
    assert calendars.bank_holidays(region) == computed
    # Another holidays package (upgraded in place: its folder changed) is another key.
    origin, folder_time, init_time, size = calendars.installed_holidays()
    monkeypatch.setattr(calendars, "installed_holidays", lambda: (origin, folder_time + 1, init_time, size))
    with pytest.raises(AssertionError, match="the cache was not used"):
        calendars.bank_holidays(region)


def test_installed_holidays_is_the_imported_package() -> None:
    import holidays

    origin, folder_time, init_time, size = calendars.installed_holidays()
    assert origin == holidays.__file__
    assert (folder_time, init_time, size) > (0, 0, 0)


def test_corrupt_cache_is_recomputed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INSPECTCAL_CACHE_DIR", str(tmp_path))
    region = REGIONS["scotland"]
    calendars.bank_holidays(region)
    (cached,) = tmp_path.glob("bank-holidays-scotland.json")
    cached.write_text("{not json", "utf-8")
    assert calendars.bank_holidays(region)[date(2010, 1, 4)]
    assert json.loads(cached.read_text("utf-8"))["days"]["2010-01-04"]


def test_a_calendar_with_closures_is_built_afresh_from_the_cached_bank_holidays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INSPECTCAL_CACHE_DIR", str(tmp_path))
    source = CalendarSource(
        closures=(DateSpan(date(2010, 12, 29), date(2010, 12, 31), "Christmas shutdown"),)
    )
    built = working_calendar(source)
    assert (
        built.describe_non_working(date(2010, 12, 29))
        == "2010-12-29 is a council closure day (Christmas shutdown)"
    )
    other = working_calendar(CalendarSource(closures=(DateSpan(date(2010, 3, 1), date(2010, 3, 1)),)))
    assert other.is_working_day(date(2010, 12, 29))
    assert not other.is_working_day(date(2010, 3, 1))
    assert not other.is_working_day(date(2010, 12, 28))  # the bank holiday for Boxing Day
    assert [p.name for p in tmp_path.iterdir()] == ["bank-holidays-england-and-wales.json"]


def test_confirmed_horizon_is_the_last_year_of_the_official_list(govuk: dict[str, Any]) -> None:
    """CONFIRMED_THROUGH claims the package is checked through that year: it must be the list's last."""
    last = max(date.fromisoformat(e["date"]).year for part in govuk.values() for e in part["events"])
    assert last == calendars.CONFIRMED_THROUGH


# -- --no-bank-holidays with a bank-holidays file or another region --------------------------------


# Minimal arguments that make each counting command do its job (before its calendar options).
COMMAND_ARGS = {
    "plan": ["plan", "-n", "2026-03-04"],
    "date": ["date", "5", "-n", "2026-03-04"],
    "day": ["day", "2026-03-10", "-n", "2026-03-04"],
    "add": ["add", "2026-03-04", "4"],
    "between": ["between", "2026-03-04", "2026-03-10"],
    "holidays": ["holidays", "--year", "2026"],
    "window": ["window", "--from", "2026-03-02", "--to", "2026-03-06"],
    "calendar": ["calendar", "-n", "2026-03-04"],
    "check": ["check", "-", "-n", "2026-03-04"],
    "status": ["status", "-n", "2026-03-04", "--on", "2026-03-10"],
}


def test_command_args_cover_every_counting_command() -> None:
    assert set(COMMAND_ARGS) == set(COUNTING_COMMANDS)


@pytest.mark.parametrize("command", COUNTING_COMMANDS)
def test_no_bank_holidays_refuses_a_bank_holidays_file(command: str, tmp_path: Path) -> None:
    extra = tmp_path / "extra.json"
    extra.write_text(
        json.dumps({"england-and-wales": {"events": [{"title": "Extra", "date": "2026-03-10"}]}}),
        "utf-8",
    )
    args = [*COMMAND_ARGS[command], "--no-bank-holidays", "--bank-holidays-file", str(extra)]
    assert fails(2, *args) == (
        "--no-bank-holidays and --bank-holidays-file contradict each other: the file's bank "
        "holidays would be ignored; give one or the other"
    )


@pytest.mark.parametrize("command", COUNTING_COMMANDS)
@pytest.mark.parametrize(("typed", "key"), [("scotland", "scotland"), ("NI", "northern-ireland")])
def test_no_bank_holidays_refuses_another_region(command: str, typed: str, key: str) -> None:
    args = [*COMMAND_ARGS[command], "--no-bank-holidays", "--region", typed]
    assert fails(2, *args) == (
        f"--no-bank-holidays and --region {key} contradict each other: the region's bank "
        "holidays would be ignored; give one or the other"
    )


@pytest.mark.parametrize("region", ["england-and-wales", "England", "wales"])
def test_no_bank_holidays_with_the_default_region_is_fine(region: str) -> None:
    # Mon-Fri only: Day 5 from Wed 4 Mar 2026 is Tue 10 Mar, counted by hand.
    code, out, err = run("date", "5", "-n", "2026-03-04", "--no-bank-holidays", "--region", region)
    assert (code, out, err) == (0, "2026-03-10\n", "")


# -- region names in the README --------------------------------------------------------------------


def test_readme_lists_exactly_the_region_names_accepted() -> None:
    import re

    from inspectcal.calendars import REGION_ALIASES, REGIONS, region_key

    from .conftest import documentation

    readme = documentation()
    paragraph = readme[readme.index("Region names are case-insensitive") :].split("\n\n", 1)[0]
    names = {region_key(n) for n in re.findall(r"`([^`]+)`", paragraph) if n not in ("_", "-", "&")}
    assert names == set(REGION_ALIASES) | set(REGIONS)
    for name in re.findall(r"`([^`]+)`", paragraph):
        if name not in ("_", "-", "&"):
            assert run("date", "1", "-n", "2010-02-22", "--region", name)[0] == 0, name


# -- region names in any case ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "day_40"), [("Scotland", "2010-04-19"), ("ni", "2010-04-21"), ("England", "2010-04-20")]
)
def test_region_names_in_any_case_on_the_command_line(typed: str, day_40: str) -> None:
    result = run_cli(["date", "40", "--notified", "2010-02-22", "--region", typed])
    assert (result.exit_code, result.stderr, result.stdout) == (0, "", f"{day_40}\n")
