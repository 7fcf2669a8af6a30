"""Batches: notification dates on stdin, one result per line, bad lines reported and skipped."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from inspectcal.calendars import CalendarSource, working_calendar
from inspectcal.dates import DateSpan
from inspectcal.frameworks import builtin_ids, load_framework
from inspectcal.plan import build_plan
from inspectcal.render.jsonl import JsonlWriter, render
from inspectcal.workdays import WorkingCalendar

from . import oracle
from .conftest import govuk_weekdays, run_cli, run_in_repo

DATES = "2010-02-22\n\n# a comment\n22/02/2011\n  2012-06-01  \n"


def test_jsonl_lines_are_the_json_plans() -> None:
    result = run_cli(["plan", "--notified", "-", "--format", "jsonl"], input=DATES)
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    for line, day in zip(lines, ["2010-02-22", "2011-02-22", "2012-06-01"], strict=True):
        single = run_cli(["plan", "--notified", day, "--format", "json"]).stdout
        assert json.loads(line) == json.loads(single)
        assert line == json.dumps(json.loads(single), separators=(",", ":"), ensure_ascii=False)


def test_jsonl_for_one_plan() -> None:
    out = run_cli(["plan", "-n", "2010-02-22", "--format", "jsonl"]).stdout
    assert out.count("\n") == 1
    assert json.loads(out)["notified"] == "2010-02-22"


def test_csv_batch_has_one_header_and_a_notified_column() -> None:
    result = run_cli(["plan", "-n", "-", "--format", "csv"], input="2010-02-22\n2010-03-01\n")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == [
        "notified",
        "start_day",
        "end_day",
        "start",
        "end",
        "id",
        "title",
        "who",
        "framework_status",
    ]
    assert len(rows) == 1 + 2 * 16
    assert rows[1][:6] == ["2010-02-22", "1", "1", "2010-02-22", "2010-02-22", "notification"]
    assert rows[17][:3] == ["2010-03-01", "1", "1"]


def test_bad_lines_are_reported_and_the_rest_done() -> None:
    stdin = "2010-02-22\nnonsense\n2010-04-02\n2010-03-01\n"
    result = run_cli(["plan", "-n", "-", "--format", "jsonl"], input=stdin)
    assert result.exit_code == 2
    assert [json.loads(line)["notified"] for line in result.stdout.splitlines()] == [
        "2010-02-22",
        "2010-03-01",
    ]
    assert result.stderr.splitlines() == [
        "Error: stdin, line 2: cannot read 'nonsense' as a date: use YYYY-MM-DD, DD/MM/YYYY "
        "or e.g. '22 Feb 2010'",
        "Error: stdin, line 3: the notification date (Day 1) must be a working day, but 2010-04-02 is "
        "Good Friday, a bank holiday in England and Wales",
        "Error: 2 bad lines on stdin (see above); the rest were done",
    ]


def test_batch_needs_a_line_format() -> None:
    result = run_cli(["plan", "-n", "-"], input="2010-02-22\n")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --notified - reads one date a line from stdin: use it with --format jsonl or csv\n"
    )


def test_batch_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "plans.jsonl"
    result = run_cli(["plan", "-n", "-", "--format", "jsonl", "-o", str(target)], input=DATES)
    assert (result.exit_code, result.stdout) == (0, "")
    assert len(target.read_text("utf-8").splitlines()) == 3


def test_date_and_day_stream() -> None:
    result = run_cli(["date", "11", "20", "-n", "-"], input="2010-02-22\n2010-04-02\n2011-02-21\n")
    assert result.stdout == "2010-02-22\t2010-03-08\t2010-03-19\n2011-02-21\t2011-03-07\t2011-03-18\n"
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: stdin, line 2: the notification date (Day 1) must be a working day"
    )
    days = run_cli(["day", "2010-03-19", "-n", "-"], input="2010-02-22\n2010-03-01\n")
    assert (days.exit_code, days.stdout) == (0, "2010-02-22\t20\n2010-03-01\t15\n")


@pytest.mark.slow
@given(
    ref=st.sampled_from(builtin_ids()),
    notified=st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1)),
    closed=st.lists(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 6, 1)), max_size=5),
    name=st.none() | st.text(max_size=20),
)
def test_fast_jsonl_writer_matches_the_reference(
    ref: str, notified: date, closed: list[date], name: str | None, england: WorkingCalendar
) -> None:
    source = CalendarSource(closures=tuple(DateSpan(d, d, "shut %s") for d in closed))
    calendar = working_calendar(source) if closed else england
    assume(calendar.is_working_day(notified))
    framework = load_framework(ref)
    fast, reference = io.StringIO(), io.StringIO()
    JsonlWriter(framework, calendar, source, name).write(notified, fast)
    render(build_plan(framework, notified, calendar, source, authority=name or None), reference)
    assert fast.getvalue() == reference.getvalue()


def test_jsonl_batch_needs_no_particular_working_day(tmp_path: Path) -> None:
    """No hidden sample date: a closure or an official bank holiday on any day leaves batches working."""
    official = tmp_path / "bank-holidays.json"
    events = [{"title": "A new holiday", "date": "2010-02-22", "notes": "", "bunting": True}]
    official.write_text(json.dumps({"england-and-wales": {"division": "x", "events": events}}), "utf-8")
    for calendar_args in (
        ["--closed", "2010-02-22"],
        ["--closed", "2010-01-01..2010-12-31"],
        ["--bank-holidays-file", str(official)],
    ):
        args = ["plan", "-n", "-", "--format", "jsonl", *calendar_args]
        result = run_cli(args, input="2011-03-01\n")
        single = run_cli(["plan", "-n", "2011-03-01", "--format", "json", *calendar_args])
        assert result.exit_code == single.exit_code == 0, (calendar_args, result.stderr)
        assert "Error" not in result.stderr
        assert result.stderr == single.stderr  # e.g. the file's own warnings, no more
        assert json.loads(result.stdout) == json.loads(single.stdout)
        # Day 11 of a plan notified on Tue 1 Mar 2011 is Tue 15 Mar, counted on a calendar by hand.
        starts = {m["start_day"]: m["start"] for m in json.loads(result.stdout)["milestones"]}
        assert starts[11] == "2011-03-15"


def test_batch_with_a_closure_on_any_day() -> None:
    """The fast writer's template is built on a working day, whatever days are closed."""
    result = run_cli(["plan", "-n", "-", "--format", "jsonl", "--closed", "2010-02-22"], input="2010-03-01\n")
    assert (result.exit_code, result.stderr) == (0, "")
    assert '"notified":"2010-03-01"' in result.stdout


