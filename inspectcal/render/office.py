"""What the Word and Excel writers share: the same input gives the same bytes.

Office files are zip archives. The libraries that write them stamp each zip entry with
the time of writing; ``fixed_zip`` rewrites the archive with every entry stamped with the
document's own time (SOURCE_DATE_EPOCH, or a fixed value: see ``cli.options``), in the
same order, with the same compression, so that two runs give identical files.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

# The earliest time a zip entry can hold; documents made without SOURCE_DATE_EPOCH use it.
ZIP_EPOCH = datetime(1980, 1, 1)


def fixed_zip(data: bytes, when: datetime) -> bytes:
    """The archive ``data`` with every entry's time set to ``when`` (not before 1980)."""
    stamp = max(when.replace(tzinfo=None), ZIP_EPOCH).timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0  # the same bytes whichever system wrote them
            entry.external_attr = 0
            target.writestr(entry, source.read(info))
    return out.getvalue()


def naive_utc(when: datetime) -> datetime:
    """``when`` in UTC without a time zone: how both libraries expect document times."""
    from datetime import UTC

    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when.replace(microsecond=0)
