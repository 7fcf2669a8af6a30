"""The timeline picture: `plan --format svg` (and `calendar --svg`)."""

from __future__ import annotations

import itertools
import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest

from inspectcal.render import svg as timeline_module

from . import oracle
from .conftest import run_cli
from .pictures import assert_not_blank, contrast, need_tool

NS = "{http://www.w3.org/2000/svg}"
# 2010's bank holidays in England that a SLAC plan notified on 22 Feb 2010 crosses (gov.uk).
EASTER_2010 = {date(2010, 4, 2): "Good Friday", date(2010, 4, 5): "Easter Monday"}


def picture(*args: str) -> str:
    result = run_cli(["plan", "--format", "svg", *args])
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    return result.stdout


def working_days(start: date, end: date, off: set[date]) -> list[date]:
    """A day-by-day walk: the weekdays from start to end that are not in ``off``."""
    return oracle.working_days(start, end, off)


def texts(element: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in element.iter(f"{NS}text")]


def prefix_of(root: ET.Element) -> str:
    """The picture's id prefix, read from its <title>'s id ("ic-1a2b3c4d-title")."""
    title = root.find(f"{NS}title")
    assert title is not None
    title_id = title.get("id") or ""
    assert re.fullmatch(r"ic-[0-9a-f]{8}-title", title_id), title_id
    return title_id.removesuffix("-title")


def part(root: ET.Element, name: str) -> ET.Element | None:
    """The group ``name`` (a milestone's id, "axis", "forecast") of this picture."""
    return root.find(f".//{NS}g[@id='{prefix_of(root)}-{name}']")


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
    assert re.fullmatch(r"0 0 520 \d+(\.\d)?", slac.get("viewBox") or "")


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
        group = part(slac, milestone)
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
        group = part(slac, milestone)
        assert group is not None
        shape, corners = shapes[who]
        found = group.find(f"{NS}{shape}")
        assert found is not None, milestone
        if corners:
            assert len((found.get("points") or "").split()) == corners
        assert words[who] in texts(group)  # the word, as well as the colour and shape
    # Range bars: solid for Ofsted, patterns for the council and both.
    fills = {
        who: {r.get("fill") for r in (part(slac, m) or slac).iter(f"{NS}rect")}
        for who, m in (("ofsted", "fieldwork"), ("council", "case-audit"))
    }
    assert fills["council"] == {f"url(#{prefix_of(slac)}-council)"}
    assert fills["ofsted"] != fills["council"]
    assert all(f and f.startswith("#") for f in fills["ofsted"])


def test_axis_days_match_their_dates_and_days_off_are_shaded_and_named(slac: ET.Element) -> None:
    words = texts(slac)
    axis = part(slac, "axis")
    assert axis is not None
    workdays = working_days(date(2010, 2, 22), date(2010, 4, 20), set(EASTER_2010))
    months = ("Jan", "Feb", "Mar", "Apr")
    labels = [w for w in texts(axis) if re.fullmatch(r"Day \d+", w)]
    dates = [w for w in texts(axis) if re.fullmatch(r"\d+ (Jan|Feb|Mar|Apr)", w)]
    assert labels[0] == "Day 1"
    assert dates[0] == "22 Feb"
    assert len(labels) == len(dates) >= 4
    for label, text in zip(labels, dates, strict=True):
        day, month = text.split()
        when = date(2010, months.index(month) + 1, int(day))
        assert workdays.index(when) + 1 == int(label.split()[1]), (label, text)
    # Even steps from Day 1, and the last Day (20 Apr, publication) labelled too.
    numbers = [int(label.split()[1]) for label in labels]
    steps = {b - a for a, b in itertools.pairwise(numbers[:-1])}
    assert len(steps) == 1, numbers
    step = steps.pop()
    assert 0 < numbers[-1] - numbers[-2] < 2 * step
    assert (labels[-1], dates[-1]) == ("Day 40", "20 Apr")
    # A grid line at every step to the last Day, the ones whose label the last Day's would touch too.
    per_day = (timeline_module.CHART_X1 - timeline_module.CHART_X0) / (
        (date(2010, 4, 20) - date(2010, 2, 22)).days + 1
    )
    grid = sorted(
        {float(line.get("x1") or 0) for line in slac.iter(f"{NS}line") if line.get("x1") == line.get("x2")}
        & {float(line.get("x1") or 0) for line in slac.iter(f"{NS}line") if line.get("stroke") == "#b3b3b3"}
    )
    ticked = [
        workdays.index(date(2010, 2, 22) + timedelta(days=round((x - timeline_module.CHART_X0) / per_day)))
        + 1
        for x in grid
    ]
    assert ticked == [*range(1, 40, step), 40], ticked
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
    result = run_cli(["calendar", "-n", "2010-02-22", "--svg", str(target)])
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
    result = run_cli(["calendar", "-n", "2010-02-22"])
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


# -- issue 22: readable at A4 width, labels beside their markers, unique ids, the forecast --

POINTS_PER_MM = 72 / 25.4


def smallest_font_pt(svg: str, width_mm: float = 170) -> float:
    """The smallest font-size in the picture, in points, when it is drawn ``width_mm`` wide."""
    root = ET.fromstring(svg)
    view_width = float((root.get("viewBox") or "").split()[2])
    sizes = [float(t.get("font-size") or "nan") for t in root.iter(f"{NS}text")]
    assert sizes, svg
    assert all(size > 0 for size in sizes), sizes  # every text says its size
    return min(sizes) * width_mm / view_width * POINTS_PER_MM


