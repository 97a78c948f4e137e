"""The product and its tools apart: nothing of the tooling in service/, nor imported by it."""

from __future__ import annotations

import ast
import subprocess
import tomllib
from importlib import import_module
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
TOOLING = {"bench", "soak", "loadgen", "evaluate", "fit_opinion", "harness"}


def test_git_lists_no_tooling_module_in_service() -> None:
    listed = subprocess.run(["git", "ls-files", "service"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.split()
    assert listed, "git ls-files service listed nothing"
    found = [p for p in listed if Path(p).stem in TOOLING or Path(p).name in TOOLING]
    assert found == []


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted((ROOT / "service").rglob("*.py")),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_service_never_imports_the_tools(path: Path) -> None:
    imported = _imports(path)
    assert not {name for name in imported if name.split(".")[0] == "rhetoric_tools"}
    assert not {name for name in imported
                if name.startswith("service.") and name.split(".")[-1] in TOOLING}


def test_the_service_package_ships_no_tools() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "tools" not in project["project"].get("optional-dependencies", {})
    assert set(project["project"]["scripts"]) == {"rhetoric"}
    assert project["tool"]["setuptools"]["packages"]["find"]["include"] == [
        "service*", "rhetoric_lexicons*"]
    assert "tools" in (ROOT / ".dockerignore").read_text(encoding="utf-8").split()


def test_the_tools_register_what_they_define() -> None:
    tools = tomllib.loads((ROOT / "tools" / "pyproject.toml").read_text(encoding="utf-8"))
    commands = tools["project"]["entry-points"]["rhetoric.commands"]
    assert set(commands) == {"evaluate", "bench", "soak"}
    for target in commands.values():
        module, _, name = target.partition(":")
        command = getattr(import_module(module), name)
        assert callable(command.configure) and callable(command.run) and command.help, target
    module, _, name = tools["project"]["scripts"]["rhetoric-dev"].partition(":")
    assert callable(getattr(import_module(module), name))


def test_no_tools_module_is_over_450_lines() -> None:
    sizes = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
             for p in (ROOT / "tools").rglob("*.py")}
    assert sizes and max(sizes.values()) <= 450, sizes
