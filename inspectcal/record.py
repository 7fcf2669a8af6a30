"""Ofsted's own record of ILACS (and area SEND) inspections: publication gaps, the eras derived from them.

A record is a CSV of real inspections (``local_authority, framework, onsite_start,
onsite_end, published``). Each row is measured in working days: the on-site span (first
to last on-site day, both counted) and the publication gap (working days after the last
on-site day up to and including the publication date).

Eras are derived from the rows, not chosen by hand:

1. For each calendar year of the last on-site day, the *target* is the most common gap
   over all rows of that year (on a tie, the smaller gap).
2. Consecutive years with the same target form one era.
3. Each era after the first starts on the earliest last on-site day, within its years,
   of a row whose gap is the era's target (the date on which the target changed); rows
   before that date belong to the era before. The first era starts with the first row.

Rows held back by a general election are left out of the eras (and of their figures), so
that a pause is not read as a change of target. A row is *held* by a pause (``elections.py``)
when it was published after the poll and its *natural date* fell in the pause: the natural
date is its last on-site day plus the most common gap of the rows of its framework whose last
on-site day is in the same year. The lag of held reports (working days from the poll to their
publication) is measured per kind of poll: general elections (the shipped table) and the
ordinary day of local elections (the first Thursday in May; rows held by it are kept in the
eras, as most authorities hold no poll that day, but measured for the lag).

Per framework (``standard``, ``short``) and era the table gives the number of inspections,
their publication years, the target (the most common gap of that framework's rows, the
smaller on a tie), the 10th, 50th (median) and 90th percentiles (nearest rank: the smallest
gap that at least a tenth, half, or nine in ten, of the rows do not exceed), and the fastest
and slowest gaps.

The earliest date a forecast gives is the target where the record has one (ILACS: most
reports come out on it); where it has none (area SEND: gaps spread from 29 to over 100 working
days) the record is one era and the earliest date is its 10th percentile (``earliest = "p10"``):
nine in ten reports come out on or after it.

An area SEND record has no framework column (``local_authority, onsite_start, onsite_end,
published, report``): its rows are all of the framework ``area-send``.

The package ships the derived table (``frameworks/records/NAME.toml``), never the rows.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from inspectcal.elections import GENERAL, LOCAL, Lag, Pause
from inspectcal.errors import FrameworkError, InputError
from inspectcal.readers.record_csv import RecordRow
from inspectcal.workdays import WorkingCalendar

RECORDS_DIR = Path(__file__).parent / "frameworks" / "records"


class Measured(NamedTuple):
    row: RecordRow
    span: int  # working days on site, first and last day counted
    gap: int  # working days after the last on-site day, up to and including publication


class Stats(NamedTuple):
    """One framework's publication gaps in one era."""

    inspections: int
    published: tuple[int, int]  # first and last publication year
    target: int
    median: int
    p90: int
    fastest: int
    slowest: int
    p10: int

    @property
    def basis(self) -> str:
        first, last = self.published
        years = str(first) if first == last else f"{first}-{last}"
        return f"{self.inspections} inspection{'s' if self.inspections != 1 else ''} published {years}"


class Era(NamedTuple):
    start: date  # the first last-on-site day of the era
    target: int  # over all frameworks
    kinds: Mapping[str, Stats]


class Record(NamedTuple):
    name: str
    source: str
    inspections: int
    first: date  # the earliest last on-site day in the record
    last: date  # the latest
    eras: tuple[Era, ...]
    earliest: str = "target"  # or "p10": which figure a forecast's earliest date is
    held_out: int = 0  # rows held by a general election, left out of the eras
    elections: Mapping[str, Lag] = MappingProxyType({})  # "general", "local": the measured lag

    def earliest_gap(self, figures: Stats) -> int:
        return figures.p10 if self.earliest == "p10" else figures.target

    def era_for(self, last_onsite: date) -> tuple[Era, str | None]:
        """The era in force for an inspection whose last on-site day is ``last_onsite``.

        With a note when the date lies outside the record (the nearest era is used).
        """
        index = bisect_right([era.start for era in self.eras], last_onsite) - 1
        if index < 0:
            era = self.eras[0]
            return era, (
                f"before the record, whose first inspection ended on site on {self.first.isoformat()}: "
                "the first era is assumed"
            )
        era = self.eras[index]
        if last_onsite > self.last:
            return era, (
                f"after the record, whose last inspection ended on site on {self.last.isoformat()}: "
                "the latest era is assumed"
            )
        return era, None


# -- reading and measuring a record --------------------------------------------------


