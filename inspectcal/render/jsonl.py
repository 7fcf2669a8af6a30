"""JSON Lines: one compact plan object per line, for batches of notification dates.

``render`` is the reference (json.dumps of the same object as ``--format json``).
``JsonlWriter`` writes exactly the same bytes much faster for many dates of one framework
and calendar: everything but the dates is serialised once into a template.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from operator import itemgetter
from typing import Any, TextIO

from inspectcal.calendars import CalendarSource
from inspectcal.frameworks import Framework
from inspectcal.plan import Milestone, Plan, build_plan
from inspectcal.render.json import plan_to_dict
from inspectcal.workdays import WorkingCalendar

_COMPACT = {"separators": (",", ":"), "ensure_ascii": False}
_MARK = "\ue000"  # a private-use character: marks the holes in the template


def render(plan: Plan, stream: TextIO) -> None:
    stream.write(json.dumps(plan_to_dict(plan), **_COMPACT) + "\n")  # type: ignore[arg-type]


class JsonlWriter:
    """Writes ``render(build_plan(...))`` for each notification date, without building plans."""

    def __init__(
        self,
        framework: Framework,
        calendar: WorkingCalendar,
        source: CalendarSource,
        authority: str | None = None,
        elections: Sequence[date] = (),
    ) -> None:
        self.framework, self.calendar, self.source, self.authority = framework, calendar, source, authority
        self.elections = elections  # the authority's polls (--election): they move the forecast
        self.resolved = framework.resolved_days()
        self.days = sorted({d for _, start, end in self.resolved for d in (start, end)})  # last is the end
        self.template = self._template()
        self._skipped_cache: dict[tuple[date, ...], str] = {}

    def _template(self) -> tuple[str, itemgetter[Any]] | None:
        """The plan's JSON with a ``%s`` at each date, and which value goes in each hole.

        Built from what is the same for every notification date (the framework, the calendar's
        description, the authority), never from a sample date.

        Values are, in order: the notification date, the skipped list, projected_after,
        then the date of each Day in ``self.days``. None when the framework's own text holds
        the marker.
        """
        if self.framework.record_applies:
            return None  # Ofsted's record sets a gap by era: the Days, not only dates, vary by plan
        # A plan whose dates are all placeholders: every date field is a hole, so no date of
        # the calendar is needed (nor may any be assumed to be a working day).
        placeholder = date.min
        milestones = tuple(
            Milestone(spec.id, spec.title, spec.who, start, end, placeholder, placeholder)
            for spec, start, end in self.resolved
        )
        shape = Plan(
            self.framework, placeholder, self.source, milestones, (), self.calendar, self.authority or None
        )
        sample = plan_to_dict(shape)
        sample["notified"] = f"{_MARK}0{_MARK}"
        sample["skipped"] = f"{_MARK}1{_MARK}"
        sample["projected_after"] = f"{_MARK}2{_MARK}"
        slot = {day: index + 3 for index, day in enumerate(self.days)}
        for m, (_, start, end) in zip(sample["milestones"], self.resolved, strict=True):
            m["start"], m["end"] = f"{_MARK}{slot[start]}{_MARK}", f"{_MARK}{slot[end]}{_MARK}"
        pieces = json.dumps(sample, **_COMPACT).split(_MARK)  # type: ignore[arg-type]
        if len(pieces) != 2 * (3 + 2 * len(self.resolved)) + 1:
            return None
        holes = [int(piece) for piece in pieces[1::2]]
        texts = [piece.replace("%", "%%") for piece in pieces[0::2]]
        for raw in (1, 2):
            # `skipped` is a list and `projected_after` a number or null: no quotes round them.
            hole = holes.index(raw)
            texts[hole], texts[hole + 1] = texts[hole][:-1], texts[hole + 1][1:]
        return "%s".join(texts) + "\n", itemgetter(*holes)

    def write(self, notified: date, stream: TextIO) -> date:
        """Write one plan's line; return the plan's last date (for the horizon warning)."""
        if self.template is None:
            plan = build_plan(
                self.framework,
                notified,
                self.calendar,
                self.source,
                authority=self.authority,
                elections=self.elections,
            )
            render(plan, stream)
            return plan.last
        text, pick = self.template
        dates = self.calendar.day_dates(notified, self.days)
        last = dates[-1]
        horizon = self.source.confirmed_through
        projected = str(horizon) if horizon is not None and last.year > horizon else "null"
        values = [notified.isoformat(), self._skipped(notified, last), projected]
        values += [d.isoformat() for d in dates]
        stream.write(text % pick(values))
        return last

    def _skipped(self, notified: date, last: date) -> str:
        found = self.calendar.days_off_between(notified, last)
        if not found:
            return "[]"
        key = tuple(off.date for off in found)
        if key not in self._skipped_cache:
            rows = [{"date": off.date.isoformat(), "name": off.name} for off in found]
            self._skipped_cache[key] = json.dumps(rows, **_COMPACT)  # type: ignore[arg-type]
        return self._skipped_cache[key]
