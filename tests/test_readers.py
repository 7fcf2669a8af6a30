"""The shared input layer (inspectcal.readers.base) and every reader on it, from bytes up."""

from __future__ import annotations

import codecs
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspectcal.errors import InputError, quoted
from inspectcal.readers.base import decode, read_text, split_lines, stream_lines

from .conftest import REPO, fails, run, run_in_repo

# -- decode -------------------------------------------------------------------------------


def test_decode_accepts_utf8_with_and_without_bom() -> None:
    assert decode("caf\u00e9\n".encode(), "x") == "caf\u00e9\n"
    assert decode(codecs.BOM_UTF8 + "caf\u00e9\n".encode(), "x") == "caf\u00e9\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"2010-01-01\n2010-01-02\n20\x0010-01-03\n", "f, line 3: is not text (it holds binary data)"),
        (b"2010-01-01\r2010-01-02\r\n\x00", "f, line 3: is not text (it holds binary data)"),
        (b"ok\nok\ncaf\xe9\n", "f, line 3: is Windows-1252 (ANSI) text, not UTF-8: save it as UTF-8"),
        (codecs.BOM_UTF8 + b"ok\n\xff\n", "f, line 2: is not valid utf-8 text"),
    ],
)
def test_decode_refuses_naming_the_line(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        decode(data, "f")
    assert str(caught.value).startswith(message)


def test_decode_fallback_and_extra_boms_are_the_hooks_for_other_readers() -> None:
    assert decode(b"caf\xe9", "f", fallback="cp1252") == "caf\u00e9"
    utf16 = ((codecs.BOM_UTF16_LE, "utf-16-le"),)
    assert decode(codecs.BOM_UTF16_LE + "a\nb".encode("utf-16-le"), "f", boms=utf16) == "a\nb"
    with pytest.raises(InputError, match=r"^f, line 2: is not text"):
        decode(codecs.BOM_UTF16_LE + "a\n\x00".encode("utf-16-le"), "f", boms=utf16)


# -- lines --------------------------------------------------------------------------------


def test_split_lines_treats_crlf_cr_and_lf_alike() -> None:
    assert list(split_lines("a\r\nb\rc\nd", "f")) == [(1, "a"), (2, "b"), (3, "c"), (4, "d")]
    assert list(split_lines("a\n\n", "f")) == [(1, "a"), (2, "")]
    assert list(split_lines("", "f")) == []


def test_split_lines_refuses_a_long_line_quoting_only_its_start() -> None:
    with pytest.raises(InputError) as caught:
        list(split_lines("ok\n" + "9" * 2_000_000 + "\n", "closures file c.txt"))
    message = str(caught.value)
    assert message.startswith("closures file c.txt, line 2: is over 1,000 characters long ('99999")
    assert len(message) < 150


class Trickle(io.RawIOBase):
    """A stream that hands back at most ``size`` bytes a call, like a slow pipe."""

    def __init__(self, data: bytes, size: int) -> None:
        self.data, self.size, self.at = data, size, 0

    def readable(self) -> bool:
        return True

    def read1(self, n: int = -1) -> bytes:
        part = self.data[self.at : self.at + min(self.size, n if n > 0 else self.size)]
        self.at += len(part)
        return part

    read = read1


@pytest.mark.parametrize("size", [1, 2, 3, 7, 1 << 16])
def test_stream_lines_in_any_chunking(size: int) -> None:
    data = codecs.BOM_UTF8 + b"2010-02-22\r\n2010-02-2\x004\r\rcaf\xe9\n" + b"x" * 5000 + b"\rlast"
    got = list(stream_lines(Trickle(data, size), "stdin"))  # type: ignore[arg-type]
    assert [n for n, _ in got] == [1, 2, 3, 4, 5, 6]
    assert got[0] == (1, "2010-02-22")
    assert str(got[1][1]).startswith("stdin, line 2: holds a NUL byte")
    assert got[2] == (3, "")
    assert str(got[3][1]).startswith("stdin, line 4: is not UTF-8 text ('caf")
    assert str(got[4][1]).startswith("stdin, line 5: is over 1,000 characters long ('xxxxx")
    assert len(str(got[4][1])) < 150
    assert got[5] == (6, "last")


def _lines_by_hand(data: bytes) -> list[tuple[int, str]]:
    """An independent split: \r\n, \r and \n each end a line; a last line without an end counts."""
    lines, current, at = [], b"", 0
    while at < len(data):
        if data[at : at + 2] == b"\r\n" or data[at : at + 1] in (b"\r", b"\n"):
            lines.append(current.decode())
            current = b""
            at += 2 if data[at : at + 2] == b"\r\n" else 1
        else:
            current += data[at : at + 1]
            at += 1
    if current:
        lines.append(current.decode())
    return list(enumerate(lines, start=1))


@given(
    pieces=st.lists(st.sampled_from([b"\n", b"\r", b"\r\n", b"", b"2010-02-22", b"x", b" "]), max_size=60),
    size=st.integers(1, 9),
)
def test_stream_lines_numbers_every_line_as_a_plain_split_does(pieces: list[bytes], size: int) -> None:
    data = b"".join(pieces)
    expected = _lines_by_hand(data)
    got = list(stream_lines(Trickle(data, size), "stdin"))  # type: ignore[arg-type]
    assert got == expected
    # Without the empty lines: the same numbers for every line that has text.
    skipping = list(stream_lines(Trickle(data, size), "stdin", empty=False))  # type: ignore[arg-type]
    assert [pair for pair in skipping if pair[1]] == [pair for pair in expected if pair[1]]


def test_thirty_megabytes_of_empty_lines_are_counted_not_handed_back() -> None:
    data = b"\n" * 30_000_000 + b"2010-02-22\n"
    assert list(stream_lines(io.BytesIO(data), "stdin", empty=False)) == [(30_000_001, "2010-02-22")]


def test_stream_lines_keeps_only_a_bounded_part_of_a_huge_line() -> None:
    huge = b"2" * 20_000_000 + b"\n2010-02-22\n"
    got = list(stream_lines(io.BytesIO(huge), "stdin"))
    assert isinstance(got[0][1], InputError)
    assert got[1] == (2, "2010-02-22")


def test_quoted_is_short_and_shows_control_characters() -> None:
    assert quoted("a\tb") == "'a\\tb'"
    assert quoted("x" * 100) == "'" + "x" * 40 + "\u2026'"


def test_quoted_counts_escapes_towards_its_limit() -> None:
    # Found by the fuzz: forty control characters shown as \x01 made a 160-character quote.
    assert quoted("\x01" * 100) == "'" + "\\x01" * 10 + "\u2026'"
    assert quoted("ab\x01", 3) == "'ab\u2026'"
    assert quoted("abc", 3) == "'abc'"


def test_a_header_of_many_odd_cells_gives_a_short_error(tmp_path: Path) -> None:
    table = tmp_path / "wide.csv"
    table.write_bytes(b",".join([b"\x01" * 30] * 60) + b"\n2010-02-22,1\n")
    code, _, stderr = run("check", str(table), "-n", "2010-02-22")
    assert code == 2
    assert stderr.count("\n") == 1
    assert "and 57 more" in stderr
    assert len(stderr) - len(str(table)) < 250, stderr


# -- stdin, through the CLI -----------------------------------------------------------------


def test_nul_on_stdin_is_refused_naming_the_line() -> None:
    code, out, err = run("date", "1", "--notified", "-", input=b"2010-02-22\n2010-02-2\x004\n")
    assert code == 2
    assert out == "2010-02-22\t2010-02-22\n"
    assert err.splitlines()[0] == (
        "Error: stdin, line 2: holds a NUL byte, which no date has: is it the right input?"
    )


def test_bom_on_stdin_is_accepted() -> None:
    assert run("date", "1", "--notified", "-", input=codecs.BOM_UTF8 + b"2010-02-22\r\n") == (
        0,
        "2010-02-22\t2010-02-22\n",
        "",
    )


def test_a_huge_stdin_line_is_refused_with_a_short_message() -> None:
    code, out, err = run("date", "1", "--notified", "-", input=b"2" * 400_000 + b"\n2010-02-22\n")
    assert code == 2
    assert out == "2010-02-22\t2010-02-22\n"
    first = err.splitlines()[0]
    assert first.startswith("Error: stdin, line 1: is over 1,000 characters long ('2222")
    assert len(first) < 150


def test_a_real_pipe_with_a_nul_byte_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "inspectcal", "date", "1", "--notified", "-"],
        input=b"2010-02-2\x004\n",
        capture_output=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr.startswith(b"Error: stdin, line 1: holds a NUL byte")


