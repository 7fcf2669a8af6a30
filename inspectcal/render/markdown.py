"""The plan as a Markdown table, to paste into a briefing note."""

from __future__ import annotations

from typing import TextIO

from inspectcal.plan import Plan
from inspectcal.render.plan import plan_rows
from inspectcal.render.writer import write_rows


def render(plan: Plan, stream: TextIO) -> None:
    write_rows(plan_rows(plan), "markdown", stream)
