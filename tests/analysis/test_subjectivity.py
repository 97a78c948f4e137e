"""The subjectivity lexicon: its word classes, as loaded and as looked up per token."""

from __future__ import annotations

import json

from rhetoric_lexicons import DIRECTORY
from service.analysis.pipeline import SUBJECTIVITY_FILE


def test_subjectivity_classes_are_documented_and_disjoint():
    data = json.loads((DIRECTORY / SUBJECTIVITY_FILE).read_text(encoding="utf-8"))
    seen: dict[tuple[str, str], str] = {}
    for name, spec in data["classes"].items():
        assert spec["note"] and spec["source"] and spec["words"], name
        if name == "discourse_opener":  # sentence-initial only: checked before the others
            continue
        for word in spec["words"]:
            assert word == word.lower(), word
            for pos in spec["pos"] or ["*"]:
                assert (word, pos) not in seen, f"{word}/{pos} in {seen[(word, pos)]} and {name}"
                seen[(word, pos)] = name
