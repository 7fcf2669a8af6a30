"""Reading dates people type: ISO, UK day-first numeric, and written-out English dates."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import NamedTuple

from inspectcal.errors import DateError, InputError, quoted

# The months in English, as people in England write them (never the locale's): every table of
# month names or abbreviations in the package is this one.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_ABBREVIATIONS = tuple(name[:3] for name in MONTH_NAMES)

# Patterns as text: `re` compiles each on first use (and caches it), so a run pays only for
# the forms it meets.
_ISO = r"(\d{4})-(\d{1,2})-(\d{1,2})"
_DAY_FIRST = r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})"
_NUMERIC_ONLY = r"[\d/.\- ]+"
# A whole date inside a longer text: ISO, day-first numeric, or day, month name and year.
_DATE_LIKE = (
    r"(?<!\d)(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,}\.?,?\s+\d{4})(?!\d)"
)
_MAX_DATE_TEXT = 100  # "Wednesday the twenty-second of September 2010" is 45
_HINT = "use YYYY-MM-DD, DD/MM/YYYY or e.g. '22 Feb 2010'"

# Two defaults that differ in every field: a field the text leaves out comes back
# different from each, which is how we tell "22 Feb" (no year) from "22 Feb 2010".
_DEFAULT_A = datetime(2001, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(2002, 2, 2, 1, 1, 1)


def _make(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(
            f"{quoted(text)} is not a real date ({_describe_invalid(year, month, day)})"
        ) from None


def _refuse_an_impossible_day(raw: str, text: str) -> None:
    """'29 Feb 2011', '31 Feb 2010': a date written out in words, whole but for a day its month
    does not have, is said to be that (as 30/02/2010 is), not to be in a form we cannot read."""
    found = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,})\.?,?\s+(\d{4})\b", text, re.I)
    if found is None:
        return
    written = found[2].lower()
    months = [n for n, name in enumerate(MONTH_NAMES, start=1) if name.lower().startswith(written)]
    if len(months) == 1:  # not "Marchington", nor "Ma"
        _make(raw, int(found[3]), months[0], int(found[1]))


def _describe_invalid(year: int, month: int, day: int) -> str:
    if year < 1:
        return "there is no year 0"
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    return f"month {month} of {year} has no day {day}"


def parse_date(text: str, *, today: date | None = None) -> date:
    """Read one date as a person in England would write it.

    Numeric dates are always day-first: ``02/22/2010`` is an error, never read US-style.
    ``today`` is accepted only when the caller passes today's date in.
    """
    raw = text = text.strip()
    if not text:
        raise DateError(f"empty date: {_HINT}")
    if len(text) > _MAX_DATE_TEXT:
        raise DateError(f"{quoted(text)} is too long to be a date: {_HINT}")
    if text.lower() == "today":
        if today is None:
            raise DateError("'today' is not accepted here: give the date")
        return today
    if m := re.fullmatch(_ISO, text):
        return _make(raw, int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(_DAY_FIRST, text):
        day, month, year = int(m[1]), int(m[3]), int(m[4])
        if month > 12 and day <= 12:
            raise DateError(
                f"{quoted(raw)} is month-first: numeric dates are day-first (DD/MM/YYYY), "
                f"so write {month:02d}{m[2]}{day:02d}{m[2]}{year}"
            )
        return _make(raw, year, month, day)
    if len(re.findall(_DATE_LIKE, text, re.I)) > 1:
        raise DateError(f"{quoted(raw)} holds more than one date: give one date (a range is DATE..DATE)")
    if re.fullmatch(_NUMERIC_ONLY, text):
        raise DateError(f"cannot read {quoted(raw)} as a date: {_numeric_hint(text)}")
    years = re.findall(r"\b(?:19|20|21)\d\d\b", text)
    if len(years) > 1:  # "8 Mar 2010 2011": dateutil would read the second as a time, 20:11
        raise DateError(f"{quoted(raw)} has {len(years)} years in it ({', '.join(years)}): give one")
    return _parse_words(raw, text)


def _real(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _numeric_hint(text: str) -> str:
    """What to write instead of an unreadable all-digits date, fitted to how it was written."""
    if m := re.fullmatch(r"(\d{4})([/.\- ])(\d{1,2})\2(\d{1,2})", text):  # 2010/02/22: year first
        found = _real(int(m[1]), int(m[3]), int(m[4]))
        if found is not None:
            return f"a year-first date takes dashes: write {found.isoformat()} (or {found:%d/%m/%Y})"
        return "a year-first date is YYYY-MM-DD, e.g. 2010-02-22"
    if re.fullmatch(r"\d{8}", text):  # 20100222 or 22022010: no separators
        year_first = _real(int(text[:4]), int(text[4:6]), int(text[6:]))
        day_first = _real(int(text[4:]), int(text[2:4]), int(text[:2]))
        if year_first is not None and 1900 <= year_first.year <= 2100:
            return f"separate the parts: write {year_first.isoformat()}"
        if day_first is not None and 1900 <= day_first.year <= 2100:
            return f"separate the parts: write {day_first:%d/%m/%Y}"
        return f"separate the parts: {_HINT}"
    if m := re.fullmatch(r"(\d{1,2})([/.\- ])(\d{1,2})\2(\d{2})", text):  # 22/02/10: two-digit year
        return f"write the year in full, e.g. {int(m[1]):02d}{m[2]}{int(m[3]):02d}{m[2]}20{m[4]}"
    if m := re.fullmatch(r"(\d{1,2})([/.\- ])(\d{1,2})\2(\d{1,3})", text):  # 22/02/1, 22/02/010
        return f"write the year in full, e.g. {int(m[1]):02d}{m[2]}{int(m[3]):02d}{m[2]}YYYY"
    if m := re.fullmatch(r"(\d{1,2}) +(\d{1,2}) +(\d{4})", text):  # 22 02 2010: spaces
        found = _real(int(m[3]), int(m[2]), int(m[1]))
        if found is not None:
            return f"separate the parts with '/': write {found:%d/%m/%Y}"
    if m := re.fullmatch(r"(\d{1,2})([/.\- ])(\d{1,2})", text):  # 22/02: no year
        return f"add the year: {int(m[1]):02d}{m[2]}{int(m[3]):02d}{m[2]}YYYY"
    return _HINT


# Weekday abbreviations people write that dateutil does not know (it knows Mon, Tue, Wed...).
_WEEKDAY_FORMS = {
    "tues": "Tuesday",
    "weds": "Wednesday",
    "wednes": "Wednesday",
    "thur": "Thursday",
    "thurs": "Thursday",
}
_WEEKDAY_FORM = r"\b(" + "|".join(_WEEKDAY_FORMS) + r")\b\.?"


def _parse_words(raw: str, text: str) -> date:
    from dateutil import parser  # type: ignore[import-untyped]  # deferred: only written-out dates need it

    text = re.sub(_WEEKDAY_FORM, lambda m: _WEEKDAY_FORMS[m[1].lower()], text, flags=re.I)
    try:
        first = parser.parse(text, dayfirst=True, default=_DEFAULT_A)
        second = parser.parse(text, dayfirst=True, default=_DEFAULT_B)
    except (ValueError, OverflowError):
        _refuse_an_impossible_day(raw, text)
        raise DateError(f"cannot read {quoted(raw)} as a date: {_HINT}") from None
    if first.year != second.year or first.month != second.month or first.day != second.day:
        raise DateError(
            f"{quoted(raw)} is not a whole date: give the day, month and year, e.g. '22 Feb 2010'"
        )
    if first.hour == second.hour or first.minute == second.minute or first.second == second.second:
        raise DateError(f"{quoted(raw)} has a time in it: give the date only")
    result: date = first.date()
    _refuse_short_year(raw, result)
    info = parser.parserinfo()
    for word in re.findall(r"[A-Za-z]+", text):
        named = info.weekday(word)
        if named is not None and named != result.weekday():
            raise DateError(
                f"{quoted(raw)} does not add up: {result.isoformat()} is a {result:%A}, not a {word}"
            )
    return result


def _refuse_short_year(raw: str, result: date) -> None:
    """A written-out date must give its year in full, as numeric dates must: '22 Feb 75' could
    be 1975 or 2075, and '22 Feb 2' is more likely a typing slip than 2002."""
    numbers = re.findall(r"\d+", raw)
    if any(len(n) == 4 and int(n) == result.year for n in numbers):
        return
    short = [n for n in numbers if len(n) != 4 and int(n) == result.year % 10 ** min(len(n), 4)]
    given = f" gives the year as {quoted(short[-1])}" if short else " does not give the year in full"
    raise DateError(f"{quoted(raw)}{given}: write the year in full, e.g. '22 Feb 2010'")


def parse_date_range(text: str, *, today: date | None = None) -> tuple[date, date]:
    """Read ``DATE`` or ``DATE..DATE`` (inclusive). The end may not be before the start."""
    if ".." in text:
        left, _, right = text.partition("..")
        start = parse_date(left, today=today)
        end = parse_date(right, today=today)
        if end < start:
            raise DateError(
                f"range {quoted(text.strip())} ends before it starts: write the earlier date first"
            )
        return start, end
    one = parse_date(text, today=today)
    return one, one


_DURATION = r"(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?"


def parse_duration(text: str) -> timedelta:
    """``1d``, ``2h``, ``30m``, ``1w``, or combined like ``1d12h``."""
    cleaned = text.strip().lower().replace(" ", "")
    match = re.fullmatch(_DURATION, cleaned)
    if not cleaned or match is None:
        raise DateError(f"cannot read {quoted(text)} as a duration: use e.g. 1d, 2h, 30m or 1d12h")
    weeks, days, hours, minutes = (int(part or 0) for part in match.groups())
    if weeks > 52 or days > 366 or hours > 9_000 or minutes > 600_000:
        raise DateError(f"duration {quoted(text)} is too long: give at most a year")
    return timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes)


class DateSpan(NamedTuple):
    """Dates from ``start`` to ``end`` inclusive, with an optional name ("Christmas shutdown")."""

    start: date
    end: date
    name: str = ""

    def days(self) -> Iterator[date]:
        for offset in range((self.end - self.start).days + 1):
            yield self.start + timedelta(days=offset)


def parse_date_span(text: str) -> DateSpan:
    """One command-line value: ``DATE`` or ``DATE..DATE``."""
    start, end = parse_date_range(text)
    return DateSpan(start, end)


_MAX_FILE_LINES = 10_000


def date_lines(text: str, where: str) -> list[DateSpan]:
    """The dates and ranges in the lines of ``text``: one date or range per line; ``# text``
    after it names it. Every error names ``where`` and the line."""
    from inspectcal.readers.base import at, split_lines

    spans = []
    for number, line in split_lines(text, where):
        if number > _MAX_FILE_LINES:
            raise InputError(f"{where} has over {_MAX_FILE_LINES:,} lines: is it the right file?")
        body, _, comment = line.partition("#")
        if not body.strip():
            continue
        try:
            start, end = parse_date_range(body)
        except InputError as error:
            raise InputError(f"{at(where, number)}: {error}") from None
        spans.append(DateSpan(start, end, comment.strip()))
    return spans
