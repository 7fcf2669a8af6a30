"""Timing whole inspectcal processes: wall time and peak memory, shared by the benchmarks.

Imported by the scripts beside it (``python benchmarks/office.py`` puts this folder first on
the import path).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
from pathlib import Path

# Run in a child of its own, so that the peak memory is that of the command alone.
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
elapsed = time.perf_counter() - start
print(done.returncode, elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def tool() -> list[str]:
    """The installed ``inspectcal`` beside this Python, on the PATH, or ``python -m inspectcal``."""
    script = Path(sys.executable).with_name("inspectcal")
    found = str(script) if script.exists() else shutil.which("inspectcal")
    return [found] if found else [sys.executable, "-m", "inspectcal"]


def measured(argv: list[str], *, rounds: int, stdin: Path | None = None) -> tuple[int, float, float]:
    """Exit code, median wall seconds and peak resident MB of the command (``stdin``: fed this file)."""
    runs = []
    for _ in range(rounds):
        with open(stdin or "/dev/null", "rb") as feed:
            done = subprocess.run(
                [sys.executable, "-c", _MEASURE, *argv],
                stdin=feed,
                capture_output=True,
                text=True,
                check=True,
            )
        code, elapsed, peak_kb = done.stdout.split()
        runs.append((int(code), float(elapsed), int(peak_kb) / 1024))
    return runs[0][0], statistics.median(r[1] for r in runs), max(r[2] for r in runs)
