"""The plan as one JSON object (the shape is documented in README and kept stable)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from inspectcal.plan import Forecast, Milestone, Plan

if TYPE_CHECKING:
    from inspectcal.elections import Pause


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    return {
        "framework": {
            "id": plan.framework.id,
            "title": plan.framework.title,
            "status": plan.framework.status,
            "source": plan.framework.source,
        },
        "parameters": dict(sorted(plan.framework.parameters.items())),
        "authority": plan.authority,
        "notified": plan.notified.isoformat(),
        "anchor": None
        if plan.anchor is None
        else {"day": plan.anchor.day, "date": plan.anchor.date.isoformat()},
        "region": plan.source.region.key,
        "bank_holidays": plan.source.bank_holidays,
        "closures": [
            {"date": day.isoformat(), "name": name}
            for day, name in sorted(plan.source.closure_days().items())
        ],
        "skipped": [{"date": off.date.isoformat(), "name": off.name} for off in plan.skipped],
        "projected_after": plan.projected_after,
        "milestones": [with_forecast(plan, milestone_to_dict(m)) for m in plan.milestones],
    }


def with_forecast(plan: Plan, milestone: dict[str, Any]) -> dict[str, Any]:
    """The record's forecast on its milestone (ILACS publication): the Day is the earliest date."""
    forecast = plan.forecast
    if forecast is not None and forecast.milestone == milestone["id"]:
        milestone["forecast"] = {
            "median": forecast.median.isoformat(),
            "p90": forecast.p90.isoformat(),
            "basis": forecast.basis,
            "note": forecast.note,
            **election_fields(forecast),
        }
    return milestone


def milestone_to_dict(m: Milestone) -> dict[str, Any]:
    return {
        "id": m.id,
        "title": m.title,
        "who": m.who,
        "start_day": m.start_day,
        "end_day": m.end_day,
        "start": m.start.isoformat(),
        "end": m.end.isoformat(),
    }


def dump(value: object, stream: TextIO) -> None:
    """Every JSON output's layout: two-space indents, UTF-8 text as is, a final newline."""
    json.dump(value, stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def render(plan: Plan, stream: TextIO) -> None:
    dump(plan_to_dict(plan), stream)


def election_fields(forecast: Forecast) -> dict[str, Any]:
    """The election effect (additive keys): ``held_by``, the pauses that moved the dates, each
    with the record's lag for its kind of poll; ``unmoved``, the dates before the move (null when
    none moved); ``may_matter``, an ordinary May poll the window crosses that no --election named."""

    def pause_dict(pause: Pause) -> dict[str, Any]:
        return {
            "kind": pause.kind,
            "poll": pause.poll.isoformat(),
            "from": pause.start.isoformat(),
            "rule": pause.rule,
            "source": pause.source,
        }

    unmoved = forecast.unmoved
    return {
        "held_by": [
            {**pause_dict(pause), "lag": {"first": lag.first, "median": lag.median, "p90": lag.p90}}
            for pause, lag in forecast.moved_by
        ],
        "unmoved": None
        if unmoved is None
        else {
            "earliest": unmoved[0].isoformat(),
            "median": unmoved[1].isoformat(),
            "p90": unmoved[2].isoformat(),
        },
        "may_matter": None if forecast.may_matter is None else pause_dict(forecast.may_matter),
    }
