"""Help that helps (every option with its help, real examples) and shell completion.

Completion is driven through its protocol, as a shell drives it: the _INSPECTCAL_COMPLETE
environment variable and the shell's own variables, in a subprocess of the real CLI.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import COUNTING_COMMANDS, REPO, fails, run, run_cli

pytestmark = pytest.mark.slow

COMMANDS = [*COUNTING_COMMANDS, "frameworks", "frameworks show"]


def help_of(command: str) -> str:
    result = run_cli([*command.split(), "--help"])
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    return result.stdout


def examples_of(command: str) -> list[str]:
    text = help_of(command)
    assert "Examples:\n" in text, command
    block = re.sub(r" \\\n\s+", " ", text.split("Examples:\n", 1)[1])  # a line continued after " \"
    return [line.strip() for line in block.splitlines() if line.strip()]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_has_real_examples_that_run(command: str, tmp_path: Path) -> None:
    """Each example runs, from a folder holding the examples/ files, and succeeds."""
    (tmp_path / "examples").symlink_to(REPO / "examples")
    found = examples_of(command)
    assert len(found) >= 2 or command == "frameworks", found
    env = dict(os.environ, PY=sys.executable, INSPECTCAL_CACHE_DIR=str(tmp_path / "cache"))
    for line in found:
        assert f"inspectcal {command}" in line, line
        script = f'inspectcal() {{ "$PY" -m inspectcal "$@"; }}; {line}'
        done = subprocess.run(
            ["bash", "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path, check=False
        )
        # check exits 1 when a row is wrong, as the example timetable's rows 12 and 13 are
        wanted = 1 if command == "check" else 0
        assert done.returncode == wanted, (line, done.stderr)
        assert "Error" not in done.stderr, (line, done.stderr)
        assert done.stdout or "-o " in line or "--svg" in line, line


@pytest.mark.parametrize("command", ["plan", "date", "window", "calendar", "status"])
def test_help_lists_the_shared_options_with_their_help(command: str) -> None:
    """Plain help (Rich's, which would group the options by purpose, is over the start-up
    budget of --help): every shared option is listed, with its help."""
    text = " ".join(help_of(command).split())
    for option, words in (
        ("--region", "Bank holidays of:"),
        ("--no-bank-holidays", "Count Monday to Friday only"),
        ("--closed", "A council closure day or range"),
        ("--closures", "File of closure dates or ranges"),
        ("--bank-holidays-file", "Official bank holidays in the gov.uk JSON format"),
        ("--output", "Write to FILE instead of stdout"),
        ("--force", "Replace the --output"),
    ):
        assert option in text, (command, option)
        assert words in text, (command, option)
    if command != "calendar":  # calendar draws the plan: the terminal picture or an SVG
        assert "--format" in text, command


def test_plan_help_lists_the_calendar_file_options() -> None:
    text = help_of("plan")
    for option in ("--remind", "--per-day", "--busy", "--calendar-name", "--picture"):
        assert option in text, option
    assert "Examples:" in text


def test_region_help_lists_the_aliases() -> None:
    assert "england, wales, scot and ni work too" in " ".join(help_of("plan").split())


# -- completion ---------------------------------------------------------------------------


def complete(shell: str, words: str, env: dict[str, str] | None = None, cwd: Path = REPO) -> list[str]:
    """The completions the CLI gives ``shell`` for the command line ``words`` (cursor at the end)."""
    environ = dict(os.environ, _INSPECTCAL_COMPLETE=f"complete_{shell}", **(env or {}))
    if shell == "bash":
        parts = words.split(" ")
        environ.update(COMP_WORDS=words, COMP_CWORD=str(len(parts) - 1))
    elif shell == "powershell":
        environ.update(_TYPER_COMPLETE_ARGS=words, _TYPER_COMPLETE_WORD_TO_COMPLETE=words.split(" ")[-1])
    else:
        environ.update(_TYPER_COMPLETE_ARGS=words)
        if shell == "fish":
            environ.update(_TYPER_COMPLETE_FISH_ACTION="get-args")
    done = subprocess.run(
        [sys.executable, "-m", "inspectcal"],
        capture_output=True,
        text=True,
        env=environ,
        cwd=cwd,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    return done.stdout.splitlines()


def values(shell: str, words: str, **kwargs: object) -> list[str]:
    """Only the completed values, whatever way ``shell`` prints them with their help."""
    lines = complete(shell, words, **kwargs)  # type: ignore[arg-type]
    if shell == "zsh":
        text = "\n".join(lines)
        if not text.startswith("_arguments"):
            return []  # "_files": let zsh complete file names
        return re.findall(r'"((?:[^"\\]|\\.)*)"(?::"(?:[^"\\]|\\.)*")?', text)
    if shell == "fish":
        return [line.split("\t")[0] for line in lines]
    if shell == "powershell":
        return [line.split(":::")[0] for line in lines]
    return [line for line in lines if line]  # bash prints one empty line for no completions


SHELLS = ["bash", "zsh", "fish", "powershell"]


@pytest.mark.parametrize("shell", SHELLS)
def test_commands_complete(shell: str) -> None:
    found = values(shell, "inspectcal p")
    assert found == ["plan"]
    everything = values(shell, "inspectcal ")
    assert {"plan", "date", "window", "check", "frameworks"} <= set(everything)


@pytest.mark.parametrize("shell", SHELLS)
def test_options_formats_and_regions_complete(shell: str) -> None:
    assert set(values(shell, "inspectcal plan --re")) == {"--region", "--remind"}
    assert values(shell, "inspectcal window --format ") == [
        "table",
        "json",
        "csv",
        "markdown",
        "html",
        "xlsx",
    ]
    assert values(shell, "inspectcal plan --region s") == ["scotland", "scot", "sct"]
    assert "northern-ireland" in values(shell, "inspectcal date --region ")


def test_frameworks_complete_ids_and_toml_files(tmp_path: Path) -> None:
    (tmp_path / "ours.toml").write_text("", "utf-8")
    (tmp_path / "notes.txt").write_text("", "utf-8")
    (tmp_path / "more").mkdir()
    found = values("bash", "inspectcal plan --framework ", cwd=tmp_path)
    assert found == ["area-send", "ilacs-short", "ilacs-standard", "jtai", "slac-2009", "more/", "ours.toml"]
    assert values("bash", "inspectcal plan --framework il", cwd=tmp_path) == ["ilacs-short", "ilacs-standard"]
    assert values("bash", "inspectcal frameworks show o", cwd=tmp_path) == ["ours.toml"]


def test_anchor_critical_and_param_complete_from_the_chosen_framework() -> None:
    from inspectcal.frameworks import load_framework

    slac = [spec.id for spec in load_framework("slac-2009").milestones]
    assert values("bash", "inspectcal plan --anchor ") == [f"{i}=" for i in slac]
    assert values("bash", "inspectcal plan --anchor fieldwork") == ["fieldwork-start=", "fieldwork="]
    jtai = [spec.id for spec in load_framework("jtai").milestones]
    assert values("bash", "inspectcal plan --framework jtai --anchor ") == [f"{i}=" for i in jtai]
    assert values("bash", "inspectcal window --framework jtai --critical setup,o") == ["setup,onsite"]
    standard = load_framework("ilacs-standard")
    assert values("bash", "inspectcal plan -f ilacs-standard --param ") == [
        f"{p}=" for p in standard.parameters
    ]
    assert values("bash", "inspectcal plan --param ") == [
        f"{p}=" for p in load_framework("slac-2009").parameters
    ]


def test_zsh_and_powershell_show_help_beside_values() -> None:
    zsh = complete("zsh", "inspectcal plan --region ")
    assert '"scotland":"Scotland"' in "\n".join(zsh)
    powershell = complete("powershell", "inspectcal plan --region s")
    assert "scotland:::Scotland" in powershell


@pytest.mark.parametrize("shell", SHELLS)
def test_each_shell_gets_a_completion_script(shell: str) -> None:
    environ = dict(os.environ, _INSPECTCAL_COMPLETE=f"source_{shell}")
    done = subprocess.run(
        [sys.executable, "-m", "inspectcal"], capture_output=True, text=True, env=environ, check=False
    )
    assert done.returncode == 0
    assert "_INSPECTCAL_COMPLETE" in done.stdout
    assert "inspectcal" in done.stdout


def test_show_and_install_completion_are_offered() -> None:
    text = help_of("")
    assert "--install-completion" in text
    assert "--show-completion" in text


def test_completion_machinery_is_not_loaded_on_normal_runs() -> None:
    """Our completers load only when a shell asks (Typer imports its own module anyway)."""
    probe = (
        "import sys; sys.argv = ['inspectcal', *sys.argv[1:]]\n"
        "import atexit; atexit.register(lambda: sys.stderr.write(' '.join(sorted(sys.modules))))\n"
        "from inspectcal.cli import run; run()"
    )
    for args in (["plan", "-n", "2010-02-22", "--format", "json"], ["--help"], ["plan", "--help"]):
        done = subprocess.run(
            [sys.executable, "-c", probe, *args], capture_output=True, text=True, check=False
        )
        assert "inspectcal.cli.complete" not in set(done.stderr.split()), args


# -- --show-completion SHELL / --install-completion SHELL ------------------------------------------


@pytest.fixture(autouse=True)
def _keep_widths() -> Iterator[None]:
    """Shell completion sets COLUMNS and TERMINAL_WIDTH for the process (a real run ends
    there); restore them so later tests see the width they expect."""
    saved = {name: os.environ.get(name) for name in ("COLUMNS", "TERMINAL_WIDTH")}
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


SCRIPT_HEADERS = {
    "bash": "_inspectcal_completion() {",
    "zsh": "#compdef inspectcal",
    "fish": "complete --command inspectcal ",
    "powershell": "Import-Module PSReadLine",
    "pwsh": "Import-Module PSReadLine",
}


@pytest.mark.parametrize("shell", sorted(SCRIPT_HEADERS))
@pytest.mark.parametrize("form", ["separate", "equals"])
def test_show_completion_gives_the_named_shells_script(shell: str, form: str) -> None:
    args = ["--show-completion", shell] if form == "separate" else [f"--show-completion={shell}"]
    code, out, err = run(*args)
    assert (code, err) == (0, "")
    assert out.startswith(SCRIPT_HEADERS[shell]), out[:80]
    first_line = out.split("\n", 1)[0]
    for other, header in SCRIPT_HEADERS.items():
        if header != SCRIPT_HEADERS[shell]:
            assert not first_line.startswith(header), other


def test_show_completion_takes_the_shell_name_in_any_case() -> None:
    assert run("--show-completion", "ZSH")[1].startswith("#compdef inspectcal")


def test_show_completion_without_a_shell_still_detects_one() -> None:
    code, out, err = run("--show-completion")
    assert (code, err) == (0, "")
    assert any(out.startswith(header) for header in SCRIPT_HEADERS.values()), out[:80]


@pytest.mark.parametrize("option", ["--show-completion", "--install-completion"])
@pytest.mark.parametrize("shell", ["tcsh", "cmd", "plan"])
def test_an_unknown_shell_is_refused(option: str, shell: str) -> None:
    assert fails(2, option, shell) == (
        f"no completion for the shell '{shell}': name one of bash, zsh, fish, powershell, pwsh"
    )


@pytest.mark.parametrize(
    ("shell", "script", "header"),
    [
        ("bash", ".bash_completions/inspectcal.sh", "_inspectcal_completion() {"),
        ("zsh", ".zfunc/_inspectcal", "#compdef inspectcal"),
        ("fish", ".config/fish/completions/inspectcal.fish", "complete --command inspectcal "),
    ],
)
def test_install_completion_installs_the_named_shells_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shell: str, script: str, header: str
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    code, out, err = run("--install-completion", shell)
    assert (code, err) == (0, "")
    assert out.startswith(f"{shell} completion installed in {tmp_path / script}\n")
    assert (tmp_path / script).read_text().startswith(header)


def test_install_completion_for_powershell_without_powershell_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path))  # no pwsh here
    assert fails(1, "--install-completion", "pwsh") == (
        "cannot install completion for pwsh: pwsh is not found here; run "
        "'inspectcal --show-completion pwsh' and add its output to the shell's profile"
    )
