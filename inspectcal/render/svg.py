"""The plan as a light, print-ready timeline (a Gantt chart) in plain SVG.

Written as text by hand, not by a drawing library: no external fonts, stylesheets or scripts,
nothing fetched when the picture is opened, and the same bytes for the same plan. Sized for
an A4 page (170 mm wide, the text width of a Word document with narrow margins).

Every text is at least 9 pt when the picture is drawn 170 mm wide (10 user units are 9.3 pt),
and every id starts with a prefix drawn from the plan itself, so that two pictures on one page
never share an id while the same plan still gives the same bytes.

Who acts is shown three ways, so that greyscale print and colour-blind readers lose nothing:
a colour, a fill pattern and marker shape (solid bar and diamond for Ofsted, hatched bar and
circle for the council, cross-hatched bar and triangle for both), and the word itself beside
every row. Every text colour has at least 4.5:1 contrast (WCAG AA) on what it is drawn over.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from typing import NamedTuple, TextIO

from inspectcal import __version__
from inspectcal.dates import MONTH_ABBREVIATIONS
from inspectcal.plan import Forecast, Milestone, Plan
from inspectcal.render import day_label, forecast_text, human_date, plan_heading

WIDTH = 520  # user units; drawn 170 mm wide, so 10 units (the smallest text) are 9.3 pt
WIDTH_MM = 170
MARGIN = 12
CHART_X0 = 156  # the left column (Days, who, dates) ends here; the days run from here
CHART_X1 = WIDTH - MARGIN
FONT = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"

INK = "#1a1a1a"
MUTED = "#4a4a4a"
GRID = "#b3b3b3"
WEEKEND = "#ececec"
DAY_OFF = "#d2d2d2"
WHITE = "#ffffff"


class Who(NamedTuple):
    label: str  # the word printed beside each row and in the key
    colour: str  # for text on white, bars and markers (contrast >= 4.5:1 on white)
    fill: str  # the bar's fill: a colour or a pattern


WHO = {
    "ofsted": Who("Ofsted", "#1f4e8c", "#1f4e8c"),
    "council": Who("Council", "#a04a00", "url(#{id}-council)"),  # {id}: the picture's id prefix
    "both": Who("Both", "#7b2c8f", "url(#{id}-both)"),
}
# Text over grid lines and shading is drawn on a white outline of itself: nothing runs through it.
HALO = ' stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'
TICK_STEPS = (1, 2, 5, 10, 15, 20, 25, 50, 100, 200, 500)
WHO_KEY = {"ofsted": "Ofsted acts", "council": "Council acts", "both": "Both: Ofsted and the council"}

# XML 1.0 allows tab, newline, carriage return and U+0020 up; not the other controls or
# surrogates, nor U+FFFE/U+FFFF. A name with any of them would make the file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# -- text -------------------------------------------------------------------------------


def xml_text(text: str) -> str:
    """Text made safe for XML content and attribute values (quotes included)."""
    text = _NOT_XML.sub("\ufffd", text)
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def _char_width(char: str) -> float:
    if char in " .,:;'|!ijlft()[]-":
        return 0.34
    if char in "mwMW@":
        return 0.92
    if unicodedata.east_asian_width(char) in "WF":
        return 1.0
    if unicodedata.combining(char):
        return 0.0
    if char.isupper() or char.isdigit():
        return 0.7
    return 0.6


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """A generous estimate of the drawn width (wide fonts such as DejaVu Sans included)."""
    return sum(_char_width(c) for c in text) * size * (1.1 if bold else 1.0)


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """Lines of at most ``width`` (estimated); words too long for a line are broken."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, bold=bold) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:
            if line and text_width(line + char, size, bold=bold) > width:
                lines.append(line)
                line = ""
            line += char
    if line or not lines:
        lines.append(line)
    return lines


def _n(value: float) -> str:
    """A coordinate with at most one decimal and no trailing zeros (stable bytes)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def picture_id(plan: Plan) -> str:
    """'ic-' and 8 hex digits from the plan's heading and description: unique per plan, stable."""
    digest = hashlib.sha256(f"{plan_heading(plan)}\n{description(plan)}".encode()).hexdigest()
    return f"ic-{digest[:8]}"