# -- files -----------------------------------------------------------------------------------


def test_closures_file_with_a_bom_crlf_and_a_lone_cr(tmp_path: Path) -> None:
    closures = tmp_path / "c.txt"
    closures.write_bytes(codecs.BOM_UTF8 + b"2010-03-01 # one\r\n2010-03-02\r2010-03-03\n")
    code, out, err = run(
        "day", "2010-03-04", "-n", "2010-02-26", "--no-bank-holidays", "--closures", str(closures)
    )
    assert (code, out, err) == (0, "2\n", "")


def test_a_long_line_in_a_closures_file_is_refused_quickly(tmp_path: Path) -> None:
    closures = tmp_path / "c.txt"
    closures.write_text("2010-03-01\n" + "1" * 900_000 + "\n", "utf-8")
    code, _, err = run("plan", "-n", "2010-02-22", "--closures", str(closures))
    assert code == 2
    assert err.startswith(f"Error: closures file {closures}, line 2: is over 1,000 characters long ('1111")
    assert len(err) < 300


def test_closed_option_errors_name_the_option() -> None:
    code, _, err = run("plan", "-n", "2010-02-22", "--closed", "2010-02-30")
    assert code == 2
    assert err == "Error: --closed: '2010-02-30' is not a real date (month 2 of 2010 has no day 30)\n"


