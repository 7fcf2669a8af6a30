"""Day labels and date ranges as people type them in Word and Excel.

Word turns "-" into an en dash (U+2013) as you type; both are read the same, as are the em
dash and the minus sign. Examples below use "-" for any of them.

- Day labels: ``25``, ``6-10``, ``6 - 10``, ``Day 6-10``, ``Days 6 to 10``, ``Day 6 - Day 10``.
- Dates: any form ``parse_date`` reads, with or without a weekday (``Mon 1 Mar 2010``).
- Ranges: ``DATE..DATE``, ``DATE - DATE`` (a dash spaced or not; a hyphen spaced, or between two
  DD/MM/YYYY dates), ``DATE to DATE``; the first date may leave out what the second gives:
  ``1-5 Mar 2010``, ``Mon 29 Mar - Tue 6 Apr 2010``, ``28 Dec - 4 Jan 2011``.
- A cell of several lines reads as one text (``Mon 1 Mar 2010 -`` then ``Fri 5 Mar 2010``); two
  lines that are each a date, with nothing between them, are a range from the first to the last.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

from inspectcal.dates import MONTH_ABBREVIATIONS, parse_date
from inspectcal.errors import DateError, InputError, quoted

_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\t": " "})
# Hyphens and dashes Word's AutoFormat and other editors put in for "-".
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_TO_HYPHEN = str.maketrans(dict.fromkeys(_DASHES, "-"))
_DAY_LABEL = re.compile(r"(?:days?\.?\s*)?(\d{1,4})(?:\s*(?:-|to)\s*(?:days?\.?\s*)?(\d{1,4}))?", re.I)
DAY_HINT = "a Day like 25, 6-10 or 'Days 6 to 10'"


def one_line(text: str) -> str:
    """The cell's text on one line: line breaks and odd spaces become single spaces."""
    return " ".join(text.translate(_SPACES).split())


def parse_day_label(text: str) -> tuple[int, int]:
    """``(first, last)`` Day of a label; an InputError says what is wrong."""
    cleaned = one_line(text).translate(_TO_HYPHEN)
    match = _DAY_LABEL.fullmatch(cleaned)
    if match is None:
        raise InputError(f"day {quoted(one_line(text))} is not {DAY_HINT}")
    first, last = int(match[1]), int(match[2] or match[1])
    if first < 1:
        raise InputError(f"day {quoted(one_line(text))} is not {DAY_HINT}: Days count from 1")
    if last < first:
        raise InputError(f"days {quoted(one_line(text))} end before they start: write the lower Day first")
    return first, last


def parse_typed_range(text: str) -> tuple[date, date]:
    """``(start, end)`` of a date or a range as typed in a table cell (see the module)."""
    text = _MIDNIGHT.sub(r"\1", text)  # Excel's CSV of a date-time cell: "22/02/2010 00:00"
    lines = [one_line(line) for line in text.splitlines() if line.strip()]
    flat = " ".join(lines)
    if not flat:
        raise DateError("empty date: give a date or a range such as 1 Mar 2010 - 5 Mar 2010")
    try:
        return _range(flat)
    except InputError as error:
        if len(lines) < 2 and "holds more than one date" in str(error):
            raise DateError(_several_dates(flat)) from None
        if re.fullmatch(r"\d{1,2}-[A-Za-z]{3}-\d\d", flat) and "gives the year as" in str(error):
            raise DateError(  # Excel's built-in d-mmm-yy format, saved as CSV
                f"{error}, or check the .xlsx itself, whose date cells are read as dates"
            ) from None
        if str(error).endswith("has a time in it: give the date only"):
            raise DateError(
                f"{error}, or check the .xlsx itself, whose date cells are read as dates"
            ) from None
        if len(lines) < 2:
            raise
        # Several lines without a word between them: each a date, read as first..last.
        try:
            spans = [_range(line) for line in lines]
        except InputError:
            raise DateError(f"cannot read {quoted(flat)} as a date or a range of dates") from None
        start, end = spans[0][0], spans[-1][1]
        if any(b[0] < a[1] for a, b in pairwise(spans)):
            raise DateError(
                f"the dates in {quoted(flat)} are not in order: write a range as 'first date - last date'"
            ) from None
        return start, end


# A time of midnight after a date: Excel writes a date-time cell so in CSV.
_MIDNIGHT = re.compile(r"(\d)[ T]+0?0:00(?::00(?:\.0+)?)?(?=\s|$|[-\u2013\u2014,;])")
_SEPARATORS = re.compile(r"\s*(?:[,;&]|\band\b)\s*", re.I)


def _several_dates(text: str) -> str:
    """Two dates in one cell: suggest the range as people type it, from the dates themselves."""
    parts = [p for p in _SEPARATORS.split(text) if p]
    days: list[date] = []
    if len(parts) == 2:
        try:
            days = [parse_date(part) for part in parts]
        except InputError:
            days = []
    if len(days) == 2 and days[0] < days[1]:
        return (
            f"{quoted(text)} holds two dates: for the days from one to the other, type a range, "
            f"e.g. {quoted(typed_range(days[0], days[1]))}; otherwise give each date its own row"
        )
    return (
        f"{quoted(text)} holds more than one date: give each its own row, or type a range, "
        "e.g. 'Mon 29 \u2013 Tue 30 Mar 2010'"
    )


def typed_range(first: date, last: date) -> str:
    """A range as people type it in Word: ``Mon 29 - Tue 30 Mar 2010`` with an en dash."""
    end = f"{last:%a} {last.day} {last:%b %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%a} {first.day} \u2013 {end}"
    if first.year == last.year:
        return f"{first:%a} {first.day} {first:%b} \u2013 {end}"
    return f"{first:%a} {first.day} {first:%b %Y} \u2013 {end}"


