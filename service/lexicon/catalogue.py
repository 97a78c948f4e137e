"""The lexicon catalogue: categories, types and entry counts, for ``GET /v1/lexicons``."""

from __future__ import annotations

from typing import Any

from service.lexicon.match import LexiconSet
from service.lexicon.schema import CATEGORIES


def catalogue(lexicons: LexiconSet) -> dict[str, Any]:
    """Describe the categories, types and entry counts of ``lexicons``."""
    counts: dict[str, dict[str, int]] = {c: {t: 0 for t in sorted(ts)}
                                         for c, ts in CATEGORIES.items()}
    for entry in lexicons.entries.values():
        counts[entry.category][entry.type] += 1
    return {
        "version": lexicons.version,
        "house_version": lexicons.house_version,
        "entries": len(lexicons.entries),
        "categories": [
            {"category": c, "entries": sum(types.values()),
             "types": [{"type": t, "entries": n} for t, n in types.items()]}
            for c, types in counts.items()
        ],
    }
