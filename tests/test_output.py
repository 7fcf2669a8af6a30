"""Writing results: stdout as exact UTF-8 bytes, write failures, atomic exclusive files, no leftovers."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from inspectcal.errors import OutputError
from inspectcal.output import output_stream, write_output

from .conftest import CANNOT_APPLY, fails, may_write_into_read_only_folders, run_cli, run_in_repo
from .conftest import run as run_command

PY = [sys.executable, "-m", "inspectcal"]
FULL = Path("/dev/full")
COMMANDS = [
    ["plan", "-n", "2010-02-22"],
    ["plan", "-n", "2010-02-22", "--format", "json"],
    ["plan", "-n", "2010-02-22", "--format", "ics"],
    ["date", "11", "-n", "2010-02-22"],
    ["day", "2010-03-08", "-n", "2010-02-22"],
    ["add", "2010-02-22", "3"],
    ["between", "2010-02-22", "2010-03-01"],
    ["holidays", "--year", "2010"],
    ["window", "--from", "2010-02-22", "--to", "2010-03-01"],
    ["calendar", "-n", "2010-02-22"],
    ["status", "-n", "2010-02-22", "--on", "2010-03-01"],
    ["frameworks", "show", "slac-2009"],
    ["--version"],
    ["--help"],
    ["plan", "--help"],
]


def _run(
    args: list[str], *, stdin: bytes = b"", env: dict[str, str] | None = None, **kw: object
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*PY, *args], input=stdin, capture_output=True, check=False, env=env, **kw)  # type: ignore[call-overload, no-any-return]


@pytest.mark.skipif(not FULL.exists(), reason=CANNOT_APPLY + "no /dev/full on this system")
@pytest.mark.parametrize(
    "args",
    [
        *COMMANDS,
        ["plan", "-n", "-", "--format", "jsonl"],
        ["date", "11", "-n", "-"],
    ],
)
def test_a_full_stdout_is_exit_1_with_one_clear_line(args: list[str]) -> None:
    with FULL.open("wb") as full:
        done = subprocess.run(
            [*PY, *args], input=b"2010-02-22\n", stdout=full, stderr=subprocess.PIPE, check=False
        )
    assert done.returncode == 1
    assert done.stderr == b"Error: cannot write to standard output: No space left on device\n"


@pytest.mark.slow
def test_sixteen_runs_writing_one_file_exactly_one_wins(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    runs = [
        subprocess.Popen(
            [*PY, "plan", "-n", f"2010-02-{22 + i % 4}", "--format", "json", "-o", str(target)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in range(16)
    ]
    results = [(run.wait(), run.stderr.read() if run.stderr else b"") for run in runs]
    for run in runs:
        for pipe in (run.stdout, run.stderr):
            if pipe:
                pipe.close()
    assert sorted(code for code, _ in results) == [0] + [1] * 15
    for code, err in results:
        if code:
            assert err == f"Error: {target} already exists: add --force to replace it\n".encode()
    assert b'"notified": "2010-02-2' in target.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_a_run_that_ends_second_does_not_replace_the_first(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    outer = output_stream(str(target))
    stream = outer.__enter__()
    stream.write("slow\n")
    write_output("fast\n", str(target))
    with pytest.raises(OutputError) as caught:
        outer.__exit__(None, None, None)
    assert str(caught.value) == f"{target} already exists: add --force to replace it"
    assert target.read_text("utf-8") == "fast\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
    write_output("forced\n", str(target), force=True)
    assert target.read_text("utf-8") == "forced\n"


def test_no_temporary_file_is_left_when_the_disk_fills(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(_: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError) as caught:
        write_output("x" * 100_000, str(tmp_path / "out.txt"))
    assert str(caught.value) == f"cannot write {tmp_path / 'out.txt'}: No space left on device"
    assert list(tmp_path.iterdir()) == []


def test_no_temporary_file_is_left_when_rendering_fails(tmp_path: Path) -> None:
    def render_and_fail() -> None:
        with output_stream(str(tmp_path / "out.txt")) as stream:
            stream.write("half")
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        render_and_fail()
    assert list(tmp_path.iterdir()) == []


# -- exact bytes on stdout --------------------------------------------------------------------


class TranslatingStdout(io.TextIOWrapper):
    """A stdout like Windows' with a cp1252 locale: it would encode cp1252 and write \\r\\n."""


