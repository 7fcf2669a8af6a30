from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspectcal.dates import parse_date, parse_date_range
from inspectcal.errors import DateError

from .conftest import fails, run, run_cli

FEB_22 = date(2010, 2, 22)


@pytest.mark.parametrize(
    "text",
    [
        "2010-02-22",
        "22/02/2010",
        "22-02-2010",
        "22.02.2010",
        "22/2/2010",
        " 22 Feb 2010 ",
        "22 February 2010",
        "Monday 22nd February 2010",
        "Mon 22 Feb 2010",
        "February 22, 2010",
    ],
)
def test_accepted_forms(text: str) -> None:
    assert parse_date(text) == FEB_22


def test_today_only_when_passed_in() -> None:
    assert parse_date("today", today=FEB_22) == FEB_22
    assert parse_date("Today", today=FEB_22) == FEB_22
    with pytest.raises(DateError, match="'today' is not accepted here"):
        parse_date("today")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "02/22/2010",
            "'02/22/2010' is month-first: numeric dates are day-first (DD/MM/YYYY), so write 22/02/2010",
        ),
        ("31/02/2010", "'31/02/2010' is not a real date (month 2 of 2010 has no day 31)"),
        ("2010-13-01", "'2010-13-01' is not a real date (there is no month 13)"),
        ("22/02/10", "cannot read '22/02/10' as a date"),
        ("22 Feb", "'22 Feb' is not a whole date"),
        ("Tuesday 22 Feb 2010", "2010-02-22 is a Monday, not a Tuesday"),
        ("22 Feb 2010 10:30", "has a time in it"),
        ("next week", "cannot read 'next week' as a date"),
        ("", "empty date"),
    ],
)
def test_rejected_forms(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert message in str(caught.value)


@given(st.dates(min_value=date(1000, 1, 1)))
def test_iso_and_day_first_round_trip(day: date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.day:02d}/{day.month:02d}/{day.year:04d}") == day
    assert parse_date(f"{day.day} {day:%B} {day.year:04d}") == day


def test_ranges() -> None:
    assert parse_date_range("2010-12-29..2010-12-31") == (date(2010, 12, 29), date(2010, 12, 31))
    assert parse_date_range("29.12.2010..31.12.2010") == (date(2010, 12, 29), date(2010, 12, 31))
    assert parse_date_range("2010-12-29") == (date(2010, 12, 29), date(2010, 12, 29))
    with pytest.raises(DateError, match="ends before it starts"):
        parse_date_range("2010-12-31..2010-12-29")


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("2010/02/22", "a year-first date takes dashes: write 2010-02-22 (or 22/02/2010)"),
        ("2010.2.22", "a year-first date takes dashes: write 2010-02-22 (or 22/02/2010)"),
        ("2010/22/02", "a year-first date is YYYY-MM-DD, e.g. 2010-02-22"),
        ("20100222", "separate the parts: write 2010-02-22"),
        ("22022010", "separate the parts: write 22/02/2010"),
        ("99999999", "separate the parts: use YYYY-MM-DD, DD/MM/YYYY or e.g. '22 Feb 2010'"),
        ("22/02/10", "write the year in full, e.g. 22/02/2010"),
        ("22 02 2010", "separate the parts with '/': write 22/02/2010"),
        ("22/02", "add the year: 22/02/YYYY"),
        ("1/2/3/4", "use YYYY-MM-DD, DD/MM/YYYY or e.g. '22 Feb 2010'"),
    ],
)
def test_numeric_hints_fit_what_was_typed(text: str, hint: str) -> None:
    """The hint names the fix for the form typed; 'four-digit year' only where the year is short."""
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert str(caught.value) == f"cannot read '{text}' as a date: {hint}"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.sampled_from("/. "))
def test_year_first_and_compact_hints_suggest_the_same_date(day: date, separator: str) -> None:
    """Whatever date is typed year-first or without separators, the suggestion is that date."""
    for text, suggested in (
        (f"{day.year}{separator}{day.month:02d}{separator}{day.day:02d}", day.isoformat()),
        (f"{day.year}{day.month:02d}{day.day:02d}", day.isoformat()),
    ):
        with pytest.raises(DateError) as caught:
            parse_date(text)
        assert f"write {suggested}" in str(caught.value)
        assert parse_date(suggested) == day


# -- dates with a short year are refused, not guessed ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("22 Feb 75", "75"),
        ("4 Jan 80", "80"),
        ("22 feb 2", "2"),
        ("22 Feb 010", "010"),
        ("Monday 22nd February 10", "10"),
        ("February 22, 10", "10"),
        ("22 Feb '10", "10"),
    ],
)
def test_written_out_dates_with_a_short_year_are_refused(text: str, year: str) -> None:
    assert fails(2, "add", text, "0") == (
        f"DATE: '{text}' gives the year as '{year}': write the year in full, e.g. '22 Feb 2010'"
    )


@pytest.mark.parametrize("year", range(0, 1000, 37))
def test_no_short_year_is_read_as_any_century(year: int) -> None:
    from inspectcal.dates import parse_date
    from inspectcal.errors import DateError

    for width in (1, 2, 3):
        text = f"{year:0{width}d}"
        if len(text) != width:
            continue
        with pytest.raises(DateError, match="write the year in full"):
            parse_date(f"22 Feb {text}")


