"""The .ics export, read back with three parsers and checked line by line against RFC 5545."""

from __future__ import annotations

import json
import os
import re
import subprocess
import unicodedata
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import icalendar
import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream

from .conftest import REPO, run_cli

EPOCH = "1266796800"  # 2010-02-22T00:00:00Z


UNNAMED = (
    "Warning: without --name, every unnamed {} plan has these same event UIDs, so a calendar may "
    "take one inspection's events for another's: add --name AUTHORITY\n"
)


def export(*args: str, epoch: str | None = EPOCH) -> bytes:
    env = {"SOURCE_DATE_EPOCH": epoch} if epoch is not None else {}
    result = run_cli(["plan", "--format", "ics", *args], env=env)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ("" if "--name" in args else UNNAMED.format("slac-2009"))
    return result.stdout_bytes


def events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def check_rfc5545_lines(data: bytes) -> None:
    """CRLF everywhere, 75-octet lines, folds never split a UTF-8 character."""
    assert data.endswith(b"\r\n")
    physical = data.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(physical)
    assert b"\r" not in b"".join(physical)
    for line, following in zip(physical, [*physical[1:], b""], strict=True):
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold inside a multi-byte character would fail here
        if following.startswith(b" "):  # folded: never between a backslash and what it escapes
            backslashes = len(line) - len(line.rstrip(b"\\"))
            assert backslashes % 2 == 0, (line, following)


def check_events(data: bytes) -> None:
    text = data.decode("utf-8")
    blocks = re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT\r\n", text, re.S)
    assert blocks
    uids = []
    for block in blocks:
        unfolded = block.replace("\r\n ", "").replace("\r\n", "\n")
        own = unfolded.split("BEGIN:VALARM")[0]
        names = [line.split(":")[0].split(";")[0] for line in own.splitlines()]
        for required in (
            "UID",
            "DTSTAMP",
            "SEQUENCE",
            "DTSTART",
            "DTEND",
            "SUMMARY",
            "TRANSP",
            "X-MICROSOFT-CDO-BUSYSTATUS",
        ):
            assert names.count(required) == 1, (required, block)
        # Outlook reads busy status from X-MICROSOFT-CDO-BUSYSTATUS first (MS-OXCICAL): the two agree.
        transp = re.search(r"^TRANSP:(.+)$", own, re.M)[1]  # type: ignore[index]
        status = re.search(r"^X-MICROSOFT-CDO-BUSYSTATUS:(.+)$", own, re.M)[1]  # type: ignore[index]
        assert (transp, status) in {("TRANSPARENT", "FREE"), ("OPAQUE", "BUSY")}
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
    assert "METHOD" not in text.split("BEGIN:VEVENT")[0]  # a snapshot, not an iTIP message (RFC 5546)


def parse_everywhere(data: bytes) -> None:
    """Two parsers besides icalendar must read it: `ical` (strict, pydantic) and vobject (validating)."""
    text = data.decode("utf-8")
    parsed = IcsCalendarStream.calendar_from_ics(text)
    validated = vobject.readOne(text, validate=True)
    assert len(parsed.events) == len(validated.vevent_list) == len(events(data))


# libical (C) through GObject introspection: Debian's gir1.2-ical-3.0 and python3-gi, which live
# in the system Python, not in the venv. The child parses each file and runs libical's
# restriction check (iTIP rules when there is a METHOD, RFC 5545's otherwise).
SYSTEM_PYTHON = "/usr/bin/python3"
LIBICAL_CHECK = """
import json, sys
import gi
gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib
results = []
for text in json.load(sys.stdin):
    component = ICalGLib.Component.new_from_string(text)
    if component is None:
        results.append(["libical could not parse the file"])
        continue
    ICalGLib.restriction_check(component)
    lines = component.as_ical_string().replace("\\r\\n ", "").splitlines()
    results.append([line for line in lines if line.startswith("X-LIC-ERROR")])
json.dump(results, sys.stdout)
"""


