"""The .ics export, read back with three parsers and checked line by line against RFC 5545."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream
from typer.testing import CliRunner

from inspectcal.cli import app

from .conftest import REPO

EPOCH = "1266796800"  # 2010-02-22T00:00:00Z
runner = CliRunner()


def export(*args: str, epoch: str | None = EPOCH) -> bytes:
    env = {"SOURCE_DATE_EPOCH": epoch} if epoch is not None else {}
    result = runner.invoke(app, ["plan", "--format", "ics", *args], env=env)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout_bytes


def events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def check_rfc5545_lines(data: bytes) -> None:
    """CRLF everywhere, 75-octet lines, folds never split a UTF-8 character."""
    assert data.endswith(b"\r\n")
    physical = data.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(physical)
    assert b"\r" not in b"".join(physical)
    for line in physical:
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold inside a multi-byte character would fail here


def check_events(data: bytes) -> None:
    text = data.decode("utf-8")
    blocks = re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT\r\n", text, re.S)
    assert blocks
    uids = []
    for block in blocks:
        unfolded = block.replace("\r\n ", "").replace("\r\n", "\n")
        own = unfolded.split("BEGIN:VALARM")[0]
        names = [line.split(":")[0].split(";")[0] for line in own.splitlines()]
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert names.count(required) == 1, (required, block)
        assert re.search(r"^DTSTART;VALUE=DATE:\d{8}$", own, re.M)
        assert re.search(r"^DTEND;VALUE=DATE:\d{8}$", own, re.M)
        start = re.search(r"^DTSTART;VALUE=DATE:(\d{8})$", own, re.M)
        end = re.search(r"^DTEND;VALUE=DATE:(\d{8})$", own, re.M)
        assert start
        assert end
        assert end[1] > start[1]
        if "BEGIN:VALARM" in unfolded:
            # Nothing of the event itself may follow its alarm (Outlook 365 rejects that).
            assert unfolded.rstrip().endswith("END:VALARM")
        uids.append(re.search(r"^UID:(.+)$", own, re.M)[1])  # type: ignore[index]
    assert len(uids) == len(set(uids))
    assert "METHOD:REQUEST" not in text


def parse_everywhere(data: bytes) -> None:
    """Two parsers besides icalendar must read it: `ical` (strict, pydantic) and vobject (validating)."""
    text = data.decode("utf-8")
    parsed = IcsCalendarStream.calendar_from_ics(text)
    validated = vobject.readOne(text, validate=True)
    assert len(parsed.events) == len(validated.vevent_list) == len(events(data))


VARIANTS = [
    [],
    ["--name", "Nottinghamshire"],
    ["--remind", "1d"],
    ["--remind", "2h", "--busy"],
    ["--per-day"],
    ["--per-day", "--remind", "30m", "--calendar-name", "Inspection"],
    ["--no-bank-holidays", "--closed", "2010-03-01"],
]


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: " ".join(v) or "plain")
def test_every_variant_is_valid_and_parses(variant: list[str]) -> None:
    data = export("-n", "2010-02-22", *variant)
    check_rfc5545_lines(data)
    check_events(data)
    parse_everywhere(data)


def test_dates_match_the_plan_exactly() -> None:
    plan = json.loads(runner.invoke(app, ["plan", "-n", "2010-02-22", "--format", "json"]).stdout)
    by_uid_prefix = {e["UID"].rsplit("-", 1)[0]: e for e in events(export("-n", "2010-02-22"))}
    assert len(by_uid_prefix) == len(plan["milestones"]) == 16
    for m in plan["milestones"]:
        event = by_uid_prefix[m["id"]]
        assert event.decoded("DTSTART") == date.fromisoformat(m["start"])
        assert event.decoded("DTEND") == date.fromisoformat(m["end"]) + timedelta(days=1)
    fieldwork = by_uid_prefix["fieldwork"]
    assert (fieldwork.decoded("DTSTART"), fieldwork.decoded("DTEND")) == (date(2010, 3, 8), date(2010, 3, 20))
    assert (
        str(fieldwork["SUMMARY"])
        == "Days 11-20: Evidence gathering on site: interviews, focus groups, case files"
    )
    assert [str(c) for c in fieldwork["CATEGORIES"].cats] == ["Ofsted"]
    publication = by_uid_prefix["publication"]
    assert (publication.decoded("DTSTART"), publication.decoded("DTEND")) == (
        date(2010, 4, 20),
        date(2010, 4, 21),
    )
    check = by_uid_prefix["accuracy-check"]
    description = str(check["DESCRIPTION"])
    assert "Who acts: the council." in description
    assert "Working days: Mon-Fri, less bank holidays in England and Wales." in description
    assert "Skipped in these dates: Fri 2 Apr 2010 Good Friday; Mon 5 Apr 2010 Easter Monday." in description
    assert "[slac-2009]" in description


def test_summary_with_name_and_default_transparency() -> None:
    (first, *_) = events(export("-n", "2010-02-22", "--name", "Nottinghamshire"))
    assert str(first["SUMMARY"]) == (
        "Nottinghamshire: Day 1: Notification of the inspection sent to the Director of Children's Services"
    )
    assert str(first["TRANSP"]) == "TRANSPARENT"
    assert all(str(e["TRANSP"]) == "OPAQUE" for e in events(export("-n", "2010-02-22", "--busy")))


def test_uids_survive_a_replan_and_differ_between_authorities() -> None:
    def uids(*args: str) -> list[str]:
        return [str(e["UID"]) for e in events(export(*args))]

    first = uids("-n", "2010-02-22", "--name", "Nottinghamshire")
    corrected = uids("-n", "2010-03-01", "--name", "Nottinghamshire", "--closed", "2010-03-05")
    assert first == corrected
    assert not set(first) & set(uids("-n", "2010-02-22", "--name", "Bedford Borough"))


def test_source_date_epoch_makes_output_reproducible() -> None:
    assert export("-n", "2010-02-22", "--remind", "1d") == export("-n", "2010-02-22", "--remind", "1d")
    assert b"DTSTAMP:20100222T000000Z\r\n" in export("-n", "2010-02-22")


def test_dtstamp_is_the_export_time_without_source_date_epoch() -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    stamps = {e.decoded("DTSTAMP") for e in events(export("-n", "2010-02-22", epoch=None))}
    after = datetime.now(UTC)
    (stamp,) = stamps
    assert before <= stamp <= after


def test_alarms() -> None:
    for event in events(export("-n", "2010-02-22", "--remind", "1d", "--name", "Bedford")):
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == timedelta(days=-1)
        assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])
    assert all(not e.walk("VALARM") for e in events(export("-n", "2010-02-22")))
    (event, *_) = events(export("-n", "2010-02-22", "--remind", "1d2h30m"))
    assert event.walk("VALARM")[0].decoded("TRIGGER") == -timedelta(days=1, hours=2, minutes=30)


def test_per_day_events_skip_weekends_and_bank_holidays() -> None:
    found = events(export("-n", "2010-02-22", "--per-day"))
    fieldwork = [e for e in found if str(e["UID"]).startswith("fieldwork-day")]
    assert [e.decoded("DTSTART") for e in fieldwork] == [
        date(2010, 3, d) for d in (8, 9, 10, 11, 12, 15, 16, 17, 18, 19)
    ]
    assert all(e.decoded("DTEND") == e.decoded("DTSTART") + timedelta(days=1) for e in fieldwork)
    assert (
        str(fieldwork[1]["SUMMARY"])
        == "Day 12 (2 of 10): Evidence gathering on site: interviews, focus groups, case files"
    )
    check = [e.decoded("DTSTART") for e in found if str(e["UID"]).startswith("accuracy-check-day")]
    assert check == [
        date(2010, 3, 29),
        date(2010, 3, 30),
        date(2010, 3, 31),
        date(2010, 4, 1),
        date(2010, 4, 6),
    ]
    assert len(found) == 16 - 4 + 5 + 10 + 5 + 5  # four ranges replaced by one event per day


def test_calendar_name_is_opt_in() -> None:
    plain = export("-n", "2010-02-22").decode()
    assert "X-WR-CALNAME" not in plain
    assert "\r\nMETHOD:PUBLISH\r\n" in plain
    data = export("-n", "2010-02-22", "--calendar-name", "Ofsted, 2010; SLAC")
    assert b"\r\nX-WR-CALNAME:Ofsted\\, 2010\\; SLAC\r\n" in data  # TEXT escaping (RFC 5545 3.3.11)
    named = vobject.readOne(data.decode())
    assert named.x_wr_calname.value == "Ofsted, 2010; SLAC"
    assert named.contents["name"][0].value == "Ofsted, 2010; SLAC"


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from(',;:"\\\nŵŷâ'),
        min_size=1,
        max_size=90,
    ).filter(lambda s: s.strip() and not s.startswith("-"))
)
def test_user_text_is_escaped_and_round_trips(name: str) -> None:
    data = export("-n", "2010-02-22", "--name", name, "--calendar-name", name)
    check_rfc5545_lines(data)
    parsed = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    assert parsed.events[0].summary.startswith(f"{name}: Day 1: ")
    validated = vobject.readOne(data.decode("utf-8"))
    assert validated.vevent_list[0].summary.value.startswith(f"{name}: ")
    assert validated.x_wr_calname.value == " ".join(name.split())  # a calendar name is one line


def test_welsh_names_fold_without_splitting_letters() -> None:
    data = export(
        "-n", "2010-02-22", "--name", "Cyngor Sir Ynys Môn / Isle of Anglesey County Council ŵŷ" * 2
    )
    check_rfc5545_lines(data)


def test_writing_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "inspection.ics"
    result = runner.invoke(
        app,
        ["plan", "-n", "2010-02-22", "--format", "ics", "-o", str(target)],
        env={"SOURCE_DATE_EPOCH": EPOCH},
    )
    assert (result.exit_code, result.stdout) == (0, "")
    assert target.read_bytes() == export("-n", "2010-02-22")  # CRLF kept on disk
    again = runner.invoke(app, ["plan", "-n", "2010-03-01", "--format", "ics", "-o", str(target)])
    assert again.exit_code == 1
    assert again.stderr == f"Error: {target} already exists: add --force to replace it\n"
    assert target.read_bytes() == export("-n", "2010-02-22")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "ics", "--remind", "soon"],
            "cannot read 'soon' as a duration: use e.g. 1d, 2h, 30m or 1d12h",
        ),
        (["--format", "ics", "--remind", "400d"], "duration '400d' is too long: give at most a year"),
        (["--remind", "1d"], "--remind applies only to calendar files: add --format ics"),
        (["--format", "json", "--per-day"], "--per-day applies only to calendar files: add --format ics"),
    ],
)
def test_bad_ics_options(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["plan", "-n", "2010-02-22", *args], env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"Error: {message}\n"


def test_bad_source_date_epoch() -> None:
    result = runner.invoke(
        app, ["plan", "-n", "2010-02-22", "--format", "ics"], env={"SOURCE_DATE_EPOCH": "soon"}
    )
    assert result.exit_code == 2
    assert result.stderr == "Error: SOURCE_DATE_EPOCH must be whole seconds since 1970, not 'soon'\n"


def test_example_file_is_generated_and_current() -> None:
    sample = (REPO / "examples" / "nottinghamshire-2010.ics").read_bytes()
    assert sample == export("-n", "2010-02-22", "--name", "Nottinghamshire", "--remind", "1d")
    check_rfc5545_lines(sample)
    parse_everywhere(sample)
