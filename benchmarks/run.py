"""inspectcal benchmarks: engine, start-up and batch, printed as ratios from one run.

    python benchmarks/run.py            # everything (about a minute on 2 cores)
    python benchmarks/run.py --quick    # fewer rounds, for a smoke test

Needs numpy (pip install -e '.[test]'); workalendar is compared when installed.
Nothing here is asserted: the figures go into docs/guide/performance.md.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from inspectcal.calendars import CalendarSource, working_calendar

QUICK = "--quick" in sys.argv
HERE = Path(__file__).resolve().parent

HELLO = """import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    print(f"hello {name}")


app()
"""


# -- 1. engine -------------------------------------------------------------------------


def per_op_ns(stmt: str, env: dict[str, object], number: int) -> float:
    timer = timeit.Timer(stmt, globals=env)
    return min(timer.repeat(repeat=9, number=number)) / number * 1e9


def engine() -> list[tuple[str, int, float, float, float, float | None]]:
    calendar = working_calendar(CalendarSource())
    holidays = sorted(calendar.days_off)
    busday = np.busdaycalendar(weekmask="1111100", holidays=np.array(holidays, dtype="datetime64[D]"))
    off = set(holidays)

    def loop_add(day: date, n: int) -> date:
        while n:
            day += timedelta(days=1)
            if day.weekday() < 5 and day not in off:
                n -= 1
        return day

    def loop_between(a: date, b: date) -> int:
        count, day = 0, a
        while day < b:
            day += timedelta(days=1)
            count += day.weekday() < 5 and day not in off
        return count

    try:
        from workalendar.europe import UnitedKingdom  # type: ignore[import-not-found]

        uk = UnitedKingdom()
    except ImportError:
        uk = None
    start = date(2010, 2, 22)
    rows = []
    for n in (40, 4000):
        end = calendar.add(start, n)
        env = {
            "cal": calendar,
            "d": start,
            "e": end,
            "n": n,
            "np": np,
            "bd": busday,
            "d64": np.datetime64(start),
            "e64": np.datetime64(end + timedelta(days=1)),
            "loop_add": loop_add,
            "loop_between": loop_between,
            "uk": uk,
        }
        number = 20_000 if QUICK else 100_000
        loops = 200 if n == 4000 else 5_000
        for op, ours, numpy_stmt, loop_stmt, uk_stmt in (
            (
                "add",
                "cal.add(d, n)",
                "np.busday_offset(d64, n, roll='forward', busdaycal=bd)",
                "loop_add(d, n)",
                "uk.add_working_days(d, n)",
            ),
            (
                "between",
                "cal.between(d, e)",
                "np.busday_count(d64, e64, busdaycal=bd)",
                "loop_between(d, e)",
                None,
            ),
            (
                "day_number",
                "cal.day_number(d, e)",
                "np.busday_count(d64, e64, busdaycal=bd)",
                "loop_between(d, e)",
                None,
            ),
        ):
            uk_ns = per_op_ns(uk_stmt, env, 200) if uk and uk_stmt else None
            rows.append(
                (
                    op,
                    n,
                    per_op_ns(ours, env, number),
                    per_op_ns(numpy_stmt, env, number // 5),
                    per_op_ns(loop_stmt, env, loops),
                    uk_ns,
                )
            )
    return rows


# -- 2. start-up -------------------------------------------------------------------------


def inspectcal_command() -> list[str]:
    script = Path(sys.executable).with_name("inspectcal")
    found = str(script) if script.exists() else shutil.which("inspectcal")
    return [found] if found else [sys.executable, "-m", "inspectcal"]


def run_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - start


def startup(folder: Path) -> dict[str, float]:
    """Median seconds per command, the commands interleaved round by round."""
    hello = folder / "hello.py"
    hello.write_text(HELLO)
    tool = inspectcal_command()
    plan = [*tool, "plan", "--notified", "2010-02-22"]
    todo = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "typer hello": [sys.executable, str(hello)],
        "plan --format json": [*plan, "--format", "json"],
        "plan --format table": [*plan, "--format", "table"],
        "plan --format ics": [*plan, "--format", "ics"],
        "plan --format svg": [*plan, "--format", "svg"],
        "plan --format html": [*plan, "--format", "html"],
        "plan ilacs-standard json": [
            *tool,
            "plan",
            "-f",
            "ilacs-standard",
            "-n",
            "2026-01-05",
            "--format",
            "json",
        ],
        "inspectcal --help": [*tool, "--help"],
        "plan --help": [*tool, "plan", "--help"],
        "completion request": [*tool],
    }
    env = dict(os.environ, COLUMNS="100", SOURCE_DATE_EPOCH="0")
    # What bash sends when <TAB> is pressed after `inspectcal plan --region `.
    completing = dict(
        env, _INSPECTCAL_COMPLETE="complete_bash", COMP_WORDS="inspectcal plan --region ", COMP_CWORD="3"
    )
    envs = {name: completing if name == "completion request" else env for name in todo}
    for name, argv in todo.items():  # warm the caches (.pyc files, the bank-holiday cache)
        run_once(argv, envs[name])
    times: dict[str, list[float]] = {name: [] for name in todo}
    for _ in range(7 if QUICK else 21):
        for name, argv in todo.items():
            times[name].append(run_once(argv, envs[name]))
    return {name: statistics.median(values) for name, values in times.items()}


# -- 2b. what completion costs a normal run -----------------------------------------------

_ROOTS = """
from typing import Annotated
import typer
from inspectcal.cli.app import _install_completion, _show_completion


