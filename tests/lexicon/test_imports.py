"""The lexicon package is the bottom layer: api -> analysis -> lexicon, never back."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import service.lexicon

PACKAGE = Path(service.lexicon.__file__).parent
MODULES = sorted(PACKAGE.glob("*.py"))


def _imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {node.module for node in ast.walk(tree)
             if isinstance(node, ast.ImportFrom) and node.module}
    names |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
              for alias in node.names}
    return names


@pytest.mark.parametrize("path", MODULES, ids=[p.name for p in MODULES])
def test_the_lexicon_imports_nothing_above_it(path):
    service_imports = {n for n in _imported(path) if n.split(".")[0] == "service"}
    allowed = {"service.paragraph_breaks"}
    assert all(n.startswith("service.lexicon") or n in allowed for n in service_imports), (
        service_imports)
    assert not {n for n in _imported(path) if n.split(".")[0] == "flask"}


def test_the_shared_paragraph_rule_is_a_leaf():
    import service.paragraph_breaks as leaf

    assert not {n for n in _imported(Path(leaf.__file__)) if n.split(".")[0] == "service"}
