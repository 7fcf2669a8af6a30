"""The Typer app, how commands join it, and the one place where failures become exit codes.

Every InspectcalError becomes one line on stderr and its exit code (2 bad input, 1 failure
to do the job); usage errors from the parser become one line and 2; Ctrl-C is 130.

Commands join the app with ``@command("name", epilog=...)`` (or ``add_group`` for a group
of subcommands) and a line in ``COMMAND_MODULES``. Each is its own small Typer app, and the
root group imports and builds only the one that runs: its ``commands`` mapping (Click's
public attribute) holds every name, and imports and builds a command, with public Typer API
(``typer.main.get_command``), the first time it is read.
Typer turns every parameter of a command into a Click option when it builds it; building
one command instead of all of them is about a fifth of the start-up time. Help, shell
completion and suggestions for mistyped commands read the same mapping, so they see every
command.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from importlib import import_module
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from inspectcal import __version__
from inspectcal.cli.build import warned
from inspectcal.cli.destination import settle_output_format
from inspectcal.errors import InspectcalError

F = TypeVar("F", bound=Callable[..., Any])

# Every command, in the order help lists them, and the module that defines it: a run imports
# only the module of the command it runs. A new command adds its line here
# (tests/test_cli_structure.py checks that the table and the modules agree).
COMMAND_MODULES: dict[str, str] = {
    "plan": "inspectcal.cli.days",
    "date": "inspectcal.cli.days",
    "day": "inspectcal.cli.days",
    "add": "inspectcal.cli.days",
    "between": "inspectcal.cli.days",
    "holidays": "inspectcal.cli.days",
    "window": "inspectcal.cli.planning",
    "calendar": "inspectcal.cli.planning",
    "check": "inspectcal.cli.planning",
    "status": "inspectcal.cli.planning",
    "frameworks": "inspectcal.cli.planning",
    "ilacs-record": "inspectcal.cli.record",
    "cache": "inspectcal.cli.cache",
}

# name -> the one-command (or one-group) Typer app behind it, once its module is imported
_COMMANDS: dict[str, typer.Typer] = {}


def command(name: str, **settings: Any) -> Callable[[F], F]:
    """Register a top-level command: ``@command("plan", epilog="Example: ...")``.

    ``settings`` are those of ``typer.Typer.command`` (help, epilog, context_settings...).
    """
    single = typer.Typer(add_completion=False, rich_markup_mode=None)
    _COMMANDS[name] = single
    settings.setdefault("cls", InspectcalCommand)
    return single.command(name, **settings)


class InspectcalCommand(TyperCommand):
    """A command whose plain help lists its options in sections, by each one's rich_help_panel.

    Plain help, not Rich's: Rich would double the start-up time of --help. Options without
    a panel come first, under "Options"; then the panels in the order of ``PANELS``.
    """

    def invoke(self, ctx: Any) -> Any:
        settle_output_format(ctx)
        return super().invoke(ctx)

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        """The examples, each command line kept whole: one too long for the help's width
        continues on the next line after a `` \\`` (an option stays beside its value)."""
        if not self.epilog:
            return
        width = formatter.width - formatter.current_indent - 2  # the epilog is indented by 2
        lines = [_continued(line, width) for line in self.epilog.split("\n")]
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text("\n".join(lines))

    def format_options(self, ctx: Any, formatter: Any) -> None:
        from inspectcal.cli.options import PANELS

        arguments, helps = [], []
        sections: dict[str, list[tuple[str, str]]] = {}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append(record)
            elif param.name == "help":
                helps.append(record)
            else:
                sections.setdefault(getattr(param, "rich_help_panel", None) or "Options", []).append(record)
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        # The command's own options first; --help last (alone, after the panels).
        order = ["Options", *PANELS] if "Options" in sections else [*PANELS, "Options"]
        sections.setdefault("Options", []).extend(helps)
        for name in sorted(sections, key=lambda n: order.index(n) if n in order else len(order)):
            with formatter.section(name):
                formatter.write_dl(sections[name])


def _continued(line: str, width: int) -> str:
    """An example command line (two spaces in) broken before options to fit ``width``."""
    if len(line) <= width or not line.startswith("  ") or "inspectcal " not in line:
        return line
    groups: list[str] = []
    for word in line.split(" ")[2:]:
        last = groups[-1] if groups else ""
        joins = last.startswith("--") and " " not in last and not word.startswith("-")
        if joins or last in ("<", "|") or last.count("'") % 2:  # a value, a target, a quote's rest
            groups[-1] = f"{last} {word}"
        else:
            groups.append(word)
    out, current = [], "  " + groups[0]
    for group in groups[1:]:
        if len(current) + 1 + len(group) + 2 > width:
            out.append(current + " \\")
            current = "      " + group
        else:
            current = f"{current} {group}"
    return "\n".join([*out, current])


def examples(*lines: str) -> str:
    """An epilog of real command lines, kept as written (Click rewraps other paragraphs)."""
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)


class InspectcalSubgroup(TyperGroup):
    """A command group (``frameworks``) whose own callback may write to ``-o FILE``."""

    def invoke(self, ctx: Any) -> Any:
        settle_output_format(ctx)
        return super().invoke(ctx)


def add_group(name: str, group: typer.Typer) -> None:
    """Register a Typer app with subcommands (e.g. ``frameworks list``/``show``) under ``name``."""
    _COMMANDS[name] = group


class _Commands(MutableMapping[str, TyperCommand | TyperGroup]):
    """The root group's commands: every registered name, each built the first time it is read."""

    def __init__(self) -> None:
        self._built: dict[str, TyperCommand | TyperGroup] = {}

    def __getitem__(self, name: str) -> TyperCommand | TyperGroup:
        if name not in self._built:
            import_module(COMMAND_MODULES[name])  # KeyError for an unknown name; registers it
            built = typer.main.get_command(_COMMANDS[name])
            assert isinstance(built, TyperCommand | TyperGroup)
            built.name = name
            self._built[name] = built
        return self._built[name]

    def __setitem__(self, name: str, value: TyperCommand | TyperGroup) -> None:
        raise TypeError(f"register '{name}' with @command or add_group (see inspectcal.cli.app)")

    def __delitem__(self, name: str) -> None:
        raise TypeError(f"cannot remove the command '{name}'")

    def __iter__(self) -> Iterator[str]:
        return iter(COMMAND_MODULES)

    def __len__(self) -> int:
        return len(COMMAND_MODULES)