def _range(text: str) -> tuple[date, date]:
    parts = _split(text)
    if parts is None:
        one = parse_date(text)
        return one, one
    left, right = parts
    end = parse_date(right)
    start = _start(left, end)
    if end < start:
        raise DateError(f"range {quoted(text)} ends before it starts: write the earlier date first")
    return start, end


def _split(text: str) -> tuple[str, str] | None:
    """The two ends of a range, or None for a single date."""
    if ".." in text:
        left, _, right = text.partition("..")
        return left.strip(), right.strip()
    dash = f"[{_DASHES}]"
    if m := re.fullmatch(rf"(.+?)\s*{dash}\s*(.+)", text):
        return m[1], m[2]
    if m := re.fullmatch(r"(.+?)\s+(?:-|to|until|till)\s+(.+)", text, re.I):
        return m[1], m[2]
    if m := re.fullmatch(r"(\d{1,2}[/.]\d{1,2}[/.]\d{4})\s*-\s*(\d{1,2}[/.]\d{1,2}[/.]\d{4})", text):
        return m[1], m[2]
    if m := re.fullmatch(r"(\d{1,2}(?:st|nd|rd|th)?)-(\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z].*)", text):
        return m[1], m[2]  # "1-5 March 2010"
    if m := re.fullmatch(_WORD_MONTH_HYPHEN, text):
        return m[1], m[2]  # "30 Mar-5 Apr 2010"
    if m := re.fullmatch(_WHOLE_DATE_HYPHEN, text):
        return m[1], m[2]  # "8 Mar 2010 -19 Mar 2010": a space on one side of the hyphen only
    return None


# "30 Mar-5 Apr 2010", "Mon 29 Mar-Tue 6 Apr 2010": a hyphen between a month's name and a day.
_WORD_MONTH_HYPHEN = re.compile(
    r"((?:[A-Za-z]+\.?,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s*[A-Za-z]{3,}\.?)\s*-\s*"
    r"((?:[A-Za-z]+\.?,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s*[A-Za-z]{3,}.*)"
)
# A whole date written with its month's name and year, a hyphen, and another date.
_WHOLE_DATE_HYPHEN = re.compile(r"(.*?\d{1,2}(?:st|nd|rd|th)?\s*[A-Za-z]{3,}\.?,?\s+\d{4})\s*-\s*(\S.*)")
_YEAR = re.compile(r"\b\d{4}\b")
_TO_CONFIRM = re.compile(r"(?:tbc|tba|tbd|to be (?:confirmed|arranged|agreed|decided))[.!?]*", re.I)


def to_be_confirmed(text: str) -> bool:
    """A cell that says the date or Day is not known yet: ``TBC``, ``TBA``, ``TBD``."""
    return _TO_CONFIRM.fullmatch(one_line(text)) is not None


def parse_typed_range_after(text: str, after: date | None) -> tuple[date, date, bool]:
    """As ``parse_typed_range``; with ``after`` (Day 1), a date or range that gives no year
    (``22 Feb``, ``26Feb``, ``1-5 Mar``, ``30 Mar-5 Apr``) is read as the first such date on
    or after it. The flag says a year was supplied so."""
    try:
        start, end = parse_typed_range(text)
    except InputError as error:
        flat = one_line(text)
        if after is None or _YEAR.search(flat) or not re.search(r"[A-Za-z]{3}", flat):
            raise
        original = error
    else:
        return start, end, False
    first_error: InputError | None = None
    for year in (after.year, after.year + 1):
        try:
            start, end = parse_typed_range(f"{flat} {year}")
        except InputError as error:
            first_error = first_error or error
            continue
        if start >= after:
            return start, end, True
    raise original from None


_DAY_IN_TEXT = re.compile(r"\(\s*(days?\.?\s*\d{1,4}(?:\s*(?:-|to)\s*(?:days?\.?\s*)?\d{1,4})?)\s*\)", re.I)


def day_label_in_text(text: str) -> str | None:
    """The ``(Day N)`` or ``(Days N-M)`` label written inside an activity's text, or None."""
    labels = {m[1] for m in _DAY_IN_TEXT.finditer(one_line(text).translate(_TO_HYPHEN))}
    if len(labels) > 1:
        shown = ", ".join(quoted(f"({label})") for label in sorted(labels))
        raise InputError(f"the activity text holds more than one Day label ({shown}): keep one")
    return labels.pop() if labels else None


def _start(left: str, end: date) -> date:
    """The first date of a range, borrowing the month and year it leaves out from the end."""
    try:
        return parse_date(left)
    except DateError:
        if re.search(r"\b\d{4}\b", left) or re.search(r"\d[/.]\d", left):
            raise  # a whole date that is wrong: say so, do not guess
    month = MONTH_ABBREVIATIONS[end.month - 1]
    has_month = re.search(r"[A-Za-z]{3,}", re.sub(r"^[A-Za-z]+\.?,?\s+(?=\d)", "", left))
    if not has_month:
        return parse_date(f"{left} {month} {end.year}")  # "1-5 Mar 2010"
    # "29 Mar - 6 Apr 2010" takes the end's year; "28 Dec - 4 Jan 2011" the year before.
    first_error = None
    for year in (end.year, end.year - 1):
        try:
            start = parse_date(f"{left} {year}")
        except DateError as error:
            first_error = first_error or error
            continue
        if start <= end:
            return start
    if first_error is not None:
        raise first_error
    return parse_date(f"{left} {end.year}")  # after the end: the caller says so
