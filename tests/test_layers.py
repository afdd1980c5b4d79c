"""The layers of docs/design.md ("Layers"), checked: every import in src/liftlore is an edge the graph allows, and
neither the layers nor the modules import each other in a circle.

Imports are read with `ast`, so every one counts: at the top, inside functions, and under `if TYPE_CHECKING:`
(a type-only import still ties the layers together). Cycles ignore the TYPE_CHECKING ones, which never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "liftlore"

# A layer is a top-level module or package under liftlore. Each may import itself and what is listed here, and
# nothing else. "liftlore" is the package itself (__version__), which anyone may read. Mirrors docs/design.md.
BASE = {"liftlore"}
ADAPTER = {"services", "domain", "science", "page", "shapes", "settings", "errors"}
ALLOWED: dict[str, set[str]] = {
    "liftlore": set(),
    "errors": set(),
    "settings": {"errors"},  # a malformed environment variable is the user's mistake, reported as such
    "domain": {"errors"},
    "page": {"domain", "shapes", "errors"},  # record.py builds the page's JSON record from its shape
    "catalog": {"domain", "page", "errors"},
    "science": {"domain", "errors"},
    "planner": {"domain", "science", "errors"},  # pure: the generator and progression rules over plain data
    "shapes": {"domain", "errors"},  # the JSON shapes (Pydantic) of what liftlore hands out
    "ingest": {"domain", "page", "science", "shapes", "errors"},
    "store": {"domain", "science", "settings", "errors"},
    "services": {"domain", "page", "catalog", "science", "planner", "shapes", "ingest", "store", "settings", "errors"},
    "render": ADAPTER,
    "web": ADAPTER | {"render"},
    "cli": ADAPTER | {"render", "web"},
}


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, dotted
    target: str  # the liftlore module imported (a submodule when `from package import submodule`)
    path: Path
    line: int
    type_only: bool  # under `if TYPE_CHECKING:`

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(SOURCE.parent)}:{self.line}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted((SOURCE / PACKAGE).rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool, known: set[str]) -> Iterator[str]:
    """The dotted modules an import statement names."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:  # relative: '.' is this package (this module's, unless it is a package's __init__)
        package = module.split(".") if is_package else module.split(".")[:-1]
        anchor = package[: len(package) - (node.level - 1)]
        base = ".".join(anchor + ([node.module] if node.module else []))
    # 'from liftlore.x import a, b' is one edge to liftlore.x, not two.
    yield from dict.fromkeys(f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names)


def imports(module: str, path: Path, known: set[str]) -> Iterator[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"

    def visit(node: ast.AST, type_only: bool) -> Iterator[Import]:
        if isinstance(node, ast.Import | ast.ImportFrom):
            for target in _imported(node, module, is_package, known):
                if target == PACKAGE or target.startswith(f"{PACKAGE}."):
                    yield Import(module, target, path, node.lineno, type_only)
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                yield from visit(child, True)
            for child in node.orelse:
                yield from visit(child, type_only)
            return
        for inner in ast.iter_child_nodes(node):
            yield from visit(inner, type_only)

    yield from visit(tree, False)


def all_imports() -> list[Import]:
    found = modules()
    known = set(found)
    return [item for module, path in found.items() for item in imports(module, path, known)]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node, or of one node importing itself (Tarjan's
    algorithm, iterative so a deep graph cannot exhaust the stack)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph.get(node, ()):
                    found.append(sorted(component))
    return found


def test_every_module_belongs_to_a_known_layer() -> None:
    unknown = sorted({layer(module) for module in modules()} - ALLOWED.keys())
    assert not unknown, f"layers missing from ALLOWED (and from docs/design.md): {unknown}"


# The one module of the store an adapter may import: the Database, on which the adapter opens each request's or
# command's unit of work and hands its session to the services (nothing else of the store: no tables, no queries).
UNIT_OF_WORK = "liftlore.store.db"
OPENS_UNITS_OF_WORK = {"web", "cli"}


def test_every_import_is_an_edge_the_layers_allow() -> None:
    wrong = [
        f"{item.where}: {layer(item.source)} -> {layer(item.target)} ({item.target})"
        for item in all_imports()
        if layer(item.target) != layer(item.source)
        and layer(item.target) not in ALLOWED.get(layer(item.source), set()) | BASE
        and not (item.target == UNIT_OF_WORK and layer(item.source) in OPENS_UNITS_OF_WORK)
    ]
    assert not wrong, "imports the layers do not allow (docs/design.md, Layers):\n" + "\n".join(wrong)


def test_no_layers_import_each_other_in_a_circle() -> None:
    graph: dict[str, set[str]] = {}
    for item in all_imports():
        if not item.type_only and layer(item.source) != layer(item.target):
            graph.setdefault(layer(item.source), set()).add(layer(item.target))
    assert not cycles(graph), f"layers importing each other in a circle: {cycles(graph)}"


def test_no_modules_import_each_other_in_a_circle() -> None:
    graph: dict[str, set[str]] = {}
    for item in all_imports():
        if not item.type_only:
            graph.setdefault(item.source, set()).add(item.target)
    assert not cycles(graph), "modules importing each other in a circle:\n" + "\n".join(
        " <-> ".join(component) for component in cycles(graph)
    )


def test_the_checker_sees_every_kind_of_import(tmp_path: Path) -> None:
    """The walker itself: imports in functions, under TYPE_CHECKING, relative ones, and a submodule imported from
    its package, each found with its line."""
    text = (
        "from typing import TYPE_CHECKING\n"
        "import liftlore.store.db\n"
        "from liftlore.services import training\n"
        "from . import common\n"
        "if TYPE_CHECKING:\n"
        "    from liftlore.ingest.logs import backup\n"
        "def serve() -> None:\n"
        "    from liftlore.web.app import create_app\n"
    )
    path = tmp_path / "module.py"
    path.write_text(text)
    known = {"liftlore.services.training", "liftlore.cli.common", "liftlore.ingest.logs.backup"}
    found = [(i.target, i.line, i.type_only) for i in imports("liftlore.cli.example", path, known)]
    assert found == [
        ("liftlore.store.db", 2, False),
        ("liftlore.services.training", 3, False),
        ("liftlore.cli.common", 4, False),
        ("liftlore.ingest.logs.backup", 6, True),
        ("liftlore.web.app", 8, False),
    ]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"a"}, "b": set()}) == [["a"]]