def test_a_long_date_is_refused_without_echoing_it() -> None:
    code, _, err = run("plan", "-n", "9" * 100_000)
    assert code == 2
    assert len(err) < 300
    assert "is too long to be a date" in err


def test_csv_cell_over_the_field_limit_is_bad_input_naming_the_line(tmp_path: Path) -> None:
    timetable = tmp_path / "t.csv"
    big = "x" * (csv.field_size_limit() + 10)
    timetable.write_text(f'date,day,activity\n2010-02-22,1,"ok"\n2010-02-23,2,"{big}"\n', "utf-8")
    code, _, err = run("check", str(timetable), "-n", "2010-02-22")
    assert code == 2
    assert err.startswith(f"Error: timetable {timetable}, line 3: not readable as CSV (field larger")
    assert err.count("\n") == 1


def test_read_text_of_dash_reads_stdin_through_the_same_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    class Stdin:
        buffer = io.BytesIO(codecs.BOM_UTF8 + b"a\nb\x00")

    monkeypatch.setattr(sys, "stdin", Stdin)
    with pytest.raises(InputError, match=r"^closures file on stdin, line 2: is not text"):
        read_text(Path("-"), "closures file")


def test_deep_json_and_toml_are_refused_cleanly(tmp_path: Path) -> None:
    deep = tmp_path / "b.json"
    deep.write_text("[" * 200_000 + "]" * 200_000, "utf-8")
    code, _, err = run("plan", "-n", "2010-02-22", "--bank-holidays-file", str(deep))
    assert code == 2
    assert err.count("\n") == 1
    toml = tmp_path / "f.toml"
    toml.write_text("a = " + "[" * 200_000 + "]" * 200_000 + "\n", "utf-8")
    code, _, err = run("plan", "-n", "2010-02-22", "-f", str(toml))
    assert code == 2
    assert err.count("\n") == 1
    assert "Traceback" not in err


# -- closures, bank-holidays and framework files in Windows encodings ------------------------------


UTF16 = [("utf-16-le", "\ufeff"), ("utf-16-be", "\ufeff")]


