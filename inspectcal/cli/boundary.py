"""The one place where failures become messages and exit codes.

Every InspectcalError becomes one line on stderr and its exit code (2 bad input, 1 failure
to do the job); usage errors from the parser one line, naming the help, and 2; Ctrl-C 130;
a reader that goes away (``| head``) ends the run quietly; anything else is an internal
error in one line (INSPECTCAL_DEBUG shows the traceback). Click's documented way to handle
errors yourself: the app runs with ``standalone_mode=False``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import NoReturn

import typer

from inspectcal.errors import InspectcalError
from inspectcal.output import ReaderGone


def run(args: Sequence[str] | None = None) -> NoReturn:
    """Run the command line ``args`` (default: the process's) and exit with its code."""
    from inspectcal.cli.app import app, app_for, completion_args, completion_request

    if sys.stdout is None:  # started with stdout closed (`>&-`): writing to it is an error
        from inspectcal.output import closed_stdout

        sys.stdout = closed_stdout()
    _forget_the_last_run()
    given = completion_args(sys.argv[1:] if args is None else list(args))
    chosen = app if completion_request() else app_for(given)
    code = 0
    try:
        result = chosen(args=given, prog_name="inspectcal", standalone_mode=False)
        code = result if isinstance(result, int) else 0
    except InspectcalError as error:
        _fail(str(error), error.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        code = 130
    except (BrokenPipeError, ReaderGone):  # the reader went away (`| head`): it has what it wanted
        _quiet_broken_pipe()
        code = 0
    except OSError as error:  # the library wraps its own I/O: this is echo (help, --version) to stdout
        _stdout_failed(error)
    except typer.TyperException as error:  # the parser's usage errors (Click's, vendored)
        path = getattr(getattr(error, "ctx", None), "command_path", None)
        hint = f" (see '{path} --help')" if path else ""
        message = _plain(error.format_message())
        message = _unknown_option(getattr(error, "ctx", None), given) or _after_double_dash(message, given)
        _fail(f"{message}{hint}", error.exit_code)
    except Exception as error:  # anything unforeseen: one line, unless debugging
        if os.environ.get("INSPECTCAL_DEBUG"):
            raise
        _fail(f"internal error ({type(error).__name__}: {error}); please report it", 1)
    _flush_stdout()  # what was echoed (help, --version): a full disk is an error too
    sys.exit(code)


def _forget_the_last_run() -> None:
    """One warning per run and one reader of stdin, also when tests run many in one process."""
    from inspectcal.cli.build import warned

    warned.clear()
    readers = sys.modules.get("inspectcal.readers.base")  # loaded only when a run reads files
    if readers is not None:
        readers.stdin_claims.clear()


# Typer 0.29 words bad values through pydantic; said plainly, as 0.28 (Click) says them.
_PYDANTIC_WORDING = {
    ": Value error, ": ": ",
    "Input should be a valid integer, unable to parse string as an integer": "not a whole number",
}


def _plain(message: str) -> str:
    for said, plain in _PYDANTIC_WORDING.items():
        message = message.replace(said, plain)
    return message


def _unknown_option(ctx: object, args: list[str]) -> str | None:
    """An option the command does not have, named as such. Commands that take negative numbers
    (date, add) let unknown options through as arguments, so the parser would otherwise blame
    the argument it could not read ("Invalid value for 'N...'") for a mistyped --notified."""
    import difflib

    command = getattr(ctx, "command", None)
    if command is None:
        return None
    known = [name for param in command.params for name in (*param.opts, *param.secondary_opts)]
    known = [name for name in known if name.startswith("-")]
    before = args[: args.index("--")] if "--" in args else args
    for word in before:
        name = word.split("=", 1)[0]
        if name.startswith("--") and len(name) > 2 and name not in known:
            close = difflib.get_close_matches(name, [k for k in known if k.startswith("--")], n=3)
            return f"No such option: {name}" + (f" (Possible options: {', '.join(close)})" if close else "")
    return None


def _after_double_dash(message: str, args: list[str]) -> str:
    """The parser's message, plus why an option it quotes was read as an argument: it came
    after ``--`` (``date -- -1 --notified DATE``)."""
    if "--" not in args:
        return message
    after = args[args.index("--") + 1 :]
    # An option-like word after '--' (not a negative number): what the parser could not read.
    # Typer 0.28 quotes it in the message; 0.29 words the problem without it.
    options = [a for a in after if a.startswith("-") and not a.lstrip("-").isdigit() and a != "-"]
    if not options:
        return message
    quoted = [a for a in options if f"'{a}'" in message]
    option = (quoted or options)[0]
    return (
        f"{message.rstrip('.')}: {option} comes after '--', which makes everything after it an "
        "argument; put the options before '--', or leave '--' out (a negative number needs none)"
    )


def _fail(message: str, code: int) -> NoReturn:
    sys.stderr.write(f"Error: {' '.join(message.split())}\n")
    sys.exit(code)


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_broken_pipe()
    except OSError as error:
        _stdout_failed(error)


def _stdout_failed(error: OSError) -> NoReturn:
    from inspectcal.output import discard_stdout

    discard_stdout()
    _fail(f"cannot write to standard output: {error.strerror or error}", 1)


def _quiet_broken_pipe() -> None:
    # The reader (e.g. `head`) has gone: point stdout at /dev/null so that the
    # interpreter's final flush does not complain, and end without a message. The exit code
    # is then what it would have been had the reader read everything: 0 for every command,
    # as when the reader leaves after the last write (only a batch that has already reported
    # a bad line exits 2, see run_batch).
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real stdout (e.g. pythonw on Windows)
        pass
