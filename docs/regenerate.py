"""Regenerate every generated part of the documentation.

    python docs/regenerate.py          # rewrite in place
    python docs/regenerate.py --check  # exit 1 if anything is out of date

It runs ``examples/regenerate.py`` (README's sample output and the files in examples/), then
fills every ``<!-- output: ARGS -->`` block in docs/**/*.md the same way, then runs cog on
docs/reference/cli.md (the same as ``cog -r docs/reference/cli.md``; needs the test extras).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
CLI_REFERENCE = DOCS / "reference" / "cli.md"


def examples_regenerate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("regenerate", ROOT / "examples" / "regenerate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def doc_pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def main() -> int:
    check = "--check" in sys.argv
    status = int(examples_regenerate().main())
    fill = examples_regenerate().readme_with_current_output
    for page in doc_pages():
        text = page.read_text("utf-8")
        wanted = fill(text)
        if wanted == text:
            continue
        if check:
            print(f"{page.relative_to(ROOT)} is out of date: run python docs/regenerate.py", file=sys.stderr)
            status = 1
        else:
            page.write_bytes(wanted.encode("utf-8"))
    from cogapp import Cog  # type: ignore[import-untyped]

    cog_args = ["cog", "--check" if check else "-r", str(CLI_REFERENCE)]
    if Cog().main(cog_args) != 0:
        status = 1
    return status


if __name__ == "__main__":
    raise SystemExit(main())
