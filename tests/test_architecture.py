"""The import graph of the application: one way only, no circles, no imports hidden in functions.

Read from the source with `ast` (nothing is imported): each module's imports at import time,
including the packages an import runs (`import home.models.pages` runs home/models/__init__.py
first). See docs/architecture.md for the layers.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("home", "news", "research", "events", "search", "site_setup", "mipcms", "wordpress")
SECTIONS = ("news", "research", "events")
# What each package may import besides itself and third-party code (the layers, bottom up).
ALLOWED = {
    "home": set(),
    **{section: {"home"} for section in SECTIONS},
    "search": {"home"},
    "mipcms": {"home", *SECTIONS, "search"},
    "site_setup": {"home", *SECTIONS, "search", "mipcms"},
    # The WordPress importer fills the sections and uses the site's redirect rule.
    "wordpress": {"home", *SECTIONS, "mipcms"},
}
# A section's API filters build on the API's shared filters (they load with the API).
EXTRA = {f"{section}.api": {"mipcms", "mipcms.api", "mipcms.api.filters"} for section in SECTIONS}


def module_name(path):
    """The dotted module name of a source file (a package's __init__.py is the package)."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_files():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def resolve(module, node):
    """The absolute name an import statement names (relative imports resolved)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = module if module_is_package(module) else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        base = base.rpartition(".")[0]
    target = ".".join(part for part in (base if node.level else "", node.module or "") if part)
    names = [f"{target}.{alias.name}" for alias in node.names]
    # `from package import submodule` imports the submodule; `from module import name` not.
    return [target, *(name for name in names if name in MODULES)]


def module_is_package(module):
    return (ROOT / module.replace(".", "/") / "__init__.py").exists()


def first_party(name):
    return name.split(".")[0] in PACKAGES


def ancestors(name):
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def imports(path):
    """(module-level imports, imports made inside functions) of one file, first-party only."""
    module = module_name(path)
    tree = ast.parse(path.read_text(), str(path))
    at_import, in_functions = set(), []
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    inside = {id(sub) for fn in functions for sub in ast.walk(fn) if sub is not fn}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        names = [name for name in resolve(module, node) if first_party(name)]
        if id(node) in inside:
            in_functions += [(module, node.lineno, name) for name in names]
            continue
        for name in names:
            # Importing a.b.c runs a and a.b first, unless the importer lives inside them.
            at_import.update(
                {name, *(a for a in ancestors(name) if not (module + ".").startswith(a + "."))}
            )
    return module, at_import - {module}, in_functions


MODULES = {module_name(path) for path in source_files()}
GRAPH, HIDDEN = {}, []
for _path in source_files():
    _module, _edges, _hidden = imports(_path)
    GRAPH[_module] = {edge for edge in _edges if edge in MODULES}
    HIDDEN += _hidden


def cycles(graph):
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for edge in graph.get(node, ()):
            if edge not in index:
                visit(edge)
                low[node] = min(low[node], low[edge])
            elif edge in on_stack:
                low[node] = min(low[node], index[edge])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_was_read():
    # Guards the other tests against passing on an empty graph.
    assert "home.models.base" in GRAPH
    assert "home.models.media" in GRAPH["home.models.base"]
    assert "home.models" in GRAPH["news.models"]


def test_no_module_imports_itself_through_others():
    assert cycles(GRAPH) == []


def test_the_cycle_finder_finds_cycles():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_imports_hidden_in_functions():
    """Imports inside functions hide circles; only AppConfig.ready() may import (Django's rule
    for wiring signals once the apps are loaded)."""
    allowed = {module for module in MODULES if module.endswith(".apps") or module == "mipcms.apps"}
    assert [hidden for hidden in HIDDEN if hidden[0] not in allowed] == []


@pytest.mark.parametrize("package", PACKAGES)
def test_imports_go_one_way(package):
    wrong = []
    for module, edges in GRAPH.items():
        if module.split(".")[0] != package:
            continue
        allowed = ALLOWED[package] | {package}
        for edge in edges:
            top = edge.split(".")[0]
            if top not in allowed and edge not in EXTRA.get(module, ()):
                wrong.append((module, edge))
    assert wrong == []
