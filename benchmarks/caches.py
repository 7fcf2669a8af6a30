"""What each on-disk cache saves a user: whole commands, cold, warm and without that cache.

    python benchmarks/caches.py                      # builds a scratch venv (non-editable install)
    python benchmarks/caches.py --python VENV/bin/python --runs 41
    python benchmarks/caches.py --python BEFORE/bin/python --python AFTER/bin/python

Every command runs as a user runs it (the installed command of a non-editable install, a fresh
process each time) many times; the table shows medians in milliseconds of processor time (see
run_ms; --wall for time taken). Before every run the cache folder is set to one state:

- cold: empty (the first run after an install or `cache clear`);
- warm: as two runs of the same command left it;
- no cache: INSPECTCAL_CACHE_DIR names a regular file, so nothing is read or written;
- w/o X: warm, less the files of cache X (by their name prefix): a run that misses that cache
  only, pays to compute and write it again, and finds every other cache.

What cache X saves a run is (w/o X) - warm. A cache is kept only where that is over 5 ms for a
command people run. The states take turns run by run; with two installs, theirs interleave too,
so their warm figures compare. Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent
PLAN = ["plan", "--notified", "2010-02-22"]


def scratch_python(where: Path) -> str:
    """A fresh venv with a non-editable install of this checkout."""
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    python = str(where / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "-q", str(REPO)], check=True)
    return python


def closures_file(folder: Path) -> Path:
    """Many closure ranges: three a month over twenty years, each named."""
    lines = []
    for year in range(2005, 2025):
        for month in range(1, 13):
            for first in (1, 9, 25):
                lines.append(
                    f"{year}-{month:02d}-{first:02d}..{year}-{month:02d}-{first + 2:02d} # closure\n"
                )
    path = folder / "closures.txt"
    path.write_text("".join(lines), "utf-8")
    return path


def commands(folder: Path) -> dict[str, list[str]]:
    return {
        "plan json": [*PLAN, "--format", "json"],
        "plan table": [*PLAN, "--format", "table"],
        "plan ics": [*PLAN, "--format", "ics", "--name", "Nottinghamshire"],
        "plan html": [*PLAN, "--format", "html"],
        "plan --closures (720 ranges)": [*PLAN, "--format", "json", "--closures", str(closures_file(folder))],
        "plan --framework ilacs-standard": [
            "plan",
            "--notified",
            "2021-06-07",
            "--framework",
            "ilacs-standard",
        ],
        "window": [
            "window",
            "--from",
            "2010-02-01",
            "--to",
            "2010-03-31",
            "--avoid",
            "2010-03-08..2010-03-12",
        ],
    }


def empty(folder: Path) -> None:
    for item in folder.iterdir():
        if item.is_dir() and not item.is_symlink():
            shutil.rmtree(item)
        else:
            item.unlink()


def restore(snapshot: Path, cache: Path, leave_out: str | None) -> None:
    """The cache folder as a warm run leaves it, less the entries named ``leave_out``*."""
    empty(cache)
    for item in snapshot.iterdir():
        if leave_out is not None and item.name.startswith(leave_out):
            continue
        if item.is_dir():
            shutil.copytree(item, cache / item.name)
        else:
            shutil.copy2(item, cache / item.name)


def tool(python: str) -> list[str]:
    """The installed command (a user's run), not ``python -m``, which would import this checkout."""
    return [str(Path(python).parent / "inspectcal")]


def run_ms(python: str, args: list[str], env: dict[str, str], *, wall: bool = False) -> float:
    """One run's time: the processor time it used (user and system), or with ``wall`` the time taken.

    Processor time is the default: on a shared machine the time taken mostly measures the
    other jobs; a run of this tool waits on nothing else (its files are in memory by then).
    """
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run([*tool(python), *args], env=env, stdout=subprocess.DEVNULL, check=True)
    if wall:
        return (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000


def python_ms(python: str, code: str, runs: int) -> float:
    """Median processor time of ``python -c code``."""
    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([python, "-c", code], check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000)
    return statistics.median(times)


def prefixes(python: str) -> list[str]:
    """The caches the installed version keeps: the name prefixes of what a warm cache holds."""
    with tempfile.TemporaryDirectory() as where:
        env = {**os.environ, "INSPECTCAL_CACHE_DIR": where}
        for args in commands(Path(where)).values():
            subprocess.run([*tool(python), *args], env=env, stdout=subprocess.DEVNULL, check=True)
        names = {
            item.name.split("-", 1)[0] + "-" for item in Path(where).iterdir() if item.name != "closures.txt"
        }
    return sorted(names)


class State(NamedTuple):
    label: str
    python: str
    leave_out: str | None  # a cache's name prefix; "" none, "." all of them; None: no cache folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--python",
        action="append",
        help="an interpreter with inspectcal installed (default: a scratch venv); "
        "give two to compare installs run by run (say, before and after a change)",
    )
    parser.add_argument("--runs", type=int, default=21, help="runs per figure (the median is shown)")
    parser.add_argument("--wall", action="store_true", help="time taken rather than processor time")
    parser.add_argument("--only", help="the commands whose label holds one of these words (comma-separated)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        pythons = options.python or [scratch_python(Path(scratch) / "venv")]
        inputs = Path(scratch) / "inputs"
        inputs.mkdir()
        cache = Path(scratch) / "cache"
        cache.mkdir()
        not_a_folder = Path(scratch) / "not-a-folder"
        not_a_folder.write_text("")
        clock = "time taken" if options.wall else "processor time (user + system)"
        print(f"{clock}, median of {options.runs} runs each")
        states: list[State] = []
        for number, python in enumerate(pythons, start=1):
            tag = f"{number}: " if len(pythons) > 1 else ""
            kinds = prefixes(python)
            print(f"{tag}{python}: caches {', '.join(kinds) or 'none'}")
            states += [State(f"{tag}cold", python, "."), State(f"{tag}warm", python, "")]
            states += [State(f"{tag}no cache", python, None)]
            states += [State(f"{tag}w/o {kind}*", python, kind) for kind in kinds]
        print(f"{'command':32}" + "".join(f"{state.label:>19}" for state in states))
        chosen = commands(inputs)
        if options.only:
            words = options.only.split(",")
            chosen = {label: args for label, args in chosen.items() if any(w in label for w in words)}
        for label, args in chosen.items():
            snapshots = {}
            for python in pythons:  # each install's warm cache, to restore before each run
                snapshots[python] = Path(tempfile.mkdtemp(dir=scratch))
                env = {**os.environ, "INSPECTCAL_CACHE_DIR": str(snapshots[python])}
                for _ in range(2):
                    run_ms(python, args, env)
            # The states take turns, run by run, so that a burst of load elsewhere on the
            # machine falls on all of them alike.
            times: list[list[float]] = [[] for _ in states]
            for _ in range(options.runs):
                for number, state in enumerate(states):
                    folder = cache if state.leave_out is not None else not_a_folder
                    if state.leave_out == ".":
                        empty(cache)
                    elif state.leave_out is not None:
                        restore(snapshots[state.python], cache, state.leave_out or None)
                    env = {**os.environ, "INSPECTCAL_CACHE_DIR": str(folder), "COLUMNS": "100"}
                    times[number].append(run_ms(state.python, args, env, wall=options.wall))
            row = [statistics.median(series) for series in times]
            print(f"{label:32}" + "".join(f"{value:19.1f}" for value in row), flush=True)
        print("A cache saves (w/o it) - warm; (no cache) - warm is what all of them together save a run.")
        # INSPECTCAL_CACHE_DIR is set above; without it every run that reads the cache finds
        # the default folder with platformdirs.
        base = "import inspectcal.cli.app"
        folder_code = (
            f"{base}; import platformdirs; platformdirs.user_cache_dir('inspectcal', appauthor=False)"
        )
        for python in pythons:
            extra = python_ms(python, folder_code, options.runs * 3) - python_ms(
                python, base, options.runs * 3
            )
            print(f"{python}: finding the default folder (platformdirs) adds {extra:.1f} ms to a run")


if __name__ == "__main__":
    main()
