"""Inspection frameworks: timetables kept as TOML data, loaded and validated here.

A framework file is data only (read with ``tomllib``; nothing in it runs). Schema:

    id = "slac-2009"                 # required, lower-case letters, digits and '-'
    title = "..."                    # required
    status = "authoritative"         # or "indicative"
    source = "..."                   # where the timetable comes from
    critical = ["setup-meeting"]     # optional: milestone ids that leave must not clash with
    extends = "slac-2009"            # optional: start from a built-in framework's milestones,
                                     # parameters and critical list, and add to them
    [parameters]                     # optional named whole numbers with defaults
    publication_gap = 27             # or { default = 27, min = 10, max = 60 }: the bounds that
                                     # the file and --param must keep to (default: 0 to 10000)
    [[milestones]]                   # at least one
    id = "publication"               # unique within the framework
    title = "..."
    who = "ofsted"                   # "ofsted", "council" or "both"
    day = 15                         # or: start = 6, end = 10 (inclusive)
    plus = "publication_gap"         # optional: parameter(s) added to the day(s)
    [record]                         # optional: the milestone's gap follows Ofsted's record
    name = "ilacs"                   # a built-in record table (frameworks/records/NAME.toml)
    framework = "standard"           # whose rows in it (the record's framework column)
    milestone = "publication"        # a milestone with one 'plus' parameter: the era's target
                                     # sets it, unless --param fixes it
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from inspectcal.errors import FrameworkError, InputError, quoted
from inspectcal.readers.toml import read_toml

if TYPE_CHECKING:
    from inspectcal.record import Record

_HERE = Path(__file__).parent  # the built-in *.toml files ship beside this module
WHO = ("ofsted", "council", "both")
STATUSES = ("authoritative", "indicative")
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_MAX_DAY = 10_000
_MAX_ENTRIES = 200  # milestones or parameters in one file
_TOP_FIELDS = ("id", "title", "status", "source", "critical", "extends", "parameters", "milestones", "record")
_MILESTONE_FIELDS = ("id", "title", "who", "day", "start", "end", "plus")


class MilestoneSpec(NamedTuple):
    """A milestone as the framework states it, before parameters are applied."""

    id: str
    title: str
    who: str
    start: int
    end: int
    plus: tuple[str, ...] = ()

    def days(self, parameters: Mapping[str, int]) -> tuple[int, int]:
        offset = sum(parameters[name] for name in self.plus)
        return self.start + offset, self.end + offset


class RecordLink(NamedTuple):
    """A milestone whose gap (one parameter) follows the era targets of Ofsted's record."""

    record: Record
    kind: str  # the record's framework column, e.g. "standard"
    milestone: str
    parameter: str


