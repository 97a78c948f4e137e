"""The catalogue served at GET /v1/lexicons and printed by `rhetoric lexicons`."""

from __future__ import annotations

from service.lexicon.catalogue import catalogue
from service.lexicon.schema import CATEGORIES


def test_catalogue_counts_every_entry_once(analyzer):
    lexicons = analyzer.lexicons
    described = catalogue(lexicons)
    assert described["version"] == lexicons.version
    assert described["house_version"] == lexicons.house_version
    assert described["entries"] == len(lexicons.entries)
    assert [c["category"] for c in described["categories"]] == list(CATEGORIES)
    for category in described["categories"]:
        types = {t["type"]: t["entries"] for t in category["types"]}
        assert list(types) == sorted(CATEGORIES[category["category"]])
        assert category["entries"] == sum(types.values())
        for kind, count in types.items():
            assert count == sum(1 for e in lexicons.entries.values()
                                if e.category == category["category"] and e.type == kind)
    assert sum(c["entries"] for c in described["categories"]) == described["entries"]
