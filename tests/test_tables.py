"""Tables that fit: every command's table at 60, 80 and 120 columns and piped (80, COLUMNS unset).

No cell is ever cut: each date and clash the JSON output holds is in the table, whole, at
every width; no line is wider than the width; no line ends in a space.
"""

from __future__ import annotations

import io
import json
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspectcal.render.table import Column, Layout, console_for, fit, print_fitted

from .conftest import REPO, run_cli

WIDTHS = [60, 80, 120, None]  # None: piped with COLUMNS unset, which is 80 wide
TIMETABLE = str(REPO / "examples" / "nottinghamshire-2010.csv")
WINDOW = ("window", "--from", "2010-12-13", "--to", "2011-01-07", "--avoid", "2010-12-20..2010-12-24")
WINDOW_ARGS = (*WINDOW, "--avoid", "2011-01-10")


def run(width: int | None, *args: str) -> tuple[int, str]:
    env = {"COLUMNS": str(width)} if width else {}
    saved = os.environ.pop("COLUMNS")
    try:
        result = run_cli(list(args), env=env)
    finally:
        os.environ["COLUMNS"] = saved
    assert result.stderr == "", result.stderr
    return result.exit_code, result.stdout


def table_rows(text: str, key: int = 0) -> list[list[str]]:
    """The body rows of the (first) table: each cell's lines joined by spaces.

    A row starts on a line whose ``key`` column is not empty.
    """
    rows: list[list[list[str]]] = []
    for line in text.splitlines():
        if not line.startswith("│"):
            continue
        cells = [cell.strip() for cell in line.split("│")[1:-1]]
        if cells[key] or not rows:
            rows.append([[cell] for cell in cells])
        else:
            for pieces, cell in zip(rows[-1], cells, strict=True):
                pieces.append(cell)
    return [[" ".join(p for p in pieces if p) for pieces in row] for row in rows]


def stacked_rows(text: str) -> list[dict[str, str]]:
    """The rows of a table listed one column a line (too narrow for a table): header -> cell."""
    rows: list[dict[str, str]] = []
    header = ""
    for line in text.splitlines():
        if line.startswith("Listed one column"):
            break
        if not line.startswith(" "):
            rows.append({})
        if not line.startswith("    "):
            header, _, line = line.strip().partition(":")
            rows[-1][header] = ""
        rows[-1][header] = " ".join([rows[-1][header], line.strip()]).strip()
    return rows


def short(day: date) -> str:
    """'Mon 8 Mar', worked out here rather than by the product."""
    return f"{('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')[day.weekday()]} {day.day} {day:%b}"


def check_shape(out: str, width: int | None) -> None:
    limit = width or 80
    for line in out.splitlines():
        assert len(line) <= limit, line
        assert line == line.rstrip(), repr(line)
    assert "…" not in out


@pytest.mark.parametrize("width", WIDTHS)
def test_plan_table_keeps_every_date(width: int | None) -> None:
    code, out = run(width, "plan", "--notified", "2010-02-22")
    assert code == 0
    check_shape(out, width)
    plan = json.loads(run(None, "plan", "--notified", "2010-02-22", "--format", "json")[1])
    milestones = plan["milestones"]
    rows = table_rows(out)
    assert len(rows) == len(milestones)
    for row, m in zip(rows, milestones, strict=True):
        start, end = date.fromisoformat(m["start"]), date.fromisoformat(m["end"])
        assert short(start) in row[1], (row, m)
        assert f"{short(end)} {end.year}" in row[1], (row, m)
        assert " ".join(m["title"].split()) == row[2]


@pytest.mark.parametrize("width", WIDTHS)
def test_window_table_keeps_every_candidate_and_clash(width: int | None) -> None:
    code, out = run(width, *WINDOW_ARGS)
    assert code == 0
    check_shape(out, width)
    candidates = json.loads(run(None, *WINDOW_ARGS, "--format", "json")[1])
    rows = table_rows(out)
    assert len(rows) == len(candidates) == 17
    for row, candidate in zip(rows, candidates, strict=True):
        notified = date.fromisoformat(candidate["notified"])
        assert row[0].endswith(f"{notified.day} {notified:%b} {notified.year}"), row
        clashes = row[-1]
        if not candidate["clashes"]:
            assert clashes == "-"
        first_by_milestone: dict[str, str] = {}
        for clash in candidate["clashes"]:
            first_by_milestone.setdefault(clash["milestone"], clash["date"])
        for milestone, first in first_by_milestone.items():
            assert f"{milestone}:" in clashes, (row, milestone)
            assert short(date.fromisoformat(first)) in clashes, (row, first)
    flat = " ".join(out.split())
    assert "9 of 17 candidate notification dates clash." in flat


