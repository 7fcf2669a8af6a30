"""What our dependencies do not offer publicly, done in one place, each with its reason.

The package uses no private attribute of a dependency (tests/test_cli_structure.py). Where a
library has no public way to do what we need, the function is here, says why, and
tests/test_shims.py fails when the library changes, so that a change can never make a
reader skip something or a writer leave something in without a word. Each function imports
its library itself: importing this module costs nothing.
"""

from __future__ import annotations

import warnings
import zipfile
from typing import Any

WORKBOOK_PART = "xl/workbook.xml"  # where readers.office finds an Excel workbook


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's title in an .xlsx archive, and the name of its XML part.

    openpyxl's read-only mode (the one that reads a large sheet in bounded memory) gives
    neither a sheet's merged ranges nor the formula of a cell with no value saved, so
    ``readers.xlsx`` reads those from the sheet's XML itself. A read-only worksheet keeps its
    part only in a private attribute (``_worksheet_path``); read with a fallback, a rename
    would skip merged cells and formulas without a word. This asks the parser that
    ``load_workbook`` itself uses to find the sheets (``openpyxl.reader.workbook``): the
    workbook's sheet list and its relationships.
    """
    from openpyxl.reader.workbook import WorkbookParser

    parser = WorkbookParser(archive, WORKBOOK_PART)
    with warnings.catch_warnings():  # load_workbook has given the same warnings already
        warnings.simplefilter("ignore")
        parser.parse()
        return {str(sheet.name): str(relation.target) for sheet, relation in parser.find_sheets()}


def drop_package_relationships(document: Any, reltype: str) -> None:
    """Remove the package-level relationships of a type from a python-docx Document.

    python-docx's template carries a thumbnail of an empty page (``docProps/thumbnail.jpeg``),
    which a reader would take for a picture of the document. python-docx can relate parts to
    the package but has no public way to drop such a relationship (``Part.drop_rel`` exists
    for a part's own, not for the package's), so this removes it from the package's
    relationship table (``OpcPackage.rels``); the part goes with it when the file is saved.
    """
    relationships = document.part.package.rels
    for key, relationship in list(relationships.items()):
        if relationship.reltype == reltype:
            del relationships[key]