def test_stdout_gets_utf8_bytes_and_the_renderers_line_endings(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", TranslatingStdout(raw, encoding="cp1252", newline="\r\n"))
    write_output("caf\u00e9 \u2192 \u0141\u00f3d\u017a\nics line\r\n", None)
    assert raw.getvalue() == "caf\u00e9 \u2192 \u0141\u00f3d\u017a\nics line\r\n".encode()


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "markdown", "ics", "table"])
def test_stdout_is_byte_identical_to_the_file_under_a_cp1252_locale(tmp_path: Path, fmt: str) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "SOURCE_DATE_EPOCH": "1266796800"}
    framework = tmp_path / "f.toml"
    framework.write_text(
        'id = "f"\ntitle = "\u0141\u00f3d\u017a \u2013 caf\u00e9"\nstatus = "authoritative"\n'
        '[[milestones]]\nid = "m"\ntitle = "\u0141\u00f3d\u017a \u2192 caf\u00e9"\nwho = "both"\nday = 3\n',
        "utf-8",
    )
    args = [
        "plan",
        "-n",
        "2010-02-22",
        "-f",
        str(framework),
        "--name",
        "\u0141\u00f3d\u017a",
        "--format",
        fmt,
    ]
    piped = _run(args, env=env)
    assert piped.returncode == 0, piped.stderr
    target = tmp_path / "out"
    assert _run([*args, "-o", str(target)], env=env).returncode == 0
    assert piped.stdout == target.read_bytes()
    assert "\u0141\u00f3d\u017a".encode() in piped.stdout
    if fmt == "ics":
        assert piped.stdout.count(b"\r\n") == piped.stdout.count(b"\n")
    else:
        assert b"\r\n" not in piped.stdout


# -- honest labels -----------------------------------------------------------------------------

INDICATIVE = "Indicative: ILACS standard inspection (2018-) is not an Ofsted timetable"


def _ok(*args: str) -> str:

    result = run_cli(list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["plan", "--format", "table"],
        ["plan", "--format", "markdown"],
        ["calendar"],
        ["status", "--on", "2018-01-15"],
        ["window", "--from", "2018-01-08", "--to", "2018-01-09"],
    ],
)
def test_every_human_output_of_an_indicative_framework_says_so(args: list[str]) -> None:
    command, *rest = args
    dates = ["-n", "2018-01-08"] if command != "window" else []
    out = _ok(command, *dates, "-f", "ilacs-standard", *rest)
    assert "ndicative" in out
    if command != "plan":
        assert INDICATIVE in " ".join(out.split())
    plain = _ok(command, *dates, "-f", "slac-2009", *rest.__iter__()) if command != "status" else ""
    assert "Indicative:" not in plain


def test_status_line_and_json_say_indicative() -> None:
    line = _ok("status", "-n", "2018-01-08", "-f", "ilacs-standard", "--on", "2018-01-15", "--format", "line")
    assert line.endswith(" (indicative timetable)\n")
    data = _ok("status", "-n", "2018-01-08", "-f", "ilacs-standard", "--on", "2018-01-15", "--format", "json")
    assert '"framework_status": "indicative"' in data


@pytest.mark.parametrize(
    "args",
    [
        ["plan", "-n", "2018-01-08", "--format", "csv"],
        ["window", "--from", "2018-01-08", "--to", "2018-01-09", "--format", "csv"],
    ],
)
def test_csv_outputs_carry_a_framework_status_column(args: list[str]) -> None:
    import csv

    rows = list(csv.reader(io.StringIO(_ok(*args, "-f", "ilacs-standard"))))
    assert rows[0][-1] == "framework_status"
    assert {row[-1] for row in rows[1:]} == {"indicative"}
    rows = list(csv.reader(io.StringIO(_ok(*args, "-f", "slac-2009"))))
    assert {row[-1] for row in rows[1:]} == {"authoritative"}


def test_svg_calendar_says_indicative(tmp_path: Path) -> None:

    target = tmp_path / "c.svg"
    result = run_cli(["calendar", "-n", "2018-01-08", "-f", "ilacs-standard", "--svg", str(target)])
    assert result.exit_code == 0, result.stderr
    assert "Indicative:" in target.read_text("utf-8").replace("&#160;", " ")


