"""The pipeline's layers: data flows one way, and no stage imports from a later one.

spec files → loader (spec) → model → data plane (routing) → analysis → renderers (render) →
site → commands/cli. Importers produce specs; diff compares two data planes. The test reads
every ``import`` of the package (module level and inside functions, except ``TYPE_CHECKING``
blocks) and fails on an edge to a later layer or on an import cycle between modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "vpcdocs"

# layer of each top-level part of the package; a module may import its own layer or lower ones
LAYERS: dict[str, int] = {
    "diagnostics": 0, "sorting": 0, "fsutil": 0, "__init__": 0, "__main__": 7, "graphviz_check": 0,
    "model": 1,
    "spec": 2,
    "routing": 2,
    "analysis": 3,
    "importers": 4,  # produce specs: may use the loader (to check what they write) and the escaping below
    "diff": 4,  # compares two data planes and their answers
    "render": 5,
    "site": 6,
    "commands": 7,
    "cli": 7,
}
# small, dependency-free helpers of a later layer that earlier layers may use (they import
# nothing of the package themselves — checked below)
SHARED = {"vpcdocs.render.escape"}


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _imports(module: str, path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):  # TYPE_CHECKING blocks are for the type checker only
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in ast.walk(node):
                skip.add(id(child))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("vpcdocs")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("vpcdocs"):
                found.add(target)
                for alias in node.names:  # "from . import x" may name a module
                    found.add(f"{target}.{alias.name}")
    return found


def _layer(module: str) -> int:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else "__init__"
    return LAYERS[top]


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {m: {t for t in _imports(m, p) if t in modules and t != m} for m, p in modules.items()}


def test_every_part_of_the_package_has_a_layer():
    missing = sorted({m.split(".")[1] for m in _modules() if "." in m} - set(LAYERS))
    assert not missing, f"give these a layer in LAYERS: {missing}"


def test_no_import_from_a_later_stage():
    problems = []
    for module, targets in sorted(_graph().items()):
        for target in sorted(targets):
            if target in SHARED:
                continue
            if _layer(target) > _layer(module):
                problems.append(f"{module} imports {target}")
    assert not problems, "back-edges:\n" + "\n".join(problems)


def test_shared_helpers_import_nothing_of_the_package():
    graph = _graph()
    for module in SHARED:
        assert not graph[module], f"{module} is shared by every layer, so it may import no vpcdocs module"


def test_no_import_cycles_between_modules():
    graph = _graph()
    # a package importing its own submodules (re-exports) is not a cycle of behaviour
    edges = {m: {t for t in ts if not t.startswith(m + ".")} for m, ts in graph.items()}
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):] + [nxt]
                if not all(c.startswith(cycle[0].rsplit(".", 1)[0]) and _package_init(c, cycle) for c in cycle):
                    cycles.append(cycle)
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    assert not cycles, "import cycles:\n" + "\n".join(" → ".join(c) for c in cycles[:20])


def _package_init(module: str, cycle: list[str]) -> bool:
    """A cycle that only goes through a package's ``__init__`` re-exporting its own modules."""
    return any(module.startswith(other + ".") or other.startswith(module + ".") for other in cycle if other != module)
