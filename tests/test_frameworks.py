"""Frameworks as data: the built-ins, the example, parameters, anchors and broken files."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from inspectcal.calendars import CalendarSource
from inspectcal.errors import InputError
from inspectcal.frameworks import builtin_ids, load_framework, parse_framework
from inspectcal.plan import Anchor, build_plan, notified_from_anchor, parse_anchor_day
from inspectcal.workdays import WorkingCalendar

from . import oracle
from .conftest import REPO, fails, govuk_weekdays, run, run_cli, shared_file

EXAMPLE = REPO / "examples" / "council-preparation.toml"
ALL = [*builtin_ids(), str(EXAMPLE)]


def test_builtins_are_the_expected_set() -> None:
    assert builtin_ids() == ["area-send", "ilacs-short", "ilacs-standard", "jtai", "slac-2009"]
    statuses = {ref: load_framework(ref).status for ref in builtin_ids()}
    assert statuses == {
        "area-send": "indicative",
        "ilacs-short": "indicative",
        "ilacs-standard": "indicative",
        "jtai": "indicative",
        "slac-2009": "authoritative",
    }
    for ref in builtin_ids():
        assert load_framework(ref).source, ref


@pytest.mark.parametrize("ref", ALL)
def test_every_framework_plans_across_easter(ref: str, england: WorkingCalendar) -> None:
    framework = load_framework(ref)
    plan = build_plan(framework, date(2010, 3, 29), england, CalendarSource())
    assert [d.name for d in plan.skipped][:2] == ["Good Friday", "Easter Monday"]
    assert len(plan.milestones) == len(framework.milestones)
    for m in plan.milestones:
        assert m.start == oracle.day_date(plan.notified, m.start_day, oracle.ENGLAND_2010), m
        assert m.end == oracle.day_date(plan.notified, m.end_day, oracle.ENGLAND_2010), m
    starts = [m.start_day for m in plan.milestones]
    assert starts == sorted(starts)


def test_ilacs_publication_is_a_parameter_after_the_last_on_site_day(england: WorkingCalendar) -> None:
    standard = load_framework("ilacs-standard")
    assert standard.parameters == {"publication_gap": 27}
    # Worked by hand on a 2024-25 calendar: Day 15 is Fri 22 Nov; then 21, 27 or 30 working days
    # on, skipping 25 and 26 Dec and 1 Jan.
    published = {21: date(2024, 12, 23), 27: date(2025, 1, 3), 30: date(2025, 1, 8)}
    for gap in (21, 27, 30):
        plan = build_plan(
            standard.with_parameters({"publication_gap": gap}), date(2024, 11, 4), england, CalendarSource()
        )
        by_id = {m.id: m for m in plan.milestones}
        assert (by_id["onsite"].start_day, by_id["onsite"].end_day) == (6, 15)
        assert by_id["feedback"].start == by_id["onsite"].end
        assert by_id["publication"].start_day == 15 + gap
        assert by_id["onsite"].end == date(2024, 11, 22)
        assert by_id["publication"].start == published[gap]
    short = load_framework("ilacs-short")
    assert [(s.start, s.end) for s in short.milestones if s.id == "onsite"] == [(6, 10)]
    jtai = {s.id: (s.start, s.end) for s in load_framework("jtai").milestones}
    assert jtai["onsite"] == (11, 15)


def test_example_extends_slac(england: WorkingCalendar) -> None:
    framework = load_framework(str(EXAMPLE))
    slac_ids = [s.id for s in load_framework("slac-2009").milestones]
    ids = [spec.id for spec, _, _ in framework.resolved_days()]
    assert [i for i in ids if i in slac_ids] == slac_ids  # SLAC's own order is kept
    assert {"member-briefing", "staff-debrief", "portfolio-deadline"} <= set(ids)
    assert framework.critical == ("setup-meeting", "fieldwork", "member-briefing")
    debrief = {
        spec.id: start for spec, start, _ in framework.with_parameters({"debrief_gap": 5}).resolved_days()
    }
    assert debrief["staff-debrief"] == 25


def test_unknown_parameter() -> None:
    with pytest.raises(
        InputError, match=r"framework slac-2009 has no parameter 'gap' \(its parameters: none\)"
    ):
        load_framework("slac-2009").with_parameters({"gap": 1})


@given(
    # From June 2012: 60 working days back stays inside the official list (it starts in 2012).
    when=st.dates(min_value=date(2012, 6, 1), max_value=date(2028, 12, 31)),
    day=st.integers(1, 60),
    region=st.sampled_from(["england-and-wales", "scotland", "northern-ireland"]),
)
def test_anchor_gives_the_day_one_that_a_walk_back_over_the_official_list_finds(
    when: date, day: int, region: str, calendars: dict[str, WorkingCalendar], govuk: dict[str, object]
) -> None:
    official = set(govuk_weekdays(govuk, region))  # type: ignore[arg-type]
    assume(oracle.working(when, official))
    notified = notified_from_anchor(calendars[region], Anchor(day, when))
    assert notified == oracle.walk(when, -(day - 1), official)
    assert oracle.day_date(notified, day, official) == when


def test_anchor_by_milestone_id(england: WorkingCalendar) -> None:
    framework = load_framework("slac-2009")
    assert parse_anchor_day(framework, "fieldwork-start") == 11
    assert parse_anchor_day(framework, " 11 ") == 11
    assert notified_from_anchor(england, Anchor(11, date(2010, 3, 8))) == date(2010, 2, 22)
    assert notified_from_anchor(england, Anchor(40, date(2010, 4, 20))) == date(2010, 2, 22)
    ilacs = load_framework("ilacs-standard").with_parameters({"publication_gap": 21})
    assert parse_anchor_day(ilacs, "publication") == 36


def test_anchor_in_the_cli() -> None:
    result = run_cli(["plan", "--anchor", "fieldwork-start=08/03/2010", "--format", "json"])
    data = json.loads(result.stdout)
    assert data["notified"] == "2010-02-22"
    assert data["anchor"] == {"day": 11, "date": "2010-03-08"}
    same = run_cli(["plan", "--anchor", "40=2010-04-20", "--format", "json"])
    assert json.loads(same.stdout)["milestones"] == data["milestones"]
    table = run_cli(["plan", "--anchor", "11=2010-03-08"]).stdout
    assert "notified Mon 22 Feb 2010 (from Day 11 on Mon 8 Mar 2010)" in " ".join(table.split())


def test_params_in_the_cli() -> None:
    result = run_cli(
        [
            "plan",
            "-n",
            "2024-11-04",
            "-f",
            "ilacs-standard",
            "--param",
            "publication_gap=21",
            "--format",
            "json",
        ],
    )
    data = json.loads(result.stdout)
    assert data["parameters"] == {"publication_gap": 21}
    assert data["framework"]["status"] == "indicative"
    assert data["framework"]["source"].startswith("Indicative:")
    assert data["milestones"][-1]["start_day"] == 36


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["plan", "-n", "2010-02-22", "--anchor", "11=2010-03-08"],
            "give either --notified DATE (Day 1) or --anchor DAY=DATE (a known date), not both",
        ),
        (
            ["plan", "--anchor", "11"],
            "--anchor '11' is not DAY=DATE, e.g. 11=2010-03-08 or fieldwork-start=2010-03-08",
        ),
        (["plan", "--anchor", "0=2010-03-08"], "--anchor: Day 0 does not exist: Days count from 1"),
        (
            ["plan", "--anchor", "11=2010-04-05"],
            "the --anchor date (Day 11) must be a working day, but 2010-04-05 is Easter Monday, "
            "a bank holiday in England and Wales",
        ),
        (
            ["plan", "--anchor", "onsite=2010-03-08"],
            "framework slac-2009 has no milestone 'onsite': choose one of ",
        ),
        (
            ["plan", "-n", "2010-02-22", "--param", "publication_gap=21"],
            "framework slac-2009 has no parameter 'publication_gap' (its parameters: none)",
        ),
        (
            ["plan", "-n", "2010-02-22", "-f", "ilacs-standard", "--param", "publication_gap=soon"],
            "--param 'publication_gap=soon' is not NAME=VALUE with a whole number, e.g. publication_gap=21",
        ),
        (
            ["plan", "-n", "2010-02-22", "-f", "ilacs-standard", "--param", "publication_gap=-20"],
            "framework ilacs-standard: parameter 'publication_gap' must be a whole number from 0 to 10000, "
            "not -20",
        ),
        (
            ["frameworks", "show", "nope"],
            "unknown framework 'nope': choose one of area-send, ilacs-short, ilacs-standard, jtai, slac-2009 "
            "or give the path of a .toml file",
        ),
        (
            ["plan", "-n", "2010-02-22", "-f", "missing.toml"],
            "framework file missing.toml does not exist: check the path",
        ),
    ],
)
def test_framework_option_errors(args: list[str], message: str) -> None:
    result = run_cli(args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {message}")
    assert result.stderr.count("\n") == 1


GOOD_MILESTONE = '[[milestones]]\nid = "a"\ntitle = "A"\nwho = "ofsted"\nday = 1\n'
HEADER = 'id = "mine"\ntitle = "Mine"\nstatus = "indicative"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id = \n", "not valid TOML: "),
        (HEADER, "top level: a framework needs at least one [[milestones]] entry"),
        (
            HEADER + '[[milestones]]\nid = "a"\ntitle = "A"\nwho = "ofsted"\n',
            "milestone 'a': field 'day' (or 'start' and 'end') is missing",
        ),
        (
            HEADER + '[[milestones]]\nid = "a"\ntitle = "A"\nwho = "ofsted"\nstart = 10\nend = 6\n',
            "milestone 'a': field 'end' (Day 6) is before 'start' (Day 10)",
        ),
        (
            HEADER + '[[milestones]]\nid = "a"\ntitle = "A"\nwho = "the mayor"\nday = 1\n',
            "milestone 'a': field 'who' must be one of ofsted, council, both, not 'the mayor'",
        ),
        (
            HEADER + GOOD_MILESTONE + GOOD_MILESTONE,
            "milestone 'a': field 'id' is used twice: ids must be unique",
        ),
        (
            HEADER + '[parameters]\ngap = "ten"\n' + GOOD_MILESTONE,
            "parameter 'gap': field 'gap' must be a whole number, not 'ten'",
        ),
        (
            HEADER + "[parameters]\ngap = 2.5\n" + GOOD_MILESTONE,
            "parameter 'gap': field 'gap' must be a whole number",
        ),
        (
            HEADER + GOOD_MILESTONE.replace("day = 1", "day = 0"),
            "milestone 'a': field 'day' must be a Day from 1 to",
        ),
        (
            HEADER + GOOD_MILESTONE.replace("day = 1", 'day = "5"'),
            "milestone 'a': field 'day' must be a whole number",
        ),
        (
            HEADER + GOOD_MILESTONE + 'plus = "gap"\n',
            "milestone 'a': field 'plus' names 'gap', which is not in",
        ),
        (
            HEADER.replace("indicative", "official") + GOOD_MILESTONE,
            "top level: field 'status' must be one of authoritative, indicative, not 'official'",
        ),
        (
            HEADER + 'critical = ["b"]\n' + GOOD_MILESTONE,
            "top level: field 'critical' names 'b', which is not",
        ),
        (HEADER + 'extends = "ofsted-1066"\n', "top level: field 'extends' must name a built-in framework"),
        (
            'title = "No id"\nstatus = "indicative"\n' + GOOD_MILESTONE,
            "top level: field 'id' must be a non-empty string",
        ),
        (
            HEADER + GOOD_MILESTONE.replace('title = "A"\n', ""),
            "milestone 'a': field 'title' must be a non-empty",
        ),
        # Misspellings are refused at every level, with the nearest valid key.
        (
            HEADER + "[parameters]\ngap = 5\n" + GOOD_MILESTONE + 'plsu = "gap"\n',
            "milestone 'a': unknown field 'plsu' (did you mean 'plus'?)",
        ),
        (
            HEADER + 'critcal = ["a"]\n' + GOOD_MILESTONE,
            "top level: unknown field 'critcal' (did you mean 'critical'?)",
        ),
        (
            HEADER + GOOD_MILESTONE + "colour = 1\n",
            "milestone 'a': unknown field 'colour' (fields: day, end, id, plus, start, title, who)",
        ),
        (
            HEADER + "[parameters]\ngap = { default = 5, maximum = 9 }\n" + GOOD_MILESTONE,
            "parameter 'gap': unknown field 'maximum' (did you mean 'max'?)",
        ),
        (
            HEADER + "[record]\nname = 'ilacs'\nframwork = 'standard'\n" + GOOD_MILESTONE,
            "[record]: unknown field 'framwork' (did you mean 'framework'?)",
        ),
        # Parameters: whole numbers within their bounds (by default, not negative).
        (
            HEADER + "[parameters]\ngap = -3\n" + GOOD_MILESTONE,
            "parameter 'gap': must be a whole number from 0 to 10000, not -3",
        ),
        (
            HEADER + "[parameters]\ngap = { default = 70, min = 10, max = 60 }\n" + GOOD_MILESTONE,
            "parameter 'gap': must be a whole number from 10 to 60, not 70",
        ),
    ],
)
def test_broken_framework_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(text, "utf-8")
    result = run_cli(["plan", "-n", "2010-02-22", "--framework", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: framework file {path}: {message}"), result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_toml_is_data_only() -> None:
    # Nothing in a framework file is evaluated: an expression is just text that fails validation.
    with pytest.raises(InputError, match="field 'day' must be a whole number"):
        parse_framework(
            HEADER + GOOD_MILESTONE.replace("day = 1", "day = \"__import__('os')\""),
            name="test.toml",
        )


def test_frameworks_list_and_show() -> None:
    listed = json.loads(run_cli(["frameworks", "--format", "json"]).stdout)
    assert [(f["id"], f["status"], f["milestones"]) for f in listed] == [
        ("area-send", "indicative", 7),
        ("ilacs-short", "indicative", 6),
        ("ilacs-standard", "indicative", 6),
        ("jtai", "indicative", 5),
        ("slac-2009", "authoritative", 16),
    ]
    assert all(f["title"] for f in listed)
    table = run_cli(["frameworks"]).stdout
    for ref in builtin_ids():
        assert ref in table
    shown = run_cli(["frameworks", "show", "ilacs-standard", "--param", "publication_gap=21"]).stdout
    flat = " ".join(shown.split())
    assert "│ 36 │ publication │ Inspection report published │ ofsted │" in flat
    assert "Parameters: publication_gap = 21" in flat
    assert "Source: Indicative:" in flat
    detail = json.loads(run_cli(["frameworks", "show", str(EXAMPLE), "--format", "json"]).stdout)
    assert detail["id"] == "council-preparation"
    assert detail["milestones"][0] == {
        "id": "notification",
        "title": "Notification of the inspection sent to the Director of Children's Services",
        "who": "ofsted",
        "start_day": 1,
        "end_day": 1,
    }


def test_indicative_source_is_shown_wherever_it_is_used() -> None:
    args = ["plan", "-n", "2024-11-04", "-f", "ilacs-short"]
    for fmt in ("table", "markdown"):
        out = " ".join(run_cli([*args, "--format", fmt]).stdout.split())
        assert "Framework status: indicative. Indicative: built from Ofsted's ILACS framework" in out, fmt
    ics = run_cli([*args, "--format", "ics"], env={"SOURCE_DATE_EPOCH": "0"}).stdout
    assert "Framework status: indicative. Indicative: built from" in ics.replace("\r\n ", "")
    slac = " ".join(run_cli(["plan", "-n", "2010-02-22"]).stdout.split())
    assert "Framework status" not in slac


ORDERED = (
    HEADER
    + "[parameters]\ngap = { default = 10, min = -20, max = 60 }\n"
    + '[[milestones]]\nid = "onsite"\ntitle = "On site"\nwho = "ofsted"\nstart = 6\nend = 15\n'
    + '[[milestones]]\nid = "publication"\ntitle = "Published"\nwho = "ofsted"\nday = 15\nplus = "gap"\n'
)


def test_declared_bounds_apply_to_param(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(ORDERED, "utf-8")
    result = run_cli(["plan", "-n", "2010-02-22", "-f", str(path), "--param", "gap=61"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr
        == "Error: framework mine: parameter 'gap' must be a whole number from -20 to 60, not 61\n"
    )
    result = run_cli(["plan", "-n", "2010-02-22", "-f", str(path), "--param", "gap=0", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert "15,15,2010-03-12,2010-03-12,publication" in result.stdout


def test_publication_before_the_last_on_site_day_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(ORDERED, "utf-8")
    result = run_cli(["plan", "-n", "2010-02-22", "-f", str(path), "--param", "gap=-1"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: framework mine: with these parameters milestone 'publication' (Day 14) would come before "
        "the end of 'onsite' (Day 15), which it follows\n"
    )


def test_negative_publication_gap_on_a_built_in_framework() -> None:
    """The issue's case: --param publication_gap=-14 put publication on Day 1."""
    result = run_cli(["plan", "-n", "2010-02-22", "-f", "ilacs-standard", "--param", "publication_gap=-14"])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: framework ilacs-standard: parameter 'publication_gap' must be a whole number"
    )