def with_completion(
    ctx: typer.Context,
    *,
    version: Annotated[bool, typer.Option("--version")] = False,
    install_completion: Annotated[
        str | None, typer.Option("--install-completion", callback=_install_completion, expose_value=False)
    ] = None,
    show_completion: Annotated[
        str | None, typer.Option("--show-completion", callback=_show_completion, expose_value=False)
    ] = None,
) -> None:
    pass


def without_completion(
    ctx: typer.Context, *, version: Annotated[bool, typer.Option("--version")] = False
) -> None:
    pass


roots = {}
for function in (with_completion, without_completion):
    root = typer.Typer(add_completion=False, rich_markup_mode=None)
    root.callback()(function)
    root.command("noop")(lambda: None)
    roots[function.__name__] = root
"""


def completion_cost() -> dict[str, float]:
    """Microseconds to build the root group (what every run does) with and without the options."""
    import typer.main

    space: dict[str, object] = {}
    exec(_ROOTS, space)
    roots: dict[str, object] = space["roots"]  # type: ignore[assignment]
    return {
        name: per_op_ns("get_command(root)", {"get_command": typer.main.get_command, "root": root}, 200)
        / 1000
        for name, root in roots.items()
    }


# -- 3. batch ----------------------------------------------------------------------------

NUMPY_SCRIPT = """
import json, sys
import numpy as np
from inspectcal.calendars import CalendarSource, working_calendar
from inspectcal.frameworks import load_framework
from inspectcal.render.json import plan_to_dict
from inspectcal.plan import build_plan
from datetime import date

source = CalendarSource()
calendar = working_calendar(source)
framework = load_framework("slac-2009")
off = sorted(calendar.days_off)
names = {d.isoformat(): calendar.days_off[d].name for d in off}
holidays = np.array(off, dtype="datetime64[D]")
busday = np.busdaycalendar(weekmask="1111100", holidays=holidays)
sample = plan_to_dict(build_plan(framework, date(2010, 2, 22), calendar, source))  # text fields only
notified = np.array([line.strip() for line in sys.stdin if line.strip()], dtype="datetime64[D]")
resolved = framework.resolved_days()
days = sorted({d for _, a, b in resolved for d in (a, b)})
column = {d: i for i, d in enumerate(days)}
dates = np.stack([np.busday_offset(notified, d - 1, roll="raise", busdaycal=busday) for d in days], axis=1)
text = np.datetime_as_string(dates)
first = np.searchsorted(holidays, notified)
last = np.searchsorted(holidays, dates[:, -1], side="right")
notified_text = np.datetime_as_string(notified)
horizon = source.confirmed_through
out = sys.stdout
for row in range(len(notified)):
    sample["notified"] = str(notified_text[row])
    sample["skipped"] = [{"date": str(h), "name": names[str(h)]} for h in holidays[first[row]:last[row]]]
    sample["projected_after"] = horizon if int(text[row, -1][:4]) > horizon else None
    for m, (_, a, b) in zip(sample["milestones"], resolved):
        m["start"], m["end"] = str(text[row, column[a]]), str(text[row, column[b]])
    out.write(json.dumps(sample, separators=(",", ":"), ensure_ascii=False) + "\\n")
