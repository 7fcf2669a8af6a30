"""The calendar, framework and plan that a command's options describe, and dates read from them."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from inspectcal.cli import timestamps
from inspectcal.cli.defaults import DEFAULT_REGION
from inspectcal.cli.options import CalendarOptions
from inspectcal.errors import InputError, InspectcalError, OutOfRangeError

if TYPE_CHECKING:  # imported where used, to keep start-up light
    from inspectcal.calendars import CalendarSource, OfficialList
    from inspectcal.calendars import Region as BankHolidayRegion
    from inspectcal.frameworks import Framework
    from inspectcal.plan import Plan
    from inspectcal.workdays import WorkingCalendar


def calendar_from_options(options: CalendarOptions) -> tuple[CalendarSource, WorkingCalendar]:
    """The calendar the options describe, and where its days off come from."""
    region, no_bank_holidays, closed, closures, bank_holidays_file = options
    from inspectcal.calendars import (
        CalendarSource,
        get_region,
        working_calendar,
    )
    from inspectcal.dates import parse_date_span

    chosen = get_region(region)
    if no_bank_holidays:
        _refuse_with_no_bank_holidays(chosen.key, bank_holidays_file)
    found = []
    for text in closed or []:
        try:
            found.append(parse_date_span(text))
        except InspectcalError as error:
            raise type(error)(f"--closed: {error}") from None
    if closures is not None:
        from inspectcal.avoid import read_closures_file

        found.extend(read_closures_file(closures))
    official = None
    if bank_holidays_file is not None:
        from inspectcal.calendars import read_official_file

        official = read_official_file(bank_holidays_file, chosen)
    elif not no_bank_holidays:
        official = stored_official(chosen)
    source = CalendarSource(chosen, not no_bank_holidays, tuple(found), official)
    if bank_holidays_file is not None:
        from inspectcal.calendars import official_warnings

        for message in official_warnings(source):
            sys.stderr.write(f"Warning: {message}\n")
    return source, working_calendar(source)


def stored_official(region: BankHolidayRegion) -> OfficialList | None:
    """The gov.uk list `holidays update` stored, for ``region``; a line when it is over a year old."""
    from inspectcal.govuk_list import read_stored

    stored = read_stored()
    if stored is None:
        return None
    if stored.is_stale(timestamps.today_date()):
        sys.stderr.write(
            f"Warning: the bank holidays in use are the {stored.name}, over a year ago: "
            "run 'inspectcal holidays update' for any announced since\n"
        )
    return stored.for_region(region)


def _refuse_with_no_bank_holidays(region: str, bank_holidays_file: Path | None) -> None:
    """--no-bank-holidays skips no bank holidays: a file or region of them would be ignored."""
    if bank_holidays_file is not None:
        raise InputError(
            "--no-bank-holidays and --bank-holidays-file contradict each other: the file's bank "
            "holidays would be ignored; give one or the other"
        )
    if region != DEFAULT_REGION:
        raise InputError(
            f"--no-bank-holidays and --region {region} contradict each other: the region's bank "
            "holidays would be ignored; give one or the other"
        )


warned: set[int] = set()


def warn_if_projected(source: CalendarSource, *dates: date) -> None:
    """Say once, on stderr, when a result depends on bank holidays not yet announced."""
    horizon = source.confirmed_through
    if horizon is None or horizon in warned or not dates or max(dates).year <= horizon:
        return
    warned.add(horizon)
    sys.stderr.write(
        f"Warning: dates after {horizon} count bank holidays projected from the usual rules "
        f"({source.region.label}); one-off days are announced later, so check them again then\n"
    )


def framework_from_options(ref: str, params: list[str] | None) -> Framework:
    from inspectcal.frameworks import load_framework

    chosen = load_framework(ref)
    overrides = {}
    for text in params or []:
        name, equals, value = text.partition("=")
        try:
            overrides[name.strip()] = int(value)
        except ValueError:
            equals = ""
        if not equals or not name.strip():
            raise InputError(
                f"--param '{text}' is not NAME=VALUE with a whole number, e.g. publication_gap=21"
            )
    return chosen.with_parameters(overrides) if overrides else chosen


def plan_from_options(
    framework: Framework,
    notified: str | None,
    anchor: str | None,
    calendar: WorkingCalendar,
    source: CalendarSource,
    name: str | None,
    elections: Sequence[date] = (),
) -> Plan:
    """A plan from exactly one of --notified and --anchor."""
    from inspectcal.plan import Anchor, build_plan, notified_from_anchor, parse_anchor_day

    if (notified is None) == (anchor is None):
        raise InputError(
            "give either --notified DATE (Day 1) or --anchor DAY=DATE (a known date), not both"
            if notified is not None
            else "give the notification date with --notified DATE, or a known date with --anchor DAY=DATE"
        )
    known = None
    if anchor is not None:
        key, equals, when = anchor.partition("=")
        if not equals:
            raise InputError(
                f"--anchor '{anchor}' is not DAY=DATE, e.g. 11=2010-03-08 or fieldwork-start=2010-03-08"
            )
        known = Anchor(parse_anchor_day(framework, key), read_date(when, "--anchor"))
        try:
            day_one = notified_from_anchor(calendar, known)
        except OutOfRangeError:
            if not calendar.first <= known.date <= calendar.last:
                raise
            raise OutOfRangeError(
                f"--anchor {anchor}: Day 1, the notification date it implies ({known.day - 1} working "
                f"days before {known.date.isoformat()}), would fall before {calendar.first.isoformat()}, "
                "the first supported date"
            ) from None
    else:
        assert notified is not None
        day_one = read_date(notified, "--notified")
    return build_plan(framework, day_one, calendar, source, authority=name, anchor=known, elections=elections)


def planned(
    framework: str,
    param: list[str] | None,
    notified: str | None,
    anchor: str | None,
    name: str | None,
    calendar_options: CalendarOptions,
    election: list[str] | None = None,
) -> Plan:
    """The plan that a command's framework, date and calendar options describe."""
    source, calendar = calendar_from_options(calendar_options)
    polls = read_polls(election)
    result = plan_from_options(
        framework_from_options(framework, param), notified, anchor, calendar, source, name, polls
    )
    if polls and result.forecast is None:
        sys.stderr.write(
            f"Note: --election moves only a publication forecast from Ofsted's record, and this "
            f"{result.framework.id} plan has none\n"
        )
    warn_if_projected(source, result.last)
    return result


def read_polls(election: list[str] | None) -> list[date]:
    """The --election polling days; a note on stderr for one that is not a Thursday."""
    from inspectcal.elections import check_poll

    polls = [read_date(text, "--election") for text in election or []]
    for poll in polls:
        note = check_poll(poll)
        if note:
            sys.stderr.write(f"Note: {note}\n")
    return polls


def read_date(text: str, what: str) -> date:
    from inspectcal.dates import parse_date

    try:
        return parse_date(text, today=timestamps.today_date())
    except InspectcalError as error:
        raise type(error)(f"{what}: {error}") from None