def measure(rows: Iterable[RecordRow], calendar: WorkingCalendar) -> list[Measured]:
    return [
        Measured(
            row,
            calendar.between(row.onsite_start, row.onsite_end, inclusive=True),
            calendar.between(row.onsite_end, row.published),
        )
        for row in rows
    ]


# -- deriving the eras --------------------------------------------------------------


def most_common(gaps: Iterable[int]) -> int:
    """The most common value; on a tie, the smallest."""
    counts = Counter(gaps)
    return min(counts, key=lambda gap: (-counts[gap], gap))


def nearest_rank(sorted_gaps: Sequence[int], percent: int) -> int:
    """The smallest value that at least ``percent`` % of the values do not exceed."""
    rank = -(-percent * len(sorted_gaps) // 100)  # ceil
    return sorted_gaps[max(rank, 1) - 1]


def stats(measured: Sequence[Measured]) -> Stats:
    gaps = sorted(m.gap for m in measured)
    years = [m.row.published.year for m in measured]
    return Stats(
        inspections=len(gaps),
        published=(min(years), max(years)),
        target=most_common(gaps),
        median=nearest_rank(gaps, 50),
        p90=nearest_rank(gaps, 90),
        fastest=gaps[0],
        slowest=gaps[-1],
        p10=nearest_rank(gaps, 10),
    )


def derive_eras(measured: Sequence[Measured], *, single: bool = False) -> tuple[Era, ...]:
    """The eras of a measured record (see the module's docstring for the rule); ``single``: one era."""
    if not measured:
        raise InputError("a record needs at least one row to derive eras from")
    ordered = sorted(measured, key=lambda m: (m.row.onsite_end, m.row.published, m.row.line))
    if single:
        groups = {kind: [m for m in ordered if m.row.kind == kind] for kind in {m.row.kind for m in ordered}}
        return (
            Era(
                ordered[0].row.onsite_end,
                most_common(m.gap for m in ordered),
                {kind: stats(group) for kind, group in sorted(groups.items())},
            ),
        )
    by_year: dict[int, list[int]] = {}
    for m in ordered:
        by_year.setdefault(m.row.onsite_end.year, []).append(m.gap)
    runs: list[tuple[int, list[int]]] = []  # (target, years)
    for year, gaps in by_year.items():
        target = most_common(gaps)
        if runs and runs[-1][0] == target:
            runs[-1][1].append(year)
        else:
            runs.append((target, [year]))
    starts = [ordered[0].row.onsite_end]
    for target, years in runs[1:]:
        starts.append(
            min(m.row.onsite_end for m in ordered if m.row.onsite_end.year in years and m.gap == target)
        )
    eras = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else None
        members = [
            m for m in ordered if m.row.onsite_end >= start and (end is None or m.row.onsite_end < end)
        ]
        kinds: dict[str, list[Measured]] = {}
        for m in members:
            kinds.setdefault(m.row.kind, []).append(m)
        eras.append(
            Era(
                start,
                most_common(m.gap for m in members),
                {kind: stats(group) for kind, group in sorted(kinds.items())},
            )
        )
    return tuple(eras)


def build_record(
    name: str,
    source: str,
    measured: Sequence[Measured],
    calendar: WorkingCalendar,
    *,
    earliest: str = "target",
) -> Record:
    """The table of a measured record; ``earliest="p10"``: one era, whose earliest date is its 10th
    percentile (a record with no clear target)."""
    ends = [m.row.onsite_end for m in measured]
    held = held_rows(measured, record_pauses(measured), calendar)
    general = {id(m) for m, pause in held if pause.kind == GENERAL}
    kept = [m for m in measured if id(m) not in general]
    eras = derive_eras(kept, single=earliest == "p10")
    lags = {kind: lag for kind in (GENERAL, LOCAL) if (lag := election_lag(held, kind, calendar))}
    return Record(name, source, len(measured), min(ends), max(ends), eras, earliest, len(general), lags)


# -- elections: which rows a poll held back, and how long after the poll they came out -------


def record_pauses(measured: Sequence[Measured]) -> tuple[Pause, ...]:
    """The general elections' pauses and the ordinary May polls' over the record's years."""
    from inspectcal.elections import election_table, local_pause, ordinary_poll

    table = election_table()
    years = range(
        min(m.row.onsite_end.year for m in measured), max(m.row.published.year for m in measured) + 1
    )
    local = [local_pause(poll, table) for year in years if (poll := ordinary_poll(year, table))]
    return tuple(sorted({*table.general, *local}))


def natural_dates(measured: Sequence[Measured], calendar: WorkingCalendar) -> list[date]:
    """Each row's last on-site day plus the most common gap of its framework's rows that year."""
    by_group: dict[tuple[str, int], list[int]] = {}
    for m in measured:
        by_group.setdefault((m.row.kind, m.row.onsite_end.year), []).append(m.gap)
    usual = {group: most_common(gaps) for group, gaps in by_group.items()}
    return [calendar.add(m.row.onsite_end, usual[m.row.kind, m.row.onsite_end.year]) for m in measured]


def held_rows(
    measured: Sequence[Measured], pauses: Sequence[Pause], calendar: WorkingCalendar
) -> list[tuple[Measured, Pause]]:
    """The rows a pause held: natural date in the pause, published after its poll."""
    held = []
    for m, natural in zip(measured, natural_dates(measured, calendar), strict=True):
        pause = next((p for p in pauses if p.holds(natural) and m.row.published > p.poll), None)
        if pause is not None:
            held.append((m, pause))
    return held


def election_lag(held: Sequence[tuple[Measured, Pause]], kind: str, calendar: WorkingCalendar) -> Lag | None:
    """Working days from each poll of ``kind`` to the publication of the reports it held."""
    by_poll: dict[date, list[int]] = {}
    for m, pause in held:
        if pause.kind == kind:
            by_poll.setdefault(pause.poll, []).append(calendar.between(pause.poll, m.row.published))
    if not by_poll:
        return None
    lags = sorted(lag for values in by_poll.values() for lag in values)
    return Lag(
        polls=len(by_poll),
        held=len(lags),
        first=lags[0],
        median=nearest_rank(lags, 50),
        p90=nearest_rank(lags, 90),
    )


# -- auditing rows against a record ---------------------------------------------------


class Audit(NamedTuple):
    measured: Measured
    expected_span: int | None  # the framework's days on site; None for an unknown framework
    target: int | None  # the era's target for this row's framework; None when unknown
    era: date | None
    flags: tuple[str, ...]


def audit(measured: Iterable[Measured], record: Record, spans: Mapping[str, int]) -> list[Audit]:
    """Each row against the frameworks' on-site spans and the record's era targets."""
    result = []
    for m in measured:
        flags = []
        expected = spans.get(m.row.kind)
        if expected is None:
            known = ", ".join(sorted(spans))
            flags.append(f"framework '{m.row.kind}' is not one of {known}")
        elif m.span != expected:
            flags.append(f"span {m.span}, not {expected}")
        era, _ = record.era_for(m.row.onsite_end)
        stats_here = era.kinds.get(m.row.kind)
        target = record.earliest_gap(stats_here) if stats_here else None
        if target is not None and m.gap < target:
            flags.append(f"gap {m.gap} < target {target}")
        result.append(Audit(m, expected, target, era.start, tuple(flags)))
    return result


# -- the shipped table: TOML text out, validated data in ------------------------------

_STATS_KEYS = ("inspections", "published", "target", "p10", "median", "p90", "fastest", "slowest")
_LAG_KEYS = ("polls", "held", "first", "median", "p90")


def record_to_toml(record: Record, *, command: str) -> str:
    """The table as the package ships it (``frameworks/records/NAME.toml``)."""

    def string(text: str) -> str:
        escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
        return f'"{escaped}"'

    lines = [
        f"# Ofsted's record of {record.name.upper().replace('-', ' ')} inspections, reduced to the "
        "publication gap by era.",
        "# Derived, not written by hand: regenerate with",
        f"#     {command}",
        "# Gaps are working days (Mon-Fri less bank holidays in England and Wales) after the last",
        "# on-site day, up to and including publication. Eras, targets and percentiles: see",
        "# inspectcal/record.py. No inspection rows are shipped, only these figures. [elections]:",
        "# reports held back by a poll, in working days from polling day to publication.",
        f"name = {string(record.name)}",
        f"source = {string(record.source)}",
        f"inspections = {record.inspections}",
        f'first_onsite_end = "{record.first.isoformat()}"',
        f'last_onsite_end = "{record.last.isoformat()}"',
        f'earliest = "{record.earliest}"',
        f"held_out = {record.held_out}",
    ]
    for kind, lag in record.elections.items():
        lines += ["", f"[elections.{kind}]", *(f"{key} = {getattr(lag, key)}" for key in _LAG_KEYS)]
    for era in record.eras:
        lines += ["", "[[eras]]", f'from = "{era.start.isoformat()}"', f"target = {era.target}"]
        for kind, figures in era.kinds.items():
            lines += ["", f"[eras.{kind}]"]
            for key in _STATS_KEYS:
                value = getattr(figures, key)
                text = f"[{value[0]}, {value[1]}]" if key == "published" else str(value)
                lines.append(f"{key} = {text}")
    return "\n".join(lines) + "\n"


def record_names() -> list[str]:
    try:
        return sorted(p.name.removesuffix(".toml") for p in RECORDS_DIR.iterdir() if p.suffix == ".toml")
    except OSError:
        return []


def parse_record(data: Mapping[str, Any], where: str) -> Record:
    def fail(problem: str) -> FrameworkError:
        return FrameworkError(f"{where}: {problem}")

    def whole(table: Mapping[str, Any], key: str, context: str) -> int:
        value = table.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise fail(f"{context}: field '{key}' must be a whole number, not {value!r}")
        return value

    def day(table: Mapping[str, Any], key: str, context: str) -> date:
        value = table.get(key)
        problem = fail(f"{context}: field '{key}' must be a date like \"2024-06-07\", not {value!r}")
        if not isinstance(value, str):
            raise problem
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise problem from None

    allowed = {"name", "source", "inspections", "first_onsite_end", "last_onsite_end", "eras"}
    allowed |= {"earliest", "held_out", "elections"}
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise fail(f"unknown field '{unknown[0]}' (fields: {', '.join(sorted(allowed))})")
    name, source = data.get("name"), data.get("source")
    if not isinstance(name, str) or not name or not isinstance(source, str) or not source.strip():
        raise fail("fields 'name' and 'source' must be non-empty strings")
    raw_eras = data.get("eras")
    if not isinstance(raw_eras, list) or not raw_eras:
        raise fail("a record needs at least one [[eras]] entry")
    eras = []
    for number, raw in enumerate(raw_eras, 1):
        context = f"era #{number}"
        if not isinstance(raw, dict):
            raise fail(f"{context}: must be a table")
        kinds = {}
        for kind, figures in raw.items():
            if kind in ("from", "target"):
                continue
            if not isinstance(figures, dict) or set(figures) != set(_STATS_KEYS):
                raise fail(f"{context}: [{kind}] must have exactly the fields {', '.join(_STATS_KEYS)}")
            years = figures["published"]
            if (
                not isinstance(years, list)
                or len(years) != 2
                or not all(isinstance(y, int) and not isinstance(y, bool) for y in years)
                or years[0] > years[1]
            ):
                raise fail(f"{context}: [{kind}] field 'published' must be [first year, last year]")
            values = {
                key: whole(figures, key, f"{context} [{kind}]") for key in _STATS_KEYS if key != "published"
            }
            if not values["fastest"] <= values["target"] <= values["slowest"] or not (
                values["fastest"] <= values["p10"] <= values["median"] <= values["p90"] <= values["slowest"]
            ):
                raise fail(
                    f"{context}: [{kind}] must have fastest <= target, p10 <= median <= p90 <= slowest"
                )
            kinds[kind] = Stats(published=(years[0], years[1]), **values)
        if not kinds:
            raise fail(f"{context}: needs figures for at least one framework, e.g. [eras.standard]")
        eras.append(Era(day(raw, "from", context), whole(raw, "target", context), kinds))
    if any(later.start <= earlier.start for earlier, later in pairwise(eras)):
        raise fail("eras must be in date order, each 'from' after the one before")
    earliest = data.get("earliest", "target")
    if earliest not in ("target", "p10"):
        raise fail(f'field \'earliest\' must be "target" or "p10", not {earliest!r}')
    raw_lags = data.get("elections", {})
    if not isinstance(raw_lags, dict) or not set(raw_lags) <= {GENERAL, LOCAL}:
        raise fail("[elections] may hold only [elections.general] and [elections.local]")
    lags = {}
    for kind, figures in raw_lags.items():
        if not isinstance(figures, dict) or set(figures) != set(_LAG_KEYS):
            raise fail(f"[elections.{kind}] must have exactly the fields {', '.join(_LAG_KEYS)}")
        lags[kind] = Lag(**{key: whole(figures, key, f"[elections.{kind}]") for key in _LAG_KEYS})
    return Record(
        name,
        " ".join(source.split()),
        whole(data, "inspections", "top level"),
        day(data, "first_onsite_end", "top level"),
        day(data, "last_onsite_end", "top level"),
        tuple(eras),
        earliest,
        whole(data, "held_out", "top level") if "held_out" in data else 0,
        MappingProxyType(lags),
    )
