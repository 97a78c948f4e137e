"""The benchmark's corpus: the seed articles and generated variations of them."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rhetoric_tools.checkout import SEEDS, require

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")


def count_words(text: str) -> int:
    """Count words as the benchmark does everywhere (runs of word characters)."""
    return len(_WORD.findall(text))


@dataclass(frozen=True)
class Article:
    """One benchmark document."""

    id: str
    text: str
    words: int


def seed_texts(folder: Path = SEEDS) -> list[tuple[str, str]]:
    """Return ``(name, text)`` of every seed article."""
    return [(p.stem, p.read_text(encoding="utf-8"))
            for p in sorted(require(folder).glob("*.txt"))]


def _paragraphs(texts: Sequence[str]) -> list[list[str]]:
    return [_SENTENCE_END.split(p.strip()) for t in texts for p in t.splitlines() if p.strip()]


def make_corpus(seeds: Sequence[tuple[str, str]], count: int, seed: int = 5,
                min_words: int = 200, max_words: int = 2000) -> list[Article]:
    """Return the seeds plus ``count`` articles recombined from their paragraphs and sentences.

    Each generated article has a length drawn evenly from ``[min_words, max_words]`` and
    is built from whole seed paragraphs in random order, a third of them with their
    sentences shuffled, then cut at the last sentence that fits. Each paragraph opens with
    a sentence of new names and a number, so no two paragraphs of the corpus are the same,
    as in real news: the paragraph cache and the parse of each distinct paragraph once
    per batch then save nothing the corpus's own repetition would hand them.
    """
    rng = random.Random(seed)
    paragraphs = _paragraphs([text for _, text in seeds])
    articles = [Article(name, text, count_words(text)) for name, text in seeds]
    for i in range(count):
        target = min_words + (max_words - min_words) * i // max(count - 1, 1)
        out: list[str] = []
        words = 0
        while words < target:
            sentences = list(rng.choice(paragraphs))
            if rng.random() < 1 / 3:
                rng.shuffle(sentences)
            kept = []
            for sentence in sentences:
                n = count_words(sentence)
                if words + n > target and words >= min_words:
                    break
                kept.append(sentence)
                words += n
            if kept:
                lead = _lead(rng)
                out.append(" ".join([lead, *kept]))
                words += count_words(lead)
            if kept != sentences:
                break
        articles.append(Article(f"gen-{i:03d}", "\n".join(out), count_words("\n".join(out))))
    return articles


def novel_texts(seeds: Sequence[tuple[str, str]], count: int, seed: int = 7) -> list[str]:
    """Return short paragraphs with new names and numbers in each, as a live news stream has.

    Every text carries words no earlier text had, so a worker whose vocabulary kept
    every string it saw would grow; the soak run shows that it does not.
    """
    rng = random.Random(seed)
    sentences = [s for p in _paragraphs([t for _, t in seeds]) for s in p]
    return [f"{_lead(rng)} {rng.choice(sentences)}" for _ in range(count)]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou")
                   for _ in range(rng.randint(2, 4))).capitalize()


def _lead(rng: random.Random) -> str:
    """Return a short sentence of new names and a number."""
    return (f"{_name(rng)} {_name(rng)}, a spokesperson for {_name(rng)}, said "
            f"{rng.randint(2, 99_999):,} people were affected.")