class _Svg:
    def __init__(self, prefix: str) -> None:
        self.parts: list[str] = []
        self.prefix = prefix

    def fill(self, who: str) -> str:
        return WHO[who].fill.replace("{id}", self.prefix)

    def add(self, element: str) -> None:
        self.parts.append(element)

    def text(
        self,
        x: float,
        y: float,
        content: str,
        *,
        size: float = 11,
        bold: bool = False,
        fill: str = INK,
        anchor: str = "start",
        extra: str = "",
    ) -> None:
        attributes = f'x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}"'
        if bold:
            attributes += ' font-weight="bold"'
        if fill != INK:
            attributes += f' fill="{fill}"'
        if anchor != "start":
            attributes += f' text-anchor="{anchor}"'
        self.add(f"<text {attributes}{extra}>{xml_text(content)}</text>")

    def rect(self, x: float, y: float, w: float, h: float, fill: str, extra: str = "") -> None:
        self.add(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" fill="{fill}"{extra}/>')


# -- layout -----------------------------------------------------------------------------


def _short(day: date) -> str:
    return f"{day.day} {MONTH_ABBREVIATIONS[day.month - 1]}"


def _short_span(m: Milestone) -> str:
    if m.start == m.end:
        return human_date(m.start, year=False)
    return f"{human_date(m.start, year=False)} - {human_date(m.end, year=False)}"


def _working_runs(plan: Plan, m: Milestone) -> Iterator[tuple[date, date]]:
    """Runs of consecutive working days in a range milestone: (first, last)."""
    dates = [d for _, d in plan.working_dates(m)]
    start = previous = dates[0]
    for day in dates[1:]:
        if day - previous > timedelta(days=1):
            yield start, previous
            start = day
        previous = day
    yield start, previous


def _groups(days: Iterable[tuple[date, str]]) -> list[tuple[date, date, str]]:
    """Consecutive days off with the same name as one group: (first, last, name)."""
    groups: list[tuple[date, date, str]] = []
    for day, name in days:
        if groups and groups[-1][2] == name and (day - groups[-1][1]).days <= 3:
            groups[-1] = (groups[-1][0], day, name)
        else:
            groups.append((day, day, name))
    return groups


def _off_label(name: str, closure: bool) -> str:
    return f"{name} (closure)" if closure and "closure" not in name.lower() else name


def description(plan: Plan) -> str:
    """The picture in words, for screen readers (the SVG's <desc>)."""
    parts = [
        f"Timeline of {len(plan.milestones)} milestones from {human_date(plan.notified)} "
        f"to {human_date(plan.last)}."
    ]
    for m in plan.milestones:
        days = "Day" if m.start_day == m.end_day else "Days"
        when = human_date(m.start) if m.start == m.end else f"{human_date(m.start)} to {human_date(m.end)}"
        parts.append(f"{days} {day_label(m)}, {when}: {m.title} ({WHO[m.who].label}).")
    forecast = forecast_text(plan)  # ILACS publication: the spread in Ofsted's record
    if forecast:
        parts.append(forecast)
    for off in plan.skipped:
        kind = "closure" if off.closure else "bank holiday"
        parts.append(f"Not a working day: {human_date(off.date)}, {off.name} ({kind}).")
    return " ".join(parts)


def timeline(plan: Plan, *, standalone: bool = True) -> str:
    """The whole SVG document.

    ``standalone=False`` leaves out the heading, the status box and the notes below the key,
    for a page (render/html.py) that shows them itself.
    """
    prefix = picture_id(plan)
    svg = _Svg(prefix)
    y = MARGIN + 4.0 if standalone else 0.0

    # Title: the authority, framework and notification date, wrapped so it never clips.
    for line in wrap(plan_heading(plan), WIDTH - 2 * MARGIN, 16, bold=True) if standalone else []:
        y += 19
        svg.text(MARGIN, y, line, size=16, bold=True)
    framework = plan.framework
    if standalone and framework.status != "authoritative":
        y += 6
        notice = f"{framework.status.capitalize()} timetable. Source: {framework.source}"
        lines = wrap(notice, WIDTH - 2 * MARGIN - 16, 11)
        svg.rect(MARGIN, y, WIDTH - 2 * MARGIN, len(lines) * 14 + 8, "#fff4d6", ' stroke="#8a6d00"')
        y += 4
        for line in lines:
            y += 14
            svg.text(MARGIN + 8, y - 3, line, size=11)
        y += 4
    y += 10

    first, last = plan.notified, plan.last
    if plan.forecast is not None:  # the spread may run past the plan's last day
        last = max(last, plan.forecast.p90)
    columns = (last - first).days + 1
    day_width = (CHART_X1 - CHART_X0) / columns

    def x_of(day: date) -> float:
        return CHART_X0 + (day - first).days * day_width

    # Axis: the Day number and date of the first working day of each week.
    axis_top = y
    y += 13
    axis_y = y
    labels = _ticks(plan, first, last, x_of, day_width)
    y += 21
    rows_top = y

    # Rows: Day label, who and dates on the left; the title above a bar or marker on the right.
    rows: list[tuple[float, Milestone, _Label]] = []
    for m in plan.milestones:
        label = _beside(m.title, x_of(m.start), x_of(m.end) + day_width)
        rows.append((y, m, label))
        y += 16 + 13 * len(label.lines)
        if plan.forecast is not None and plan.forecast.milestone == m.id:
            y += 26  # the spread's line and its words
    rows_bottom = y + 2

    # Shading under the rows: weekends, then bank holidays and closures (named below the rows).
    off_days = {off.date: off for off in plan.skipped}
    day = first
    while day <= last:
        if day.weekday() >= 5:
            svg.rect(x_of(day), rows_top, day_width, rows_bottom - rows_top, WEEKEND)
        elif day in off_days:
            svg.rect(x_of(day), axis_top, day_width, rows_bottom - axis_top, DAY_OFF)
        day += timedelta(days=1)
    svg.text(MARGIN, axis_y, "Working Day", size=10, bold=True)
    svg.text(MARGIN, axis_y + 13, "date", size=10, fill=MUTED)
    svg.add(f'<g id="{prefix}-axis">')
    for day, x, anchor, labelled in labels:
        if not labelled:
            continue
        number = plan.calendar.day_number(first, day)
        svg.text(x, axis_y, f"Day {number}", size=10, bold=True, anchor=anchor)
        svg.text(x, axis_y + 13, _short(day), size=10, fill=MUTED, anchor=anchor)
    svg.add("</g>")
    for day, _, _, _ in labels:  # from under the axis labels, never through them
        svg.add(
            f'<line x1="{_n(x_of(day))}" y1="{_n(axis_y + 17)}" x2="{_n(x_of(day))}" y2="{_n(rows_bottom)}" '
            f'stroke="{GRID}" stroke-width="0.6"/>'
        )
    svg.add(
        f'<line x1="{_n(CHART_X0)}" y1="{_n(rows_top - 1)}" x2="{_n(CHART_X1)}" y2="{_n(rows_top - 1)}" '
        f'stroke="{GRID}" stroke-width="0.8"/>'
    )

    for top, m, label in rows:
        _row(svg, plan, m, label, top, x_of, day_width)

    # Names of the days off, turned to run up their column below the rows.
    y = rows_bottom
    groups = _groups((off.date, _off_label(off.name, off.closure)) for off in plan.skipped)
    if groups:
        # Labels closer than a line's height share one: "Christmas Day, Boxing Day".
        placed: list[tuple[float, list[str]]] = []
        for start, end, name in groups:
            cx = (x_of(start) + x_of(end) + day_width) / 2 + 3
            if placed and cx - placed[-1][0] < 12:
                previous_x, previous = placed.pop()
                cx, names = (previous_x + cx) / 2, [*previous, name]
            else:
                names = [name]
            placed.append((cx, names))
        off_labels = _off_labels(placed)
        band = max(text_width(line.rstrip(), 10) for _, lines in off_labels for line in lines) + 8
        for x, lines in off_labels:
            content = xml_text(lines[0]) + "".join(
                f'<tspan x="{_n(x)}" dy="12">{xml_text(line)}</tspan>' for line in lines[1:]
            )
            svg.add(
                f'<text x="{_n(x)}" y="{_n(y + 4)}" font-size="10" text-anchor="end" '
                f'transform="rotate(-90 {_n(x)} {_n(y + 4)})">{content}</text>'
            )
        y += band

    # Key: who acts (colour, pattern and shape), and the shading.
    y += 10
    y = _key(svg, y)

    # Notes: the calendar, what it skipped, the framework's status and source, the version.
    notes = [f"Working days: {plan.source.describe()}."]
    if plan.skipped:
        notes[0] += (
            " Skipped: "
            + "; ".join(f"{human_date(d.date)} {_off_label(d.name, d.closure)}" for d in plan.skipped)
            + "."
        )
    if framework.status == "authoritative":
        notes.append(f"Source: {framework.source}")
    if plan.projected_after is not None:
        notes.append(
            f"Bank holidays after {plan.projected_after} are projected from the usual rules, "
            "not yet announced: check these dates again later."
        )
    notes.append(
        f"Made with inspectcal {__version__}. Day 1 is the notification date; Days are working days."
    )
    y += 4
    for note in notes if standalone else []:
        for line in wrap(note, WIDTH - 2 * MARGIN, 10):
            y += 13
            svg.text(MARGIN, y, line, size=10, fill=MUTED)
        y += 3
    height = y + (MARGIN if standalone else 2)

    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH_MM}mm" '
        f'height="{_n(height * WIDTH_MM / WIDTH)}mm" viewBox="0 0 {WIDTH} {_n(height)}" '
        f'role="img" aria-labelledby="{prefix}-title {prefix}-desc" font-family="{FONT}" fill="{INK}">'
    )
    defs = (
        "<defs>"
        f'<pattern id="{prefix}-council" patternUnits="userSpaceOnUse" width="5" height="5" '
        'patternTransform="rotate(45)">'
        '<rect width="5" height="5" fill="#fbe4cf"/>'
        f'<rect width="2.2" height="5" fill="{WHO["council"].colour}"/>'
        "</pattern>"
        f'<pattern id="{prefix}-both" patternUnits="userSpaceOnUse" width="5" height="5">'
        f'<rect width="5" height="5" fill="#f1def5"/>'
        f'<path d="M0 2.5H5M2.5 0V5" stroke="{WHO["both"].colour}" stroke-width="1.4"/>'
        "</pattern>"
        "</defs>"
    )
    body = [
        head,
        f'<title id="{prefix}-title">{xml_text(plan_heading(plan))}</title>',
        f'<desc id="{prefix}-desc">{xml_text(description(plan))}</desc>',
        defs,
        f'<rect width="{WIDTH}" height="{_n(height)}" fill="{WHITE}"/>',
        *svg.parts,
        "</svg>",
    ]
    return "\n".join(body) + "\n"


