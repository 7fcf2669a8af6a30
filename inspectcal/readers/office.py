"""Word and Excel files are zip archives: look inside before any library opens one.

``office_kind`` says what a file's bytes are ("docx", "xlsx" or None for anything that is
not a zip), and refuses, with one clear message, what no reader should open: a
password-protected or old binary Office file, a zip that is not a Word or Excel document,
an encrypted entry, or an archive whose parts would unpack to more than the limits below
(a zip bomb). The sizes come from the zip's directory, and Python's zip reader never
returns more bytes for an entry than the directory declares, so these limits bound the
memory that python-docx and openpyxl can use.
"""

from __future__ import annotations

import io
import zipfile

from inspectcal.errors import InputError

MAX_OFFICE_BYTES = 20_000_000  # the file itself
MAX_UNPACKED_BYTES = 100_000_000  # all its parts, unpacked
MAX_XML_BYTES = 25_000_000  # the parts a reader parses (XML), unpacked
MAX_ENTRIES = 2_000

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: .doc/.xls, or an encrypted .docx/.xlsx
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_MAIN_PART = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}


def office_kind(data: bytes, where: str) -> str | None:
    """ "docx" or "xlsx" for a sound Office file, None for bytes that are not a zip at all."""
    if data.startswith(_OLE):
        raise InputError(
            f"{where} is password-protected or an old binary Office file (.doc/.xls): "
            "remove the password, or save it as .docx or .xlsx"
        )
    if not data.startswith(_ZIP):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError):
        raise InputError(f"{where} is a damaged zip file: is it the right file?") from None
    if len(entries) > MAX_ENTRIES:
        raise InputError(f"{where} holds over {MAX_ENTRIES:,} parts: it is not a timetable document")
    names = {entry.filename for entry in entries}
    kinds = [kind for part, kind in _MAIN_PART.items() if part in names]
    if "[Content_Types].xml" not in names or len(kinds) != 1:
        raise InputError(
            f"{where} is a zip file but not a Word (.docx) or Excel (.xlsx) document: is it the right file?"
        )
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise InputError(f"{where} is password-protected: remove the password and save it again")
    if any(entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for entry in entries):
        raise InputError(f"{where} uses a compression Word and Excel never write: is it the right file?")
    unpacked = sum(entry.file_size for entry in entries)
    xml = sum(entry.file_size for entry in entries if entry.filename.endswith((".xml", ".rels")))
    if unpacked > MAX_UNPACKED_BYTES or xml > MAX_XML_BYTES:
        raise InputError(
            f"{where} would unpack to {unpacked / 1_000_000:,.0f} MB, more than a timetable needs "
            f"(at most {MAX_UNPACKED_BYTES // 1_000_000} MB, {MAX_XML_BYTES // 1_000_000} MB of text): "
            "is it the right file?"
        )
    return kinds[0]
