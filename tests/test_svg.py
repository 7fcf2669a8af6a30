"""The timeline picture: `plan --format svg` (and `calendar --svg`)."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inspectcal.cli import app
from inspectcal.render import svg as timeline_module

from . import oracle
from .pictures import assert_not_blank, contrast, need_tool

runner = CliRunner()
NS = "{http://www.w3.org/2000/svg}"
# 2010's bank holidays in England that a SLAC plan notified on 22 Feb 2010 crosses (gov.uk).
EASTER_2010 = {date(2010, 4, 2): "Good Friday", date(2010, 4, 5): "Easter Monday"}


def picture(*args: str) -> str:
    result = runner.invoke(app, ["plan", "--format", "svg", *args])
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    return result.stdout


def working_days(start: date, end: date, off: set[date]) -> list[date]:
    """A day-by-day walk: the weekdays from start to end that are not in ``off``."""
    return oracle.working_days(start, end, off)


def texts(element: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in element.iter(f"{NS}text")]


@pytest.fixture(scope="module")
def slac() -> ET.Element:
    return ET.fromstring(picture("-n", "2010-02-22", "--name", "Nottinghamshire"))


def test_valid_svg_with_title_and_description(slac: ET.Element) -> None:
    assert slac.tag == f"{NS}svg"
    assert slac.get("role") == "img"
    title = slac.find(f"{NS}title")
    desc = slac.find(f"{NS}desc")
    assert title is not None
    assert desc is not None
    heading = (
        "Nottinghamshire: Safeguarding and looked after children services inspection (2009-2012), "
        "notified Mon 22 Feb 2010"
    )
    assert title.text == heading
    assert desc.text is not None
    assert "Days 11-20, Mon 8 Mar 2010 to Fri 19 Mar 2010: Evidence gathering on site" in desc.text
    assert "Not a working day: Fri 2 Apr 2010, Good Friday (bank holiday)." in desc.text
    # A4 width for Word: a physical width in mm, and a viewBox to scale from.
    assert slac.get("width") == "170mm"
    assert re.fullmatch(r"0 0 680 \d+(\.\d)?", slac.get("viewBox") or "")


def test_self_contained_and_deterministic() -> None:
    first = picture("-n", "2010-02-22", "--name", "Nottinghamshire")
    assert first == picture("-n", "2010-02-22", "--name", "Nottinghamshire")
    lowered = first.lower()
    for banned in ("<script", "<style", "@import", "@font-face", "<image", "<foreignobject", "https:"):
        assert banned not in lowered, banned
    # The only URL is the SVG namespace; every other reference points inside the file.
    assert re.findall(r"https?://[^\"' ]+", first) == ["http://www.w3.org/2000/svg"]
    assert all(ref.startswith("#") for ref in re.findall(r"url\(([^)]*)\)", first))
    assert "href" not in lowered


def test_ranges_are_bars_over_their_working_days_only(slac: ET.Element) -> None:
    """Each bar segment covers working days only, and together they cover every working day."""
    first, last = date(2010, 2, 22), date(2010, 4, 20)
    per_day = (timeline_module.CHART_X1 - timeline_module.CHART_X0) / ((last - first).days + 1)
    expected = {
        "case-audit": working_days(date(2010, 3, 1), date(2010, 3, 5), set(EASTER_2010)),
        "fieldwork": working_days(date(2010, 3, 8), date(2010, 3, 19), set(EASTER_2010)),
        "accuracy-check": working_days(date(2010, 3, 29), date(2010, 4, 6), set(EASTER_2010)),
    }
    assert len(expected["accuracy-check"]) == 5  # Days 26-30 step over Easter
    for milestone, days in expected.items():
        group = slac.find(f".//{NS}g[@id='ic-{milestone}']")
        assert group is not None, milestone
        covered = []
        for rect in group.iter(f"{NS}rect"):
            x, width = float(rect.get("x", 0)), float(rect.get("width", 0))
            start = round((x - timeline_module.CHART_X0) / per_day)
            count = round(width / per_day)
            covered += [first + timedelta(days=start + k) for k in range(count)]
        assert covered == days, milestone


def test_one_day_milestones_are_markers_and_who_shows_without_colour(slac: ET.Element) -> None:
    shapes = {"ofsted": ("polygon", 4), "council": ("circle", 0), "both": ("polygon", 3)}
    who_of = {"setup-meeting": "both", "case-list": "council", "publication": "ofsted", "feedback": "both"}
    words = {"ofsted": "Ofsted", "council": "Council", "both": "Both"}
    for milestone, who in who_of.items():
        group = slac.find(f".//{NS}g[@id='ic-{milestone}']")
        assert group is not None
        shape, corners = shapes[who]
        found = group.find(f"{NS}{shape}")
        assert found is not None, milestone
        if corners:
            assert len((found.get("points") or "").split()) == corners
        assert words[who] in texts(group)  # the word, as well as the colour and shape
    # Range bars: solid for Ofsted, patterns for the council and both.
    fills = {
        who: {r.get("fill") for r in (slac.find(f".//{NS}g[@id='ic-{m}']") or slac).iter(f"{NS}rect")}
        for who, m in (("ofsted", "fieldwork"), ("council", "case-audit"))
    }
    assert fills["council"] == {"url(#ic-council)"}
    assert fills["ofsted"] != fills["council"]
    assert all(f and f.startswith("#") for f in fills["ofsted"])


def test_axis_days_match_their_dates_and_days_off_are_shaded_and_named(slac: ET.Element) -> None:
    words = texts(slac)
    axis = slac.find(f".//{NS}g[@id='ic-axis']")
    assert axis is not None
    workdays = working_days(date(2010, 2, 22), date(2010, 4, 20), set(EASTER_2010))
    months = ("Jan", "Feb", "Mar", "Apr")
    labels = [w for w in texts(axis) if re.fullmatch(r"Day \d+", w)]
    dates = [w for w in texts(axis) if re.fullmatch(r"\d+ (Jan|Feb|Mar|Apr)", w)]
    assert labels[0] == "Day 1"
    assert dates[0] == "22 Feb"
    assert len(labels) == len(dates) >= 6
    for label, text in zip(labels, dates, strict=True):
        day, month = text.split()
        when = date(2010, months.index(month) + 1, int(day))
        assert workdays.index(when) + 1 == int(label.split()[1]), (label, text)
    assert "Day 30" in labels
    assert "6 Apr" in dates
    assert "Good Friday" in words
    assert "Easter Monday" in words
    assert "Key:" in words
    assert "Weekend" in words
    assert "Bank holiday or closure" in words


def test_text_contrast_meets_wcag_aa(slac: ET.Element) -> None:
    backgrounds = ["#ffffff", timeline_module.WEEKEND, timeline_module.DAY_OFF, "#fff4d6"]
    fills = {t.get("fill") or timeline_module.INK for t in slac.iter(f"{NS}text")}
    assert len(fills) >= 4
    for fill in fills:
        # Who-coloured words sit in the left column, on white; the rest may sit on shading.
        on = ["#ffffff"] if fill in {w.colour for w in timeline_module.WHO.values()} else backgrounds
        for background in on:
            assert contrast(fill, background) >= 4.5, (fill, background)
    for who in timeline_module.WHO.values():  # bars and markers: 3:1 for graphics
        assert contrast(who.colour, "#ffffff") >= 3


@pytest.mark.parametrize(
    "name",
    [
        "The Royal Borough of Kensington and Chelsea, Westminster City Council and the London Borough of "
        "Hammersmith and Fulham Tri-borough Children's Services",
        "Kensington" * 12,  # one long word: broken, never clipped
        "<script>alert(1)</script> & \"quotes\" 'too'",
    ],
)
def test_the_title_never_clips_and_user_text_is_escaped(name: str) -> None:
    text = picture("-n", "2010-02-22", "--name", name)
    root = ET.fromstring(text)  # parses: escaped, and no control characters left
    assert "<script>" not in text
    heading = root.findtext(f"{NS}title") or ""
    assert heading.startswith(f"{name}: Safeguarding")
    lines = [t for t in root.iter(f"{NS}text") if t.get("font-size") == "16"]
    assert "".join("".join(t.itertext()) for t in lines).replace(" ", "") == heading.replace(" ", "")
    width = float((root.get("viewBox") or "").split()[2])
    for line in lines:
        estimate = timeline_module.text_width("".join(line.itertext()), 16, bold=True)
        assert float(line.get("x", 0)) + estimate <= width - timeline_module.MARGIN


def test_indicative_framework_says_so_with_its_source() -> None:
    root = ET.fromstring(picture("-n", "2024-09-09", "-f", "ilacs-standard"))
    words = " ".join(texts(root))
    assert "Indicative timetable. Source: Indicative: built from Ofsted's ILACS framework" in words
    authoritative = " ".join(texts(ET.fromstring(picture("-n", "2010-02-22"))))
    assert "Indicative" not in authoritative
    assert "Source: Ofsted's SLAC timetable as published by Nottinghamshire" in authoritative


def test_closures_are_shaded_and_named_and_neighbours_share_a_label() -> None:
    root = ET.fromstring(
        picture("-n", "2024-12-16", "-f", "ilacs-standard", "--closed", "2024-12-27..2024-12-31")
    )
    words = texts(root)
    assert "Christmas Day, Boxing Day" in words  # adjacent columns: one label, not two on top of each other
    assert "Council closure" in words
    assert "New Year's Day" in words


def test_calendar_svg_writes_the_timeline(tmp_path: Path) -> None:
    target = tmp_path / "plan.svg"
    result = runner.invoke(app, ["calendar", "-n", "2010-02-22", "--svg", str(target)])
    assert result.exit_code == 0, result.stderr
    assert target.read_text("utf-8") == picture("-n", "2010-02-22")


def test_rsvg_renders_it(tmp_path: Path) -> None:
    rsvg = need_tool("rsvg-convert", "librsvg2-bin")
    source = tmp_path / "plan.svg"
    source.write_text(picture("-n", "2010-02-22", "--name", "Nottinghamshire"), "utf-8")
    target = tmp_path / "plan.png"
    done = subprocess.run(
        [rsvg, "--width", "1000", str(source), "-o", str(target)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert_not_blank(target)


def test_terminal_month_grid_shades_ranges() -> None:
    result = runner.invoke(app, ["calendar", "-n", "2010-02-22"])
    assert result.exit_code == 0
    out = result.stdout
    # Days 6-10 (case audit) and 12-18 (on site) are inside ranges; Day 11 is a milestone.
    for mark in ("D6=", "D10=", "D12=", "D18=", "D26=", "D30="):
        assert mark in out, mark
    for mark in ("D11*", "D19*", "D20*", "D40*"):
        assert mark in out, mark
    assert "D31=" not in out
    assert "D31*" not in out
    assert "D31" in out


def test_text_that_xml_cannot_hold_is_replaced_not_written() -> None:
    """The CLI refuses control characters in --name; the renderer is safe with them all the same."""
    from inspectcal.calendars import CalendarSource, working_calendar
    from inspectcal.frameworks import load_framework
    from inspectcal.plan import build_plan

    source = CalendarSource()
    plan = build_plan(
        load_framework("slac-2009"),
        date(2010, 2, 22),
        working_calendar(source),
        source,
        authority="A\x07B\x00C",
    )
    root = ET.fromstring(timeline_module.timeline(plan))
    assert (root.findtext(f"{NS}title") or "").startswith("A\ufffdB\ufffdC: ")