def _marker(who: str, cx: float, cy: float) -> str:
    colour = WHO[who].colour
    if who == "ofsted":  # diamond
        points = f"{_n(cx)},{_n(cy - 6)} {_n(cx + 6)},{_n(cy)} {_n(cx)},{_n(cy + 6)} {_n(cx - 6)},{_n(cy)}"
        return f'<polygon points="{points}" fill="{colour}" stroke="{WHITE}" stroke-width="0.8"/>'
    if who == "council":  # circle
        outline = f'stroke="{WHITE}" stroke-width="0.8"'
        return f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="4.6" fill="{colour}" {outline}/>'
    points = f"{_n(cx)},{_n(cy - 6)} {_n(cx + 6)},{_n(cy + 5)} {_n(cx - 6)},{_n(cy + 5)}"  # triangle
    return f'<polygon points="{points}" fill="{colour}" stroke="{WHITE}" stroke-width="0.8"/>'


def _row(
    svg: _Svg,
    plan: Plan,
    m: Milestone,
    label: _Label,
    top: float,
    x_of: Callable[[date], float],
    day_width: float,
) -> None:
    who = WHO[m.who]
    lines = label.lines
    days = "Day" if m.start_day == m.end_day else "Days"
    svg.add(f'<g id="{svg.prefix}-{xml_text(m.id)}">')
    svg.text(MARGIN, top + 11, f"{days} {day_label(m)}", bold=True)
    svg.text(CHART_X0 - 8, top + 11, who.label, size=10, bold=True, fill=who.colour, anchor="end")
    svg.text(MARGIN, top + 24, _short_span(m), size=10, fill=MUTED)
    start_x = x_of(m.start)
    end_x = x_of(m.end) + day_width
    for index, line in enumerate(lines):
        svg.text(label.x, top + 11 + 13 * index, line, anchor=label.anchor, extra=HALO)
    bar_top = top + 3 + 13 * len(lines)
    if m.start_day == m.end_day:
        svg.add(_marker(m.who, (start_x + end_x) / 2, bar_top + 5))
    else:
        runs = list(_working_runs(plan, m))
        if len(runs) > 1:  # a thin line across the weekends and days off inside the range
            svg.add(
                f'<line x1="{_n(start_x)}" y1="{_n(bar_top + 5)}" x2="{_n(end_x)}" y2="{_n(bar_top + 5)}" '
                f'stroke="{who.colour}" stroke-width="1.2"/>'
            )
        for run_start, run_end in runs:
            svg.rect(
                x_of(run_start),
                bar_top,
                x_of(run_end) + day_width - x_of(run_start),
                10,
                svg.fill(m.who),
                f' stroke="{who.colour}" stroke-width="0.8"',
            )
    forecast = plan.forecast
    if forecast is not None and forecast.milestone == m.id:
        _spread(svg, forecast, bar_top + 14, x_of, day_width)
    svg.add("</g>")


