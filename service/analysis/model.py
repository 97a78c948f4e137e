"""Frozen result types shared by every analyzer. Offsets are code points into the text."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sentiment:
    """VADER scores: ``compound`` in [-1, 1]; ``pos``, ``neu``, ``neg`` proportions."""

    compound: float
    pos: float
    neu: float
    neg: float


@dataclass(frozen=True)
class Reason:
    """A cue behind a sentence's label, with its signed contribution to the log-odds."""

    cue: str
    start: int
    end: int
    text: str
    weight: float


#: Whose words a sentence or finding is: the writer's own, a direct quotation's, or
#: speech the writer reports ("officials said the plan had failed").
VOICES = ("writer", "quoted", "reported")
#: What a sentence is in the article's layout: running text, or structure around it.
ROLES = ("body", "heading", "byline", "dateline", "caption", "reference", "teaser")


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    label: str
    opinion_score: float
    reasons: tuple[Reason, ...]
    sentiment: Sentiment
    voice: str = "writer"
    #: The attribution whose source the words are credited to (quoted or reported), or None.
    attribution_index: int | None = None
    role: str = "body"
    #: P(opinion) on the sentence's own evidence when the document's context moved
    #: ``opinion_score`` (:mod:`.context`); None when ``opinion_score`` is its own.
    own_score: float | None = None

    @property
    def own_opinion_score(self) -> float:
        """Return P(opinion) on the sentence's own evidence, before the document's context."""
        return self.opinion_score if self.own_score is None else self.own_score


@dataclass(frozen=True)
class Finding:
    """A lexicon match: loaded language, hedge or booster."""

    start: int
    end: int
    text: str
    category: str
    type: str
    entry_id: str
    sentence_index: int
    note: str
    source: str
    quoted: bool
    negated: bool
    #: The lexicon match itself. For loaded language ``start``/``end`` cover the phrase
    #: the match sits in ("brutal" in "brutal crackdown"); otherwise the two are equal.
    term_start: int
    term_end: int
    term_text: str
    #: The index in the analysis's attributions of the reporting cue whose reported
    #: content holds the term ("the figures were alarming, the ministry said"), or None.
    attribution_index: int | None = None
    #: writer, quoted (inside a direct quotation) or reported (in reported content).
    voice: str = "writer"
    #: Neutral wordings for the term, each with the style guide it comes from
    #: (``alternatives`` of the lexicon entry, where it has some for these words).
    alternatives: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class TextSpan:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SourceSpan:
    start: int
    end: int
    text: str
    kind: str  # named | unnamed | vague | pronoun


@dataclass(frozen=True)
class Attribution:
    start: int
    end: int
    text: str
    type: str  # neutral_verb | loaded_verb | according_to
    entry_id: str
    sentence_index: int
    source: SourceSpan | None
    #: The words credited to the source: the clause it reports, or the quotation it frames.
    content: TextSpan | None = None


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    text: str
    sentence_index: int
    #: The attribution that names who speaks, or None where the text names no one.
    speaker: int | None = None


@dataclass(frozen=True)
class Readability:
    flesch_reading_ease: float
    flesch_kincaid_grade: float
    gunning_fog: float
    smog_index: float
    coleman_liau_index: float
    automated_readability_index: float
    dale_chall_readability_score: float
    consensus_grade: str
    words: int
    sentences: int
    syllables: int
    reading_time_seconds: float


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class EntityFraming:
    name: str
    label: str
    mentions: tuple[Mention, ...]
    sentiment_mean: float
    loaded_terms: tuple[str, ...]


@dataclass(frozen=True)
class Summary:
    genre: str
    opinion_share: float
    #: P(opinion piece) from the genre model, over the writer's voice.
    genre_score: float
    #: Body sentences by voice.
    voices: dict[str, int]
    loaded_per_1000_words: float
    hedges_per_1000_words: float
    boosters_per_1000_words: float
    sources: dict[str, int]
    sentiment_compound: float
    reading_grade: float
    words: int


@dataclass(frozen=True)
class Analysis:
    text: str
    sentences: tuple[Sentence, ...]
    loaded_language: tuple[Finding, ...]
    hedges: tuple[Finding, ...]
    boosters: tuple[Finding, ...]
    attributions: tuple[Attribution, ...]
    quotes: tuple[Quote, ...]
    readability: Readability
    sentiment: Sentiment
    entities: tuple[EntityFraming, ...]
    summary: Summary
    timings: dict[str, float] = field(default_factory=dict)
