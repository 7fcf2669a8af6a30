"""Shell completion: what each option's value can be, worked out only when a shell asks.

Typer and Click do the protocol (``_INSPECTCAL_COMPLETE``, see app.py); these functions
give the candidates for values Click cannot know: regions, framework ids and ``*.toml``
files, milestone ids of the chosen framework for --anchor and --critical, --param names.
Nothing here runs (or is imported by the library) on a normal run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer


def _framework(ctx: typer.Context) -> Any:
    """The framework the command line names so far (the default when none), or None."""
    from inspectcal.cli.defaults import DEFAULT_FRAMEWORK
    from inspectcal.errors import InspectcalError
    from inspectcal.frameworks import load_framework

    ref = ctx.params.get("framework") or DEFAULT_FRAMEWORK
    try:
        return load_framework(str(ref))
    except (InspectcalError, OSError):
        return None


def regions(incomplete: str) -> list[tuple[str, str]]:
    from inspectcal.calendars import REGION_ALIASES, REGIONS

    found = [(key, region.label) for key, region in REGIONS.items()]
    found += [(alias, f"same as {key}") for alias, key in REGION_ALIASES.items()]
    return [(name, help_text) for name, help_text in found if name.startswith(incomplete.lower())]


def frameworks(incomplete: str) -> list[tuple[str, str]]:
    """Built-in framework ids, then ``*.toml`` files (and folders) that match what is typed."""
    from inspectcal.frameworks import builtin_ids

    found = [(ref, "built-in framework") for ref in builtin_ids() if ref.startswith(incomplete)]
    folder_text, _, stem = incomplete.rpartition("/")
    folder = Path(folder_text or ".")
    prefix = f"{folder_text}/" if folder_text else ""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return found
    for entry in entries:
        if not entry.name.startswith(stem) or entry.name.startswith("."):
            continue
        if entry.is_dir():
            found.append((f"{prefix}{entry.name}/", "folder"))
        elif entry.suffix.lower() == ".toml":
            found.append((f"{prefix}{entry.name}", "framework file"))
    return found


def anchors(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """``ID=`` for each milestone of the chosen framework (a Day number works too)."""
    chosen = _framework(ctx)
    if chosen is None or "=" in incomplete:
        return []
    return [
        (f"{spec.id}=", f"Day {start}: {spec.title}" if start == end else f"Days {start}-{end}: {spec.title}")
        for spec, start, end in chosen.resolved_days()
        if spec.id.startswith(incomplete)
    ]


def critical(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Milestone ids for the last item of a comma-separated list."""
    chosen = _framework(ctx)
    if chosen is None:
        return []
    done, comma, last = incomplete.rpartition(",")
    head = f"{done}{comma}"
    given = set(done.split(",")) if done else set()
    return [
        (f"{head}{m.id}", m.title) for m in chosen.milestones if m.id.startswith(last) and m.id not in given
    ]


def params(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """``NAME=`` for each parameter of the chosen framework, with its current value."""
    chosen = _framework(ctx)
    if chosen is None or "=" in incomplete:
        return []
    return [
        (f"{name}=", f"now {value}")
        for name, value in chosen.parameters.items()
        if name.startswith(incomplete)
    ]