def _off_labels(placed: list[tuple[float, list[str]]]) -> list[tuple[float, list[str]]]:
    """The turned labels of the days off: (the first line's x, its lines). A shared label takes
    a line per name (12 apart, centred on its days or up to a line before) where its neighbours
    leave the room, so the band below the rows is as deep as the longest name, not the list."""
    labels: list[tuple[float, list[str]]] = []
    previous_last = float("-inf")
    for index, (centre, names) in enumerate(placed):
        after = placed[index + 1][0] if index + 1 < len(placed) else float("inf")
        spread = 6 * (len(names) - 1)
        first = min(centre - spread, after - 12 - 2 * spread)  # shifted left, at most a line
        if len(names) > 1 and first >= max(previous_last + 12, centre - 2 * spread - 12):
            lines = [f"{name}, " for name in names[:-1]] + names[-1:]  # read as one: "A, B"
            labels.append((first, lines))
            previous_last = first + 2 * spread
        else:
            labels.append((centre, [", ".join(names)]))
            previous_last = centre
    return labels


class _Label(NamedTuple):
    lines: list[str]
    x: float
    anchor: str


def _beside(title: str, start_x: float, end_x: float) -> _Label:
    """A row's title beside its bar or marker: after its start, else before its end, wrapped
    to the wider of the two rooms when it fits neither."""
    room_after, room_before = CHART_X1 - start_x, end_x - CHART_X0
    widest = text_width(title, 11)
    if widest <= room_after:
        return _Label([title], start_x, "start")
    if widest <= room_before:
        return _Label([title], end_x, "end")
    if room_after >= room_before:
        return _Label(wrap(title, room_after, 11), start_x, "start")
    return _Label(wrap(title, room_before, 11), end_x, "end")


