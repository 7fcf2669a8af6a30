"""Which XML part of an .xlsx file holds each sheet: the one thing openpyxl does not say publicly.

openpyxl's read-only mode (the one that reads a large sheet in bounded memory) gives neither
a sheet's merged ranges nor the formula of a cell with no value saved, so ``readers.xlsx``
reads those from the sheet's XML itself. The read-only worksheet knows its part only in a
private attribute (``_worksheet_path``), and reading that with a fallback would, the day
openpyxl renamed it, skip merged cells and formulas without a word. Instead this module asks
the parser that ``load_workbook`` itself uses to find the sheets (``WorkbookParser``: the
workbook's sheet list and its relationships), and nothing else in the package does.
tests/test_office_in.py checks it against workbooks written by openpyxl and by hand; if
openpyxl changes it, those tests fail and a workbook is refused as unreadable, never misread.
"""

from __future__ import annotations

import warnings
import zipfile

WORKBOOK_PART = "xl/workbook.xml"  # where readers.office finds the workbook


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's title and the name of its XML part in ``archive``."""
    from openpyxl.reader.workbook import WorkbookParser

    parser = WorkbookParser(archive, WORKBOOK_PART)
    with warnings.catch_warnings():  # load_workbook has given the same warnings already
        warnings.simplefilter("ignore")
        parser.parse()
        return {str(sheet.name): str(relation.target) for sheet, relation in parser.find_sheets()}
