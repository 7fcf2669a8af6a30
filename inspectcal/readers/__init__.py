"""Reading what people give the tool: every file and stdin goes through one layer.

Every file the tool reads is read by a module here, named for what it reads; the domain
modules call them:

- ``timetable`` (``check``): Word (``docx``), Excel (``xlsx``), CSV and text (``delimited``)
  and Markdown (``markdown``) timetables, each turned into a ``grid.Grid`` first; ``office``
  vets Word and Excel files before a library opens them, ``columns`` chooses between two
  date or Day columns (and reads the tool's own plan layout), ``typed`` reads the dates and
  Days people type in them;
- ``date_file``: leave and closures files, as text (one date or range a line) or
  iCalendar (``ics``, its repeats kept bounded by ``recurrence``);
- ``bank_holidays``: a bank-holidays file in the gov.uk JSON format;
- ``toml``: framework files and the record tables that ship with them;
- ``record_csv``: a record of inspections as CSV.

``readers.base`` is the layer under them all. A reader for a new kind of input uses it and
adds only its own parsing. The whole API:

``read_bytes(path, what, *, limit)``
    A file's bytes, at most ``limit`` of them; a missing file, a folder, an unreadable or
    oversized file is an ``InputError`` naming ``what`` and the path.
``decode(data, where, *, fallback=None)``
    Text from bytes: a byte-order mark in ``BOMS`` chooses the encoding (UTF-8 with or
    without BOM by default); ``fallback`` (e.g. ``"cp1252"`` for an Excel CSV) is tried
    when the bytes are not UTF-8. A NUL character is refused, naming the line.
``read_text(path, what, *, limit, max_line, fallback)``
    ``read_bytes`` then ``decode``; ``path`` ``-`` reads stdin the same way.
``split_lines(text, where, *, max_line)``
    ``(number, line)`` for each line of a text: ``\\r\\n``, ``\\r`` and ``\\n`` all end a
    line; a line over ``max_line`` characters is refused. Linear time.
``stream_lines(stream, where, *, max_line)``
    ``(number, line or InputError)`` for each line of a binary stream (stdin), read in
    chunks: bounded memory, linear time; a bad line (over-long, NUL, not UTF-8) is handed
    back as an error so a batch can go on with the next one. A UTF-8 BOM is accepted.
``stdin()``
    Standard input as bytes, or an ``InputError`` when the process has none (``<&-``).
``named(what, path)``
    ``"closures file x.txt"``, or ``"closures file on stdin"`` for ``-``: how every reader
    names its input.
``at(where, number)``
    ``"closures file x.txt, line 3"``: how every error names a place.

``where`` is always "<what> <path>" (``"closures file x.txt"``) or "<what> on stdin", so every
error reads ``<what> <path>, line <n>: <problem>``; quoted text is cut short with
``inspectcal.errors.quoted``.
"""