def libical_errors(*files: bytes) -> list[list[str]]:
    """libical's X-LIC-ERROR lines for each file ([] when it passes); skips where libical is absent."""
    probe = 'import gi; gi.require_version("ICalGLib", "3.0"); from gi.repository import ICalGLib'
    found = os.path.exists(SYSTEM_PYTHON) and (
        subprocess.run([SYSTEM_PYTHON, "-c", probe], capture_output=True, check=False).returncode == 0
    )
    if not found:
        message = "libical's Python bindings are not installed: apt-get install gir1.2-ical-3.0 python3-gi"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    done = subprocess.run(
        [SYSTEM_PYTHON, "-c", LIBICAL_CHECK],
        input=json.dumps([data.decode("utf-8") for data in files]),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    errors: list[list[str]] = json.loads(done.stdout)
    return errors


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


def test_libical_restriction_check_passes_every_variant() -> None:
    files = [export("-n", "2010-02-22", *variant) for variant in VARIANTS]
    files.append(export("-n", "2010-02-22", "--name", "Kent", "--remind", "1d@09:00", "--calendar-name", "K"))
    files.append((REPO / "examples" / "nottinghamshire-2010.ics").read_bytes())
    assert libical_errors(*files) == [[] for _ in files]


def test_libical_check_can_fail() -> None:
    """The check above is not vacuous: METHOD:PUBLISH without ORGANIZER, a repeated TRANSP fail it."""
    good = export("-n", "2010-02-22", "--name", "Kent")
    published = good.replace(b"CALSCALE:GREGORIAN\r\n", b"CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n")
    doubled = good.replace(b"TRANSP:TRANSPARENT\r\n", b"TRANSP:TRANSPARENT\r\nTRANSP:OPAQUE\r\n", 1)
    itip, twice = libical_errors(published, doubled)
    assert itip
    assert all("ORGANIZER" in line for line in itip)
    assert len(twice) == 1
    assert "TRANSP" in twice[0]


def test_dates_match_the_plan_exactly() -> None:
    plan = json.loads(run_cli(["plan", "-n", "2010-02-22", "--format", "json"]).stdout)
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
    assert str(first["X-MICROSOFT-CDO-BUSYSTATUS"]) == "FREE"
    busy = events(export("-n", "2010-02-22", "--busy"))
    assert {(str(e["TRANSP"]), str(e["X-MICROSOFT-CDO-BUSYSTATUS"])) for e in busy} == {("OPAQUE", "BUSY")}


def test_uids_survive_a_replan_and_differ_between_authorities() -> None:
    def uids(*args: str) -> list[str]:
        return [str(e["UID"]) for e in events(export(*args))]

    first = uids("-n", "2010-02-22", "--name", "Nottinghamshire")
    corrected = uids("-n", "2010-03-01", "--name", "Nottinghamshire", "--closed", "2010-03-05")
    assert first == corrected
    assert not set(first) & set(uids("-n", "2010-02-22", "--name", "Bedford Borough"))


def uids_of(*args: str) -> list[str]:
    return [str(e["UID"]) for e in events(export("-n", "2010-02-22", *args))]


@pytest.mark.parametrize(
    ("spelling", "same_as"),
    [
        ("kent", "Kent"),
        ("Kent ", "Kent"),
        ("KENT", "Kent"),
        ("  Kent  ", "Kent"),
        ("Isle  of\u00a0Wight", "isle of wight"),  # runs of spaces, a non-breaking space
        ("Ynys Mo\u0302n", "Ynys M\u00f4n"),  # decomposed and composed circumflex (NFD, NFC)
        ("STRASSE", "Stra\u00dfe"),  # casefold, not lower(): sharp s
    ],
)
def test_uids_ignore_case_spacing_and_unicode_form(spelling: str, same_as: str) -> None:
    assert uids_of("--name", spelling) == uids_of("--name", same_as)


def test_uids_still_tell_authorities_and_frameworks_apart() -> None:
    kent = uids_of("--name", "Kent")
    assert not set(kent) & set(uids_of("--name", "Kent County"))
    assert not set(kent) & set(uids_of("--name", "Kent", "--framework", "jtai"))
    assert not set(kent) & set(uids_of())


def test_per_day_events_never_share_a_range_events_uid() -> None:
    plan = json.loads(run_cli(["plan", "-n", "2010-02-22", "--format", "json"]).stdout)
    ranges = {m["id"] for m in plan["milestones"] if m["start_day"] != m["end_day"]}
    assert len(ranges) == 4
    ranged = set(uids_of("--name", "Kent"))
    per_day = set(uids_of("--name", "Kent", "--per-day"))
    shared = ranged & per_day
    assert len(shared) == 16 - 4  # single-day milestones are the same event either way
    assert not {uid.rsplit("-", 1)[0] for uid in shared} & ranges


def test_unnamed_plans_warn_once_on_stderr() -> None:
    result = run_cli(["plan", "-n", "2010-02-22", "--format", "ics"])
    assert result.exit_code == 0
    assert result.stderr == UNNAMED.format("slac-2009")
    ilacs = run_cli(["plan", "-n", "2026-01-12", "--format", "ics", "--framework", "ilacs-short"])
    assert ilacs.stderr.endswith(UNNAMED.format("ilacs-short"))
    assert ilacs.stderr.count("Warning: without --name") == 1
    named = run_cli(["plan", "-n", "2010-02-22", "--format", "ics", "--name", "Kent"])
    assert named.stderr == ""
    other = run_cli(["plan", "-n", "2010-02-22", "--format", "json"])
    assert other.stderr == ""


def test_source_date_epoch_makes_output_reproducible() -> None:
    assert export("-n", "2010-02-22", "--remind", "1d") == export("-n", "2010-02-22", "--remind", "1d")
    assert b"DTSTAMP:20100222T000000Z\r\n" in export("-n", "2010-02-22")


def sequences(epoch: str | None) -> set[int]:
    return {int(e["SEQUENCE"]) for e in events(export("-n", "2010-02-22", "--name", "K", epoch=epoch))}


def test_sequence_rises_with_the_export_time() -> None:
    # 1266796800 s after 1970 is 21113280 minutes; a minute later is one more.
    assert sequences(EPOCH) == {21_113_280}
    assert sequences("1266796859") == {21_113_280}  # the same minute: DTSTAMP tells them apart
    assert sequences("1266796860") == {21_113_281}
    assert sequences("0") == {0}
    (later,) = sequences("4102444800")  # 2100-01-01: still well inside a 32-bit INTEGER
    assert later == 4102444800 // 60 < 2**31
    before = int(datetime.now(UTC).timestamp()) // 60
    (now,) = sequences(None)
    assert before <= now <= int(datetime.now(UTC).timestamp()) // 60


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


@pytest.mark.parametrize(
    ("when", "day_before", "at", "trigger_line"),
    [
        ("1d@09:00", 1, time(9, 0), "TRIGGER:-PT15H"),
        ("1d@17:30", 1, time(17, 30), "TRIGGER:-PT6H30M"),
        ("0d@00:00", 0, time(0, 0), "TRIGGER:P0D"),  # at the start
        ("3d@00:00", 3, time(0, 0), "TRIGGER:-P3D"),
        (" 2D @ 23:59 ", 2, time(23, 59), "TRIGGER:-P1DT1M"),  # a nominal day (RFC 5545 3.3.6)
    ],
)
def test_reminder_at_a_time_of_day(when: str, day_before: int, at: time, trigger_line: str) -> None:
    """An all-day event starts at midnight; its alarm must fire on the right day at the right time."""
    data = export("-n", "2010-02-22", "--name", "K", "--remind", when, "--per-day")
    assert f"\r\n{trigger_line}\r\n" in data.decode()
    found = events(data)
    assert len(found) == 37
    for event in found:
        (alarm,) = event.walk("VALARM")
        start = datetime.combine(event.decoded("DTSTART"), time())
        fires = start + alarm.decoded("TRIGGER")
        assert fires == datetime.combine(event.decoded("DTSTART") - timedelta(days=day_before), at)
    parse_everywhere(data)


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
    assert "METHOD" not in plain
    data = export("-n", "2010-02-22", "--calendar-name", "  Ofsted  2010 - SLAC / Kent  ")
    assert b"\r\nX-WR-CALNAME:Ofsted 2010 - SLAC / Kent\r\n" in data
    named = vobject.readOne(data.decode())
    assert named.x_wr_calname.value == "Ofsted 2010 - SLAC / Kent"
    assert named.contents["name"][0].value == "Ofsted 2010 - SLAC / Kent"


@pytest.mark.parametrize(("name", "shown"), [("Kent, ILACS", ","), ("a;b", ";"), ("a\\b, c", ", \\")])
def test_calendar_name_refuses_what_clients_show_escaped(name: str, shown: str) -> None:
    result = run_cli(["plan", "-n", "2010-02-22", "--format", "ics", "--calendar-name", name])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: --calendar-name cannot contain {shown} (some calendar apps show them with a backslash): "
        "use - or / instead\n"
    )


