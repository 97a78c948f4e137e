"""Entity-label sets: every label is one the pipeline predicts, and each set is defined once."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from service.analysis import labels

SETS = {name: value for name, value in vars(labels).items() if name.endswith("_LABELS")}
ANALYSIS = Path(labels.__file__).resolve().parent


def test_there_are_label_sets() -> None:
    assert {"NAMED_SOURCE_LABELS", "COUNTRY_FORM_LABELS", "NAMED_ENTITY_CUE_LABELS",
            "FRAMED_LABELS", "NUMBER_LABELS", "TIME_LABELS"} <= set(SETS)


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_label_is_predicted_by_the_pipeline(nlp, name: str) -> None:
    predicted = set(nlp.get_pipe("ner").labels)
    assert SETS[name] <= predicted, f"{name}: {sorted(SETS[name] - predicted)}"


def test_no_other_analysis_module_defines_a_label_set() -> None:
    """One definition each: NAMED_LABELS was written twice, ACTOR_LABELS meant two sets."""
    elsewhere = []
    for path in ANALYSIS.rglob("*.py"):
        if path == Path(labels.__file__).resolve():
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else (
                [node.target] if isinstance(node, ast.AnnAssign) else [])
            elsewhere += [f"{path.name}: {t.id}" for t in targets
                          if isinstance(t, ast.Name) and t.id.endswith("_LABELS")]
    assert not elsewhere
