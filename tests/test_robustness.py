"""Data trust and hostile input: official bank-holiday files, the data horizon, broken files, pipes."""

from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from .conftest import CANNOT_APPLY, GOVUK_FILE, may_write_into_read_only_folders, run

PY = [sys.executable, "-m", "inspectcal"]


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


# -- official bank-holiday files -------------------------------------------------------------

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


# -- the data horizon -------------------------------------------------------------------------


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


# -- hostile input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "2010-02-22", "99999999999999999999"], "the result falls outside the supported dates"),
        (
            ["date", "99999999999999999999", "-n", "2010-02-22"],
            "falls after 2099-12-31, the last supported date",
        ),
        (["plan", "-n", "0000-01-01"], "--notified: '0000-01-01' is not a real date (there is no year 0)"),
        (["plan", "-n", "22/02/99999"], "--notified: cannot read '22/02/99999' as a date"),
        (["plan", "-n", "9999-12-31"], "9999-12-31 is outside the supported dates 1975-01-01 to 2099-12-31"),
        (["plan", "-n", "\x00\x01"], "--notified: cannot read"),
        (["between", "1975-01-01", "2099-12-31"], None),
    ],
)
def test_extreme_values(args: list[str], message: str | None) -> None:
    code, out, err = run(*args)
    if message is None:  # the whole supported range: fine, but past the confirmed bank holidays
        assert code == 0
        assert err.startswith("Warning: dates after 2028")
        # Counted independently: each weekday after 1 Jan 1975 to the end of 2099, less the bank
        # holidays that the rules and one-offs of tests/test_history.py give.
        from . import oracle
        from .test_history import expected

        assert int(out) == oracle.count(date(1975, 1, 1), date(2099, 12, 31), expected("england-and-wales"))
        return
    assert (code, out) == (2, "")
    assert message in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("option", ["--closures", "--avoid-file"])
def test_huge_and_binary_date_files(tmp_path: Path, option: str) -> None:
    command = (
        ["plan", "-n", "2010-02-22"]
        if option == "--closures"
        else ["window", "--from", "2010-02-22", "--to", "2010-02-22"]
    )
    huge = tmp_path / "huge.txt"
    huge.write_text("2010-12-29\n" * 200_000, "utf-8")  # 2.2 MB
    code, _, err = run(*command, option, str(huge))
    assert code == 2
    assert "is over" in err
    assert "is it the right file?" in err
    many = tmp_path / "many.txt"
    many.write_text("2010-12-29\n" * 20_000, "utf-8")
    assert "has over 10,000 lines" in run(*command, option, str(many))[2]
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    assert "is not text (it holds binary data)" in run(*command, option, str(binary))[2]
    assert "is a folder: give a file" in run(*command, option, str(tmp_path))[2]


