"""The holidays command: projected years past the confirmed horizon, and --compare."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import fails, run

# -- holidays past the confirmed horizon -----------------------------------------------------------


PROJECTION_WARNING = (
    "Warning: dates after 2028 count bank holidays projected from the usual rules (England and "
    "Wales); one-off days are announced later, so check them again then\n"
)


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_holidays_past_the_horizon_warn_once(fmt: str) -> None:
    code, out, err = run("holidays", "--year", "2031", "--format", fmt)
    assert (code, err) == (0, PROJECTION_WARNING)
    assert out


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_holidays_within_the_horizon_do_not_warn(fmt: str) -> None:
    code, _, err = run("holidays", "--year", "2028", "--format", fmt)
    assert (code, err) == (0, "")


def test_holidays_rows_say_projected_in_json_and_csv() -> None:
    code, out, _ = run("holidays", "--year", "2031", "--format", "json", "--closed", "2031-03-04")
    rows = json.loads(out)
    assert code == 0
    assert [(r["date"], r["closure"], r["projected"]) for r in rows] == [
        ("2031-01-01", False, True),
        ("2031-03-04", True, False),  # a closure is the council's own: never projected
        ("2031-04-11", False, True),
        ("2031-04-14", False, True),
        ("2031-05-05", False, True),
        ("2031-05-26", False, True),
        ("2031-08-25", False, True),
        ("2031-12-25", False, True),
        ("2031-12-26", False, True),
    ]
    confirmed = json.loads(run("holidays", "--year", "2028", "--format", "json")[1])
    assert confirmed
    assert not any(r["projected"] for r in confirmed)
    csv_out = run("holidays", "--year", "2031", "--format", "csv", "--closed", "2031-03-04")[1]
    assert csv_out.splitlines()[:3] == [
        "date,name,closure,projected",
        "2031-01-01,New Year's Day,no,yes",
        "2031-03-04,Council closure,yes,no",
    ]


def test_holidays_table_marks_projected_rows() -> None:
    out = run("holidays", "--year", "2031")[1]
    assert "Good Friday (projected)" in out
    assert (
        "Projected: bank holidays after 2028 follow the usual rules; one-off days are announced later."
        in " ".join(out.split())
    )
    assert "(projected)" not in run("holidays", "--year", "2028")[1]


def test_a_bank_holidays_file_moves_the_horizon_for_holidays(tmp_path: Path) -> None:
    events = [{"title": "New Year", "date": f"{y}-01-01"} for y in (2029, 2030, 2031)]
    extra = tmp_path / "later.json"
    extra.write_text(json.dumps({"england-and-wales": {"events": events}}), "utf-8")
    code, out, err = run("holidays", "--year", "2031", "--format", "json", "--bank-holidays-file", str(extra))
    assert code == 0
    assert "projected" not in err  # the file confirms 2029-2031 (it warns of the days it leaves out)
    assert [(r["date"], r["projected"]) for r in json.loads(out)] == [("2031-01-01", False)]


# -- holidays --compare ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        (["--year", "2022"], "--year"),
        (["--region", "scotland"], "--region"),
        (["--no-bank-holidays"], "--no-bank-holidays"),
        (["--closed", "2022-03-01"], "--closed"),
    ],
)
def test_holidays_compare_refuses_options_it_would_ignore(
    tmp_path: Path, extra: list[str], named: str
) -> None:
    official = tmp_path / "bh.json"
    official.write_text(json.dumps({"england-and-wales": {"events": [{"title": "X", "date": "2022-01-03"}]}}))
    assert fails(2, "holidays", "--compare", str(official), *extra) == (
        f"--compare covers every region and year of the file and counts no closures, so {named} would "
        "be ignored: give one or the other"
    )
    code, _, _ = run("holidays", "--compare", str(official), "--region", "England")
    assert code == 0
