"""The package layout is the data flow: readers -> records -> extract -> scoring -> render / check -> web / cli.

A stage imports only the stages before it, and no module imports itself back through others, so a
stage can be read, tested and changed without the ones after it."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "relazione"
# Each stage and the stages it may import (shared infrastructure: errors, fileio, the package itself).
SHARED = {"relazione", "relazione.errors", "relazione.fileio"}
ALLOWED = {
    "readers": set(),
    "records": {"readers"},
    "extract": {"readers", "records"},
    "scoring": {"records"},
    "office": set(),  # Word files as files (language, properties, tables, PDF): no records
    "render": {"readers", "records", "scoring", "office"},  # readers: the text helpers (bullets, paragraphs)
    "check": {"readers", "records", "extract", "scoring", "office"},
    "cycle": {"readers", "records", "extract", "scoring"},
    # web: the app, over every stage as the command line is; the command line starts it (`relazione web`)
    "web": {"readers", "records", "extract", "scoring", "render", "check", "cycle", "office"},
    "cli": {"readers", "records", "extract", "scoring", "render", "check", "cycle", "office", "web"},
}


def _module(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    modules = {_module(p): p for p in SRC.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("relazione"):
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    graph[name].add(full if full in modules else node.module)
    return graph


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else None


def test_each_stage_imports_only_earlier_stages():
    wrong = []
    for module, targets in _imports().items():
        stage = _stage(module)
        for target in targets:
            other = _stage(target)
            if stage and other and other != stage and other not in ALLOWED[stage]:
                wrong.append(f"{module} -> {target}")
            if other is None and target not in SHARED and not target.startswith(("relazione.extractors",
                                                                                 "relazione.templates")):
                wrong.append(f"{module} -> {target} (outside every stage)")
    assert not wrong, wrong


def test_no_import_cycles():
    graph = _imports()
    seen: dict[str, int] = {}  # 1 = on the current path, 2 = done
    cycles = []

    def visit(module: str, path: list[str]) -> None:
        seen[module] = 1
        for target in graph.get(module, ()):
            if seen.get(target) == 1:
                cycles.append(path[path.index(target):] + [target])
            elif target in graph and target not in seen:
                visit(target, [*path, target])
        seen[module] = 2

    for module in graph:
        if module not in seen:
            visit(module, [module])
    assert not cycles, cycles
