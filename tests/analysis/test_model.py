"""Result types: frozen, free of spaCy, and with a place for each category."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from service.analysis import model
from service.analysis.model import Finding, Sentiment
from service.categories import CATEGORIES


def test_results_are_frozen() -> None:
    sentiment = Sentiment(0.1, 0.2, 0.7, 0.1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        sentiment.compound = 0.5  # type: ignore[misc]


def test_a_finding_is_tied_to_no_attribution_by_default() -> None:
    f = Finding(start=0, end=3, text="may", category="hedge", type="epistemic_modal",
                entry_id="e", sentence_index=0, note="n", source="s", quoted=False,
                negated=False, term_start=0, term_end=3, term_text="may")
    assert f.attribution_index is None


def test_every_category_has_its_list_in_an_analysis() -> None:
    fields = {f.name: f.type for f in dataclasses.fields(model.Analysis)}
    for category in CATEGORIES:
        assert category.output_key in fields
        assert str(fields[category.output_key]).startswith("tuple[")


def test_the_results_hold_plain_values_only() -> None:
    """An Analysis outlives the parse's memory zone: it may hold no spaCy object."""
    tree = ast.parse(Path(model.__file__).read_text(encoding="utf-8"))
    modules = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    modules |= {a.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                for a in node.names}
    assert modules <= {"__future__", "dataclasses"}
