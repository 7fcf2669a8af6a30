"""Regenerate the sample output in README.md (and the generated files in examples/).

    python examples/regenerate.py          # rewrite in place
    python examples/regenerate.py --check  # exit 1 if anything is out of date

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


def run_inspectcal(args: list[str]) -> str:
    """The output of ``inspectcal ARGS`` as a 100-column, colourless terminal shows it."""
    from typer.testing import CliRunner

    from inspectcal.cli import app

    env = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    result = CliRunner().invoke(app, args, env=env)
    if result.exit_code != 0:
        raise SystemExit(f"inspectcal {shlex.join(args)} failed: {result.stderr}")
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"


def readme_with_current_output(text: str) -> str:
    def fill(match: re.Match[str]) -> str:
        args = shlex.split(match["args"])
        return f"{match[1]}$ inspectcal {match['args']}\n{run_inspectcal(args)}{match[4]}"

    return _BLOCK.sub(fill, text)


def main() -> int:
    os.chdir(ROOT)
    current = README.read_text("utf-8")
    wanted = readme_with_current_output(current)
    if "--check" in sys.argv:
        if wanted != current:
            print("README.md output is out of date: run python examples/regenerate.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(wanted, "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