def _write(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(("encoding", "bom"), UTF16)
@pytest.mark.parametrize("ends", ["\r\n", "\n"])
def test_a_utf16_closures_file_with_a_bom_is_read(tmp_path: Path, encoding: str, bom: str, ends: str) -> None:
    closures = _write(tmp_path / "c.txt", f"{bom}# caf\u00e9{ends}2010-03-01  # shut{ends}", encoding)
    # Day 6 from Mon 22 Feb 2010 is Mon 1 Mar; closed, it moves to Tue 2 Mar (by hand).
    code, out, err = run("date", "6", "-n", "2010-02-22", "--closures", str(closures))
    assert (code, out, err) == (0, "2010-03-02\n", "")


@pytest.mark.parametrize(("encoding", "bom"), UTF16)
def test_a_utf16_bank_holidays_file_with_a_bom_is_read(tmp_path: Path, encoding: str, bom: str) -> None:
    events = [{"title": "Extra", "date": "2026-03-10"}]
    text = bom + json.dumps({"england-and-wales": {"events": events}})
    extra = _write(tmp_path / "bh.json", text, encoding)
    code, out, err = run("date", "5", "-n", "2026-03-04", "--bank-holidays-file", str(extra))
    assert code == 0
    assert out == "2026-03-11\n"  # Tue 10 Mar is the file's holiday, so Day 5 is Wed 11 Mar
    assert "Error" not in err


@pytest.mark.parametrize(("encoding", "bom"), UTF16)
def test_a_utf16_framework_file_with_a_bom_is_read(tmp_path: Path, encoding: str, bom: str) -> None:
    source = (REPO / "inspectcal" / "frameworks" / "slac-2009.toml").read_text("utf-8")
    framework = _write(tmp_path / "u16.toml", bom + source.replace("\n", "\r\n"), encoding)
    code, out, err = run("plan", "-n", "2010-02-22", "--framework", str(framework), "--format", "json")
    assert (code, err) == (0, "")
    builtin = run("plan", "-n", "2010-02-22", "--format", "json")[1]
    assert json.loads(out)["milestones"] == json.loads(builtin)["milestones"]


@pytest.mark.parametrize(
    ("option", "what"),
    [("--closures", "closures file"), ("--bank-holidays-file", "bank holidays file")],
)
def test_non_utf8_files_are_named_for_what_they_are(tmp_path: Path, option: str, what: str) -> None:
    nobom = tmp_path / "nobom.txt"
    nobom.write_bytes("2010-03-01\n".encode("utf-16-le"))
    assert fails(2, "date", "6", "-n", "2010-02-22", option, str(nobom)) == (
        f"{what} {nobom}, line 1: is UTF-16 text without a byte-order mark: save it as UTF-8"
    )
    ansi = tmp_path / "ansi.txt"
    ansi.write_bytes("2010-03-01\n# caf\u00e9\n".encode("cp1252"))
    assert fails(2, "date", "6", "-n", "2010-02-22", option, str(ansi)) == (
        f"{what} {ansi}, line 2: is Windows-1252 (ANSI) text, not UTF-8: save it as UTF-8"
    )
    neither = tmp_path / "neither.txt"
    neither.write_bytes(b"2010-03-01\n\x81\x8d\n")
    assert fails(2, "date", "6", "-n", "2010-02-22", option, str(neither)) == (
        f"{what} {neither}, line 2: is not UTF-8 text (nor Windows-1252): save it as UTF-8"
    )


def test_a_non_utf8_framework_file_is_named_for_what_it_is(tmp_path: Path) -> None:
    framework = tmp_path / "f.toml"
    framework.write_bytes('id = "x"\n'.encode("utf-16-be"))
    assert fails(2, "plan", "-n", "2010-02-22", "--framework", str(framework)) == (
        f"framework file {framework}, line 1: is UTF-16 text without a byte-order mark: save it as UTF-8"
    )


def test_binary_files_are_still_called_binary(tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    assert fails(2, "date", "6", "-n", "2010-02-22", "--closures", str(photo)) == (
        f"closures file {photo}, line 1: is not text (it holds binary data): is it the right file?"
    )


def test_check_and_the_other_readers_share_one_list_of_byte_order_marks() -> None:
    from inspectcal.readers import base, delimited

    assert delimited.BOMS is base.BOMS


@pytest.mark.parametrize(
    "data", [b"\x00" * 1000, b"\x00\x01" * 300, b"PK\x03\x04\x14\x00\x00\x00\x08\x00" * 20]
)
def test_nul_filled_files_are_binary_not_utf16(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(data)
    error = fails(2, "date", "6", "-n", "2010-02-22", "--closures", str(path))
    assert error.endswith(": is not text (it holds binary data): is it the right file?"), error


# -- two dates on a closures line ------------------------------------------------------------------


@pytest.mark.parametrize(
    "line", ["2010-03-01, 2010-03-02", "01/03/2010 02/03/2010", "1 Mar 2010; 2 Mar 2010"]
)
def test_two_dates_on_a_closures_line_are_called_two_dates(tmp_path: Path, line: str) -> None:
    closures = tmp_path / "c.txt"
    closures.write_text(f"{line}\n", "utf-8")
    assert fails(2, "date", "6", "-n", "2010-02-22", "--closures", str(closures)) == (
        f"closures file {closures}, line 1: '{line}' holds more than one date: give one date "
        "(a range is DATE..DATE)"
    )


# -- '-' is stdin for every file argument ----------------------------------------------------------


def test_dash_is_stdin_for_file_arguments() -> None:
    from .conftest import REPO

    closures = "2010-03-01..2010-03-05 # half term\n"
    with_file = run_in_repo("date", "40", "-n", "2010-02-22", "--closed", "2010-03-01..2010-03-05")[1]
    assert run_in_repo("date", "40", "-n", "2010-02-22", "--closures", "-", input=closures)[1] == with_file
    timetable = (REPO / "examples" / "nottinghamshire-2010.csv").read_text("utf-8")
    by_name = run_in_repo(
        "check", "examples/nottinghamshire-2010.csv", "-n", "2010-02-22", "--format", "json"
    )
    assert (
        run_in_repo("check", "-", "-n", "2010-02-22", "--format", "json", input=timetable)[:2] == by_name[:2]
    )
    toml = (REPO / "inspectcal" / "frameworks" / "jtai.toml").read_text("utf-8")
    shown = run_in_repo("frameworks", "show", "jtai", "--format", "json")[1]
    assert run_in_repo("frameworks", "show", "-", "--format", "json", input=toml)[1] == shown
    _, out, _ = run_in_repo(
        "window",
        "--from",
        "2010-02-22",
        "--to",
        "2010-02-22",
        "--avoid-file",
        "-",
        "--format",
        "csv",
        input="2010-02-26\n",
    )
    assert ",2010-02-26 setup-meeting," in out.splitlines()[1]


def test_stdin_can_be_read_once() -> None:
    code, out, err = run_in_repo(
        "window",
        "--from",
        "2010-02-22",
        "--to",
        "2010-02-22",
        "--avoid-file",
        "-",
        "--closures",
        "-",
        input="2010-02-26\n",
    )
    assert (code, out) == (2, "")
    assert err.endswith("both read stdin ('-'): only one can; give the other a file\n")


# -- huge and binary date files --------------------------------------------------------------------


@pytest.mark.parametrize("option", ["--closures", "--avoid-file"])
def test_huge_and_binary_date_files(tmp_path: Path, option: str) -> None:
    command = (
        ["plan", "-n", "2010-02-22"]
        if option == "--closures"
        else ["window", "--from", "2010-02-22", "--to", "2010-02-22"]
    )
    huge = tmp_path / "huge.txt"
    huge.write_text("2010-12-29\n" * 200_000, "utf-8")  # 2.2 MB
    code, _, err = run(*command, option, str(huge))
    assert code == 2
    assert "is over" in err
    assert "is it the right file?" in err
    many = tmp_path / "many.txt"
    many.write_text("2010-12-29\n" * 20_000, "utf-8")
    assert "has over 10,000 lines" in run(*command, option, str(many))[2]
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    assert "is not text (it holds binary data)" in run(*command, option, str(binary))[2]
    assert "is a folder: give a file" in run(*command, option, str(tmp_path))[2]