def _ticks(
    plan: Plan, first: date, last: date, x_of: Callable[[date], float], day_width: float
) -> list[tuple[date, float, str, bool]]:
    """Ticks every N working days from Day 1, N the smallest of TICK_STEPS whose labels do not
    touch, and the last working day always: (day, x, anchor, labelled). A tick whose label the
    last Day's would touch keeps its grid line and loses its label."""
    working = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    working = [d for d in working if d == first or plan.calendar.is_working_day(d)]
    last_number = len(working)
    width = max(text_width(f"Day {last_number}", 10, bold=True), text_width("30 Sep", 10)) + 6

    def place(step: int) -> list[tuple[date, float, str]]:
        numbers = list(range(1, last_number + 1, step))
        if numbers[-1] != last_number:
            numbers.append(last_number)
        placed = []
        for number in numbers:
            day = working[number - 1]
            x, anchor = x_of(day) + 1, "start"
            if x + width > CHART_X1:
                x, anchor = x_of(day) + day_width - 1, "end"
            placed.append((day, x, anchor))
        return placed

    def left(tick: tuple[date, float, str]) -> float:
        return tick[1] - (width if tick[2] == "end" else 0)

    for step in TICK_STEPS:
        ticks = place(step)
        labelled = [True] * len(ticks)
        for index in range(len(ticks) - 2, 0, -1):  # the last Day wins over ticks it crowds
            if left(ticks[-1]) - left(ticks[index]) < width:
                labelled[index] = False
        shown = [t for t, keep in zip(ticks, labelled, strict=True) if keep]
        if all(left(b) - left(a) >= width for a, b in itertools.pairwise(shown)):
            return [(*tick, keep) for tick, keep in zip(ticks, labelled, strict=True)]
    ends = place(last_number)
    return [(*ends[0], True), (*ends[-1], True)]


