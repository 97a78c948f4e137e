"""What each opinion cue means, in an editor's words: one table of data, read once.

The texts live in ``rhetoric_lexicons/cue_descriptions.json`` (data, not code: a new cue is
one entry there). The API gives each of a sentence's ``reasons`` its cue's ``description``
(:mod:`service.render`); the editor page shows it instead of the cue's name.
``tests/test_cue_descriptions.py`` checks that every cue the opinion model can weigh has one.

This module imports nothing from ``service``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from rhetoric_lexicons import DIRECTORY

FILE = "cue_descriptions.json"


@cache
def descriptions(path: Path = DIRECTORY / FILE) -> dict[str, str]:
    """Return cue name -> description, as stored in ``path``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    table = data["cues"]
    bad = [name for name, text in table.items() if not isinstance(text, str) or not text.strip()]
    if bad:
        raise ValueError(f"{path}: cues {bad} need a non-empty description")
    return {str(name): text.strip() for name, text in table.items()}


def describe_cue(name: str) -> str:
    """Return the editor's description of cue ``name``; its name in words if it has none."""
    return descriptions().get(name) or name.replace("_", " ")
