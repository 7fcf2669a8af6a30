"""Text that users type into titles (``--name``, ``--calendar-name``): one clean line or an error."""

from __future__ import annotations

import unicodedata

from inspectcal.errors import InputError


def clean_label(text: str, option: str) -> str:
    """``text`` as one line: control characters refused, runs of whitespace made one space.

    C0 controls (tab and newline among them), DEL and C1 controls are refused rather than
    dropped: they come from a paste or a script gone wrong, and a terminal or a strict
    calendar parser would act on them. Other whitespace (non-breaking spaces, line
    separators) is collapsed to a single space, and the text is put in Unicode NFC form.
    """
    for char in text:
        if unicodedata.category(char) == "Cc":
            what = _CONTROL_NAMES.get(ord(char), "a control character")
            raise InputError(
                f"{option} contains {what} (U+{ord(char):04X}): type the text on one line without it"
            )
    cleaned = unicodedata.normalize("NFC", " ".join(text.split()))
    if not cleaned:
        raise InputError(f"{option} is empty: give a name, or leave the option out")
    return cleaned


def label_key(text: str) -> str:
    """The form in which two spellings of one name compare equal: NFC, casefolded, one space."""
    folded = unicodedata.normalize("NFC", " ".join(text.split())).casefold()
    return unicodedata.normalize("NFC", folded)


_CONTROL_NAMES = {
    0x09: "a tab",
    0x0A: "a line break",
    0x0D: "a carriage return",
    0x1B: "an escape character",
    0x7F: "a delete character",
}