@pytest.mark.parametrize(
    ("text", "hint"),
    [("22/2/1", "22/02/YYYY"), ("22/02/010", "22/02/YYYY"), ("22.2.010", "22.02.YYYY")],
)
def test_numeric_dates_with_a_one_or_three_digit_year_say_write_it_in_full(text: str, hint: str) -> None:
    assert fails(2, "add", text, "0") == (
        f"DATE: cannot read '{text}' as a date: write the year in full, e.g. {hint}"
    )


def test_written_out_dates_with_the_year_in_full_still_read() -> None:
    from datetime import date

    from inspectcal.dates import parse_date

    for text in ("22 Feb 2010", "Monday 22nd February 2010", "February 22nd, 2010", "22-Feb-2010"):
        assert parse_date(text) == date(2010, 2, 22), text


# -- messages that name what is wrong with a date --------------------------------------------------


def test_two_dates_as_one_option_are_called_two_dates() -> None:
    assert fails(2, "plan", "-n", "2010-02-22 2010-02-23") == (
        "--notified: '2010-02-22 2010-02-23' holds more than one date: give one date (a range is DATE..DATE)"
    )


def test_a_date_with_a_time_is_still_called_a_time() -> None:
    assert fails(2, "plan", "-n", "22 Feb 2010 14:30") == (
        "--notified: '22 Feb 2010 14:30' has a time in it: give the date only"
    )


# -- weekday abbreviations -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Tues 16 Mar 2010",
        "Weds 17 Mar 2010",
        "Thurs 18 Mar 2010",
        "Thur 18 Mar 2010",
        "Thur. 18 Mar 2010",
        "TUES, 16 March 2010",
        "Tue 16 Mar 2010",
        "Thu 18 Mar 2010",
    ],
)
def test_common_weekday_abbreviations_are_read(text: str) -> None:
    from datetime import date

    from inspectcal.dates import parse_date

    expected = {"Tu": date(2010, 3, 16), "TU": date(2010, 3, 16), "We": date(2010, 3, 17)}
    assert parse_date(text) == expected.get(text[:2], date(2010, 3, 18))


def test_a_wrong_weekday_abbreviation_is_still_refused() -> None:
    assert fails(2, "add", "Thurs 19 Mar 2010", "0") == (
        "DATE: 'Thurs 19 Mar 2010' does not add up: 2010-03-19 is a Friday, not a Thursday"
    )


# -- hints for dates typed in other forms ----------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("2010/02/22", "a year-first date takes dashes: write 2010-02-22 (or 22/02/2010)"),
        ("20100222", "separate the parts: write 2010-02-22"),
    ],
)
def test_the_issue_dates_get_hints_that_fit(typed: str, hint: str) -> None:
    result = run_cli(["plan", "--notified", typed])
    assert result.exit_code == 2
    assert result.stderr == f"Error: --notified: cannot read '{typed}' as a date: {hint}\n"
    assert "four-digit" not in result.stderr


# -- extreme values --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "2010-02-22", "99999999999999999999"], "the result falls outside the supported dates"),
        (
            ["date", "99999999999999999999", "-n", "2010-02-22"],
            "falls after 2099-12-31, the last supported date",
        ),
        (["plan", "-n", "0000-01-01"], "--notified: '0000-01-01' is not a real date (there is no year 0)"),
        (["plan", "-n", "22/02/99999"], "--notified: cannot read '22/02/99999' as a date"),
        (["plan", "-n", "9999-12-31"], "9999-12-31 is outside the supported dates 1975-01-01 to 2099-12-31"),
        (["plan", "-n", "\x00\x01"], "--notified: cannot read"),
        (["between", "1975-01-01", "2099-12-31"], None),
    ],
)
def test_extreme_values(args: list[str], message: str | None) -> None:
    code, out, err = run(*args)
    if message is None:  # the whole supported range: fine, but past the confirmed bank holidays
        assert code == 0
        assert err.startswith("Warning: dates after 2028")
        # Counted independently: each weekday after 1 Jan 1975 to the end of 2099, less the bank
        # holidays that the rules and one-offs of tests/test_history.py give.
        from . import oracle
        from .test_history import expected

        assert int(out) == oracle.count(date(1975, 1, 1), date(2099, 12, 31), expected("england-and-wales"))
        return
    assert (code, out) == (2, "")
    assert message in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("29 Feb 2011", "month 2 of 2011 has no day 29"),
        ("31 Feb 2010", "month 2 of 2010 has no day 31"),
        ("32 Jan 2010", "month 1 of 2010 has no day 32"),
        ("31st April 2010", "month 4 of 2010 has no day 31"),
        ("Thu 31 Sept 2010", "month 9 of 2010 has no day 31"),
        ("31 of June 2010", "month 6 of 2010 has no day 31"),
    ],
)
def test_a_written_out_date_with_a_day_its_month_lacks_is_not_real(text: str, reason: str) -> None:
    """As 30/02/2010 is said not to be a real date, so is 29 Feb 2011: the form is fine."""
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert str(caught.value) == f"'{text}' is not a real date ({reason})"


@pytest.mark.parametrize("text", ["8 Marchington 2010", "29 Febx 2011", "soon"])
def test_words_that_are_no_month_still_get_the_form_hint(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert str(caught.value).startswith(f"cannot read '{text}' as a date: use YYYY-MM-DD")


def test_a_leap_day_written_out_is_read() -> None:
    assert parse_date("29 Feb 2012") == date(2012, 2, 29)
