"""Matching: overlaps resolved longest-first, and entries matched across white space."""

from __future__ import annotations

import pytest

from service.lexicon.match import resolve_overlaps


def test_longest_match_wins_within_a_category(analyzer):
    doc = analyzer.nlp("Those who abandon the oppressive regime back home were promised safety.")
    loaded = resolve_overlaps(analyzer.lexicons.raw_hits(doc))["loaded_language"]
    texts = [h.span.text for h in loaded]
    assert "oppressive regime" in texts
    assert "regime" not in texts


def test_modal_not_month(analyzer):
    doc = analyzer.nlp("In May, the treaty was signed. Troops may have joined.")
    hedges = [(h.span.text, h.entry.type)
              for h in resolve_overlaps(analyzer.lexicons.raw_hits(doc))["hedge"]]
    modals = [text for text, kind in hedges if kind == "epistemic_modal"]
    assert any(text.startswith("may ") for text in modals), hedges
    assert not any(text.startswith("May") for text, _ in hedges), hedges


def test_a_hit_dropped_before_resolution_leaves_its_words_to_another_reading(analyzer):
    # "Some critics" is matched both as a vague source and as a vague quantity: resolved
    # as they stand, the source wins; with the source filtered out first (as the context
    # rules do when the critics say nothing), the quantity remains.
    doc = analyzer.nlp("Some critics were arrested.")
    raw = analyzer.lexicons.raw_hits(doc)
    assert {h.entry.type for h in resolve_overlaps(raw)["hedge"]} == {"vague_source"}
    kept = [h for h in raw if h.entry.type != "vague_source"]
    assert {h.entry.type for h in resolve_overlaps(kept)["hedge"]} == {"approximator"}


def test_every_category_has_a_list_in_text_order(analyzer):
    doc = analyzer.nlp("Critics say the brutal regime is clearly failing, officials said.")
    resolved = resolve_overlaps(analyzer.lexicons.raw_hits(doc))
    assert set(resolved) == {"loaded_language", "hedge", "booster", "attribution"}
    for hits in resolved.values():
        starts = [h.span.start for h in hits]
        assert starts == sorted(starts)


# How editors' copy separates two words: hard-wrapped lines, double spaces, CMS
# non-breaking and thin spaces, Windows line ends.
SEPARATORS = ["  ", "\n", "\r\n", "\t", "\u00a0", "\u2009"]


@pytest.mark.parametrize("space", SEPARATORS, ids=[repr(s) for s in SEPARATORS])
def test_multi_word_entries_match_across_any_white_space(analyzer, space):
    text = (f"According{space}to officials, Kim is winning, hands{space}down. "
            f"Some{space}experts say it is a power{space}grab.")
    analysis = analyzer.analyze(text)
    found = {f.text for f in (*analysis.loaded_language, *analysis.hedges,
                               *analysis.boosters, *analysis.attributions)}
    for words in ("According{s}to", "hands{s}down", "Some{s}experts say", "power{s}grab"):
        assert words.format(s=space) in found, found
    for f in (*analysis.loaded_language, *analysis.hedges, *analysis.boosters):
        assert text[f.start:f.end] == f.text


def test_a_paragraph_break_still_separates_words(analyzer):
    # "hands" ends one paragraph and "down" starts the next, with only a blank line
    # between them: no booster.
    text = "Kim had the upper hands\n\ndown the years."
    assert not analyzer.analyze(text).boosters
    assert analyzer.analyze(text.replace("\n\n", "\n")).boosters  # a wrapped line joins