@pytest.mark.parametrize(
    ("closed", "count"),
    [
        ("2010-12-25..2010-12-26", "0 closure days"),  # a weekend
        (
            "2010-12-24..2010-12-31",
            "4 closure days",
        ),  # Fri 24, Wed 29 - Fri 31; Mon 27, Tue 28 are bank holidays
        ("2011-06-01", "0 closure days"),  # after the plan ends
        ("2010-12-02", "1 closure day"),
    ],
)
def test_the_footer_counts_only_working_days_a_closure_removes(closed: str, count: str) -> None:
    out = " ".join(_ok("plan", "-n", "2010-12-01", "--closed", closed, "--format", "markdown").split())
    assert f"Mon-Fri, less bank holidays in England and Wales and {count}." in out


def test_check_labels_an_indicative_framework() -> None:

    args = ["check", "examples/nottinghamshire-2010.csv", "-n", "2010-02-22", "-f", "ilacs-standard"]
    table = run_cli(args)
    assert INDICATIVE in " ".join(table.stdout.split())
    rows = run_cli([*args, "--format", "csv"]).stdout.splitlines()
    assert rows[0].endswith(",framework_status")
    assert all(row.endswith(",indicative") for row in rows[1:])


@pytest.mark.parametrize(
    ("redirect", "args", "code", "message"),
    [
        (
            ">&-",
            ["plan", "-n", "2010-02-22", "--format", "json"],
            1,
            "cannot write to standard output: it is closed",
        ),
        (">&-", ["--version"], 1, "cannot write to standard output: it is closed"),
        ("<&-", ["date", "1", "-n", "-"], 2, "stdin is closed: pipe or redirect the input into the command"),
        (
            "<&-",
            ["plan", "-n", "2010-02-22", "--closures", "-"],
            2,
            "stdin is closed: pipe or redirect the input into the command",
        ),
    ],
)
def test_closed_standard_streams_are_clear_errors(
    redirect: str, args: list[str], code: int, message: str
) -> None:
    import shlex

    command = " ".join(shlex.quote(part) for part in [*PY, *args])
    done = subprocess.run(
        ["bash", "-c", f"{command} {redirect}"], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stderr) == (code, f"Error: {message}\n")


def test_holidays_counts_only_the_years_closed_working_days() -> None:
    out = _ok("holidays", "--year", "2010", "--closed", "2010-12-25..2010-12-31", "--closed", "2011-01-04")
    assert " ".join(out.split()).startswith(
        "Days skipped in 2010: Mon-Fri, less bank holidays in England and Wales and 3 closure days"
    )


# -- markdown --------------------------------------------------------------------------------------