class Framework(NamedTuple):
    id: str
    title: str
    status: str
    source: str
    milestones: tuple[MilestoneSpec, ...]
    parameters: Mapping[str, int] = MappingProxyType({})
    critical: tuple[str, ...] = ()
    record: RecordLink | None = None
    fixed: frozenset[str] = frozenset()  # parameters set by the user (--param), not by a record
    bounds: Mapping[str, tuple[int, int]] = MappingProxyType({})  # lowest and highest value allowed
    defaults: Mapping[str, int] = MappingProxyType({})  # the file's values: they fix the order

    @property
    def record_applies(self) -> bool:
        """True when the record sets the gap (no --param fixed it)."""
        return self.record is not None and self.record.parameter not in self.fixed

    def milestone(self, key: str) -> MilestoneSpec:
        for spec in self.milestones:
            if spec.id == key:
                return spec
        known = ", ".join(m.id for m in self.milestones)
        raise InputError(f"framework {self.id} has no milestone '{key}': choose one of {known}")

    def with_parameters(self, overrides: Mapping[str, int]) -> Framework:
        """A copy with some parameters changed; unknown names and bad results are errors."""
        for name in overrides:
            if name not in self.parameters:
                known = ", ".join(self.parameters) or "none"
                raise InputError(f"framework {self.id} has no parameter '{name}' (its parameters: {known})")
        for name, value in overrides.items():
            low, high = self.bounds.get(name, (0, _MAX_DAY))
            if not low <= value <= high:
                raise InputError(
                    f"framework {self.id}: parameter '{name}' must be a whole number "
                    f"from {low} to {high}, not {value}"
                )
        changed = self._replace(
            parameters={**self.parameters, **overrides}, fixed=self.fixed | frozenset(overrides)
        )
        changed.resolved_days()
        return changed

    def resolved_days(self) -> list[tuple[MilestoneSpec, int, int]]:
        """Each milestone with its start and end Day after parameters are applied.

        In timeline order: by start Day, and in file order within a Day (a stable sort), so
        parameters and an ``extends`` base interleave as the reader expects.
        """
        result = []
        for spec in self.milestones:
            start, end = spec.days(self.parameters)
            if start < 1:
                raise InputError(
                    f"framework {self.id}: with these parameters milestone '{spec.id}' "
                    f"would fall on Day {start}; Days count from 1"
                )
            result.append((spec, start, end))
        self._check_order(result)
        return sorted(result, key=lambda item: item[1])

    def _check_order(self, resolved: list[tuple[MilestoneSpec, int, int]]) -> None:
        """Parameters may move milestones, never past one they follow in the file's own plan.

        A milestone that, with the file's values, starts after another has ended (publication
        after the last on-site day) may not start before that one ends with the values in use.
        """
        if not self.defaults or all(self.parameters.get(k) == v for k, v in self.defaults.items()):
            return
        moved = [(spec, start) for spec, start, _ in resolved if spec.plus]
        if not moved:
            return
        planned = {spec.id: spec.days(self.defaults) for spec in self.milestones}
        for later, start in moved:
            planned_start = planned[later.id][0]
            for spec, _, end in resolved:
                if planned[spec.id][1] < planned_start and start < end:
                    raise InputError(
                        f"framework {self.id}: with these parameters milestone '{later.id}' (Day {start}) "
                        f"would come before the end of '{spec.id}' (Day {end}), which it follows"
                    )

    @property
    def last_day(self) -> int:
        return max(end for _, _, end in self.resolved_days())


def builtin_ids() -> list[str]:
    return sorted(name.removesuffix(".toml") for name in os.listdir(_HERE) if name.endswith(".toml"))


def load_framework(ref: str) -> Framework:
    """A built-in framework by id, or a framework file by path."""
    key = ref.strip().lower()  # built-in ids in any case, as regions are
    if _ID.fullmatch(key) and key in builtin_ids():
        path = _HERE / f"{key}.toml"
        return _Validator(path.name).framework(read_toml(path, path.name))
    if ref == "-":  # a framework file on stdin
        from inspectcal.readers.base import decode, read_bytes

        where = "framework file on stdin"
        return parse_framework(decode(read_bytes(Path(ref), "framework file"), where), name=where)
    path = Path(ref)
    if path.suffix.lower() != ".toml" and not path.exists():
        raise InputError(
            f"unknown framework '{ref}': choose one of {', '.join(builtin_ids())} "
            "or give the path of a .toml file"
        )
    return _Validator(f"framework file {ref}").framework(read_toml(path, ref))


def parse_framework(text: str, *, name: str) -> Framework:
    """A framework from TOML text; ``name`` says where it came from in messages."""
    from inspectcal.readers.toml import parse_toml

    return _Validator(name).framework(parse_toml(text, name))


def load_record(name: str) -> Record:
    """A built-in record table by name (``ilacs``): ``frameworks/records/NAME.toml``, read
    (and cached) as the framework files are."""
    from inspectcal.record import RECORDS_DIR, parse_record, record_names

    if name not in record_names():
        choices = ", ".join(record_names()) or "none"
        raise FrameworkError(f"unknown record '{name}': choose one of {choices}")
    path = RECORDS_DIR / f"{name}.toml"
    return parse_record(read_toml(path, f"records/{path.name}"), f"records/{path.name}")


