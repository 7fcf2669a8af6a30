"""Start-up: whole-process wall time of inspectcal commands against two floors.

Floors: `python -c pass` (the interpreter) and a one-command Typer "hello" app run with the
same Typer that inspectcal installs (the framework). Runs are interleaved and the median taken.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HELLO = """import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    print(f"hello {name}")


app()
"""


def inspectcal_command() -> list[str]:
    script = Path(sys.executable).with_name("inspectcal")
    found = str(script) if script.exists() else shutil.which("inspectcal")
    return [found] if found else [sys.executable, "-m", "inspectcal"]


def commands(hello: Path) -> dict[str, list[str]]:
    tool = inspectcal_command()
    plan = [*tool, "plan", "--notified", "2010-02-22"]
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "typer hello": [sys.executable, str(hello)],
        "plan --format json": [*plan, "--format", "json"],
        "plan --format table": [*plan, "--format", "table"],
        "plan --format ics": [*plan, "--format", "ics"],
        "inspectcal --help": [*tool, "--help"],
    }


def run_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - start


def measure(rounds: int = 21) -> dict[str, float]:
    """Median seconds per command, the commands interleaved round by round."""
    env = dict(os.environ, COLUMNS="100", SOURCE_DATE_EPOCH="0")
    with tempfile.TemporaryDirectory() as folder:
        hello = Path(folder) / "hello.py"
        hello.write_text(HELLO)
        todo = commands(hello)
        for argv in todo.values():  # warm the caches (.pyc files, the bank-holiday cache)
            run_once(argv, env)
        times: dict[str, list[float]] = {name: [] for name in todo}
        for _ in range(rounds):
            for name, argv in todo.items():
                times[name].append(run_once(argv, env))
    return {name: statistics.median(values) for name, values in times.items()}


if __name__ == "__main__":
    results = measure()
    floor, framework = results["python -c pass"], results["typer hello"]
    for name, seconds in results.items():
        print(f"{name:24} {seconds * 1000:7.1f} ms  {seconds / framework:5.2f}x hello  {seconds / floor:5.2f}x python")
