"""The house plan, checked from the imports: no circle, and every arrow points down.

The structure is drawn from the source with `ast` (every `import`, module level or inside a
function). A module of the runtime package lives on one floor of LAYERS; it may import its
own floor (without a circle) and the floors below, never a floor above. The dev wing
(generator/dev/: bench, synth, measure) and the importer (generator/importer/) stand on the
side: they may use the runtime floors, and the runtime imports them only from the command
line. A new module must be given a floor here (see docs/architecture.md).
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

# bottom to top; the names are module paths under generator/ ("" is generator/__init__.py)
LAYERS: list[tuple[str, set[str]]] = [
    ("ground floor", {"", "errors", "paths", "cache", "privacy", "datapackage", "descriptors", "i18n",
                      "formula", "zipfiles", "xlsx", "output", "deploy", "s3local", "mkdocs_jinja",
                      "i18n_explore", "tilemap", "satudata", "excelcsv", "dictionary", "spill", "forks"}),
    ("model and load", {"load", "model", "summary", "provinces", "related", "quality", "revisions", "releases", "release_notes", "typed"}),
    ("validate", {"rules", "clean_tables", "validate"}),
    ("render and export", {"render", "agency_view", "indicator_rows", "decree_text", "charts", "export", "versions", "search", "browse",
                           "catalog", "dcat", "scan", "scan_state"}),
    ("site wing", {"site", "site.config", "site.files", "site.shell", "site.agencies", "site.catalogue",
                   "site.search", "site.csp", "site.scan"}),
    ("build", {"build", "release", "shards", "serve"}),
    ("cli", {"cli", "__main__", "mkdocs_hook"}),
]
SIDE = ("dev", "importer")  # wings: generator/dev/*, generator/importer/*
ENTRY = {"cli"}  # the only runtime modules that may reach into the wings (lazily, per command)


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, source: str, is_package: bool, known: set[str]) -> set[str]:
    """Project modules imported anywhere in a module's source (relative or absolute)."""
    package = name if is_package else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(source)):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".") if package else []
                base = base[:len(base) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            targets = [stem] + [f"{stem}.{a.name}" if stem else a.name for a in node.names]
        for t in targets:
            if node.__class__ is ast.Import or node.level == 0:  # absolute: generator.x
                if t != "generator" and not t.startswith("generator."):
                    continue
                t = t[len("generator."):] if t.startswith("generator.") else ""
            if t in known and t != name:
                out.add(t)
    return out


def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {name: imports_of(name, path.read_text(encoding="utf-8"), path.name == "__init__.py", known)
            for name, path in mods.items()}


def wing(name: str) -> str | None:
    top = name.split(".")[0]
    return top if top in SIDE else None


def floor(name: str) -> int:
    for i, (_, members) in enumerate(LAYERS):
        if name in members:
            return i
    raise KeyError(name)


def test_every_runtime_module_has_a_floor():
    missing = sorted(m for m in modules() if wing(m) is None and not any(m in s for _, s in LAYERS))
    assert not missing, (f"modules without a floor: {missing}; add each to LAYERS in "
                         f"tests/test_architecture.py (and to docs/architecture.md)")
    listed = {m for _, s in LAYERS for m in s}
    assert not listed - set(modules()), f"LAYERS names modules that do not exist: {sorted(listed - set(modules()))}"


def find_cycle(g: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(g.get(n, ())):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state:
                found = visit(m)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(g):
        if n not in state:
            found = visit(n)
            if found:
                return found
    return None


def test_no_circle():
    cycle = find_cycle(graph())
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


def test_every_arrow_points_down():
    upward = []
    for name, deps in graph().items():
        for dep in deps:
            if wing(name) and wing(dep) == wing(name):
                continue  # inside a wing
            if wing(dep):
                if name not in ENTRY and not wing(name):
                    upward.append(f"{name} -> {dep} (the runtime never imports the {wing(dep)} wing)")
                elif wing(name) and wing(name) != wing(dep) and wing(name) != "dev":
                    upward.append(f"{name} -> {dep} (the importer does not use the dev wing)")
                continue
            if wing(name):
                if dep in LAYERS[-1][1]:
                    upward.append(f"{name} -> {dep} (a wing does not import the command line)")
                continue
            if floor(dep) > floor(name):
                upward.append(f"{name} ({LAYERS[floor(name)][0]}) -> {dep} ({LAYERS[floor(dep)][0]})")
    assert not upward, "arrows pointing up:\n" + "\n".join(sorted(upward))


def test_the_ground_floor_imports_nothing_of_the_project():
    assert graph()["datapackage"] == set()


@pytest.mark.parametrize("source, expected", [
    ("from .load import x\n", {"load"}),
    ("def f():\n    from .build import check\n", {"build"}),
    ("import generator.validate\n", {"validate"}),
    ("from generator import release\n", {"release", ""}),
    ("from ..paths import inside\n", {"paths"}),
])
def test_imports_are_seen_wherever_they_are(source, expected):
    """The checker itself: module-level, function-level, absolute and relative imports."""
    name = "importer.probe" if ".." in source else "probe"
    assert imports_of(name, source, False, set(modules())) == expected


def test_a_circle_is_found():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