class _Validator:
    """Turns parsed TOML into a Framework, naming file, milestone and field on error."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, where: str, problem: str) -> FrameworkError:
        return FrameworkError(f"{self.name}: {where}: {problem}")

    def text(self, table: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str:
        value = table.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"field '{key}' must be a non-empty string")
        return value.strip()

    def whole(self, table: Mapping[str, Any], key: str, where: str) -> int:
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(where, f"field '{key}' must be a whole number, not {value!r}")
        return value

    def known(self, table: Mapping[str, Any], fields: tuple[str, ...], where: str) -> None:
        """Refuse a key the schema does not have, suggesting the nearest one."""
        for key in table:
            if key not in fields:
                from difflib import get_close_matches

                near = get_close_matches(str(key), fields, n=1, cutoff=0.6)
                hint = f"did you mean '{near[0]}'?" if near else f"fields: {', '.join(sorted(fields))}"
                raise self.fail(where, f"unknown field {quoted(str(key))} ({hint})")

    def framework(self, data: Mapping[str, Any]) -> Framework:
        top = "top level"
        self.known(data, _TOP_FIELDS, top)
        ident = self.text(data, "id", top)
        if not _ID.fullmatch(ident):
            raise self.fail(top, f"field 'id' '{ident}' may use only a-z, 0-9 and '-'")
        status = self.text(data, "status", top)
        if status not in STATUSES:
            raise self.fail(top, f"field 'status' must be one of {', '.join(STATUSES)}, not '{status}'")
        base = self.base(data.get("extends"))
        own_parameters, own_bounds = self.parameters(data.get("parameters", {}))
        parameters = {**(base.defaults or base.parameters if base else {}), **own_parameters}
        bounds = {**(base.bounds if base else {}), **own_bounds}
        for key, value in parameters.items():
            low, high = bounds.get(key, (0, _MAX_DAY))
            if not low <= value <= high:
                raise self.fail(
                    f"parameter '{key}'", f"must be a whole number from {low} to {high}, not {value}"
                )
        raw = data.get("milestones", [] if base else None)
        if not isinstance(raw, list) or not (raw or base):
            raise self.fail(top, "a framework needs at least one [[milestones]] entry")
        if len(raw) > _MAX_ENTRIES:
            raise self.fail(top, f"has over {_MAX_ENTRIES} milestones: is it the right file?")
        own = [self.milestone(entry, number, parameters) for number, entry in enumerate(raw, 1)]
        milestones = tuple(base.milestones if base else ()) + tuple(own)
        seen: set[str] = set()
        for spec in milestones:
            if spec.id in seen:
                raise self.fail(f"milestone '{spec.id}'", "field 'id' is used twice: ids must be unique")
            seen.add(spec.id)
        critical = data.get("critical", list(base.critical) if base else [])
        if not isinstance(critical, list) or not all(isinstance(c, str) for c in critical):
            raise self.fail(top, "field 'critical' must be a list of milestone ids")
        for key in critical:
            if key not in seen:
                raise self.fail(top, f"field 'critical' names '{key}', which is not a milestone id")
        record = self.record(data.get("record"), milestones) if "record" in data else None
        if record is None and base is not None and base.record is not None:
            record = base.record
            if record.parameter in data.get("parameters", {}):
                record = None  # the file fixes the gap itself
        framework = Framework(
            id=ident,
            title=self.text(data, "title", top),
            status=status,
            source=self.text(data, "source", top, required=False),
            milestones=milestones,
            parameters=parameters,
            critical=tuple(critical),
            record=record,
            bounds=MappingProxyType(bounds),
            defaults=MappingProxyType(dict(parameters)),
        )
        try:
            framework.resolved_days()
        except InputError as error:
            raise self.fail("parameters", str(error)) from None
        return framework

    def record(self, raw: object, milestones: tuple[MilestoneSpec, ...]) -> RecordLink:
        where = "[record]"
        if not isinstance(raw, dict):
            raise self.fail(where, "must be a table with name, framework and milestone")
        self.known(raw, ("name", "framework", "milestone"), where)
        record = load_record(self.text(raw, "name", where))
        kind = self.text(raw, "framework", where)
        if not any(kind in era.kinds for era in record.eras):
            known = sorted({k for era in record.eras for k in era.kinds})
            raise self.fail(where, f"record '{record.name}' has no '{kind}' rows (it has {', '.join(known)})")
        key = self.text(raw, "milestone", where)
        spec = next((m for m in milestones if m.id == key), None)
        if spec is None or len(spec.plus) != 1:
            raise self.fail(
                where, f"field 'milestone' must name a milestone with one 'plus' parameter, not '{key}'"
            )
        return RecordLink(record, kind, key, spec.plus[0])

    def base(self, ref: object) -> Framework | None:
        if ref is None:
            return None
        if not isinstance(ref, str) or ref not in builtin_ids():
            choices = ", ".join(builtin_ids())
            raise self.fail(
                "top level", f"field 'extends' must name a built-in framework ({choices}), not {ref!r}"
            )
        return load_framework(ref)

    def parameters(self, raw: object) -> tuple[dict[str, int], dict[str, tuple[int, int]]]:
        """Each parameter's value, and its bounds where the file declares them."""
        if not isinstance(raw, dict):
            raise self.fail("[parameters]", "must be a table of name = whole number")
        if len(raw) > _MAX_ENTRIES:
            raise self.fail("[parameters]", f"has over {_MAX_ENTRIES} entries: is it the right file?")
        values, bounds = {}, {}
        for key, value in raw.items():
            where = f"parameter {quoted(key)}"
            if not re.fullmatch(r"[a-z_][a-z0-9_]*", key):
                raise self.fail(where, "names use only a-z, 0-9 and '_'")
            if not isinstance(value, dict):
                values[key] = self.whole(raw, key, where)
                continue
            self.known(value, ("default", "min", "max"), where)
            if "default" not in value:
                raise self.fail(where, "field 'default' is missing")
            values[key] = self.whole(value, "default", where)
            low = self.whole(value, "min", where) if "min" in value else 0
            high = self.whole(value, "max", where) if "max" in value else _MAX_DAY
            if not -_MAX_DAY <= low <= high <= _MAX_DAY:
                raise self.fail(where, f"needs -{_MAX_DAY} <= min <= max <= {_MAX_DAY}, not {low} and {high}")
            bounds[key] = (low, high)
        return values, bounds

    def milestone(self, entry: object, number: int, parameters: Mapping[str, int]) -> MilestoneSpec:
        where = f"milestone #{number}"
        if not isinstance(entry, dict):
            raise self.fail(where, "must be a table")
        ident = self.text(entry, "id", where)
        if not _ID.fullmatch(ident):
            raise self.fail(f"milestone {quoted(ident)}", "field 'id' may use only a-z, 0-9 and '-'")
        where = f"milestone '{ident}'"
        self.known(entry, _MILESTONE_FIELDS, where)
        who = self.text(entry, "who", where)
        if who not in WHO:
            raise self.fail(where, f"field 'who' must be one of {', '.join(WHO)}, not '{who}'")
        if "day" in entry:
            if "start" in entry or "end" in entry:
                raise self.fail(where, "give either 'day' or 'start' and 'end', not both")
            start = end = self.whole(entry, "day", where)
        elif "start" in entry and "end" in entry:
            start, end = self.whole(entry, "start", where), self.whole(entry, "end", where)
        else:
            raise self.fail(where, "field 'day' (or 'start' and 'end') is missing")
        for key, value in (("start" if start != end else "day", start), ("end", end)):
            if not 1 <= value <= _MAX_DAY:
                raise self.fail(where, f"field '{key}' must be a Day from 1 to {_MAX_DAY}, not {value}")
        if end < start:
            raise self.fail(where, f"field 'end' (Day {end}) is before 'start' (Day {start})")
        plus_raw = entry.get("plus", [])
        plus = (plus_raw,) if isinstance(plus_raw, str) else plus_raw
        if not isinstance(plus, list | tuple) or not all(isinstance(p, str) for p in plus):
            raise self.fail(where, "field 'plus' must be a parameter name or a list of them")
        for name in plus:
            if name not in parameters:
                raise self.fail(where, f"field 'plus' names '{name}', which is not in [parameters]")
        return MilestoneSpec(ident, self.text(entry, "title", where), who, start, end, tuple(plus))
