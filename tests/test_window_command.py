"""The window command: ranges with no working day, and the reasons in markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import fails, run

# -- ranges without a working day ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "following"),
    [
        ("2010-12-25", "2010-12-28", "2010-12-29"),  # Christmas weekend and its bank holidays
        ("2010-03-06", "2010-03-07", "2010-03-08"),  # a weekend
    ],
)
def test_window_over_a_range_without_a_working_day_is_refused(start: str, end: str, following: str) -> None:
    assert fails(2, "window", "--from", start, "--to", end) == (
        f"--from {start} --to {end} holds no working day (the next is {following}): give a range with "
        "at least one"
    )


def test_window_over_closed_days_only_is_refused() -> None:
    assert fails(
        2, "window", "--from", "2010-03-01", "--to", "2010-03-02", "--closed", "2010-03-01..2010-03-02"
    ) == (
        "--from 2010-03-01 --to 2010-03-02 holds no working day (the next is 2010-03-03): give a range "
        "with at least one"
    )


# -- markdown names each clash's reason ------------------------------------------------------------


def test_window_markdown_names_the_reason_of_each_clash(tmp_path: Path) -> None:
    avoid = tmp_path / "leave.txt"
    avoid.write_text("2010-12-20..2010-12-24 # Director on leave\n")
    code, out, err = run(
        "window", "--from", "2010-12-13", "--to", "2010-12-14", "--avoid-file", str(avoid),
        "--avoid", "2010-12-31", "--format", "markdown",
    )  # fmt: skip
    assert (code, err) == (0, "")
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    # Mon 13 Dec 2010: Day 5 is Fri 17 Dec, fieldwork (Days 11-20) Wed 29 Dec..Wed 12 Jan
    # (Christmas and Boxing Day observed on 27 and 28 Dec): only the unnamed 31 Dec clashes.
    assert rows[1].endswith("| **fieldwork: Fri 31 Dec** |")
    # Tue 14 Dec 2010: Day 5 is Mon 20 Dec, a named day of leave.
    assert rows[2].endswith("| **setup-meeting: Mon 20 Dec (Director on leave); fieldwork: Fri 31 Dec** |")