CONTROLS = [
    ("\x01\x1b[31m", "a control character (U+0001)"),
    ("Kent\x1b[31m", "an escape character (U+001B)"),
    ("Kent\tCounty", "a tab (U+0009)"),
    ("Kent\nCounty", "a line break (U+000A)"),
    ("Kent\r", "a carriage return (U+000D)"),
    ("Kent\x7f", "a delete character (U+007F)"),
    ("Kent\x00", "a control character (U+0000)"),
    ("Kent\x9b31m", "a control character (U+009B)"),  # C1: a terminal's single-byte CSI
]


@pytest.mark.parametrize(
    ("option", "fmt"), [("--name", "ics"), ("--name", "json"), ("--calendar-name", "ics")]
)
@pytest.mark.parametrize(("text", "what"), CONTROLS)
def test_control_characters_are_refused(option: str, fmt: str, text: str, what: str) -> None:
    result = run_cli(["plan", "-n", "2010-02-22", "--format", fmt, option, text])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: {option} contains {what}: type the text on one line without it\n"


def test_control_characters_are_refused_by_calendar_too() -> None:
    result = run_cli(["calendar", "-n", "2010-02-22", "--name", "Kent\x1b[2J"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: --name contains an escape character (U+001B): type the text on one line without it\n"
    )


@pytest.mark.parametrize("blank", ["", "   ", "\u00a0\u2028"])
def test_blank_names_are_refused(blank: str) -> None:
    result = run_cli(["plan", "-n", "2010-02-22", "--format", "ics", "--name", blank])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: --name is empty: give a name, or leave the option out\n"


def test_whitespace_in_names_is_collapsed_everywhere() -> None:
    (first, *_) = events(export("-n", "2010-02-22", "--name", "  Isle   of\u00a0Wight\u2028Council "))
    assert str(first["SUMMARY"]).startswith("Isle of Wight Council: Day 1: ")
    result = run_cli(["plan", "-n", "2010-02-22", "--format", "json", "--name", " Kent  CC "])
    assert json.loads(result.stdout)["authority"] == "Kent CC"


TEXT = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from(
    ',;:"\\ŵŷâ \u00a0\u2028'
)


def one_line(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.text(TEXT, min_size=1, max_size=90).filter(lambda s: s.strip() and not s.startswith("-")),
    calendar=st.text(TEXT.filter(lambda c: c not in ",;\\"), min_size=1, max_size=90).filter(
        lambda s: s.strip() and not s.startswith("-")
    ),
)
def test_user_text_is_escaped_and_round_trips(name: str, calendar: str) -> None:
    data = export("-n", "2010-02-22", "--name", name, "--calendar-name", calendar)
    check_rfc5545_lines(data)
    parsed = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    assert parsed.events[0].summary.startswith(f"{one_line(name)}: Day 1: ")
    validated = vobject.readOne(data.decode("utf-8"))
    assert validated.vevent_list[0].summary.value.startswith(f"{one_line(name)}: ")
    assert validated.x_wr_calname.value == one_line(calendar)


@pytest.mark.parametrize("before", range(60, 80))
def test_folds_never_split_an_escape(before: int) -> None:
    """icalendar before 7.3 folded between the backslash and the n of an escaped newline (#1501)."""
    calendar = icalendar.Calendar()
    event = icalendar.Event()
    event.add("description", "a" * before + "\n" + "b" * 80 + "\\" + "c" * 80 + ";" + "d" * 80)
    calendar.add_component(event)
    data = calendar.to_ical()
    check_rfc5545_lines(data)
    (parsed,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(parsed["DESCRIPTION"]) == str(event["DESCRIPTION"])


def test_welsh_names_fold_without_splitting_letters() -> None:
    data = export(
        "-n", "2010-02-22", "--name", "Cyngor Sir Ynys Môn / Isle of Anglesey County Council ŵŷ" * 2
    )
    check_rfc5545_lines(data)


def test_writing_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "inspection.ics"
    result = run_cli(
        ["plan", "-n", "2010-02-22", "--format", "ics", "-o", str(target)],
        env={"SOURCE_DATE_EPOCH": EPOCH},
    )
    assert (result.exit_code, result.stdout) == (0, "")
    assert target.read_bytes() == export("-n", "2010-02-22")  # CRLF kept on disk
    again = run_cli(["plan", "-n", "2010-03-01", "--format", "ics", "-o", str(target)])
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
        (
            ["--format", "ics", "--remind", "1h@09:00"],
            "cannot read '1h@09:00' as a reminder: give whole days and a time of day, e.g. 1d@09:00 "
            "(or a duration such as 1d, 2h, 30m)",
        ),
        (
            ["--format", "ics", "--remind", "1d@9"],
            "cannot read '1d@9' as a reminder: give whole days and a time of day, e.g. 1d@09:00 "
            "(or a duration such as 1d, 2h, 30m)",
        ),
        (
            ["--format", "ics", "--remind", "1d@24:00"],
            "reminder '1d@24:00': 24:00 is not a time of day (00:00 to 23:59)",
        ),
        (
            ["--format", "ics", "--remind", "1d@09:60"],
            "reminder '1d@09:60': 09:60 is not a time of day (00:00 to 23:59)",
        ),
        (
            ["--format", "ics", "--remind", "400d@09:00"],
            "reminder '400d@09:00' is too far ahead: give at most 366 days",
        ),
        (
            ["--format", "ics", "--remind", "0d@08:30"],
            "reminder '0d@08:30' falls after the event starts at midnight, which Outlook moves to the day "
            "before: give 1d@HH:MM (the day before) or more",
        ),
        (["--remind", "1d@09:00"], "--remind applies only to calendar files: add --format ics"),
        (["--format", "ics", "--remind", "400d"], "duration '400d' is too long: give at most a year"),
        (["--remind", "1d"], "--remind applies only to calendar files: add --format ics"),
        (["--format", "json", "--per-day"], "--per-day applies only to calendar files: add --format ics"),
    ],
)
def test_bad_ics_options(args: list[str], message: str) -> None:
    result = run_cli(["plan", "-n", "2010-02-22", *args], env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"Error: {message}\n"


def test_bad_source_date_epoch() -> None:
    result = run_cli(["plan", "-n", "2010-02-22", "--format", "ics"], env={"SOURCE_DATE_EPOCH": "soon"})
    assert result.exit_code == 2
    assert result.stderr == "Error: SOURCE_DATE_EPOCH must be whole seconds since 1970, not 'soon'\n"


def test_example_file_is_generated_and_current() -> None:
    sample = (REPO / "examples" / "nottinghamshire-2010.ics").read_bytes()
    assert sample == export("-n", "2010-02-22", "--name", "Nottinghamshire", "--remind", "1d@09:00")
    check_rfc5545_lines(sample)
    parse_everywhere(sample)