@pytest.mark.parametrize(
    "args",
    [
        ("-n", "2010-02-22", "--name", "Nottinghamshire"),
        ("-n", "2024-09-09", "-f", "ilacs-standard"),
        ("-n", "2010-12-13", "--closed", "2010-12-29..2010-12-31"),
    ],
)
def test_smallest_text_is_at_least_9_pt_at_170_mm(args: tuple[str, ...]) -> None:
    svg = picture(*args)
    assert ET.fromstring(svg).get("width") == "170mm"
    assert smallest_font_pt(svg) >= 9.0, smallest_font_pt(svg)


def test_row_titles_sit_beside_their_markers_on_a_white_outline(slac: ET.Element) -> None:
    """Day 19 and Day 20 (late in the chart, long titles) are labelled at their marker, not at Day 1."""
    for milestone in ("final-team-meeting", "feedback", "publication", "notification"):
        group = part(slac, milestone)
        assert group is not None, milestone
        marker = group.find(f"{NS}polygon")
        assert marker is not None, milestone
        xs = [float(p.split(",")[0]) for p in (marker.get("points") or "").split()]
        centre = sum(xs) / len(xs)
        titles = [t for t in group.iter(f"{NS}text") if float(t.get("x") or 0) >= timeline_module.CHART_X0]
        assert titles, milestone
        for title in titles:  # starts or ends within a day's width of the marker
            assert abs(float(title.get("x") or 0) - centre) < 12, (milestone, title.text, centre)
            # A white outline under the text: grid lines and shading never run through it.
            assert (title.get("stroke"), title.get("paint-order")) == ("#ffffff", "stroke")


def test_ids_are_unique_per_picture_and_stable() -> None:
    one = picture("-n", "2010-02-22", "--name", "Nottinghamshire")
    other = picture("-n", "2010-03-01", "--name", "Nottinghamshire")
    assert one == picture("-n", "2010-02-22", "--name", "Nottinghamshire")
    ids = [set(re.findall(r' id="([^"]+)"', svg)) for svg in (one, other)]
    assert all(len(found) >= 5 for found in ids)
    assert not ids[0] & ids[1]  # two pictures on one page share no id
    for svg, found in zip((one, other), ids, strict=True):
        assert len(re.findall(r' id="', svg)) == len(found)  # no id twice within a picture
        refs = set(re.findall(r"url\(#([^)]+)\)", svg)) | set(
            re.search(r'aria-labelledby="([^"]+)"', svg)[1].split()  # type: ignore[index]
        )
        assert refs <= found, refs - found


def test_ilacs_picture_draws_the_forecast_spread() -> None:
    """ILACS publication: earliest (the plan's Day 42, Tue 5 Nov 2024) to 9 in 10 by Mon 18 Nov,
    drawn under the publication marker, the chart widened to hold it."""
    root = ET.fromstring(picture("-n", "2024-09-09", "-f", "ilacs-standard"))
    publication = part(root, "publication")
    assert publication is not None
    spread = publication.find(f"{NS}g[@id='{prefix_of(root)}-forecast']")
    assert spread is not None
    assert texts(spread) == ["Likely: earliest 5 Nov, half by 5 Nov, 9 in 10 by 18 Nov"]
    first, last = date(2024, 9, 9), date(2024, 11, 18)
    per_day = (timeline_module.CHART_X1 - timeline_module.CHART_X0) / ((last - first).days + 1)

    def middle(day: date) -> float:
        return timeline_module.CHART_X0 + ((day - first).days + 0.5) * per_day

    lines = list(spread.iter(f"{NS}line"))
    assert len(lines) == 3  # the spread and its two ends
    assert float(lines[0].get("x1") or 0) == pytest.approx(middle(date(2024, 11, 5)), abs=0.1)
    assert float(lines[0].get("x2") or 0) == pytest.approx(middle(last), abs=0.1)
    axis = part(root, "axis")
    assert axis is not None
    assert texts(axis)[-2:] == ["Day 51", "18 Nov"]  # the axis runs to the 9-in-10 date


def test_a_plan_without_a_forecast_draws_no_spread(slac: ET.Element) -> None:
    assert part(slac, "forecast") is None
    assert not any("Likely:" in text for text in texts(slac))


def test_a_shared_day_off_label_takes_a_line_per_name_where_there_is_room() -> None:
    root = ET.fromstring(picture("-n", "2010-12-13", "--closed", "2010-12-29..2010-12-31"))
    turned = [t for t in root.iter(f"{NS}text") if "rotate(-90" in (t.get("transform") or "")]
    assert ["".join(t.itertext()) for t in turned] == [
        "Christmas Day (observed), Boxing Day (observed)",
        "Council closure",
        "New Year's Day (observed)",
    ]
    lines = [turned[0].text, *(span.text for span in turned[0])]
    assert lines == ["Christmas Day (observed), ", "Boxing Day (observed)"]
    # The lines and the next label 12 units apart or more: none drawn over another.
    xs = [float(turned[0].get("x") or 0), float(turned[0].get("x") or 0) + 12]
    xs += [float(t.get("x") or 0) for t in turned[1:]]
    assert all(b - a >= 12 for a, b in itertools.pairwise(xs)), xs
