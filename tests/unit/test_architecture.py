"""The tree is the architecture: imports point one way (docs/architecture.md).

Each runtime module belongs to a layer; a module may import its own package and lower layers only, never a
higher layer or a sibling package of the same rank (extract and nlp know nothing of each other). Module-level
imports form no cycle. Imports sit at module level everywhere except DAG task bodies, and the runtime package
never imports the development tools (eval/, bench/).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: (package or module prefix, rank). Longest prefix wins; a higher rank may import a lower one.
LAYERS = (
    ("newsevents", 0),             # the package root: __version__ only
    ("newsevents.config", 0),      # the one header of environment defaults
    ("newsevents.core", 1),        # contracts and code tables: no I/O, no spaCy
    ("newsevents.extract", 2),     # pure: raw records -> articles / rejects
    ("newsevents.nlp", 2),         # pure: spaCy components, Doc -> rows at the edge
    ("newsevents.adapters", 3),    # I/O: sources, object store, lake, warehouse, snapshots, report
    ("newsevents.quality", 4),     # the gate
    ("newsevents.pipeline", 5),    # orchestration: the five steps
    ("newsevents.cli", 6),         # entry points
    ("dags", 7),
)
DEV_TOOLS = ("eval", "bench")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _runtime_modules() -> dict[str, Path]:
    files = [*sorted((ROOT / "newsevents").rglob("*.py")), *sorted((ROOT / "dags").glob("*.py"))]
    return {_module_name(p): p for p in files}


def _layer(module: str) -> tuple[str, int] | None:
    best = None
    for prefix, rank in LAYERS:
        if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, rank)
    return best


def _imports(path: Path, module: str) -> list[tuple[str, int, bool]]:
    """(imported module, line, at module level) for every import of the file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = {id(node) for node in tree.body}
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(alias.name, node.lineno, id(node) in top_level) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            out.append((base, node.lineno, id(node) in top_level))
            # "from newsevents import pipeline" imports the submodule
            out += [(f"{base}.{alias.name}", node.lineno, id(node) in top_level) for alias in node.names
                    if _layer(f"{base}.{alias.name}") not in (None, _layer(base))]
    return out


MODULES = _runtime_modules()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module):
    own = _layer(module)
    assert own is not None, f"{module} is in no layer: add it to LAYERS and docs/architecture.md"
    bad = []
    for imported, line, _ in _imports(MODULES[module], module):
        if imported.split(".")[0] in DEV_TOOLS:
            bad.append(f"line {line}: {imported} is a development tool")
            continue
        theirs = _layer(imported)
        if theirs is None or theirs[0] == own[0] or imported == "newsevents":
            continue
        if theirs[1] > own[1] or (theirs[1] == own[1] and theirs[0] != "newsevents" and own[0] != "newsevents"):
            bad.append(f"line {line}: {imported} ({theirs[0]}, rank {theirs[1]}) from rank {own[1]}")
    assert not bad, f"{module} imports upward or sideways:\n" + "\n".join(bad)


@pytest.mark.parametrize("module", sorted(m for m in MODULES if not m.startswith("dags")))
def test_imports_at_module_level(module):
    """Function-local imports hide dependencies (and cycles); only DAG task bodies defer theirs."""
    local = [f"line {line}: {name}" for name, line, top in _imports(MODULES[module], module)
             if not top and not name.startswith("__future__")]
    assert not local, f"{module} imports inside functions:\n" + "\n".join(local)


def test_no_import_cycles():
    graph = {m: {i for i, _, top in _imports(p, m) if top and i in MODULES and i != m} for m, p in MODULES.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)):
            pytest.fail("import cycle: " + " -> ".join(cycle))


def test_dev_tools_live_outside_the_runtime_package():
    for tool in DEV_TOOLS:
        assert (ROOT / tool / "__main__.py").is_file(), f"{tool}/ should be runnable as python -m {tool}"
        assert not (ROOT / "newsevents" / f"{tool}.py").exists()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'include = ["newsevents*"]' in pyproject, "only the runtime package is installed"


def test_every_layer_is_documented():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [prefix for prefix, _ in LAYERS if f"`{prefix}" not in text and prefix != "newsevents"]
    assert not missing, f"docs/architecture.md does not name: {missing}"
