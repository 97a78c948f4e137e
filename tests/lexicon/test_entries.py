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

