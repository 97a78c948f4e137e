"""The one-pass readability figures equal textstat's own, metric by metric."""

from __future__ import annotations

import random

import pytest
import textstat

from service.analysis.model import Readability
from service.analysis.readability import readability
from tests.conftest import SEED_000, SEED_001

EDGE_CASES = [
    "Yes.",
    "One two.",
    "DON'T PANIC, said the O'Reilly spokesman's aide. 'Quoted' words -- dashes... done!",
    "The rock'n'roll band's fans' tickets cost $12.50 (about 11 euros) on 3 May 2024?",
    "no sentence punctuation at all just a long run of words " * 3,
    "Naïve café owners in Zürich said “it’s über-expensive”. Another said: no.",
    "   leading and trailing space   \n\n second paragraph here.  ",
    "A sentence.\nA second line with e.g. abbreviations, U.S. officials, and 10,000 troops.",
]


def _textstat(text: str, sentences: int) -> Readability:
    """Return the figures from textstat's public functions (the reference)."""
    return Readability(
        flesch_reading_ease=round(float(textstat.flesch_reading_ease(text)), 2),
        flesch_kincaid_grade=round(float(textstat.flesch_kincaid_grade(text)), 2),
        gunning_fog=round(float(textstat.gunning_fog(text)), 2),
        smog_index=round(float(textstat.smog_index(text)), 2),
        coleman_liau_index=round(float(textstat.coleman_liau_index(text)), 2),
        automated_readability_index=round(float(textstat.automated_readability_index(text)), 2),
        dale_chall_readability_score=round(float(textstat.dale_chall_readability_score(text)), 2),
        consensus_grade=str(textstat.text_standard(text)),
        words=int(textstat.lexicon_count(text)),
        sentences=sentences,
        syllables=int(textstat.syllable_count(text)),
        reading_time_seconds=round(float(textstat.reading_time(text)), 2),
    )


def _samples() -> list[str]:
    seeds = [SEED_000.read_text(encoding="utf-8"), SEED_001.read_text(encoding="utf-8")]
    sentences = [s.strip() + "." for seed in seeds for s in seed.split(".") if s.strip()]
    rng = random.Random(5)
    mixes = [" ".join(rng.sample(sentences, k)) for k in (1, 3, 8, 20, 60)]
    return seeds + mixes + EDGE_CASES


@pytest.mark.parametrize("text", _samples())
def test_readability_equals_textstat(text: str) -> None:
    assert readability(text, 7) == _textstat(text, 7)


def test_no_words_gives_zeros() -> None:
    result = readability(" -- ... ", 1)
    assert (result.words, result.syllables, result.consensus_grade) == (0, 0, "")
