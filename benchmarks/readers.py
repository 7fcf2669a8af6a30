"""Hostile input for the readers: wall time and peak memory of whole processes.

    python benchmarks/readers.py            # a minute or two on 2 cores
    python benchmarks/readers.py --quick    # one round each

Rows: an .ics of 6 events whose rule can never occur (``FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30``,
which python-dateutil would search to the year 9999), .ics files of 25,000 one-day events (the
cap, ``readers.ics.MAX_EVENTS``), 50,000 and 150,000 (refused before parsing), and a CSV
timetable whose stray quote swallows the rest of a 2,000-row file, and two batches on stdin: a
million junk lines (the batch stops after ``cli.batch.MAX_BAD_LINES``) and 30 MB of empty lines.
Nothing here is asserted: tests/test_ics_bounds.py and tests/test_batch.py hold the limits.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from processes import measured, tool

QUICK = "--quick" in sys.argv
ROUNDS = 1 if QUICK else 3


def ics(events: list[str]) -> str:
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:benchmark\r\n" + "".join(events) + "END:VCALENDAR\r\n"


def event(number: int, day: date, extra: str = "") -> str:
    return (
        f"BEGIN:VEVENT\r\nUID:e{number}\r\nDTSTART;VALUE=DATE:{day:%Y%m%d}\r\n"
        f"SUMMARY:Leave {number}\r\n{extra}END:VEVENT\r\n"
    )


def one_day_events(count: int) -> str:
    first = date(2010, 1, 1)
    return ics([event(n, first + timedelta(days=n % 3000)) for n in range(count)])


def main() -> None:
    window = ["window", "--from", "2010-12-01", "--to", "2011-01-31", "--avoid-file"]
    with tempfile.TemporaryDirectory() as folder:
        files = {
            "impossible rule, 6 events": ics(
                [event(n, date(2010, 1, 1), "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30\r\n") for n in range(6)]
            ),
            "25,000 one-day events (the cap)": one_day_events(25_000),
            "50,000 one-day events": one_day_events(50_000),
            "150,000 one-day events": one_day_events(150_000),
        }
        print(f"{'input':<36} {'MB':>6} {'exit':>4} {'seconds':>8} {'peak MB':>8}")
        for name, text in files.items():
            path = Path(folder) / "leave.ics"
            path.write_text(text, "utf-8")
            code, seconds, peak = measured([*tool(), *window, str(path)], rounds=ROUNDS)
            print(f"{name:<36} {len(text) / 1e6:>6.2f} {code:>4} {seconds:>8.2f} {peak:>8.0f}")
        rows = ["Date,Day,Activity", '2010-02-22,1,"Notified']
        rows += [f"2010-02-23,{n},Row {n}" for n in range(2, 2000)]
        path = Path(folder) / "quote.csv"
        path.write_text("\n".join(rows) + "\n", "utf-8")
        code, seconds, peak = measured([*tool(), "check", str(path), "-n", "2010-02-22"], rounds=ROUNDS)
        size = path.stat().st_size / 1e6
        print(f"{'CSV, stray quote in 2,000 rows':<36} {size:>6.2f} {code:>4} {seconds:>8.2f} {peak:>8.0f}")
        batches = {
            "batch: 1,000,000 junk lines": b"junk\n" * 1_000_000,
            "batch: 30 MB of empty lines": b"\n" * 30_000_000,
        }
        for name, data in batches.items():
            path = Path(folder) / "stdin.txt"
            path.write_bytes(data)
            code, seconds, peak = measured(
                [*tool(), "date", "11", "--notified", "-"], rounds=ROUNDS, stdin=path
            )
            print(f"{name:<36} {len(data) / 1e6:>6.2f} {code:>4} {seconds:>8.2f} {peak:>8.0f}")


if __name__ == "__main__":
    main()
