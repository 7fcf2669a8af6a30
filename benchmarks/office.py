"""Word and Excel, in and out: wall time and peak memory of whole processes.

    python benchmarks/office.py            # about half a minute on 2 cores
    python benchmarks/office.py --quick    # fewer rounds

Writing: plan --format xlsx/docx. Reading: check on the Nottinghamshire timetable (14 rows)
and on a 2,000-row table, as .docx, .xlsx and CSV. Refusing: a zip bomb (a file of under
1 MB that would unpack to 1 GB) and a Word table of 10,000 vertically merged rows, which
python-docx's own cell lookup reads in quadratic time. Nothing here is asserted.
"""

from __future__ import annotations

import copy
import io
import sys
import tempfile
import zipfile
from datetime import date, timedelta
from pathlib import Path

from processes import measured, tool

QUICK = "--quick" in sys.argv
ROUNDS = 3 if QUICK else 7
ROOT = Path(__file__).resolve().parents[1]


def timetable_rows(count: int) -> list[tuple[str, str, str]]:
    rows = []
    day = date(2010, 2, 22)
    number = 1
    while len(rows) < count:
        if day.weekday() < 5:
            rows.append((day.strftime("%d/%m/%Y"), str(number), f"Activity {number}"))
            number += 1
        day += timedelta(days=1)
    return rows


def write_docx(path: Path, rows: list[tuple[str, str, str]]) -> None:
    from docx import Document

    document = Document()
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Date", "Day", "Activity"), strict=True):
        cell.text = text
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    document.save(path)


def write_xlsx(path: Path, rows: list[tuple[str, str, str]]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Timetable")
    sheet.append(["Date", "Day", "Activity"])
    for when, number, what in rows:
        day, month, year = (int(part) for part in when.split("/"))
        sheet.append([date(year, month, day), int(number), what])
    book.save(path)


def write_csv(path: Path, rows: list[tuple[str, str, str]]) -> None:
    path.write_text("Date;Day;Activity\n" + "".join(";".join(r) + "\n" for r in rows), "cp1252")


def write_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as entry:
            chunk = b"\0" * (1 << 20)
            for _ in range(1024):
                entry.write(chunk)


def write_merged(path: Path, count: int) -> None:
    from docx import Document

    document = Document()
    table = document.add_table(rows=3, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Date", "Day", "Activity"), strict=True):
        cell.text = text
    table.rows[1].cells[0].text = "22/02/2010"
    table.rows[1].cells[1].text = "1"
    table.cell(1, 0).merge(table.cell(2, 0))
    template = table.rows[2]._tr
    for _ in range(count - 2):
        template.addnext(copy.deepcopy(template))
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())


def main() -> None:
    command = tool()
    plan = [*command, "plan", "-n", "2010-02-22"]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        cases: list[tuple[str, list[str]]] = [
            ("plan --format json", [*plan, "--format", "json"]),
            ("plan --format xlsx", [*plan, "--format", "xlsx", "-o", str(folder / "p.xlsx"), "--force"]),
            ("plan --format docx", [*plan, "--format", "docx", "-o", str(folder / "p.docx"), "--force"]),
        ]
        for count in (14, 2000):
            rows = timetable_rows(count)
            for kind, write in (("csv", write_csv), ("docx", write_docx), ("xlsx", write_xlsx)):
                path = folder / f"t{count}.{kind}"
                write(path, rows)
                cases.append(
                    (f"check {count:>4} rows .{kind}", [*command, "check", str(path), "-n", "2010-02-22"])
                )
        write_bomb(folder / "bomb.docx")
        cases.append(
            ("refuse 1 GB zip bomb", [*command, "check", str(folder / "bomb.docx"), "-n", "2010-02-22"])
        )
        write_merged(folder / "merged.docx", 9_999)
        cases.append(
            ("read 10,000 merged rows", [*command, "check", str(folder / "merged.docx"), "-n", "2010-02-22"])
        )
        print(f"{'case':28} {'exit':>4} {'median':>9} {'peak MB':>8}  file")
        for label, argv in cases:
            code, seconds, peak = measured(argv, rounds=ROUNDS)
            written = [Path(a) for a in argv if a.startswith(str(folder))]
            size = f"{written[0].stat().st_size / 1000:,.0f} kB" if written else ""
            print(f"{label:28} {code:4} {seconds * 1000:7.0f} ms {peak:8.1f}  {size}")


if __name__ == "__main__":
    main()
