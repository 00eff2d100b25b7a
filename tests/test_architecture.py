"""The structure docs/architecture.md describes: layers, no import cycle, lazy imports only for extras.

The import graph is read from the source with :mod:`ast`, counting every
import: at the top of a module, inside ``if TYPE_CHECKING:`` and inside
functions. A cycle kept alive by a function-level import is still a cycle.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "agreements"

#: Each module's layer, bottom to top; a module may import only modules of its own layer or below.
#: Keep this table and docs/architecture.md in step.
LAYERS: dict[str, int] = {
    "agreements._text": 0,
    "agreements._files": 0,
    "agreements._gc": 0,
    "agreements.similarity": 0,
    "agreements.exceptions": 1,
    "agreements._reading": 1,
    "agreements._names": 2,
    "agreements.model": 3,
    "agreements.model._vocabulary": 3,
    "agreements.model._fields": 3,
    "agreements.model._dates": 3,
    "agreements.model._records": 3,
    "agreements.model._corpus": 3,
    "agreements.check": 4,
    "agreements.serialize": 5,
    "agreements.corpus": 6,
    "agreements._diff": 7,
    "agreements._diff.changes": 7,
    "agreements._diff.assignment": 7,
    "agreements._diff.chain": 7,
    "agreements._diff.align": 7,
    "agreements.render": 8,
    "agreements.render._table": 8,
    "agreements.render._figure": 8,
    "agreements.diff": 10,
    "agreements.timeline": 11,
    "agreements.compare": 12,
    "agreements.similar": 12,
    "agreements.testing": 13,
    "agreements.pax": 13,
    "agreements.pax._variables": 13,
    "agreements.pax._gazetteer": 13,
    "agreements.pax._parties": 13,
    "agreements.pax._actors": 13,
    "agreements.pax._read": 13,
    "agreements.pax._write": 13,
    "agreements._cli_parser": 14,
    "agreements.cli": 14,
    "agreements.__main__": 15,
    "agreements": 16,
}
#: The model's modules in the order they may import each other: each only the ones before it.
MODEL = (
    "agreements.model._vocabulary",
    "agreements.model._fields",
    "agreements.model._dates",
    "agreements.model._records",
    "agreements.model._corpus",
    "agreements.model",
)
#: Every other module of render/ is one layer above the toolkit: it may read the toolkit, never the analysis.
RENDER = 9
#: The optional extras, the only packages a function may import (each such import says why in a comment).
EXTRAS = {"yaml", "numpy", "pandas", "rich"}


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(SOURCE.rglob("*.py")):
        parts = ("agreements", *path.relative_to(SOURCE).with_suffix("").parts)
        found[".".join(parts).removesuffix(".__init__")] = path
    return found


def layer(module: str) -> int:
    if module in LAYERS:
        return LAYERS[module]
    if module.startswith("agreements.render."):
        return RENDER
    if module.startswith("agreements.testing."):
        return LAYERS["agreements.testing"]
    raise AssertionError(f"{module} has no layer: add it to LAYERS and to docs/architecture.md")


@functools.cache
def _parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def imports(module: str, path: Path, known: dict[str, Path]) -> Iterator[tuple[str, ast.stmt, bool]]:
    """``(imported module, statement, inside a function)`` for every import of a module of the package."""
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    tree = _parsed(path)
    functions = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]
    nested = {id(inner) for function in functions for inner in ast.walk(function) if inner is not function}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names
            ]
        else:
            continue
        for target in targets:
            yield target, node, id(node) in nested


@functools.cache
def graph() -> dict[str, set[str]]:
    known = modules()
    edges: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        for target, _, _ in imports(name, path, known):
            # The package face only re-exports: importing it (for __version__) is no dependency.
            if target in known and target not in (name, "agreements"):
                edges[name].add(target)
    return edges


def cycle(edges: dict[str, set[str]]) -> list[str]:
    """One cycle of the graph, as a path that ends where it starts; empty when there is none."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for target in sorted(edges[node]):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle() -> None:
    found = cycle(graph())
    assert not found, "import cycle: " + " -> ".join(found)


def test_every_import_goes_down_the_layers() -> None:
    wrong = [
        f"{name} (layer {layer(name)}) imports {target} (layer {layer(target)})"
        for name, targets in graph().items()
        for target in sorted(targets)
        if layer(target) > layer(name)
    ]
    assert not wrong, "\n".join(wrong)


def test_the_model_modules_import_only_the_ones_before_them() -> None:
    edges = graph()
    assert [name for name in edges if name.startswith("agreements.model")] == sorted(MODEL)
    wrong = [
        f"{name} imports {target}"
        for index, name in enumerate(MODEL)
        for target in sorted(edges[name])
        if target.startswith("agreements.model") and target not in MODEL[:index]
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    "analysis", ["agreements.compare", "agreements.diff", "agreements.timeline", "agreements.cli"]
)
def test_rendering_never_reads_the_analysis(analysis: str) -> None:
    readers = [
        name
        for name, targets in graph().items()
        if name.startswith("agreements.render") and analysis in targets
    ]
    assert not readers


def test_functions_import_only_optional_extras_and_say_which() -> None:
    known = modules()
    wrong = []
    for name, path in known.items():
        lines = path.read_text(encoding="utf-8").splitlines()
        for target, node, inside in imports(name, path, known):
            if not inside:
                continue
            line = lines[node.lineno - 1]
            if target.split(".")[0] not in EXTRAS:
                wrong.append(f"{name}:{node.lineno} imports {target} inside a function")
            elif not re.search(r"#.*(extra|speed-up)", line):
                wrong.append(f"{name}:{node.lineno} imports {target} inside a function without saying why")
    assert not wrong, "\n".join(wrong)


def test_the_cli_is_imported_by_nothing_but_main() -> None:
    users = sorted(name for name, targets in graph().items() if "agreements.cli" in targets)
    assert users == ["agreements.__main__"]


def test_the_cli_parser_is_the_clis_own() -> None:
    users = sorted(name for name, targets in graph().items() if "agreements._cli_parser" in targets)
    assert users == ["agreements.cli"]


def test_the_cli_uses_no_private_module_of_another_layer() -> None:
    known = modules()
    private = sorted(
        {
            target
            for target, _, _ in imports("agreements.cli", known["agreements.cli"], known)
            if target.startswith("agreements") and any(part.startswith("_") for part in target.split(".")[1:])
        }
    )
    # Its own parser module, and the shared ground of layer 0.
    assert private == ["agreements._cli_parser", "agreements._files", "agreements._text"], private


def test_the_layer_table_is_documented() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for name in modules():
        short = name.removeprefix("agreements.").removeprefix("agreements")
        if short and not short.startswith(("testing.", "render.")) and short != "__main__":
            assert f"`{short}`" in page, f"docs/architecture.md does not place {short}"