def test_markdown_shows_titles_as_typed(tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    framework = tmp_path / "f.toml"
    title = "*Bold* _it_ <b>html</b> [link](http://x) `code` ~~gone~~ a|b AT&amp;T back\\\\slash"
    framework.write_text(
        'id = "x"\ntitle = "X"\nstatus = "indicative"\nsource = "s"\n'
        f'[[milestones]]\nid = "a"\ntitle = "{title}"\nwho = "both"\nday = 1\n',
        "utf-8",
    )
    code, out, err = run_command(
        "plan", "-n", "2010-02-22", "--framework", str(framework), "--format", "markdown"
    )
    assert code == 0, err
    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(out)
    for tag in ("<em>", "<strong>x", "<b>", "<a ", "<code>", "<s>", "<del>"):
        assert tag not in html, tag
    shown = (
        "*Bold* _it_ &lt;b&gt;html&lt;/b&gt; [link](http://x) `code` ~~gone~~ a|b AT&amp;amp;T back\\slash"
    )
    assert f"<td>{shown}</td>" in html


# -- -o FILE's extension and --format --------------------------------------------------------------


def is_zip_with(path: Path, member: str) -> bool:
    with zipfile.ZipFile(path) as archive:
        return member in archive.namelist()


@pytest.mark.parametrize(
    ("name", "member"), [("guess.docx", "word/document.xml"), ("plan.xlsx", "xl/workbook.xml")]
)
def test_an_office_extension_without_format_writes_that_office_file(
    tmp_path: Path, name: str, member: str
) -> None:
    target = tmp_path / name
    code, out, err = run_command("plan", "-n", "2010-02-22", "-o", str(target))
    assert (code, out, err) == (0, "", "")
    assert is_zip_with(target, member)


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("t.svg", "<svg"),
        ("t.html", "<!DOCTYPE html>"),
        ("t.ics", "BEGIN:VCALENDAR"),
        ("t.md", "**"),
        ("t.csv", "start_day,end_day,"),
        ("t.JSON", "{"),
    ],
)
def test_a_text_extension_without_format_sets_the_format(tmp_path: Path, name: str, start: str) -> None:
    target = tmp_path / name
    assert run_command("plan", "-n", "2010-02-22", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8").lstrip().startswith(start)


def test_a_json_name_gives_json_for_the_small_commands_too(tmp_path: Path) -> None:
    target = tmp_path / "d.json"
    assert run_command("date", "5", "-n", "2010-02-22", "-o", str(target))[0] == 0
    assert json.loads(target.read_text())["days"] == [{"day": 5, "date": "2010-02-26"}]
    listing = tmp_path / "f.csv"
    assert run_command("frameworks", "-o", str(listing))[0] == 0
    assert listing.read_text().startswith("id,title,")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["plan", "-n", "2010-02-22", "--format", "table", "-o", "{d}/guess.docx"],
            "-o {d}/guess.docx is a Word file name but --format is table: "
            "use --format docx, or a file name ending .txt",
        ),
        (
            ["plan", "-n", "2010-02-22", "--format", "docx", "-o", "{d}/wrong.svg"],
            "-o {d}/wrong.svg is an SVG picture file name but --format is docx: "
            "use --format svg, or a file name ending .docx",
        ),
        (
            ["window", "--from", "2010-12-01", "--to", "2010-12-10", "--format", "csv", "-o", "{d}/w.xlsx"],
            "-o {d}/w.xlsx is an Excel file name but --format is csv: "
            "use --format xlsx, or a file name ending .csv",
        ),
        (
            ["plan", "-n", "2010-02-22", "--format", "xlsx", "-o", "{d}/p.txt"],
            "-o {d}/p.txt is a text file name but --format xlsx writes a binary file: "
            "use a file name ending .xlsx, or a text --format",
        ),
        (
            ["date", "5", "-n", "2010-02-22", "-o", "{d}/d.docx"],
            "-o {d}/d.docx is a Word file name but 'inspectcal date' cannot write docx: "
            "its --format is one of text, json, jsonl, csv",
        ),
        (
            ["frameworks", "show", "slac-2009", "-o", "{d}/f.md"],
            "-o {d}/f.md is a Markdown file name but 'inspectcal frameworks show' cannot write markdown: "
            "its --format is one of table, json, csv",
        ),
        (
            ["calendar", "-n", "2010-02-22", "-o", "{d}/c.svg"],
            "-o {d}/c.svg is an SVG picture file name but 'inspectcal calendar' writes text: "
            "use a file name ending .txt",
        ),
        (
            ["check", "x.csv", "-n", "2010-02-22", "--format", "json", "-o", "{d}/c.csv"],
            "-o {d}/c.csv is a CSV file name but --format is json: "
            "use --format csv, or a file name ending .json",
        ),
    ],
)
def test_a_contradiction_is_refused_and_writes_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    d = str(tmp_path)
    assert fails(2, *[a.format(d=d) for a in args]) == message.format(d=d)
    assert list(tmp_path.iterdir()) == []


def test_unknown_and_matching_extensions_keep_the_format(tmp_path: Path) -> None:
    assert run_command("plan", "-n", "2010-02-22", "-o", str(tmp_path / "p.txt"))[0] == 0
    assert (tmp_path / "p.txt").read_text().lstrip().startswith("Safeguarding and looked after")
    assert "┏" in (tmp_path / "p.txt").read_text()
    assert run_command("plan", "-n", "2010-02-22", "--format", "json", "-o", str(tmp_path / "p.out"))[0] == 0
    assert json.loads((tmp_path / "p.out").read_text())["notified"] == "2010-02-22"
    assert run_command("plan", "-n", "2010-02-22", "--format", "csv", "-o", str(tmp_path / "p.csv"))[0] == 0


# -- an empty output name --------------------------------------------------------------------------


@pytest.mark.parametrize("empty", ["", " "])
@pytest.mark.parametrize(
    "args",
    [
        ("plan", "--notified", "2010-02-22"),
        ("holidays", "--year", "2010"),
        ("window", "--from", "2010-12-13", "--to", "2010-12-14"),
    ],
)
def test_empty_output_name_is_bad_input(args: tuple[str, ...], empty: str, tmp_path: Path) -> None:
    result = run_cli([*args, "-o", empty])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: the output file name is empty: give a file name, or '-' for stdout\n"


# -- every command that prints data: --format json, -o/--force -------------------------------------


