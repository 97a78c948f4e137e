"""The shape of the house: what the product imports, which way the arrows run, module size.

Read from the source with ``ast`` (every ``import`` and ``from`` statement, relative ones
resolved, those inside functions and ``if TYPE_CHECKING:`` blocks included), except the
web-framework check, which imports the domain packages in a fresh interpreter and looks at
``sys.modules``. No spaCy model is loaded.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVICE = ROOT / "service"

#: A module under service/ this long or longer should be split by concern.
MAX_LINES = 450

#: Web code lives only in service/api/ (docs/development.md).
WEB_PACKAGES = ("flask", "werkzeug", "marshmallow")


@dataclass(frozen=True)
class Import:
    """One imported module name, where it is imported and whether inside a function."""

    name: str
    path: Path
    line: int

    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _service_modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(SERVICE.rglob("*.py"))}


MODULES = _service_modules()


def _imports(module: str, path: Path) -> Iterator[Import]:
    """Yield every module name ``path`` imports, relative imports made absolute.

    ``from X import y`` yields ``X.y`` when that is a module under service/, else ``X``.
    """
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(alias.name, path, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join([*base_parts, node.module] if node.module else base_parts)
            else:
                base = node.module or ""
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                yield Import(candidate if candidate in MODULES else base, path, node.lineno)


IMPORTS: dict[str, list[Import]] = {m: list(_imports(m, p)) for m, p in MODULES.items()}


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _service_module(name: str) -> str | None:
    """Return the module under service/ that an imported name refers to, if any."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _unit(module: str) -> str:
    """Return the part of service/ a module belongs to: its subpackage, or itself."""
    parts = module.split(".")
    if len(parts) >= 2 and (SERVICE / parts[1]).is_dir():
        return ".".join(parts[:2])
    return module


def _graph(node_of: Callable[[str], str]) -> dict[str, dict[str, Import]]:
    """Return edges between nodes, each with the first import statement that makes it."""
    graph: dict[str, dict[str, Import]] = {node_of(m): {} for m in MODULES}
    for module, imports in IMPORTS.items():
        for imp in imports:
            target = _service_module(imp.name)
            if target is None:
                continue
            a, b = node_of(module), node_of(target)
            if a != b:
                graph[a].setdefault(b, imp)
    return graph


def _cycles(graph: dict[str, dict[str, Import]]) -> list[list[str]]:
    """Return one cycle through each strongly connected group of nodes (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(group)

    for v in sorted(graph):
        if v not in index:
            visit(v)

    cycles = []
    for group in groups:  # the shortest way from the group's first node back to it
        start = min(group)
        paths = {start: [start]}
        queue = [start]
        while queue:
            v = queue.pop(0)
            for w in sorted(graph[v]):
                if w == start:
                    cycles.append([*paths[v], start])
                    queue = []
                    break
                if w in group and w not in paths:
                    paths[w] = [*paths[v], w]
                    queue.append(w)
    return sorted(cycles)


def _describe(cycle: list[str], graph: dict[str, dict[str, Import]]) -> str:
    steps = [f"{a} -> {b} ({graph[a][b].where()})" for a, b in pairwise(cycle)]
    return " -> ".join(cycle) + ":\n    " + "\n    ".join(steps)


def test_the_import_walk_sees_the_service():
    # Guards the tests below against walking nothing (a moved folder, a wrong ROOT).
    assert "service.analysis.pipeline" in MODULES
    assert any(_service_module(i.name) == "service.config" for i in IMPORTS["service.cli"])


def test_no_import_cycle_between_modules():
    graph = _graph(lambda m: m)
    cycles = _cycles(graph)
    assert not cycles, "import cycles between modules:\n" + "\n".join(
        _describe(c, graph) for c in cycles)


def test_no_import_cycle_between_parts_of_the_service():
    # A subpackage (service/analysis/, service/api/, service/lexicon/) counts as one
    # part: analysis -> lexicon -> analysis is a cycle even when no two modules import
    # each other, since the arrows are meant to run one way (api -> analysis -> lexicon).
    graph = _graph(_unit)
    cycles = _cycles(graph)
    assert not cycles, "import cycles between parts of service/:\n" + "\n".join(
        _describe(c, graph) for c in cycles)


def test_no_module_is_too_long():
    lengths = {m: len(p.read_text(encoding="utf-8").splitlines()) for m, p in MODULES.items()}
    long = {f"{MODULES[m].relative_to(ROOT)}: {n} lines": n
            for m, n in lengths.items() if n >= MAX_LINES}
    assert not long, (f"modules of {MAX_LINES} lines or more (split them by concern): "
                      + ", ".join(sorted(long, key=long.__getitem__, reverse=True)))


#: (importers, forbidden imports, why). Importers and forbidden names are module names
#: or prefixes of them ("service.lexicon" covers a module and a package of that name).
LAYERS = [
    (("service.analysis", "service.lexicon"),
     ("service.api", "service.cli", "service.archive"),
     "the domain must not know its callers (arrows run api/cli/archive -> analysis -> lexicon)"),
    (("service.analysis", "service.lexicon"),
     WEB_PACKAGES,
     "web code lives only in service/api/"),
    (("service",),
     ("rhetoric_tools", "tools"),
     "the shipped product must not import the tooling, which `pip install .` does not install"),
]


@pytest.mark.parametrize(("importers", "forbidden", "why"), LAYERS,
                         ids=[f"{'+'.join(i)}-not-{'+'.join(f)}" for i, f, _ in LAYERS])
def test_arrows_run_one_way(importers, forbidden, why):
    wrong = [f"{imp.where()}: {module} imports {imp.name}"
             for module, imports in IMPORTS.items()
             if any(_within(module, p) for p in importers)
             for imp in imports
             if any(_within(imp.name, f) for f in forbidden)]
    assert not wrong, why + ":\n" + "\n".join(wrong)


def _modules_under(prefix: str) -> list[str]:
    return sorted(m for m in MODULES if _within(m, prefix))


@pytest.mark.parametrize("package", ["service.analysis", "service.lexicon"])
def test_domain_imports_no_web_framework(package):
    # In a fresh interpreter (this one has Flask loaded by conftest): the package and every
    # module in it, so a web import in any of them shows, not only in its __init__.
    modules = _modules_under(package)
    assert modules, f"{package} not found under service/"
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "import service\n"
        "print(service.__file__)\n"
        f"print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in {WEB_PACKAGES!r})))\n"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *(p for p in sys.path if p)])
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    where, web = done.stdout.splitlines()[-2:]
    assert Path(where).resolve() == SERVICE / "__init__.py", f"imported another checkout: {where}"
    assert not web, f"importing {package} imports web modules: {web}"


def test_every_analysis_module_has_a_test_file_of_its_own():
    """Tests follow the modules: service/analysis/X.py is tested in tests/analysis/test_X.py."""
    root = Path(__file__).resolve().parent.parent
    modules = [p.stem for p in (root / "service" / "analysis").glob("*.py")
               if p.stem != "__init__"]
    missing = [m for m in modules if not (root / "tests" / "analysis" / f"test_{m}.py").is_file()]
    assert not missing, f"analysis modules without tests/analysis/test_<module>.py: {missing}"