def _spread(svg: _Svg, forecast: Forecast, y: float, x_of: Callable[[date], float], day_width: float) -> None:
    """The record's spread under its milestone: a line from the earliest likely date to the date
    nine in ten reports were out by, with a bar at the median, and the three in words."""

    def mid(day: date) -> float:
        return x_of(day) + day_width / 2

    x0, xm, x9 = mid(forecast.earliest), mid(forecast.median), mid(forecast.p90)
    colour = WHO["ofsted"].colour
    pen = f'stroke="{colour}" stroke-width="1.4"'
    svg.add(
        f'<g id="{svg.prefix}-forecast">'
        f'<line x1="{_n(x0)}" y1="{_n(y)}" x2="{_n(x9)}" y2="{_n(y)}" {pen}/>'
        f'<line x1="{_n(x0)}" y1="{_n(y - 4)}" x2="{_n(x0)}" y2="{_n(y + 4)}" {pen}/>'
        f'<line x1="{_n(x9)}" y1="{_n(y - 4)}" x2="{_n(x9)}" y2="{_n(y + 4)}" {pen}/>'
        f'<rect x="{_n(xm - 2)}" y="{_n(y - 5)}" width="4" height="10" fill="{colour}"/>'
    )
    words = (
        f"Likely: earliest {_short(forecast.earliest)}, half by {_short(forecast.median)}, "
        f"9 in 10 by {_short(forecast.p90)}"
    )
    widest = text_width(words, 10)
    x, anchor = (x0, "start") if x0 + widest <= CHART_X1 else (max(x9, CHART_X0 + widest), "end")
    svg.text(x, y + 17, words, size=10, fill=MUTED, anchor=anchor, extra=HALO)
    svg.add("</g>")


def _key(svg: _Svg, y: float) -> float:
    items = [(key, WHO_KEY[key]) for key in WHO]
    items += [("weekend", "Weekend"), ("off", "Bank holiday or closure")]
    svg.text(MARGIN, y + 9, "Key:", size=10, bold=True)
    x = MARGIN + 34.0
    for key, label in items:
        width = 40 + text_width(label, 10)
        if x + width > WIDTH - MARGIN:
            x = MARGIN + 34
            y += 18
        if key in WHO:
            svg.rect(x, y, 18, 10, svg.fill(key), f' stroke="{WHO[key].colour}" stroke-width="0.8"')
            svg.add(_marker(key, x + 26, y + 5))
            svg.text(x + 36, y + 9, label, size=10)
        else:
            svg.rect(
                x,
                y - 1,
                12,
                12,
                WEEKEND if key == "weekend" else DAY_OFF,
                f' stroke="{GRID}" stroke-width="0.6"',
            )
            svg.text(x + 17, y + 9, label, size=10)
            width -= 18
        x += width + 8
    return y + 16


def render(plan: Plan, stream: TextIO) -> None:
    stream.write(timeline(plan))
