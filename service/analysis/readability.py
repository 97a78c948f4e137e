"""Readability scores from textstat, over the text as written."""

from __future__ import annotations

import textstat

from service.analysis.model import Readability


def warm() -> None:
    """Load textstat's pronunciation dictionary now (about 0.8 s) rather than on a request."""
    textstat.syllable_count("warming the syllable dictionary")
    textstat.difficult_words("warming the easy word list")


def readability(text: str, sentence_count: int) -> Readability:
    """Return textstat's suite for ``text``; ``sentence_count`` comes from the parser."""
    if not any(ch.isalnum() for ch in text):
        return Readability(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, "", 0, sentence_count, 0, 0.0)
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
        sentences=sentence_count,
        syllables=int(textstat.syllable_count(text)),
        # textstat's default reading speed: 14.69 ms per character.
        reading_time_seconds=round(float(textstat.reading_time(text)), 2),
    )
