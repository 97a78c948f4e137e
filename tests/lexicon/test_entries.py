"""Every lexicon entry finds each of its examples and none of its counter-examples."""

from __future__ import annotations

import pytest

from rhetoric_lexicons import DIRECTORY
from service.analysis.findings import context_rules
from service.analysis.parsing import parse_texts
from service.lexicon.load import load_entries
from service.lexicon.schema import Entry

ENTRIES, _ = load_entries(DIRECTORY)


def _ids(entry: Entry) -> str:
    return entry.id


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids)
def test_entry_examples(analyzer, entry: Entry):
    docs = list(analyzer.nlp.pipe([*entry.examples, *entry.counter_examples]))
    examples, counters = docs[: len(entry.examples)], docs[len(entry.examples):]
    # Matched, and kept by the context rules of the entry's category and sense.
    for doc in examples:
        hits = context_rules(analyzer.lexicons.raw_hits(doc))
        assert any(h.entry.id == entry.id for h in hits), (
            f"{entry.where}: {entry.id} does not match its example {doc.text!r}")
    for doc in counters:
        hits = context_rules(analyzer.lexicons.raw_hits(doc))
        assert not any(h.entry.id == entry.id for h in hits), (
            f"{entry.where}: {entry.id} matches its counter-example {doc.text!r}")


_WITH_APOSTROPHE = [(entry, example) for entry in ENTRIES for example in entry.examples
                    if "'" in example]


@pytest.mark.parametrize(("entry", "example"), _WITH_APOSTROPHE,
                         ids=[f"{e.id}:{x[:30]}" for e, x in _WITH_APOSTROPHE])
def test_entry_examples_typeset_with_typographic_apostrophes(analyzer, entry: Entry,
                                                               example: str):
    typeset = example.replace("'", "’")
    with analyzer.nlp.memory_zone():
        doc = next(parse_texts(analyzer.nlp, [typeset]))
        assert any(h.entry.id == entry.id for h in analyzer.lexicons.raw_hits(doc)), (
            f"{entry.where}: {entry.id} does not match {typeset!r}")



_WITH_ALTERNATIVES = [entry for entry in ENTRIES if entry.alternatives]


def test_some_loaded_language_offers_neutral_alternatives():
    ids = {entry.id for entry in _WITH_ALTERNATIVES}
    assert {"loaded.name_calling.regime", "loaded.emotive.attack_verbs",
            "loaded.hyperbole.scale"} <= ids
    assert {entry.category for entry in _WITH_ALTERNATIVES} == {"loaded_language"}


@pytest.mark.parametrize("entry", _WITH_ALTERNATIVES, ids=_ids)
def test_each_alternative_fits_a_match_of_its_entry_examples(analyzer, entry: Entry):
    """An alternative no example reaches would be untested data: each one fits some match."""
    fitted = set()
    for doc in analyzer.nlp.pipe(entry.examples):
        for hit in context_rules(analyzer.lexicons.raw_hits(doc)):
            if hit.entry.id == entry.id:
                fitted |= set(entry.alternatives_for([t.lemma_ for t in hit.span],
                                                     hit.span.text))
    unused = [a.use for a in entry.alternatives if a not in fitted]
    assert not unused, f"{entry.where}: no example reaches the alternatives {unused}"
