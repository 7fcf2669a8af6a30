"""Byte-level fuzz of every reader: stdin, closures, avoid (text and .ics), timetable CSV,
framework TOML and bank-holidays JSON.

Random bytes built from the pieces that break readers (NULs, byte-order marks, CRLF and lone
CR, huge lines, Latin-1 and UTF-16 bytes, deep and wide TOML and JSON). Every run must end
with exit 0, 1 or 2, at most one ``Error:`` line of at most 300 characters (a stdin batch
reports one per bad line, each short), and no traceback.
"""

from __future__ import annotations

import codecs
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import run_cli

pytestmark = pytest.mark.slow

PIECES = [
    b"\x00",
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE,
    b"\r\n",
    b"\r",
    b"\n",
    b"2010-02-22",
    b"2010-02-2",
    b"..",
    b"# note",
    b"caf\xe9",  # Latin-1
    "caf\u00e9 \u2013".encode(),
    "2010".encode("utf-16-le"),
    b"\xff\xfe\xfd",
    b",",
    b'"',
    b"date,day,activity\n",
    b"2010-02-22,1,x\n",
    b"BEGIN:VCALENDAR\r\n",
    b"BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20100301\r\nSUMMARY:x\r\nEND:VEVENT\r\n",
    b"RRULE:FREQ=DAILY;COUNT=99999\r\n",
    b"END:VCALENDAR\r\n",
    b'id = "x"\ntitle = "X"\nstatus = "indicative"\n',
    b'[[milestones]]\nid = "a"\ntitle = "A"\nwho = "both"\nday = 1\n',
    b"[parameters]\ngap = 3\n",
    b"plsu = 1\n",
    b'{"england-and-wales": {"events": [',
    b'{"title": "X", "date": "2010-05-03"}',
    b"]}}",
]
HUGE = [b"9" * 300_000, b"[" * 50_000, b"a = " + b"[" * 20_000, b"x" * 2_000_000, b"\x00" * 100_000]


@st.composite
def hostile(draw: st.DrawFn) -> bytes:
    parts = draw(
        st.lists(
            st.one_of(st.sampled_from(PIECES), st.binary(max_size=40), st.sampled_from(HUGE)),
            max_size=12,
        )
    )
    if not draw(st.booleans()):  # most cases: no huge piece, to keep the run short
        parts = [p for p in parts if len(p) < 10_000]
    return b"".join(parts)


def check_result(args: list[str], stdin: bytes | None = None, *, batch: bool = False) -> None:
    started = time.monotonic()
    result = run_cli(args, input=stdin)
    elapsed = time.monotonic() - started
    assert result.exit_code in (0, 1, 2), (args, result.exception)
    assert isinstance(result.exception, SystemExit | None), result.exception
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    if not batch:
        assert len(errors) <= 1, errors
    assert all(len(line) <= 300 for line in errors), errors
    assert "Traceback" not in result.stderr
    assert elapsed < 30, (args, elapsed)  # a guard against a hang, not a benchmark


FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


@FUZZ
@given(data=hostile())
def test_stdin_batches(data: bytes) -> None:
    check_result(["date", "1", "--notified", "-"], data, batch=True)


@pytest.mark.parametrize(
    ("suffix", "args"),
    [
        (".txt", ["plan", "-n", "2010-02-22", "--closures"]),
        (".txt", ["window", "--from", "2010-02-22", "--to", "2010-02-23", "--avoid-file"]),
        (".ics", ["window", "--from", "2010-02-22", "--to", "2010-02-23", "--avoid-file"]),
        (".csv", ["check", "-n", "2010-02-22"]),
        (".toml", ["plan", "-n", "2010-02-22", "-f"]),
        (".json", ["plan", "-n", "2010-02-22", "--bank-holidays-file"]),
    ],
)
def test_files(tmp_path_factory: pytest.TempPathFactory, suffix: str, args: list[str]) -> None:
    folder = tmp_path_factory.mktemp("fuzz")

    @FUZZ
    @given(data=hostile())
    def one(data: bytes) -> None:
        path = folder / f"input{suffix}"
        path.write_bytes(data)
        if args[0] == "check":
            check_result([args[0], str(path), *args[1:]])
        else:
            check_result([*args, str(path)])

    one()


@pytest.mark.parametrize("depth", [10, 1_000, 100_000])
def test_deep_and_wide_toml_and_json(tmp_path: Path, depth: int) -> None:
    toml = tmp_path / "f.toml"
    toml.write_text("a = " + "[" * depth + "]" * depth + "\n", "utf-8")
    check_result(["plan", "-n", "2010-02-22", "-f", str(toml)])
    toml.write_text(
        "".join(
            f'[[milestones]]\nid = "m{n}"\ntitle = "M"\nwho = "both"\nday = 1\n'
            for n in range(depth if depth < 5000 else 5000)
        ),
        "utf-8",
    )
    check_result(["plan", "-n", "2010-02-22", "-f", str(toml)])
    toml.write_text("x.y" * min(depth, 30_000) + " = 1\n", "utf-8")
    check_result(["plan", "-n", "2010-02-22", "-f", str(toml)])
    bank = tmp_path / "b.json"
    bank.write_text('{"england-and-wales": {"events": ' + "[" * depth + "]" * depth + "}}", "utf-8")
    check_result(["plan", "-n", "2010-02-22", "--bank-holidays-file", str(bank)])
