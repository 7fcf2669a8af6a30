"""The Typer app: its root options, how commands join it, and their help.

Commands join with ``@command("name", epilog=examples(...))`` (or ``subgroup``) in days.py,
planning.py, record.py and cache.py; ``inspectcal.cli`` imports those modules, which import
nothing heavy (each command imports what it uses in its body). Failures become messages and
exit codes in one place: ``run`` in ``inspectcal.cli.boundary``.

``app`` holds every command. Typer turns every parameter of every command into a Click option
before it parses anything, a fifth of a run's start-up; so a run that names its command
(``inspectcal plan ...``) is parsed by ``app_for`` an app of the same root and that command
alone, built from the same registration with public Typer API. Help, completion and a
mistyped command name get the whole ``app``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from inspectcal import __version__

F = TypeVar("F", bound=Callable[..., Any])

SUMMARY = "Working-day timelines for inspections of children's services in England."

ROOT_SETTINGS: dict[str, Any] = {
    "name": "inspectcal",
    "help": SUMMARY,
    "invoke_without_command": True,  # bare `inspectcal` prints the help (see main)
    # Typer's completion options take no shell name; ours (below) take one, or detect it.
    "add_completion": False,
    # Plain help: Rich's would more than double the start-up time of --help.
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
app = typer.Typer(**ROOT_SETTINGS)

# Every command as registered, by name: its function and settings, or its group of subcommands.
_REGISTERED: dict[str, tuple[Callable[..., Any], dict[str, Any]] | typer.Typer] = {}

# The width that every example line of a help fits (with the help's own indent), so that it
# stays whole on a narrow terminal: Click keeps a "\b" paragraph as written.
EXAMPLE_WIDTH = 56


def command(name: str, **settings: Any) -> Callable[[F], F]:
    """Register a command: ``@command("plan", epilog=examples(...))``.

    Its summary in ``inspectcal --help`` is the docstring's whole first paragraph (Click would
    cut it to fit one line: "Date every milestone of an inspection from its...").
    """

    def register(function: F) -> F:
        settings.setdefault("short_help", first_paragraph(function.__doc__ or ""))
        _REGISTERED[name] = (function, settings)
        return app.command(name, **settings)(function)

    return register


def subgroup(name: str, group: typer.Typer) -> None:
    """Add a group of subcommands (``frameworks list``/``show``) under ``name``."""
    _REGISTERED[name] = group
    _add_group(app, name, group)


def _add_group(to: typer.Typer, name: str, group: typer.Typer) -> None:
    to.add_typer(group, name=name, short_help=first_paragraph(group.info.help or ""))


def app_for(args: list[str]) -> typer.Typer:
    """The app to parse ``args`` with: the root and the one command they name first, or, for
    anything else (root options, help, a mistyped name), every command."""
    name = args[0] if args else ""
    entry = _REGISTERED.get(name)
    if entry is None:
        return app
    one = typer.Typer(**ROOT_SETTINGS)
    one.callback()(main)
    if isinstance(entry, typer.Typer):
        _add_group(one, name, entry)
    else:
        function, settings = entry
        one.command(name, **settings)(function)
    return one


def first_paragraph(text: str) -> str:
    return " ".join(text.strip().split("\n\n", 1)[0].split())


def examples(*lines: str) -> str:
    """An epilog of real command lines, each kept whole: one too long for EXAMPLE_WIDTH goes on
    on the next line after a `` \\`` (an option stays beside its value)."""
    shown = [_continued(f"  {line}", EXAMPLE_WIDTH) for line in lines]
    return "Examples:\n\n\b\n" + "\n".join(shown)


def _continued(line: str, width: int) -> str:
    """An example command line (two spaces in) broken before options to fit ``width``."""
    if len(line) <= width:
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


# The shells Typer writes completion for; --show-completion/--install-completion take one of
# them, or none to detect the shell that runs inspectcal.
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
DETECT = "detect"  # the value of --show-completion/--install-completion given without a shell


def completion_args(args: list[str]) -> list[str]:
    """``args`` with DETECT after a ``--show-completion`` or ``--install-completion`` given
    without a shell (last, or before another option): Typer's options take no optional value."""
    args = list(args)
    for at, arg in enumerate(args):
        if not arg.startswith("-") or arg == "--":
            break  # the command: the rest are its own
        if arg in ("--show-completion", "--install-completion") and (
            at + 1 == len(args) or args[at + 1].startswith("-")
        ):
            args.insert(at + 1, DETECT)
            break
    return args


def completion_request() -> bool:
    """A shell asking for completions (Click's protocol): load Typer's completion for every
    shell first (a normal run never loads it)."""
    if not os.environ.get("_INSPECTCAL_COMPLETE"):
        return False
    import typer.rich_utils
    from typer.completion import get_completion_inspect_parameters

    get_completion_inspect_parameters()  # registers Typer's bash, zsh, fish and PowerShell classes
    # Typer renders each value's help with Rich, wrapped to its MAX_WIDTH (the terminal's width
    # unless set): a wrapped line would reach zsh, fish or PowerShell as a value of its own.
    typer.rich_utils.MAX_WIDTH = 100_000
    return True


def _completion_shell(value: str) -> str | None:
    """The shell named (None: detect it); an unknown name is bad input."""
    if value == DETECT:
        return None
    shell = value.lower()
    if shell not in SHELLS:
        from inspectcal.errors import InputError

        raise InputError(f"no completion for the shell '{value}': name one of {', '.join(SHELLS)}")
    return shell


def _install_completion(ctx: typer.Context, param: typer.CallbackParam, value: str | None) -> None:
    if value and not ctx.resilient_parsing:
        from typer.completion import get_completion_inspect_parameters, install_callback

        shell = _completion_shell(value)
        get_completion_inspect_parameters()  # registers Typer's completion for every shell
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
        from typer.completion import get_completion_inspect_parameters, show_callback

        shell = _completion_shell(value)
        get_completion_inspect_parameters()
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
    # Typer's completion, for the shell named (or, without one, see completion_args).
    install_completion: Annotated[
        str | None,
        typer.Option(
            "--install-completion",
            metavar="[SHELL]",
            callback=_install_completion,
            is_eager=True,
            expose_value=False,
            show_default=False,
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
            show_default=False,
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
