"""The package layout is the architecture: stage folders, imports only down the pipeline, small modules, no cycles.

Stages in pipeline order.  A module may import from its own stage and the
stages before it, never from a later one; the base modules (paths, errors,
languages, script, data-file schema, cache, text catalogue) import only each
other.  Imports inside functions count too: a late import is still a
dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "helpers"
STAGES = ["base", "corpus", "text", "analysis", "report", "publish", "commands"]
MAX_LINES = 500


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _stage(module: str) -> str:
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in STAGES:
        return parts[1]
    if parts[1:] in (["cli"], ["__main__"]):
        return "commands"
    return "base"


def _imports(module: str) -> set[str]:
    """The modules of this package ``module`` imports (``from pkg import sub`` counts as ``pkg.sub``)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in MODULES else node.module
                     for alias in node.names]
        else:
            continue
        found |= {name for name in names if name.startswith("helpers") and name in MODULES and name != module}
    return found


def test_helpers_is_cut_into_stage_folders():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert {"corpus", "text", "analysis", "report", "publish"} <= folders


def test_no_module_is_over_500_lines():
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in MODULES.items()}
    long = {name: n for name, n in sizes.items() if n > MAX_LINES}
    assert not long


def test_imports_only_point_down_the_pipeline():
    upstream = []
    for module in MODULES:
        for imported in _imports(module):
            if STAGES.index(_stage(imported)) > STAGES.index(_stage(module)):
                upstream.append(f"{module} imports {imported}")
    assert not upstream


def test_no_import_cycle():
    graph = {module: _imports(module) for module in MODULES}
    done, path, cycles = set(), [], []

    def visit(module: str) -> None:
        if module in path:
            cycles.append(path[path.index(module):] + [module])
            return
        if module in done:
            return
        path.append(module)
        for imported in sorted(graph[module]):
            visit(imported)
        path.pop()
        done.add(module)

    for module in sorted(graph):
        visit(module)
    assert not cycles


def test_no_benchmark_or_test_tooling_in_the_package():
    assert not [name for name in MODULES if "bench" in name or "synthetic" in name]
    for module in MODULES:
        assert not {"synthetic", "bench", "pytest"} & {i.split(".")[0] for i in _imports_any(module)}, module


def _imports_any(module: str) -> set[str]:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names