def test_keys_nested_too_deep_for_the_parser_are_refused_first(tmp_path: Path) -> None:
    """tomllib's time grows with the square of a dotted key's depth: 90 KB took 31 s."""
    path = tmp_path / "deep.toml"
    path.write_text("a" + ".b" * 51 + " = 1\n", "utf-8")
    result = run_cli(["plan", "-n", "2010-02-22", "-f", str(path)])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"Error: framework file {path}, line 1: a key nested over 50 levels deep: is it the right file?\n"
    )
    path.write_text("[x" + ".b" * 8000 + "]\n", "utf-8")
    result = run_cli(["plan", "-n", "2010-02-22", "-f", str(path)])
    assert (
        result.stderr
        == f"Error: framework file {path}, line 1: a key nested over 50 levels deep: is it the right file?\n"
    )


# -- framework ids ---------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["SLAC-2009", "Slac-2009", " slac-2009 ", "ILACS-SHORT"])
def test_framework_ids_are_case_insensitive(typed: str) -> None:
    expected = typed.strip().lower()
    code, out, err = run("plan", "-n", "2010-02-22", "--framework", typed, "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["framework"]["id"] == expected
    assert run("frameworks", "show", typed)[0] == 0


def test_an_unknown_framework_is_still_refused() -> None:
    assert fails(2, "plan", "-n", "2010-02-22", "--framework", "SLAC-2010").startswith(
        "unknown framework 'SLAC-2010': choose one of "
    )


# -- slac-2009's sources disagree on the report, and it says so ------------------------------------


def test_slac_2009_states_that_its_sources_disagree_on_the_report() -> None:
    from inspectcal.frameworks import load_framework

    from .conftest import documentation

    framework = load_framework("slac-2009")
    wanted = ("draft-report", "final-report", "publication")
    days = {m.id: (m.start, m.end) for m in framework.milestones if m.id in wanted}
    assert days == {"draft-report": (25, 25), "final-report": (35, 35), "publication": (40, 40)}
    source = " ".join(framework.source.split())
    for fact in (
        "Bedford Borough Council's briefing note, whose report Days differ",
        "(draft 30, final and publication by 40 and 45; Nottinghamshire's, used here: 25, 35, 40)",
    ):
        assert fact in source, fact
    readme = " ".join(documentation().split())
    assert "The sources disagree, so the report dates are likely, not fixed" in readme


def test_the_bedford_note_says_what_the_source_quotes() -> None:
    note = " ".join(shared_file("seeds", "bedford-briefing-note.txt").read_text("utf-8").split())
    assert "The draft report will be sent ten days after the end of the inspection" in note
    assert "within 20 days of the end of the inspection" in note
    assert "within 25 days of the end of the inspection" in note
    notts = shared_file("seeds", "nottinghamshire-inspection-update.txt").read_text("utf-8")
    assert "(Day 25)" in notts
    assert "(Day 35)" in notts
    assert "(Day 40)" in notts