class _ReaderGone(Exception):
    """A BrokenPipeError from a command, carried past Click's and Typer's own EPIPE handling
    (which exits 1) to ``InspectcalGroup.main``."""


class InspectcalGroup(TyperGroup):
    """The root group: builds a command only when it is asked for, turns failures into exit codes."""

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        self.commands = _Commands()  # type: ignore[assignment]  # holds subclasses of Command, refuses writes

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> NoReturn:
        """Click's ``main`` without its own error handling (``standalone_mode=False``, Click's
        documented way to handle errors yourself), then ours: one line and an exit code.

        Here rather than around the console script so that every way of running the app (the
        script, ``python -m inspectcal``, Typer's CliRunner in the tests) goes through it.
        """
        extra["standalone_mode"] = False
        if sys.stdout is None:  # started with stdout closed (`>&-`): writing to it is an error
            from inspectcal.output import closed_stdout

            sys.stdout = closed_stdout()
        if os.environ.get("_INSPECTCAL_COMPLETE"):  # a shell asking for completions: see _completion
            _completion_classes()
        warned.clear()  # one warning per run, also when tests run many in one process
        readers = sys.modules.get("inspectcal.readers.base")  # loaded only when a run reads files
        if readers is not None:
            readers.stdin_claims.clear()
        code = 0
        try:
            result = super().main(args, prog_name or "inspectcal", **extra)
            code = result if isinstance(result, int) else 0
        except InspectcalError as error:
            _fail(str(error), error.exit_code)
        except typer.Abort:
            code = 130
        except (BrokenPipeError, _ReaderGone):  # the reader went away (`| head`): it has what it wanted
            _quiet_broken_pipe()
            code = 0
        except OSError as error:  # the library wraps its own I/O: this is echo (help, --version) to stdout
            _stdout_failed(error)
        except typer.TyperException as error:  # the parser's usage errors (Click's, vendored)
            path = getattr(getattr(error, "ctx", None), "command_path", None)
            hint = f" (see '{path} --help')" if path else ""
            message = _after_double_dash(error.format_message(), sys.argv[1:] if args is None else list(args))
            _fail(f"{message}{hint}", error.exit_code)
        except Exception as error:  # anything unforeseen: one line, unless debugging
            if os.environ.get("INSPECTCAL_DEBUG"):
                raise
            _fail(f"internal error ({type(error).__name__}: {error}); please report it", 1)
        _flush_stdout()  # what was echoed (help, --version): a full disk is an error too
        sys.exit(code)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Each command with the whole first sentence of its help (Click cuts it to fit one
        line, "Date every milestone of an inspection from its..."): the line wraps instead."""
        rows = []
        for name in self.list_commands(ctx):
            found = self.get_command(ctx, name)
            if found is not None and not found.hidden:
                rows.append((name, found.get_short_help_str(limit=1000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """``--show-completion`` and ``--install-completion`` take an optional SHELL: given
        without one (last, or before another option), they detect the shell. (Typer's
        options have no optional values, so the missing value is supplied here.)"""
        args = list(args)
        for at, arg in enumerate(args):
            if not arg.startswith("-") or arg == "--":
                break  # the command: the rest are its own
            if arg in ("--show-completion", "--install-completion") and (
                at + 1 == len(args) or args[at + 1].startswith("-")
            ):
                args.insert(at + 1, _DETECT)
                break
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:  # Click's Context (Typer vendors Click)
        try:
            return super().invoke(ctx)
        except BrokenPipeError as error:
            raise _ReaderGone from error


def _after_double_dash(message: str, args: list[str]) -> str:
    """The parser's message, plus why an option it quotes was read as an argument: it came
    after ``--`` (``date -- -1 --notified DATE``)."""
    if "--" not in args:
        return message
    after = args[args.index("--") + 1 :]
    quoted_options = [a for a in after if a.startswith("-") and f"'{a}'" in message]
    if not quoted_options:
        return message
    option = quoted_options[0]
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


app = typer.Typer(
    cls=InspectcalGroup,
    name="inspectcal",
    help="Working-day timelines for inspections of children's services in England.",
    invoke_without_command=True,  # bare `inspectcal` prints the help (see main)
    add_completion=False,
    # Plain help text: Rich-formatted help imports Rich and doubles the start-up time of --help.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _completion_classes() -> None:
    """Typer's bash, zsh, fish and PowerShell completion, loaded only when it is used."""
    from typer.completion import get_completion_inspect_parameters

    # Typer renders each value's help with Rich for zsh, fish and PowerShell, wrapped to the
    # terminal's width: a wrapped line would reach the shell as a value of its own.
    os.environ["TERMINAL_WIDTH"] = os.environ["COLUMNS"] = "10000"
    get_completion_inspect_parameters()  # registers the shells' completion classes


