"""Findings: a hit described in its place, and tied to the attribution that holds it."""

from __future__ import annotations

from service.analysis.findings import attribute, findings
from service.analysis.model import Finding
from service.analysis.pipeline import Analyzer
from service.analysis.segments import Segments, segment
from service.categories import HEDGE, LOADED_LANGUAGE


def found(analyzer: Analyzer, text: str, category: str) -> tuple[Finding, ...]:
    doc = analyzer.nlp(text)
    return findings(analyzer.hits(doc)[category], segment(doc))


def test_a_loaded_term_is_widened_to_its_phrase(analyzer: Analyzer) -> None:
    text = "Calm returned. The junta's brutal crackdown left dozens dead."
    (f,) = found(analyzer, text, LOADED_LANGUAGE.name)
    assert (f.text, f.term_text) == ("brutal crackdown", "brutal")
    assert text[f.start:f.end] == f.text and text[f.term_start:f.term_end] == f.term_text
    assert (f.category, f.sentence_index, f.quoted, f.negated) == (
        LOADED_LANGUAGE.name, 1, False, False)
    assert f.entry_id and f.note and f.source and f.attribution_index is None


def test_a_doubt_label_is_not_widened(analyzer: Analyzer) -> None:
    (f,) = found(analyzer, "The so-called experts disagreed.", LOADED_LANGUAGE.name)
    assert f.type == "doubt_label"
    assert f.text == f.term_text


def test_a_hedge_is_its_term_and_knows_its_quote(analyzer: Analyzer) -> None:
    text = 'The minister said: "The talks might collapse."'
    (f,) = found(analyzer, text, HEDGE.name)
    assert (f.text, f.term_text, f.quoted) == ("might", "might", True)
    assert (f.start, f.end) == (f.term_start, f.term_end)


def _finding(start: int, end: int) -> Finding:
    return Finding(start=start, end=end, text="x" * (end - start), category="hedge",
                   type="speculative", entry_id="e", sentence_index=0, note="", source="",
                   quoted=False, negated=False, term_start=start, term_end=end,
                   term_text="x" * (end - start))


def test_attribute_ties_a_finding_to_the_innermost_reported_content() -> None:
    segments = Segments(sentences=(), starts=(0, 50), quotes=())
    reported = [(0, 40, 0), (10, 30, 1), (55, 70, 2)]
    items = (_finding(15, 20), _finding(32, 38), _finding(45, 48), _finding(25, 35))
    indices = [f.attribution_index for f in attribute(items, reported, segments)]
    # Inside both: the inner one; inside the outer only; in neither; across the inner edge.
    assert indices == [1, 0, None, 0]


def test_attribute_looks_only_within_the_finding_sentence() -> None:
    segments = Segments(sentences=(), starts=(0, 50), quotes=())
    # The range starts in sentence 0 and runs into sentence 1: both sentences see it.
    items = (_finding(52, 56),)
    assert attribute(items, [(40, 60, 3)], segments)[0].attribution_index == 3
    assert attribute(items, [], segments) == items