def test_window_at_60_columns_leaves_out_publication_and_says_so() -> None:
    out = run(60, *WINDOW_ARGS)[1]
    header = out.split("┡")[0]
    assert "publication" not in header
    assert "setup-" in header
    assert "fieldwork" in header
    flat = " ".join(out.split())
    assert "Left out to fit 60 columns: publication. Widen the window, or use --format csv" in flat


def test_window_readme_example_piped_keeps_the_clashes() -> None:
    """The issue's example: piped, the clashes column once showed 'fiel', 'setu' and 'Jan'."""
    out = run(None, *WINDOW_ARGS)[1]
    assert "fieldwork: Mon 10 Jan" in out
    assert "setup-meeting:" in out
    assert "Mon 20 Dec" in out


@pytest.mark.parametrize("width", WIDTHS)
def test_check_table_keeps_every_row(width: int | None) -> None:
    code, out = run(width, "check", TIMETABLE, "--notified", "2010-02-22")
    assert code == 1  # the example has wrong rows
    check_shape(out, width)
    verdicts = json.loads(run(None, "check", TIMETABLE, "--notified", "2010-02-22", "--format", "json")[1])
    rows = table_rows(out, key=-2)  # the ok/WRONG column
    assert len(rows) == len(verdicts)
    for row, verdict in zip(rows, verdicts, strict=True):
        text = "".join("".join(row).split())
        assert "".join(verdict["date"].split()) in text
        assert ("WRONG" in row) == (not verdict["ok"])
        assert " ".join(verdict["activity"].split()) in " ".join(row)


@pytest.mark.parametrize("width", WIDTHS)
def test_holidays_and_frameworks_tables_fit(width: int | None) -> None:
    out = run(width, "holidays", "--year", "2012")[1]
    check_shape(out, width)
    for item in json.loads(run(None, "holidays", "--year", "2012", "--format", "json")[1]):
        day = date.fromisoformat(item["date"])
        assert f"{short(day)} {day.year}" in out
    out = run(width, "frameworks")[1]
    check_shape(out, width)
    ids = [row[0] for row in table_rows(out)]
    assert ids == [f["id"] for f in json.loads(run(None, "frameworks", "--format", "json")[1])]
    out = run(width, "frameworks", "show", "slac-2009")[1]
    check_shape(out, width)
    shown = json.loads(run(None, "frameworks", "show", "slac-2009", "--format", "json")[1])
    assert [row[1] for row in table_rows(out)] == [m["id"] for m in shown["milestones"]]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "args",
    [
        ("calendar", "--notified", "2010-02-22"),
        ("status", "--notified", "2010-02-22", "--on", "2010-03-09"),
        ("date", "11", "40", "--notified", "2010-02-22"),
        ("day", "2010-03-08", "--notified", "2010-02-22"),
        ("add", "2010-02-22", "39"),
        ("between", "2010-02-22", "2010-04-20"),
    ],
)
def test_other_commands_have_no_trailing_spaces_or_cut_text(width: int | None, args: tuple[str, ...]) -> None:
    code, out = run(width, *args)
    assert code == 0
    for line in out.splitlines():
        assert line == line.rstrip(), repr(line)
    assert "…" not in out


# -- the fitting layer itself ------------------------------------------------------------


def _layout(words: list[str]) -> Layout:
    columns = [Column("Key"), Column("Text", wrap=True), Column("Extra", drop=1)]
    return Layout(columns, [[f"k{i}", word, "extra text"] for i, word in enumerate(words)])


def test_fit_drops_the_least_important_column_and_names_it() -> None:
    layout = _layout(["a" * 30])
    chosen, widths, dropped = fit([layout], 45)
    assert [c.header for c in chosen.columns] == ["Key", "Text"]
    assert dropped == ["Extra"]
    assert sum(widths) + 3 * len(widths) + 1 <= 45
    stream = io.StringIO()
    console = console_for(stream)
    console.width = 45
    print_fitted(console, [layout])
    assert "Left out to fit 45 columns: Extra." in " ".join(stream.getvalue().split())


