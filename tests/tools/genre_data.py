"""A tiny synthetic AllSides genre set: opinion pieces and reports from a few outlets."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

OPINION = [
    "I think the new budget is a disgrace.",
    "We should reject this reckless plan before it is too late.",
    "Frankly, my neighbours deserve better than these empty promises.",
    "In my view, the council has failed us again.",
    "This outrageous scheme will hurt every family I know.",
    "Why should we trust a mayor who never listens?",
]
REPORTING = [
    "The city council approved the budget on Tuesday, officials said.",
    "The plan allocates $4 million to road repairs, according to the mayor's office.",
    "The vote was 7 to 2, a spokesman told reporters.",
    "Construction is expected to begin in March, the transport department said.",
    "The measure now goes to the state legislature.",
]
#: In the reports: a quotation, never the writer's own sentence.
QUOTE = '"This is the best budget in a decade," the mayor said.'
OUTLETS = 8
PER_OUTLET = 3  # of each label


def write_genre_set(folder: Path, seed: int = 0) -> Path:
    """Write ``genre/allsides_genre.jsonl`` under ``folder``; return ``folder``."""
    rng = np.random.default_rng(seed)
    rows = []
    for outlet in range(OUTLETS):
        for k in range(PER_OUTLET):
            for label, pool in (("opinion", OPINION), ("reporting", REPORTING)):
                picked = [pool[i] for i in rng.choice(len(pool), size=3, replace=False)]
                if label == "reporting":
                    picked.append(QUOTE)
                rows.append({"id": f"{outlet}-{k}-{label}", "text": "\n\n".join(picked),
                             "label": label, "outlet": f"Outlet {outlet}", "date": "2020-01-01"})
    (folder / "genre").mkdir(parents=True, exist_ok=True)
    (folder / "genre" / "allsides_genre.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return folder
