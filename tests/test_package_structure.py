"""How the package's modules depend on each other and on other packages: no import cycle,
no private name shared between modules, every package imported declared.

Both read the source (AST), so they see every import: at module level and inside functions
(the deferred imports that keep start-up fast), all but those under ``if TYPE_CHECKING:``,
which never run.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from collections.abc import Collection, Mapping
from functools import cache
from importlib.metadata import packages_distributions
from pathlib import Path
from typing import NamedTuple

import pytest

from .conftest import REPO

PACKAGE = REPO / "inspectcal"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_only(tree: ast.Module) -> set[int]:
    """The ids of the nodes under ``if TYPE_CHECKING:``."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
            if name == "TYPE_CHECKING":
                skipped.update(id(inner) for inner in ast.walk(node))
    return skipped


def _absolute(module: str, node: ast.ImportFrom) -> str:
    """The module an ``ImportFrom`` names, relative imports resolved."""
    if node.level == 0:
        return node.module or ""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


class Import(NamedTuple):
    line: int
    local: str  # the name the import binds
    module: str  # the package's module it imports (from)
    name: str | None  # the name taken from it, None when the import is of the module itself
    binds: str | None = None  # the module the local name refers to (``import a.b`` binds ``a``)


def imports(module: str) -> list[Import]:
    """Each import of the package's own modules that can run: ``from a import b`` imports
    module ``a.b`` if that is a module, else the name ``b`` of module ``a``."""
    return _imports(MODULES[module].read_text("utf-8"), module)


def _imports(source: str, module: str) -> list[Import]:
    tree = ast.parse(source)
    skipped = _type_checking_only(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in MODULES:
                    local = alias.asname or alias.name.partition(".")[0]
                    binds = alias.name if alias.asname else local
                    found.append(Import(node.lineno, local, alias.name, None, binds))
        elif isinstance(node, ast.ImportFrom):
            source_module = _absolute(module, node)
            if source_module not in MODULES:
                continue
            for alias in node.names:
                child = f"{source_module}.{alias.name}"
                local = alias.asname or alias.name
                if child in MODULES:
                    found.append(Import(node.lineno, local, child, None, child))
                else:
                    found.append(Import(node.lineno, local, source_module, alias.name))
    return found


@cache
def import_graph() -> dict[str, frozenset[str]]:
    return {module: frozenset(i.module for i in imports(module)) - {module} for module in MODULES}


def cycles(graph: Mapping[str, Collection[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_deferred_imports_and_skips_type_checking_ones() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "import inspectcal.dates\n"
        "if TYPE_CHECKING:\n"
        "    from inspectcal.plan import Plan\n"
        "def f():\n"
        "    from inspectcal.readers import base, typed as t\n"
        "    from inspectcal.errors import _hidden\n"
    )
    assert _imports(source, "inspectcal.check") == [
        Import(2, "inspectcal", "inspectcal.dates", None, "inspectcal"),
        Import(6, "base", "inspectcal.readers.base", None, "inspectcal.readers.base"),
        Import(6, "t", "inspectcal.readers.typed", None, "inspectcal.readers.typed"),
        Import(7, "_hidden", "inspectcal.errors", "_hidden"),
    ]
    assert "inspectcal.readers.docx" in import_graph()["inspectcal.readers.timetable"]  # a deferred one
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


@pytest.mark.parametrize("module", MODULES)
def test_no_module_is_in_an_import_cycle(module: str) -> None:
    found = [cycle for cycle in cycles(import_graph()) if module in cycle]
    assert found == [], f"{module} is in the import cycle {' <-> '.join(found[0])}"


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_names_used_across_modules(sources: Mapping[str, str]) -> list[str]:
    """``from a import _b``, ``a._b``, ``m._b`` for ``m`` bound to a module of the package,
    in each module's source, where the private name is another module's."""
    found = []
    for module, source in sources.items():
        bound = {}  # local names bound to the package's modules
        for item in _imports(source, module):
            if item.binds is not None:
                bound[item.local] = item.binds
            elif item.name is not None and _is_private(item.name) and item.module != module:
                found.append(f"{module} (line {item.line}) imports {item.module}.{item.name}")
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Attribute) or not _is_private(node.attr):
                continue
            head, dot, rest = ast.unparse(node.value).partition(".")
            owner = bound.get(head, "") + dot + rest
            if owner in MODULES and owner != module:
                found.append(f"{module} (line {node.lineno}) uses {owner}.{node.attr}")
    return found


def test_the_private_name_check_sees_imports_and_attributes() -> None:
    source = (
        "import inspectcal.record\n"
        "import inspectcal.readers.docx as d\n"
        "from inspectcal.readers import xlsx\n"
        "from inspectcal.frameworks import _read_toml, load_framework\n"
        "from inspectcal import __version__\n"
        "xlsx._cell(1), d._grids(b'', ''), inspectcal.record._x, self._own, xlsx.grid, xlsx.__name__\n"
    )
    assert sorted(private_names_used_across_modules({"inspectcal.check": source})) == [
        "inspectcal.check (line 4) imports inspectcal.frameworks._read_toml",
        "inspectcal.check (line 6) uses inspectcal.readers.docx._grids",
        "inspectcal.check (line 6) uses inspectcal.readers.xlsx._cell",
        "inspectcal.check (line 6) uses inspectcal.record._x",
    ]
    own = "def _helper(): pass\nimport inspectcal.check\ninspectcal.check._helper()\n"
    assert private_names_used_across_modules({"inspectcal.check": own}) == []


def test_no_module_uses_another_modules_private_name() -> None:
    sources = {module: path.read_text("utf-8") for module, path in MODULES.items()}
    assert private_names_used_across_modules(sources) == []


def _requirement_name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[(]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_every_package_imported_is_a_declared_dependency() -> None:
    """Each third-party module the package imports, anywhere, belongs to a distribution that
    pyproject.toml declares (markupsafe was imported without being declared)."""
    with (REPO / "pyproject.toml").open("rb") as file:
        declared = {_requirement_name(r) for r in tomllib.load(file)["project"]["dependencies"]}
    distributions = packages_distributions()
    imported: dict[str, str] = {}
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.partition(".")[0]
                if top != "inspectcal" and top not in sys.stdlib_module_names:
                    imported.setdefault(top, module)
    assert {"markupsafe", "openpyxl", "docx"} <= set(imported)
    undeclared = {
        top: (module, distributions.get(top))
        for top, module in imported.items()
        if not {d.lower().replace("_", "-") for d in distributions.get(top, [])} & declared
    }
    assert undeclared == {}, "imported (by the module named) but not in pyproject's dependencies"