def test_csv_cells_that_start_like_formulas_are_neutralised(tmp_path: Path) -> None:
    framework = tmp_path / "evil.toml"
    framework.write_text(
        'id = "evil"\ntitle = "Evil"\nstatus = "indicative"\n'
        + "".join(
            f'[[milestones]]\nid = "m{i}"\ntitle = {json.dumps(title)}\nwho = "council"\nday = {i + 1}\n'
            for i, title in enumerate(
                ['=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)", "\tTab", "\rCR", "Plain"]
            )
        ),
        "utf-8",
    )
    code, out, _ = run("plan", "-n", "2010-02-22", "-f", str(framework), "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))[1:]
    # Titles are stripped when a framework is read, so tab and CR cannot lead them (see test_safe_cell).
    assert [r[5] for r in rows] == [
        '\'=HYPERLINK("http://x")',
        "'+1+1",
        "'-2",
        "'@SUM(A1)",
        "Tab",
        "CR",
        "Plain",
    ]
    assert [r[0] for r in rows] == ["1", "2", "3", "4", "5", "6", "7"]  # numbers untouched
    assert rows[0][2] == "2010-02-22"  # dates untouched


def test_output_into_a_read_only_place_fails_cleanly() -> None:
    code, out, err = run("plan", "-n", "2010-02-22", "-o", "/proc/inspectcal-plan.txt")
    assert (code, out) == (1, "")
    assert err.startswith("Error: cannot write /proc/inspectcal-plan.txt: ")
    assert err.count("\n") == 1


@pytest.mark.skipif(
    may_write_into_read_only_folders(),
    reason=CANNOT_APPLY + "root (or Windows) may write to a read-only folder",
)
def test_output_into_a_read_only_folder(tmp_path: Path) -> None:
    tmp_path.chmod(0o555)
    try:
        code, _, err = run("plan", "-n", "2010-02-22", "-o", str(tmp_path / "plan.txt"))
    finally:
        tmp_path.chmod(0o755)
    assert code == 1
    assert "Permission denied" in err


def test_piping_into_head_ends_quietly(tmp_path: Path) -> None:
    dates = tmp_path / "dates.txt"
    dates.write_text("2010-02-22\n" * 20_000, "utf-8")
    done = subprocess.run(
        f'"{sys.executable}" -m inspectcal plan -n - --format jsonl < "{dates}" | head -n 1',
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert json.loads(done.stdout)["notified"] == "2010-02-22"
    assert done.stderr == ""


def test_ctrl_c_exits_130_without_a_traceback() -> None:
    process = subprocess.Popen(
        [*PY, "plan", "-n", "-", "--format", "jsonl"],
        # The child starts with Ctrl-C's default action whatever this process has (a CI runner or
        # `nohup` may ignore SIGINT, and an ignored signal stays ignored in the child).
        preexec_fn=_default_ctrl_c,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdin.write("2010-02-22\n")
    process.stdin.flush()
    # Python block-buffers a pipe: wait for the process to be reading stdin rather than for output.
    first = _wait_until_reading(process)
    assert first
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=20)
    assert process.returncode == 130
    assert "Traceback" not in err


def _default_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_until_reading(process: subprocess.Popen[str]) -> bool:
    """True once the process sleeps in a read of its stdin pipe (Linux /proc), within 20 seconds."""
    import time

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            wchan = Path(f"/proc/{process.pid}/wchan").read_text()
        except OSError:
            return False
        if "pipe_read" in wchan:
            return True
        time.sleep(0.05)
    return False


def test_safe_cell() -> None:
    from inspectcal.render.csv import safe_cell

    for risky in ("=1", "+1", "-1", "@A1", "\tx", "\rx"):
        assert safe_cell(risky) == "'" + risky
    assert safe_cell("2010-02-22") == "2010-02-22"
    assert safe_cell("Set-up meeting") == "Set-up meeting"


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


# -- the reader of a pipe goes away ----------------------------------------------------------------


def _exit_into_head(command: str, stdin: str = "") -> tuple[int, str]:
    """inspectcal's own exit status (not head's) and its stderr, piped into `head -c 1`."""
    import subprocess
    import sys

    done = subprocess.run(
        [
            "bash",
            "-c",
            f'"{sys.executable}" -m inspectcal {command} | head -c 1 >/dev/null; echo "${{PIPESTATUS[0]}}"',
        ],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    return int(done.stdout), done.stderr


MANY_DATES = "2010-02-22\n" * 20_000


@pytest.mark.slow
@pytest.mark.parametrize(
    ("command", "stdin"),
    [
        ("plan --notified - --format jsonl", MANY_DATES),
        ("plan --notified - --format csv", MANY_DATES),
        ("date 5 11 --notified -", MANY_DATES),
        ("day 2010-03-08 --notified -", MANY_DATES),
        ("window --from 2000-01-04 --to 2018-12-31 --format csv", ""),  # one write of 440 KB
        ("window --from 2000-01-04 --to 2018-12-31 --format json", ""),
    ],
)
def test_every_command_exits_0_quietly_when_the_reader_goes_away(command: str, stdin: str) -> None:
    assert _exit_into_head(command, stdin) == (0, "")


def test_a_batch_that_reported_a_bad_line_still_exits_2_when_the_reader_goes_away() -> None:
    status, err = _exit_into_head("date 5 --notified -", "soon\n" + MANY_DATES)
    assert status == 2
    assert err == (
        "Error: stdin, line 1: cannot read 'soon' as a date: use YYYY-MM-DD, DD/MM/YYYY or e.g. "
        "'22 Feb 2010'\n"
        "Error: 1 bad line on stdin (see above); the reader of the output left before the rest "
        "were done\n"
    )