def test_batches_match_a_walk_over_the_official_list(govuk: dict[str, object]) -> None:
    """Every date of every plan in a batch, against Days counted one calendar day at a time."""
    official = govuk_weekdays(govuk, "england-and-wales")  # type: ignore[arg-type]
    notified = [
        d
        for d in (date(2012, 1, 3) + timedelta(days=17 * i) for i in range(360))
        if oracle.working(d, official)
    ]
    stdin = "".join(f"{d.isoformat()}\n" for d in notified)
    jsonl = run_cli(["plan", "-n", "-", "--format", "jsonl"], input=stdin)
    assert (jsonl.exit_code, jsonl.stderr) == (0, "")
    plans = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert [p["notified"] for p in plans] == [d.isoformat() for d in notified]
    for day_one, plan in zip(notified, plans, strict=True):
        for m in plan["milestones"]:
            assert m["start"] == oracle.day_date(day_one, m["start_day"], official).isoformat(), (day_one, m)
            assert m["end"] == oracle.day_date(day_one, m["end_day"], official).isoformat(), (day_one, m)
        last = date.fromisoformat(max(m["end"] for m in plan["milestones"]))
        assert plan["skipped"] == [
            {"date": d.isoformat(), "name": official[d]} for d in sorted(official) if day_one <= d <= last
        ] or [s["date"] for s in plan["skipped"]] == [
            d.isoformat() for d in sorted(official) if day_one <= d <= last
        ]
    rows = list(csv.reader(io.StringIO(run_cli(["plan", "-n", "-", "--format", "csv"], input=stdin).stdout)))
    assert len(rows) == 1 + 16 * len(notified)
    for row in rows[1:]:
        day_one = date.fromisoformat(row[0])
        assert row[3] == oracle.day_date(day_one, int(row[1]), official).isoformat()
        assert row[4] == oracle.day_date(day_one, int(row[2]), official).isoformat()
    tabs = run_cli(["date", "1", "11", "40", "-n", "-"], input=stdin).stdout.splitlines()
    assert tabs == [
        "\t".join(
            d.isoformat() for d in (day_one, *(oracle.day_date(day_one, n, official) for n in (1, 11, 40)))
        )
        for day_one in notified
    ]


# -- the README's stdin errors are the real ones ---------------------------------------------------


