"""The window page's summary of clashing notification dates (issue 22): a long run of clashing
rows reads as one line above the table, worked out here from --format json."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from .conftest import ok


def human(iso: str) -> str:
    day = date.fromisoformat(iso)
    names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return f"{names[day.weekday()]} {day.day} {months[day.month - 1]} {day.year}"


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        (
            ("--from", "2010-12-01", "--to", "2011-01-31", "--avoid", "2010-12-20..2010-12-31"),
            "Clashing notification dates: Wed 1 Dec 2010 - Thu 23 Dec 2010 (17 dates).",
        ),
        (  # two runs, one of a single date
            ("--from", "2010-11-01", "--to", "2010-12-10", "--avoid", "2010-11-08", "--avoid", "2010-11-29"),
            None,
        ),
        (("--from", "2011-02-01", "--to", "2011-02-28"), ""),  # nothing clashes: no line
    ],
    ids=["christmas", "two-runs", "none"],
)
def test_runs_of_clashing_dates_are_summarised(window: tuple[str, ...], expected: str | None) -> None:
    candidates = json.loads(ok("window", *window, "--format", "json"))
    runs: list[list[str]] = []
    previous_clashed = False
    for candidate in candidates:
        if candidate["clashes"]:
            if previous_clashed:
                runs[-1].append(candidate["notified"])
            else:
                runs.append([candidate["notified"]])
        previous_clashed = bool(candidate["clashes"])
    described = "; ".join(
        human(run[0]) if len(run) == 1 else f"{human(run[0])} - {human(run[-1])} ({len(run)} dates)"
        for run in runs
    )
    wanted = f"Clashing notification dates: {described}." if runs else ""
    if expected is not None:
        assert wanted == expected  # the oracle itself, on a window worked out by hand
    page = ok("window", *window, "--format", "html")
    found = re.findall(r'<p class="clash-runs">(.*?)</p>', page)
    text = [re.sub(r"<[^>]+>", "", line) for line in found]
    assert text == ([wanted] if wanted else [])
    if runs:  # each date is machine-readable too
        first = re.findall(r'datetime="([0-9-]+)"', found[0])
        assert first[0] == runs[0][0]
