"""One exception hierarchy; the CLI turns each into a one-line message and an exit code."""

from __future__ import annotations


class InspectcalError(Exception):
    """Base of every error the library raises on purpose.

    ``exit_code`` follows the CLI convention: 2 for bad input (the user can fix the
    command line or a file), 1 for failing to do the job (I/O).
    """

    exit_code = 2


class InputError(InspectcalError):
    """Something the user typed or supplied is wrong."""


class DateError(InputError):
    """A date that cannot be read, does not exist, or is not allowed here."""


class OutOfRangeError(InputError):
    """A date or Day number outside the range the calendar supports."""


class NotWorkingDayError(InputError):
    """A date that must be a working day falls on a weekend, bank holiday or closure."""


class FrameworkError(InputError):
    """A framework file that cannot be found, read or validated."""


class OutputError(InspectcalError):
    """The result could not be written (I/O); nothing half-written is left behind."""

    exit_code = 1


def quoted(text: str, limit: int = 40) -> str:
    """``text`` in quotes for a message, cut to ``limit`` characters and control characters shown."""
    shown: list[str] = []
    length = 0
    for c in text:
        piece = c if c.isprintable() else repr(c)[1:-1]
        if length + len(piece) > limit:  # escapes count too: \x01 is four characters
            return "'" + "".join(shown) + "\u2026'"
        shown.append(piece)
        length += len(piece)
    return "'" + "".join(shown) + "'"


class FetchError(InspectcalError):
    """Something could not be fetched over the network (unreachable, a bad status, cut short)."""

    exit_code = 1