DATA_COMMANDS = [
    ("plan", "--notified", "2010-02-22"),
    ("date", "11", "40", "--notified", "2010-02-22"),
    ("day", "2010-03-08", "--notified", "2010-02-22"),
    ("add", "2010-02-22", "39"),
    ("between", "2010-02-22", "2010-04-20"),
    ("holidays", "--year", "2010"),
    ("window", "--from", "2010-12-13", "--to", "2010-12-15"),
    ("calendar", "--notified", "2010-02-22"),
    ("check", "examples/nottinghamshire-2010.csv", "--notified", "2010-02-22"),
    ("status", "--notified", "2010-02-22", "--on", "2010-03-09"),
    ("frameworks",),
    ("frameworks", "show", "slac-2009"),
    ("cache",),
]


@pytest.mark.parametrize("args", DATA_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_output_file_holds_exactly_what_stdout_shows(args: tuple[str, ...], tmp_path: Path) -> None:
    code, shown, err = run_in_repo(*args)
    target = tmp_path / "out.txt"
    assert run_in_repo(*args, "-o", str(target)) == (code, "", err)
    assert target.read_bytes().decode("utf-8") == shown
    again = run_in_repo(*args, "-o", str(target))
    assert again[0] == 1
    assert again[2] == f"Error: {target} already exists: add --force to replace it\n"
    target.write_text("old", "utf-8")
    assert run_in_repo(*args, "--output", str(target), "--force")[:2] == (code, "")
    assert target.read_bytes().decode("utf-8") == shown


@pytest.mark.parametrize(
    "args", [a for a in DATA_COMMANDS if a[0] != "calendar"], ids=lambda a: " ".join(a[:2])
)
def test_every_data_command_has_json(args: tuple[str, ...]) -> None:
    code, out, _ = run_in_repo(*args, "--format", "json")
    assert code in (0, 1)
    json.loads(out)


def test_date_and_day_json_and_csv() -> None:
    _, out, _ = run_in_repo("date", "11", "40", "-n", "2010-02-22", "--format", "json")
    assert json.loads(out) == {
        "notified": "2010-02-22",
        "days": [{"day": 11, "date": "2010-03-08"}, {"day": 40, "date": "2010-04-20"}],
    }
    _, out, _ = run_in_repo("day", "2010-03-08", "2010-04-20", "-n", "2010-02-22", "--format", "csv")
    assert out == "notified,date,day\n2010-02-22,2010-03-08,11\n2010-02-22,2010-04-20,40\n"
    _, out, _ = run_in_repo("add", "2010-02-22", "39", "--format", "json")
    assert json.loads(out) == {"start": "2010-02-22", "n": 39, "date": "2010-04-20"}
    _, out, _ = run_in_repo("between", "2010-02-22", "2010-04-20", "--inclusive", "--format", "csv")
    assert out == "a,b,inclusive,working_days\n2010-02-22,2010-04-20,yes,40\n"


def test_window_markdown() -> None:
    code, out, _ = run_in_repo(
        "window",
        "--from",
        "2010-12-13",
        "--to",
        "2010-12-14",
        "--avoid",
        "2010-12-20",
        "--format",
        "markdown",
    )
    assert code == 0
    assert out.splitlines() == [
        "| Notified (Day 1) | setup-meeting (Day 5) | fieldwork (Days 11-20) | publication (Day 40) "
        "| Clashes |",
        "|---|---|---|---|---|",
        "| Mon 13 Dec 2010 | Fri 17 Dec | Wed 29 Dec - Wed 12 Jan | Wed 9 Feb | - |",
        "| **Tue 14 Dec 2010** | Mon 20 Dec | Thu 30 Dec - Thu 13 Jan | Thu 10 Feb "
        "| **setup-meeting: Mon 20 Dec** |",
        "",
        "1 of 2 candidate notification dates clash. "
        "Longest clash-free runs: Mon 13 Dec 2010 (1 working day).",
    ]


def test_calendar_svg_and_output_are_one_or_the_other(tmp_path: Path) -> None:
    code, out, err = run_in_repo(
        "calendar", "-n", "2010-02-22", "--svg", str(tmp_path / "a.svg"), "-o", str(tmp_path / "a.txt")
    )
    assert (code, out) == (2, "")
    assert err == "Error: give --svg FILE or --output FILE, not both: --svg writes the picture instead\n"


# -- CSV cells that start like formulas ------------------------------------------------------------


def test_csv_cells_that_start_like_formulas_are_neutralised(tmp_path: Path) -> None:
    framework = tmp_path / "evil.toml"
    framework.write_text(
        'id = "evil"\ntitle = "Evil"\nstatus = "indicative"\n'
        + "".join(
            f'[[milestones]]\nid = "m{i}"\ntitle = {json.dumps(title)}\nwho = "council"\nday = {i + 1}\n'
            for i, title in enumerate(
                ['=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)", "\tTab", "\rCR", "Plain"]
            )
        ),
        "utf-8",
    )
    code, out, _ = run_command("plan", "-n", "2010-02-22", "-f", str(framework), "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))[1:]
    # Titles are stripped when a framework is read, so tab and CR cannot lead them (see test_safe_cell).
    assert [r[5] for r in rows] == [
        '\'=HYPERLINK("http://x")',
        "'+1+1",
        "'-2",
        "'@SUM(A1)",
        "Tab",
        "CR",
        "Plain",
    ]
    assert [r[0] for r in rows] == ["1", "2", "3", "4", "5", "6", "7"]  # numbers untouched
    assert rows[0][2] == "2010-02-22"  # dates untouched


def test_safe_cell() -> None:
    from inspectcal.render.csv import safe_cell

    for risky in ("=1", "+1", "-1", "@A1", "\tx", "\rx"):
        assert safe_cell(risky) == "'" + risky
    assert safe_cell("2010-02-22") == "2010-02-22"
    assert safe_cell("Set-up meeting") == "Set-up meeting"


# -- output into a read-only place -----------------------------------------------------------------


def test_output_into_a_read_only_place_fails_cleanly() -> None:
    code, out, err = run_command("plan", "-n", "2010-02-22", "-o", "/proc/inspectcal-plan.txt")
    assert (code, out) == (1, "")
    assert err.startswith("Error: cannot write /proc/inspectcal-plan.txt: ")
    assert err.count("\n") == 1


@pytest.mark.skipif(
    may_write_into_read_only_folders(),
    reason=CANNOT_APPLY + "root (or Windows) may write to a read-only folder",
)
def test_output_into_a_read_only_folder(tmp_path: Path) -> None:
    tmp_path.chmod(0o555)
    try:
        code, _, err = run_command("plan", "-n", "2010-02-22", "-o", str(tmp_path / "plan.txt"))
    finally:
        tmp_path.chmod(0o755)
    assert code == 1
    assert "Permission denied" in err


# -- -o errors name the file and the real reason; every legal name works -----------------------


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (AttributeError, OSError, ValueError):  # Windows: no pathconf; NTFS allows 255
        return 255


@pytest.mark.parametrize("extra", [0, 1, 5, 20])
def test_a_name_at_the_file_systems_limit_is_written(tmp_path: Path, extra: int) -> None:
    """A name of up to NAME_MAX characters is legal; the temporary file beside it must fit too."""
    name = "p" * (_name_max(tmp_path) - len(".json") - extra) + ".json"
    result = run_cli(["date", "5", "-n", "2010-02-22", "--format", "json", "-o", str(tmp_path / name)])
    assert (result.exit_code, result.stderr) == (0, "")
    assert (tmp_path / name).read_text("utf-8").startswith("{")
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no temporary file left


@pytest.mark.parametrize("over", [1, 45, 300])
def test_a_name_over_the_limit_names_the_file_and_the_reason(tmp_path: Path, over: int) -> None:
    name = "a" * (_name_max(tmp_path) + over) + ".txt"
    target = str(tmp_path / name)
    result = run_cli(["date", "5", "-n", "2010-02-22", "-o", target])
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write {target}: File name too long\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("inside", ["x.json", "sub/x.json"])
def test_a_file_where_a_folder_should_be_is_said_to_be_a_file(tmp_path: Path, inside: str) -> None:
    (tmp_path / "file.txt").write_text("mine", "utf-8")
    target = str(tmp_path / "file.txt" / inside)
    result = run_cli(["plan", "-n", "2010-02-22", "--format", "json", "-o", target])
    assert result.exit_code == 1
    holder = tmp_path / "file.txt" if inside == "x.json" else tmp_path / "file.txt" / "sub"
    expected = (
        f"Error: cannot write {target}: {holder} is a file, not a folder\n"
        if inside == "x.json"
        else f"Error: cannot write {target}: folder {holder} does not exist\n"
    )
    assert result.stderr == expected
    assert (tmp_path / "file.txt").read_text("utf-8") == "mine"


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    target = str(tmp_path / "nowhere" / "plan.ics")
    result = run_cli(["plan", "-n", "2010-02-22", "-o", target])
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: cannot write {target}: folder {tmp_path / 'nowhere'} does not exist\n",
    )