def test_readme_shows_the_real_stdin_batch_errors() -> None:
    import re

    from .conftest import documentation

    readme = documentation()
    command = "printf '2010-02-22\\n2010-04-02\\nsoon\\n' | inspectcal date 5 --notified -"
    block = re.search(rf"```\n\$ {re.escape(command)}\n(.*?)```", readme, re.S)
    assert block is not None
    shown = block[1].splitlines()
    done = subprocess.run(
        [sys.executable, "-m", "inspectcal", "date", "5", "--notified", "-"],
        input="2010-02-22\n2010-04-02\nsoon\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert shown == done.stdout.splitlines() + done.stderr.splitlines()
    assert done.stderr.count("Error: ") == 3  # one per bad line, one summary
    assert "`Error: stdin line" not in readme  # the old, wrong form
    assert "one `Error:` line per bad input plus one summary line" in " ".join(readme.split())


# -- add and between read stdin like date and day --------------------------------------------------


def test_add_batch_reads_date_and_n_pairs() -> None:
    code, out, err = run_in_repo(
        "add", "-", input="2010-02-22 39\n\n# a comment\n22/02/2010,1\n2010-02-22\t-1\n"
    )
    assert (code, err) == (0, "")
    assert out == "2010-02-22\t39\t2010-04-20\n2010-02-22\t1\t2010-02-23\n2010-02-22\t-1\t2010-02-19\n"


def test_add_batch_with_a_fixed_n_and_formats() -> None:
    _, out, _ = run_in_repo("add", "-", "39", "--format", "csv", input="2010-02-22\n2011-02-21\n")
    assert out == "start,n,date\n2010-02-22,39,2010-04-20\n2011-02-21,39,2011-04-15\n"
    _, out, _ = run_in_repo("add", "-", "39", "--format", "jsonl", input="2010-02-22\n")
    assert out == '{"start":"2010-02-22","n":39,"date":"2010-04-20"}\n'


def test_between_batch_reads_pairs_written_any_usual_way() -> None:
    lines = "2010-02-22 2010-04-20\n22 Feb 2010, 20 Apr 2010\n22/02/2010\t20/04/2010\n"
    code, out, err = run_in_repo("between", "-", input=lines)
    assert (code, err) == (0, "")
    assert out == "2010-02-22\t2010-04-20\t39\n" * 3
    code, out, _ = run_in_repo("between", "-", "2010-04-20", "--inclusive", input="2010-02-22\n")
    assert out == "2010-02-22\t2010-04-20\t40\n"


def test_add_and_between_batches_follow_the_batch_rules() -> None:
    """A bad line is named by number, the rest are done, then exit 2 (as for date and day)."""
    code, out, err = run_in_repo("add", "-", input="2010-02-22 39\nsoon 3\nlater\n2010-02-22 1\n")
    assert code == 2
    assert out == "2010-02-22\t39\t2010-04-20\n2010-02-22\t1\t2010-02-23\n"
    assert err.splitlines() == [
        "Error: stdin, line 2: DATE: cannot read 'soon' as a date: "
        "use YYYY-MM-DD, DD/MM/YYYY or e.g. '22 Feb 2010'",
        "Error: stdin, line 3: 'later' is not DATE N, e.g. 2010-02-22 39 (a tab or a comma also works)",
        "Error: 2 bad lines on stdin (see above); the rest were done",
    ]
    code, out, err = run_in_repo("between", "-", input="2010-02-22\n2010-02-22 2010-02-23\n")
    assert (code, out) == (2, "2010-02-22\t2010-02-23\t1\n")
    assert err.splitlines()[0] == (
        "Error: stdin, line 1: cannot read two dates in '2010-02-22': "
        "write A and B with a tab or a comma between them"
    )
    code, out, err = run_in_repo("add", "-", "--format", "json", input="2010-02-22 39\n")
    assert (code, out) == (2, "")
    assert err == "Error: add - reads stdin a line at a time: use --format text, jsonl or csv\n"


def test_add_batch_matches_one_run_per_line() -> None:
    """The batch gives what a run per line gives (the loop it replaces)."""
    pairs = [("2010-02-22", 39), ("2012-05-31", 3), ("2010-12-24", -5), ("2011-04-21", 10)]
    code, out, _ = run_in_repo("add", "-", input="".join(f"{d} {n}\n" for d, n in pairs))
    assert code == 0
    singles = [run_in_repo("add", d, str(n))[1].strip() for d, n in pairs]
    assert [line.split("\t")[2] for line in out.splitlines()] == singles


def test_a_batch_stops_after_a_thousand_bad_lines_and_says_where() -> None:
    """A wrong file piped in is not a list of dates: a thousand errors, then one line and exit 2."""
    from inspectcal.cli.batch import MAX_BAD_LINES

    junk = "2010-02-22\n" + "junk\n" * 50_000
    result = run_cli(["date", "11", "-n", "-"], input=junk)
    assert result.exit_code == 2
    errors = result.stderr.splitlines()
    assert len(errors) == MAX_BAD_LINES + 1 == 1_001
    assert errors[0] == (
        "Error: stdin, line 2: cannot read 'junk' as a date: use YYYY-MM-DD, DD/MM/YYYY or e.g. '22 Feb 2010'"
    )
    assert errors[-1] == (
        "Error: 1,000 bad lines on stdin (see above); stopped at line 1,001: is it the right input?"
    )
    assert result.stdout == "2010-02-22\t2010-03-08\n"  # the good line before them was done


def test_fewer_bad_lines_than_the_limit_do_not_stop_the_batch() -> None:
    lines = "junk\n" * 999 + "2010-02-22\n"
    result = run_cli(["date", "11", "-n", "-"], input=lines)
    assert result.exit_code == 2
    assert result.stdout == "2010-02-22\t2010-03-08\n"
    assert result.stderr.splitlines()[-1] == "Error: 999 bad lines on stdin (see above); the rest were done"