"""


_MEASURE = """
import resource, subprocess, sys, time
with open(sys.argv[1], "rb") as source, open(sys.argv[2], "wb") as sink:
    start = time.perf_counter()
    done = subprocess.run(sys.argv[3:], stdin=source, stdout=sink, check=False)
    elapsed = time.perf_counter() - start
print(done.returncode, elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def run_measured(argv: list[str], stdin: Path, stdout: Path) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one process.

    A small fresh Python process starts it: forked from this one (which holds the date
    lists and numpy), the child's peak memory would include ours.
    """
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(stdin), str(stdout), *argv],
        capture_output=True,
        text=True,
        check=True,
    )
    code, elapsed, peak_kb = done.stdout.split()
    if code != "0":
        raise SystemExit(f"{argv} failed with exit code {code}")
    return float(elapsed), int(peak_kb) / 1024


def run_any(argv: list[str], stdin: Path) -> tuple[int, float, float]:
    """Exit code, wall seconds and peak memory (MB) of one process that may fail on purpose."""
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(stdin), os.devnull, *argv],
        capture_output=True,
        text=True,
        check=True,
    )
    code, elapsed, peak_kb = done.stdout.split()
    return int(code), float(elapsed), int(peak_kb) / 1024


# -- 4. reading hostile input --------------------------------------------------------------


def reading(folder: Path) -> list[tuple[str, float, int, float, float]]:
    """Huge lines and files through every reader: (case, MB, exit code, seconds, peak MB)."""
    empty = folder / "empty.txt"
    empty.write_bytes(b"")
    cases: list[tuple[str, bytes, list[str], bool]] = [
        ("stdin: one 50 MB line", b"2" * 50_000_000 + b"\n2010-02-22\n", ["date", "1", "-n", "-"], True),
        ("stdin: a 400,000-char line", b"2" * 400_000 + b"\n", ["date", "1", "-n", "-"], True),
        ("stdin: NUL bytes, 10 MB", b"\x00" * 10_000_000, ["date", "1", "-n", "-"], True),
        (
            "closures: a 900 KB line",
            b"1" * 900_000 + b"\n",
            ["plan", "-n", "2010-02-22", "--closures"],
            False,
        ),
        (
            "closures: 10,000 dates",
            b"2010-12-29  # shutdown\n" * 10_000,
            ["plan", "-n", "2010-02-22", "--closures"],
            False,
        ),
        (
            "avoid: 20 MB, one line",
            b"9" * 19_000_000,
            ["window", "--from", "2010-02-22", "--to", "2010-02-22", "--avoid-file"],
            False,
        ),
        (
            "bank holidays: 5 MB JSON",
            b'{"england-and-wales": {"events": ['
            + b'{"title": "X", "date": "2010-05-03"},' * 130_000
            + b"{}]}}",
            ["plan", "-n", "2010-02-22", "--bank-holidays-file"],
            False,
        ),
    ]
    rows = []
    for label, data, args, on_stdin in cases:
        path = folder / "input.txt"
        path.write_bytes(data)
        argv = [*inspectcal_command(), *args] + ([] if on_stdin else [str(path)])
        code, seconds, peak = run_any(argv, path if on_stdin else empty)
        rows.append((label, len(data) / 1_000_000, code, seconds, peak))
    return rows


def batch(folder: Path) -> list[tuple[int, float, float, float, float, bool]]:
    calendar = working_calendar(CalendarSource())
    script = folder / "numpy_batch.py"
    script.write_text(NUMPY_SCRIPT)
    rows = []
    for count in (10_000,) if QUICK else (10_000, 100_000):
        start = date(1976, 1, 5)
        dates = [calendar.add(start, i % 27_000) for i in range(count)]  # working days, 1976 to about 2080
        stdin = folder / f"dates-{count}.txt"
        stdin.write_text("".join(f"{d.isoformat()}\n" for d in dates))
        ours_out, numpy_out = folder / "ours.jsonl", folder / "numpy.jsonl"
        ours = run_measured(
            [*inspectcal_command(), "plan", "--notified", "-", "--format", "jsonl"], stdin, ours_out
        )
        theirs = run_measured([sys.executable, str(script)], stdin, numpy_out)
        same = ours_out.read_bytes() == numpy_out.read_bytes()
        rows.append((count, *ours, *theirs, same))
    return rows


def main() -> None:
    print(
        f"inspectcal benchmarks, {date.today().isoformat()}, Python {sys.version.split()[0]}, "
        f"numpy {np.__version__}, {os.cpu_count()} cores\n"
    )
    print("1. Engine, ns per operation (ratios: how many times slower than inspectcal)")
    print(f"{'operation':12} {'N':>5} {'inspectcal':>11} {'numpy':>15} {'day loop':>17} {'workalendar':>17}")
    engine_rows = engine()
    for op, n, ours, numpy_ns, loop_ns, uk_ns in engine_rows:
        uk_text = (
            f"{uk_ns:9.0f} ({uk_ns / ours:4.0f}x)" if uk_ns else ("-" if op != "add" else "not installed")
        )
        print(
            f"{op:12} {n:5} {ours:11.0f} {numpy_ns:7.0f} ({numpy_ns / ours:4.1f}x) "
            f"{loop_ns:9.0f} ({loop_ns / ours:4.0f}x) {uk_text:>17}"
        )
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        print("\n2. Start-up, median wall time of the whole process")
        results = startup(folder)
        floor, framework = results["python -c pass"], results["typer hello"]
        for label, seconds in results.items():
            ratios = f"{seconds / framework:6.2f}x hello {seconds / floor:6.2f}x python"
            print(f"{label:24} {seconds * 1000:7.1f} ms {ratios}")
        cost = completion_cost()
        extra = cost["with_completion"] - cost["without_completion"]
        print(
            f"\n2b. Completion on a normal run: building the root group takes "
            f"{cost['with_completion']:.0f} us with --install-completion/--show-completion and "
            f"{cost['without_completion']:.0f} us without ({extra:+.0f} us, "
            f"{extra / 1e6 / results['plan --format json'] * 100:+.2f}% of plan --format json)"
        )
        print("\n3. Batch: plan --notified - --format jsonl against a vectorised numpy script")
        columns = ("dates", "inspectcal", "peak MB", "numpy", "peak MB", "ratio")
        print("{:>8} {:>11} {:>8} {:>9} {:>8} {:>6}  same output".format(*columns))
        batch_rows = batch(folder)
        for count, ours_s, ours_mb, np_s, np_mb, same in batch_rows:
            figures = f"{ours_s:10.2f}s {ours_mb:8.1f} {np_s:8.2f}s {np_mb:8.1f}"
            print(f"{count:8} {figures} {ours_s / np_s:5.2f}x  {same}")
        print("\n4. Reading hostile input: whole process, start-up included")
        print(f"{'case':30} {'MB':>6} {'exit':>4} {'seconds':>8} {'s per MB':>8} {'peak MB':>8}")
        reading_rows = reading(folder)
        for label, size, code, seconds, peak in reading_rows:
            print(f"{label:30} {size:6.1f} {code:4} {seconds:8.2f} {seconds / size:8.3f} {peak:8.1f}")
    hello = results["typer hello"]
    targets = [
        ("engine ops <= 500 ns", all(row[2] <= 500 for row in engine_rows)),
        ("engine >= 5x faster than numpy per call", all(row[3] / row[2] >= 5 for row in engine_rows)),
        ("plan --format json <= 1.5x hello", results["plan --format json"] <= 1.5 * hello),
        ("plan --format json <= 7x python -c pass", results["plan --format json"] <= 7 * floor),
        ("--help <= 2x hello", results["inspectcal --help"] <= 2 * hello),
        ("plan --help <= 2x hello", results["plan --help"] <= 2 * hello),
        (
            "completion adds < 1% to plan --format json",
            abs(extra) / 1e6 < 0.01 * results["plan --format json"],
        ),
        ("plan --format table <= 2x hello", results["plan --format table"] <= 2 * hello),
        ("plan --format ics <= 2.5x hello", results["plan --format ics"] <= 2.5 * hello),
        (
            "plan --format html <= 2x plan --format json",
            results["plan --format html"] <= 2 * results["plan --format json"],
        ),
        (
            "batch <= 1.5x numpy, < 100 MB, same output",
            all(r[1] <= 1.5 * r[3] and r[2] < 100 and r[5] for r in batch_rows),
        ),
        (
            "hostile input: < 0.1 s per MB beyond 1 MB, < 200 MB memory",
            all((r[1] < 1 or r[3] / r[1] < 0.1) and r[4] < 200 for r in reading_rows),
        ),
    ]
    print("\n5. Targets")
    for label, met in targets:
        print(f"{'met    ' if met else 'MISSED '} {label}")


if __name__ == "__main__":
    main()
