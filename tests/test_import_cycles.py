"""No import cycles in `bot`: between modules, and between packages.

Every import counts, wherever it stands (inside a function, under TYPE_CHECKING): each is a
dependency a reader has to follow. Between packages, imports go one way, but for the shared
kernel: a module of `bot.core` that imports nothing of `bot` (ChatRef, Reply, the briefing
clock) may be used by every package, the core's own use cases' dependencies included.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

BOT = Path(__file__).resolve().parents[1] / "bot"

Graph = Mapping[str, Iterable[str]]


def _modules() -> dict[str, Path]:
    """Every module of `bot` by dotted name (a package by its own name)."""
    found = {}
    for path in BOT.rglob("*.py"):
        parts = path.relative_to(BOT.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imported(node: ast.AST, modules: Mapping[str, Path]) -> Iterable[str]:
    """The `bot` modules one import statement names: `from bot.x import y` is bot.x.y when
    that is a module, else bot.x."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        names = [f"{node.module}.{alias.name}" for alias in node.names]
    else:
        return []
    return {_owner(name, modules) for name in names if name.split(".")[0] == "bot"}


def _owner(name: str, modules: Mapping[str, Path]) -> str:
    while name not in modules:
        name = name.rpartition(".")[0]
    return name


def import_graph() -> dict[str, set[str]]:
    """Module -> the `bot` modules it imports."""
    modules = _modules()
    graph = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {dep for node in ast.walk(tree) for dep in _imported(node, modules)}
        graph[name] = imported - {name}
    return graph


def package_graph(modules: Mapping[str, set[str]]) -> dict[str, set[str]]:
    """Package -> the packages it imports from, the shared kernel aside (bot.app is its own
    package)."""

    def package(module: str) -> str:
        return ".".join(module.split(".")[:2])

    graph: dict[str, set[str]] = {package(m): set() for m in modules}
    for module, deps in modules.items():
        graph[package(module)] |= {
            package(dep) for dep in deps if package(dep) != package(module)
            and not _shared_kernel(dep, modules)
        }
    return graph


def _shared_kernel(module: str, modules: Mapping[str, set[str]]) -> bool:
    return module.startswith("bot.core.") and not modules[module]


def cycles(graph: Graph) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while (member := stack.pop()) != node:
                group.append(member)
            if group:
                found.append(sorted([*group, node]))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_cycles_finds_a_cycle_and_nothing_else() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == [["a", "b", "c"]]


def test_only_the_shared_kernel_is_used_both_ways() -> None:
    modules = {"bot.core.reply": set(), "bot.follow.cards": {"bot.core.reply"},
               "bot.core.alerts": {"bot.follow.cards"}}
    assert cycles(package_graph(modules)) == []
    modules["bot.core.reply"] = {"bot.follow.cards"}
    assert cycles(package_graph(modules)) == [["bot.core", "bot.follow"]]
    leaf_elsewhere = {"bot.follow.reply": set(), "bot.adapters.base": {"bot.follow.reply"},
                      "bot.follow.commands": {"bot.adapters.base"}}
    assert cycles(package_graph(leaf_elsewhere)) == [["bot.adapters", "bot.follow"]]


def test_no_module_imports_itself_round_a_cycle() -> None:
    assert cycles(import_graph()) == []


def test_packages_depend_one_way() -> None:
    assert cycles(package_graph(import_graph())) == []