@given(
    st.lists(
        st.text(st.sampled_from("abc "), min_size=1, max_size=40).filter(str.strip), min_size=1, max_size=5
    ),
    st.integers(min_value=20, max_value=130),
)
def test_no_word_is_ever_cut(words: list[str], width: int) -> None:
    stream = io.StringIO()
    console = console_for(stream)
    console.width = width
    print_fitted(console, [_layout(words)])
    out = stream.getvalue()
    if "│" in out:
        texts = [row[1] for row in table_rows(out)]
    else:  # too narrow for a table: each row listed one column a line, every column kept
        rows = stacked_rows(out)
        assert [row["Extra"] for row in rows] == ["extra text"] * len(words)
        texts = [row["Text"] for row in rows]
    assert [" ".join(text.split()) for text in texts] == [" ".join(w.split()) for w in words]
    for line in stream.getvalue().splitlines():
        assert line == line.rstrip()


# -- 40 and 60 columns: every table fits, nothing is lost ---------------------------------

NARROW = [40, 60]
BOX = str.maketrans(dict.fromkeys("│┃┏┓┗┛┡┩└┘┌┐├┤┬┴┼━─╇╈┳┻╋", " "))
RECORD_ROWS = (
    "local_authority,framework,onsite_start,onsite_end,published\n"
    "rochdale,standard,2018-01-29,2018-02-09,2018-03-12\n"
    "oxfordshire,short,2018-04-16,2018-04-20,2018-05-22\n"
    "north east lincolnshire,standard,2018-11-12,2018-11-23,2018-12-19\n"
)


def words_in(out: str) -> set[str]:
    return set(out.translate(BOX).split())


def assert_kept(out: str, texts: list[str], width: int) -> None:
    """Every word of ``texts`` is in ``out``, and no line of ``out`` is wider than ``width``."""
    check_shape(out, width)
    shown = words_in(out)
    for text in texts:
        missing = set(text.split()) - shown
        assert not missing, (text, missing)


def left_out(out: str) -> list[str]:
    flat = " ".join(out.split())
    if "Left out to fit" not in flat:
        return []
    return flat.split("Left out to fit ", 1)[1].split(": ", 1)[1].split(". ", 1)[0].split(", ")


@pytest.mark.parametrize("width", NARROW)
def test_plan_and_check_fit_narrow_terminals(width: int) -> None:
    out = run(width, "plan", "--notified", "2010-02-22")[1]
    plan = json.loads(run(None, "plan", "--notified", "2010-02-22", "--format", "json")[1])
    dates = [f"{short(date.fromisoformat(m['end']))} {m['end'][:4]}" for m in plan["milestones"]]
    assert_kept(out, [m["title"] for m in plan["milestones"]], width)
    for when in dates:  # a date is never split over two lines
        assert when in out
    code, out = run(width, "check", TIMETABLE, "--notified", "2010-02-22")
    assert code == 1
    verdicts = json.loads(run(None, "check", TIMETABLE, "--notified", "2010-02-22", "--format", "json")[1])
    assert_kept(out, [v["activity"] for v in verdicts], width)
    for v in verdicts:  # a range of dates whole, or its two ends on two lines ('2010-03-01..')
        assert v["date"] in words_in(out) or set(v["date"].replace("..", ".. ").split()) <= words_in(out)
    assert out.count("WRONG") == sum(1 for v in verdicts if not v["ok"])


@pytest.mark.parametrize("width", NARROW)
def test_frameworks_fit_narrow_terminals(width: int) -> None:
    out = run(width, "frameworks")[1]
    listed = json.loads(run(None, "frameworks", "--format", "json")[1])
    assert_kept(out, [f"{f['id']} {f['title']} {f['status']}" for f in listed], width)
    if "Days" not in left_out(out):
        assert_kept(out, [str(f["last_day"]) for f in listed], width)
    for framework in ("slac-2009", "ilacs-standard"):
        out = run(width, "frameworks", "show", framework)[1]
        shown = json.loads(run(None, "frameworks", "show", framework, "--format", "json")[1])
        assert_kept(out, [f"{m['id']} {m['title']}" for m in shown["milestones"]], width)
        for era in shown.get("record", {}).get("eras", []):
            assert era["from"] in out


