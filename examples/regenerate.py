"""Regenerate the sample output in README.md (and the generated files in examples/).

    python examples/regenerate.py          # rewrite in place
    python examples/regenerate.py --check  # exit 1 if anything is out of date
    python examples/regenerate.py --screenshot  # also the page's screenshot (needs chromium)

README blocks marked ``<!-- output: ARGS -->`` hold ``$ inspectcal ARGS`` and its real output,
rendered at a fixed width of 100 columns with no colour.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
_BLOCK = re.compile(r"(<!-- output: (?P<args>.+?) -->\n```[a-z]*\n)(?P<body>.*?)(```)", re.S)


# Generated example files: (file name under examples/, the inspectcal arguments that make it).
# SOURCE_DATE_EPOCH is pinned (2010-02-22T00:00:00Z) so the files are byte-for-byte reproducible.
EXAMPLE_FILES = [
    ("nottinghamshire-2010.ics", "plan -n 2010-02-22 --name Nottinghamshire --format ics --remind 1d@09:00"),
    ("nottinghamshire-2010.svg", "plan -n 2010-02-22 --name Nottinghamshire --format svg"),
    ("nottinghamshire-2010.html", "plan -n 2010-02-22 --name Nottinghamshire --format html"),
    (
        "window-christmas-2010.html",
        "window --from 2010-12-01 --to 2011-01-31 --avoid 2010-12-20..2010-12-31 --format html",
    ),
]
SOURCE_DATE_EPOCH = "1266796800"


def run_inspectcal(args: list[str], *, raw: bool = False) -> str:
    """The output of ``inspectcal ARGS`` as a 100-column, colourless terminal shows it."""
    from typer.testing import CliRunner

    from inspectcal.cli import app

    env = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    result = CliRunner().invoke(app, args, env=env)
    if result.exit_code not in (0, 1) or result.stderr:  # `check` exits 1 when it finds slips
        raise SystemExit(f"inspectcal {shlex.join(args)} failed: {result.stderr}")
    if raw:
        return result.stdout_bytes.decode("utf-8")
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"


def example_files() -> dict[Path, str]:
    return {ROOT / "examples" / name: run_inspectcal(args.split(), raw=True) for name, args in EXAMPLE_FILES}


def readme_with_current_output(text: str) -> str:
    def fill(match: re.Match[str]) -> str:
        args = shlex.split(match["args"])
        return f"{match[1]}$ inspectcal {match['args']}\n{run_inspectcal(args)}{match[4]}"

    return _BLOCK.sub(fill, text)


SCREENSHOT = ("nottinghamshire-2010.html", "nottinghamshire-2010-page.png")


def screenshot() -> None:
    """README's picture of the plan page, taken by headless Chromium (not byte-stable: not --check'ed)."""
    import subprocess
    import tempfile

    page, picture = (ROOT / "examples" / name for name in SCREENSHOT)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                "--window-size=960,1500",
                f"--screenshot={picture}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
        )


def main() -> int:
    os.chdir(ROOT)
    wanted = {README: readme_with_current_output(README.read_text("utf-8")), **example_files()}
    stale = [path for path, text in wanted.items() if not path.exists() or path.read_bytes() != text.encode()]
    if "--check" in sys.argv:
        for path in stale:
            print(
                f"{path.relative_to(ROOT)} is out of date: run python examples/regenerate.py", file=sys.stderr
            )
        return 1 if stale else 0
    for path in stale:
        path.write_bytes(wanted[path].encode())
    if "--screenshot" in sys.argv:
        screenshot()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
