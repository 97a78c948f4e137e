"""Every lexicon entry matches each of its examples and none of its counter-examples."""

from __future__ import annotations

import pytest

from rhetoric_lexicons import DIRECTORY
from service.lexicon import Entry, load_entries

ENTRIES, _ = load_entries(DIRECTORY)


def _ids(entry: Entry) -> str:
    return entry.id


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids)
def test_entry_examples(analyzer, entry: Entry):
    docs = list(analyzer.nlp.pipe([*entry.examples, *entry.counter_examples]))
    examples, counters = docs[: len(entry.examples)], docs[len(entry.examples):]
    for doc in examples:
        assert any(h.entry.id == entry.id for h in analyzer.lexicons.raw_hits(doc)), (
            f"{entry.where}: {entry.id} does not match its example {doc.text!r}")
    for doc in counters:
        assert not any(h.entry.id == entry.id for h in analyzer.lexicons.raw_hits(doc)), (
            f"{entry.where}: {entry.id} matches its counter-example {doc.text!r}")