@pytest.mark.parametrize("width", NARROW)
def test_ilacs_record_fits_narrow_terminals(width: int, tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "record.csv"
    path.write_text(RECORD_ROWS, "utf-8")
    out = run(width, "ilacs-record", str(path))[1]
    audits = json.loads(run(None, "ilacs-record", str(path), "--format", "json")[1])
    assert_kept(
        out, [f"{a['local_authority']} {a['onsite_end']} {' '.join(a['flags'])}" for a in audits], width
    )
    if "Published" not in left_out(out):
        assert_kept(out, [a["published"] for a in audits], width)
    flagged = [a for a in audits if not a["ok"]]
    assert flagged  # the last row is published sooner than its era's target
    assert f"{len(flagged)} of {len(audits)} rows flagged" in " ".join(out.split())


@pytest.mark.parametrize("width", NARROW)
def test_window_holidays_and_the_rest_fit_narrow_terminals(width: int) -> None:
    out = run(width, *WINDOW_ARGS)[1]
    candidates = json.loads(run(None, *WINDOW_ARGS, "--format", "json")[1])
    check_shape(out, width)
    flat = " ".join(out.split())
    for candidate in candidates:
        notified = date.fromisoformat(candidate["notified"])
        assert f"{notified.day} {notified:%b} {notified.year}" in flat
        for clash in candidate["clashes"]:
            assert f"{clash['milestone']}:" in flat
    out = run(width, "holidays", "--year", "2012")[1]
    days = json.loads(run(None, "holidays", "--year", "2012", "--format", "json")[1])
    assert_kept(out, [d["name"] for d in days], width)
    for d in days:
        day = date.fromisoformat(d["date"])
        assert f"{short(day)} {day.year}" in out
    for args in (
        ("calendar", "--notified", "2010-02-22"),
        ("status", "--notified", "2010-02-22", "--on", "2010-03-09"),
        ("date", "11", "40", "--notified", "2010-02-22"),
        ("between", "2010-02-22", "2010-04-20"),
    ):
        code, out = run(width, *args)
        assert code == 0
        check_shape(out, width)


def test_too_narrow_for_a_table_lists_each_row_and_says_so() -> None:
    out = run(40, "frameworks", "show", "slac-2009")[1]
    assert "┃" not in out
    rows = stacked_rows(out[out.index("Day: 1") :])  # after the title
    shown = json.loads(run(None, "frameworks", "show", "slac-2009", "--format", "json")[1])
    assert [row["Id"] for row in rows] == [m["id"] for m in shown["milestones"]]
    assert [row["Who"] for row in rows] == [m["who"] for m in shown["milestones"]]
    assert rows[0] == {
        "Day": "1",
        "Id": "notification",
        "Milestone": shown["milestones"][0]["title"],
        "Who": "ofsted",
    }
    assert "Listed one column a line to fit 40 columns: widen the window for a table." in " ".join(
        out.split()
    )


# -- every line fits the width, nothing is lost ----------------------------------------------------


TERMINAL_WIDTHS = (60, 80, 120)


def at_width(width: int, *args: str) -> str:
    result = run_cli(list(args), env={"COLUMNS": str(width)})
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
    return result.stdout


def help_at_width(width: int, *args: str) -> str:
    """Help in a real process (Click's test runner fixes the help's width at 80)."""
    import os
    import subprocess
    import sys

    environ = dict(os.environ, COLUMNS=str(width))
    done = subprocess.run(
        [sys.executable, "-m", "inspectcal", *args], capture_output=True, text=True, env=environ, check=True
    )
    return done.stdout


def assert_fits(text: str, width: int) -> None:
    long = [line for line in text.splitlines() if len(line) > width]
    assert long == [], long


def words(text: str) -> list[str]:
    return " ".join(text.replace(" \\\n", " ").split()).split()


@pytest.mark.parametrize("width", TERMINAL_WIDTHS)
def test_frameworks_show_evidence_table_fits(width: int) -> None:
    out = at_width(width, "frameworks", "show", "ilacs-standard")
    assert_fits(out, width)
    table = out[out.index("Evidence:") :]
    for era in ("2018-02-09", "2021-07-09", "2024-06-07"):
        assert era in table
    # 67 standard inspections in the first era: one held by the 2019 general election is left out.
    assert "│      67 │" in table or "│          67 │" in table


@pytest.mark.parametrize("width", TERMINAL_WIDTHS)
def test_ilacs_record_table_fits_and_keeps_every_row(width: int) -> None:
    import csv

    from .conftest import ILACS_RECORD

    record = ILACS_RECORD
    out = at_width(width, "ilacs-record", str(record))
    assert_fits(out, width)
    with record.open(encoding="utf-8") as handle:
        authorities = [row["local_authority"] for row in csv.DictReader(handle)]
    rows = [
        [cell.strip() for cell in line.split("│")[1:-1]] for line in out.splitlines() if line.startswith("│")
    ]
    has_line = "┃ Line ┃" in out
    # At 60 columns the Line column is the last to go, and the note says so.
    assert has_line == (width > 60)
    assert ("Left out to fit 60 columns: Framework, Target, Published, Line." in " ".join(out.split())) == (
        width == 60
    )
    name_at = 1 if has_line else 0
    if has_line:
        assert [row[0] for row in rows if row[0]] == [str(n) for n in range(2, len(authorities) + 2)]
    # A row starts where its last on-site date is; names wrap at spaces or after a hyphen:
    # joined up again, every authority is there, in order.
    names: list[str] = []
    for row in rows:
        if row[name_at + 1]:
            names.append(row[name_at])
        elif row[name_at]:
            names[-1] += ("" if names[-1].endswith("-") else " ") + row[name_at]
    assert names == authorities


@pytest.mark.parametrize("width", TERMINAL_WIDTHS)
def test_status_text_fits_and_says_the_same(width: int) -> None:
    args = ("status", "-n", "2010-02-22", "--on", "2010-03-09")
    out = at_width(width, *args)
    assert_fits(out, width)
    assert words(out) == words(at_width(1000, *args))
    assert "Tue 9 Mar 2010: Day 12 of 40:" in out  # a date and a Day stay on one line


@pytest.mark.parametrize("width", TERMINAL_WIDTHS)
def test_cache_lines_fit(width: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A short folder name: one longer than the width cannot fit (temporary folders under xdist
    # or on macOS are long).
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("INSPECTCAL_CACHE_DIR", "cache")
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "bank-holidays-england-and-wales.json").write_bytes(b"x" * 1_500_000)
    out = at_width(width, "cache")
    assert_fits(out, width)
    assert words(out) == words(at_width(1000, "cache"))
    assert "1.5 MB" in out  # a size stays on one line


@pytest.mark.parametrize("width", TERMINAL_WIDTHS)
@pytest.mark.parametrize("command", ["plan", "check", "window", "status", "calendar", "add", "between"])
def test_help_examples_fit_and_stay_whole(width: int, command: str) -> None:
    import typer

    from inspectcal.cli import app

    out = help_at_width(width, command, "--help")
    assert_fits(out, width)
    epilog = typer.main.get_command(app).commands[command].epilog or ""  # type: ignore[attr-defined]
    epilog = epilog.replace(" \\\n", " ")
    written = [
        " ".join(line.split()) for line in epilog.splitlines() if line.strip().startswith("inspectcal ")
    ]
    shown = out[out.index("Examples:") :].replace(" \\\n", " ")
    joined = [" ".join(line.split()) for line in shown.splitlines() if line.strip().startswith("inspectcal ")]
    assert joined == written


@pytest.mark.parametrize("width", TERMINAL_WIDTHS)
def test_root_help_gives_each_commands_whole_summary(width: int) -> None:
    out = help_at_width(width, "--help")
    assert_fits(out, width)
    commands = out[out.index("Commands:") :]
    flat = " ".join(commands.split())
    assert "plan Date every milestone of an inspection from its notification date." in flat
    assert "check Check a hand-written timetable: do its dates and Day labels agree?" in flat
    assert "..." not in commands


@pytest.mark.parametrize("width", [60, 70, 80, 100])
def test_a_long_column_header_wraps_and_is_never_cut(
    tmp_path: Path, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The compare table is headed by the list's name ("In the gov.uk list fetched 6 Dec 2026"):
    a narrow column once cut it to "In the gov.uk l" and "Built"."""
    import json

    from .conftest import GOVUK_FILE, run_cli

    data = json.loads(GOVUK_FILE.read_text("utf-8"))
    data["england-and-wales"]["events"].append({"title": "One-off day", "date": "2027-06-07"})
    monkeypatch.chdir(tmp_path)
    listed = Path("the gov.uk list fetched 6 Dec 2026")
    listed.write_text(json.dumps(data), "utf-8")
    result = run_cli(["holidays", "--compare", str(listed)], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    words = " ".join(result.stdout.replace("┃", " ").replace("│", " ").split())
    for word in (*str(listed).split(), "Built", "in", "One-off", "day"):
        assert word in words, (word, result.stdout)
    assert all(len(line) <= width for line in result.stdout.splitlines())