# The shells Typer writes completion for; --show-completion/--install-completion take one of
# them, or none to detect the shell that runs inspectcal.
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
_DETECT = "detect"  # the value of --show-completion/--install-completion given without a shell


def _completion_shell(value: str | None) -> str | None:
    """The shell named (None: detect it); an unknown name is bad input."""
    if value is None or value == _DETECT:
        return None
    shell = value.lower()
    if shell not in SHELLS:
        from inspectcal.errors import InputError

        raise InputError(f"no completion for the shell '{value}': name one of {', '.join(SHELLS)}")
    return shell


def _install_completion(ctx: typer.Context, param: typer.CallbackParam, value: str | None) -> None:
    if value and not ctx.resilient_parsing:
        from typer.completion import install_callback

        shell = _completion_shell(value)
        _completion_classes()
        try:
            install_callback(ctx, param, shell or True)
        except FileNotFoundError as error:  # Typer asks PowerShell for its profile's path
            from inspectcal.errors import OutputError

            raise OutputError(
                f"cannot install completion for {shell or 'this shell'}: {error.filename or error} "
                f"is not found here; run 'inspectcal --show-completion {shell or 'SHELL'}' and add "
                "its output to the shell's profile"
            ) from error


def _show_completion(ctx: typer.Context, param: typer.CallbackParam, value: str | None) -> None:
    if value and not ctx.resilient_parsing:
        from typer.completion import show_callback

        shell = _completion_shell(value)
        _completion_classes()
        show_callback(ctx, param, shell or True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"inspectcal {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    *,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    # Typer's own completion options, declared here so that a normal run does not load the
    # completion machinery (add_completion=True would import it on every run).
    install_completion: Annotated[
        str | None,
        typer.Option(
            "--install-completion",
            metavar="[SHELL]",
            callback=_install_completion,
            is_eager=True,
            expose_value=False,
            help="Install completion for SHELL (bash, zsh, fish, powershell or pwsh), "
            "or for the shell you run it from.",
        ),
    ] = None,
    show_completion: Annotated[
        str | None,
        typer.Option(
            "--show-completion",
            metavar="[SHELL]",
            callback=_show_completion,
            is_eager=True,
            expose_value=False,
            help="Show the completion script for SHELL (bash, zsh, fish, powershell or pwsh), "
            "or for the shell you run it from, to install it by hand.",
        ),
    ] = None,
) -> None:
    """Working-day timelines for inspections of children's services in England.

    Day 1 is the notification date; every later Day is a working day (Mon-Fri, less
    bank holidays and any council closures you give).
    """
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
