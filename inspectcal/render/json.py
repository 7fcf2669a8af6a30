"""The plan as one JSON object (the shape is documented in README and kept stable)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from inspectcal.plan import Milestone, Plan


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
