"""Readability scores with textstat's formulas, each word's syllables counted once.

textstat 0.7.8 computes every metric from scratch and memoises per call with a
128-entry cache: a 500-word article recounts the syllables of each word for SMOG,
Gunning fog, Dale-Chall and the consensus grade, and the text-keyed caches keep up to
128 whole articles (and their word lists) alive in a long-running worker. Here the
words are listed once, each distinct word's syllables are counted once with textstat's
own counter (CMU dictionary, else Pyphen) and kept for the process's 32,768 most recently
used words, and the metrics are textstat 0.7.8's formulas over those counts, in the same
order of operations, so every figure is the one textstat returns
(``tests/analysis/test_readability.py`` checks it against textstat on many texts).
References: textstat 0.7.8, ``textstat/backend/metrics``.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable

import textstat
from textstat.backend.counts import count_syllables
from textstat.backend.utils import get_grade_suffix, get_lang_easy_words
from textstat.backend.utils.constants import RE_NONCONTRACTION_APOSTROPHE

from service.analysis.model import Readability

#: textstat's default language, and its English constants (``LANG_CONFIGS["en"]``).
LANG = "en_US"
FRE_BASE, FRE_SENTENCE_LENGTH, FRE_SYLLABLES_PER_WORD = 206.835, 1.015, 84.6
FOG_SYLLABLE_THRESHOLD = 3
#: textstat's default reading speed: 14.69 ms per character (Demberg and Keller 2008).
MS_PER_CHAR = 14.69
#: Words whose syllable counts a process keeps (about 100 bytes each).
SYLLABLE_CACHE = 1 << 15

_NONCONTRACTION_APOSTROPHE = re.compile(RE_NONCONTRACTION_APOSTROPHE)
_PUNCTUATION_KEEP_APOSTROPHE = re.compile(r"[^\w\s\']")
_SPACE = re.compile(r"\s")
_PUNCTUATION = re.compile(r"[^\w\s]")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)


def warm() -> None:
    """Load the CMU pronunciation dictionary, Pyphen and the easy-word list now."""
    count_syllables("warming the syllable dictionary", LANG)
    textstat.difficult_words("warming the easy word list")
    get_lang_easy_words(LANG)


def _strip_punctuation(text: str) -> str:
    # textstat's remove_punctuation(text, rm_apostrophe=False).
    return _PUNCTUATION_KEEP_APOSTROPHE.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text))


def _words(text: str) -> list[str]:
    # textstat's list_words(text): punctuation removed, split on white space.
    return _strip_punctuation(text).split()


def _sentence_count(text: str) -> int:
    # textstat's count_sentences: regex sentences, those of two words or fewer ignored.
    if not text:
        return 0
    sentences = _SENTENCE.findall(text)
    ignored = sum(1 for s in sentences if len(_words(s)) <= 2)
    return max(1, len(sentences) - ignored)


@functools.lru_cache(maxsize=SYLLABLE_CACHE)
def _syllables(word: str) -> int:
    # A word's syllables never change: count each once per process, as spaCy keeps a
    # lexeme per word. News vocabulary repeats from article to article (Zipf's law), so
    # most look-ups of a worker's later articles are hits.
    return count_syllables(word.lower(), LANG)


def _linsear_write(raw_words: list[str], words: list[str],
                   syllables: Callable[[str], int]) -> float:
    # textstat's linsear_write_formula(text, strict_lower=False, strict_upper=True).
    sample: list[str] = []
    used = 0
    if len(raw_words) > 100:
        while used < len(raw_words) and len(sample) < 100:
            word = _strip_punctuation(raw_words[used])
            used += 1
            if word:
                sample.append(word)
    else:
        sample = words
        used = len(raw_words)
    easy = difficult = 0
    for word in sample:
        n = syllables(word)
        if n >= 3:
            difficult += 1
        elif n > 0:
            easy += 1
    sentences = _sentence_count(" ".join(raw_words[:used]))
    if not sentences:
        return 0.0
    number = float((easy * 1 + difficult * 3) / sentences)
    if number <= 20:
        number -= 2
    return number / 2


def _grades(score: float) -> list[int]:
    return [math.floor(score), math.ceil(score), round(score)]


def _reading_ease_grade(score: float) -> list[int]:
    bands = ((90, [5]), (80, [6]), (70, [7]), (60, [8, 9]), (50, [10]), (40, [11]),
             (30, [12]))
    if score < 100:
        for floor, grade in bands:
            if score >= floor:
                return grade
    return [13]


def readability(text: str, sentence_count: int) -> Readability:
    """Return textstat's suite for ``text``; ``sentence_count`` comes from the parser."""
    if not any(ch.isalnum() for ch in text):
        return Readability(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, "", 0, sentence_count, 0, 0.0)
    syllables = _syllables
    words = _words(text)
    raw_words = text.split()
    n_words = len(words)
    n_sentences = _sentence_count(text)
    easy_words = get_lang_easy_words(LANG)
    total_syllables = sum(syllables(w) for w in words)
    polysyllables = sum(1 for w in words if syllables(w) >= 3)
    unfamiliar = [w for w in words if w.lower() not in easy_words]
    fog_difficult = sum(1 for w in unfamiliar if syllables(w) >= FOG_SYLLABLE_THRESHOLD)
    chars = len(_SPACE.sub("", text))
    letters = len(_PUNCTUATION.sub("", _SPACE.sub("", text)))

    words_per_sentence = n_words / n_sentences if n_sentences else 0.0
    syllables_per_word = total_syllables / n_words if n_words else 0.0
    if words_per_sentence == 0 or syllables_per_word == 0:
        ease = grade = 0.0
    else:
        ease = (FRE_BASE - FRE_SENTENCE_LENGTH * words_per_sentence
                - FRE_SYLLABLES_PER_WORD * syllables_per_word)
        grade = (0.39 * words_per_sentence) + (11.8 * syllables_per_word) - 15.59
    fog = 0.4 * (words_per_sentence + 100 * fog_difficult / n_words) if n_words else 0.0
    smog = ((1.043 * (30 * (polysyllables / n_sentences)) ** 0.5) + 3.1291
            if n_sentences else 0.0)
    letters_100 = (letters / n_words if n_words else 0.0) * 100
    sentences_100 = (n_sentences / n_words if n_words else 0.0) * 100
    coleman = (0.0 if letters_100 == 0 or sentences_100 == 0
               else (0.058 * letters_100) - (0.296 * sentences_100) - 15.8)
    chars_per_word = chars / len(raw_words) if raw_words else 0.0
    ari = (0.0 if chars_per_word == 0 or words_per_sentence == 0
           else (4.71 * chars_per_word) + (0.5 * words_per_sentence) - 21.43)
    if n_words:
        unfamiliar_pct = 100 * len(unfamiliar) / n_words
        dale = (0.1579 * unfamiliar_pct) + (0.0496 * words_per_sentence)
        if unfamiliar_pct > 5:
            dale += 3.6365
    else:
        dale = 0.0
    votes = (_grades(grade) + _reading_ease_grade(ease) + _grades(smog) + _grades(coleman)
             + _grades(ari) + _grades(dale)
             + _grades(_linsear_write(raw_words, words, syllables)) + _grades(fog))
    consensus = int(float(Counter(votes).most_common(1)[0][0])) - 1
    return Readability(
        flesch_reading_ease=round(float(ease), 2),
        flesch_kincaid_grade=round(float(grade), 2),
        gunning_fog=round(float(fog), 2),
        smog_index=round(float(smog), 2),
        coleman_liau_index=round(float(coleman), 2),
        automated_readability_index=round(float(ari), 2),
        dale_chall_readability_score=round(float(dale), 2),
        consensus_grade=(f"{consensus}{get_grade_suffix(consensus)} and "
                         f"{consensus + 1}{get_grade_suffix(consensus + 1)} grade"),
        words=n_words,
        sentences=sentence_count,
        syllables=total_syllables,
        reading_time_seconds=round(float(MS_PER_CHAR * chars / 1000), 2),
    )
