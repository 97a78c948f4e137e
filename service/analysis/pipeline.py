"""Run every analyzer over one parse of a text."""

from __future__ import annotations

import functools
import json
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from service.analysis import readability as readability_mod
from service.analysis.actors import ActorTable
from service.analysis.attribution import attributions as find_attributions
from service.analysis.attribution import outermost, reported_content
from service.analysis.blocks import block_quotations, run_on_quotations
from service.analysis.bounds import bound
from service.analysis.context import document_shift, in_context
from service.analysis.cues import NOT_THE_WRITERS_HEDGE, Cue, SentenceContext, document_cues
from service.analysis.embeds import (
    Embed,
    credit,
    embed_roles,
    find_embeds,
    posters,
    with_posts,
)
from service.analysis.encoder import Encoder, EncoderCue
from service.analysis.findings import attribute, findings
from service.analysis.framing import entity_framing
from service.analysis.lemmas import correct_lemmas, lemma_ruler
from service.analysis.model import Analysis, Attribution, Finding, Quote, Sentence
from service.analysis.namecards import blanked
from service.analysis.opinion import ENCODER_FEATURE, OpinionModel, score
from service.analysis.parsing import ParseCache, parse_texts, split_reference_marks
from service.analysis.quote_frames import keep_quote_frames
from service.analysis.roundups import credit_roundups, find_credits, roundup_speakers
from service.analysis.rules import context_rules, one_reading
from service.analysis.segments import Segments, find_quotes, segment
from service.analysis.sentiment import mean_sentiment, sentence_sentiment
from service.analysis.speakers import speakers
from service.analysis.structure import roles
from service.analysis.subjectivity import SubjectivityLexicon
from service.analysis.summary import GenreModel, opinion_share, summarize
from service.analysis.transcripts import credit_turns, find_turns, turn_speakers, with_turns
from service.analysis.voice import (
    contents,
    credited_by_sentence,
    finding_voices,
    sentence_voices,
)
from service.categories import (
    ATTRIBUTION,
    BOOSTER,
    HEDGE,
    LOADED_LANGUAGE,
    Category,
)
from service.config import Settings
from service.lexicon.compile import compile_lexicons
from service.lexicon.match import Hit, LexiconSet, resolve_overlaps

OPINION_MODEL_FILE = "opinion_model.json"
#: The sentence encoder's model and tokenizer, under the lexicon directory.
ENCODER_DIR = "encoder"
SUBJECTIVITY_FILE = "subjectivity.json"
ACTORS_FILE = "actors.json"
GENRE_MODEL_FILE = "genre_model.json"
#: Components of the packaged pipeline the analysis never runs: the sentence recognizer
#: (disabled in en_core_web_sm; the parser sets sentence bounds). Every other component
#: is used: tagger (tags), attribute_ruler (POS), lemmatizer (lexicon lemmas), parser
#: (attribution, negation, sentences), ner (named sources, entity framing, opinion cues).
DEFAULT_EXCLUDE: tuple[str, ...] = ("senter",)
REQUIRED_COMPONENTS = frozenset({"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"})


#: The most sentences of one document the encoder reads (about 1.5 s of CPU): a 9,000-word
#: article at news's 20-odd words per sentence. Its cost is per sentence whatever the
#: sentence's length, so a text cut into thousands of tiny "sentences" would otherwise cost
#: far more per character than prose; past the cap, sentences are scored by the cues alone.
ENCODER_MAX_SENTENCES = 400


def encoded(voices: Sequence[str], cap: int = ENCODER_MAX_SENTENCES) -> frozenset[int]:
    """Return the indices of the sentences the encoder reads: the writer's own, the first ``cap``.

    A quoted or reported sentence's opinion is not the writer's (the summary counts only
    the writer's), so it is scored by the cues alone.
    """
    return frozenset([i for i, v in enumerate(voices) if v == "writer"][:cap])


@dataclass(frozen=True)
class Reading:
    """The span analyzers' results for one parse, and each sentence's opinion cues."""

    segments: Segments
    loaded: tuple[Finding, ...]
    hedges: tuple[Finding, ...]
    boosters: tuple[Finding, ...]
    attributions: tuple[Attribution, ...]
    quotes: tuple[Quote, ...]
    #: Per sentence, the attributions whose content (the words credited to them) overlaps it.
    credited: list[list[int]]
    cues: list[list[Cue]]
    #: Embedded social posts (:mod:`.embeds`): quoted, their signatures credit lines.
    embeds: tuple[Embed, ...] = ()


def label(probability: float, threshold: float, role: str) -> str:
    """Return a sentence's label: opinion or reporting for running text, else structure.

    A crosshead, byline, caption or teaser is the page's furniture, not a sentence to
    label (issue 18): its score is kept, its label says what it is.
    """
    if role != "body":
        return "structure"
    return "opinion" if probability >= threshold else "reporting"


@dataclass(frozen=True)
class Analyzer:
    """The heavy objects, built once per process and shared by every request."""

    nlp: Language
    lexicons: LexiconSet
    opinion: OpinionModel
    vader: SentimentIntensityAnalyzer
    subjectivity: SubjectivityLexicon
    actors: ActorTable
    genre: GenreModel
    #: Parses of recently seen paragraphs, reused by :meth:`analyze` (size 0: none kept).
    cache: ParseCache = field(default_factory=lambda: ParseCache(0))
    #: The sentence encoder's cue (None: the encoder is off). With it, sentences in the
    #: writer's own voice are scored by ``opinion`` (which weighs the cue) and the others
    #: by ``opinion_without_encoder``; without it, every sentence by the latter.
    encoder: EncoderCue | None = None
    opinion_without_encoder: OpinionModel | None = None
    #: The lemmatizer's corrections (:mod:`service.analysis.lemmas`), built with the
    #: pipeline and outside any memory zone, so the lemmas it sets stay in the vocabulary.
    lemmas: Any = None

    @classmethod
    def build(cls, model: str, lexicon_dir: Path, house_dir: Path | None = None,
              exclude: Sequence[str] = DEFAULT_EXCLUDE, cache_paragraphs: int = 0,
              encoder: bool = True) -> Analyzer:
        """Load the spaCy pipeline, compile the lexicons and warm every dependency.

        ``exclude`` names pipeline components not to load; of the used ones only "ner"
        may go (named sources, entity framing and entity cues then find nothing).
        ``cache_paragraphs`` bounds how many paragraphs' parses :meth:`analyze` keeps.
        ``encoder`` loads the sentence encoder (its files' sha256 checked against their
        provenance record) as one more opinion cue.
        """
        needed = sorted(REQUIRED_COMPONENTS & set(exclude))
        if needed:
            raise ValueError(f"cannot exclude {needed}: the lexicon patterns match on tags, "
                             "lemmas and dependencies, and attribution reads the parse")
        # Bounded for every caller (API, CLI, evaluation, bench): hostile text stays linear.
        nlp = keep_quote_frames(bound(split_reference_marks(
            spacy.load(model, exclude=list(exclude)))))
        vader = SentimentIntensityAnalyzer()
        opinion_file = lexicon_dir / OPINION_MODEL_FILE
        record = json.loads(opinion_file.read_text(encoding="utf-8"))
        without = OpinionModel.from_record(record, "without_encoder", opinion_file)
        cue = None
        if encoder:
            cue = EncoderCue.from_head(Encoder.load(lexicon_dir / ENCODER_DIR, verify=True),
                                       record["encoder_head"])
        analyzer = cls(
            nlp=nlp,
            lexicons=compile_lexicons(nlp, lexicon_dir, house_dir),
            opinion=OpinionModel.from_record(record, None, opinion_file) if encoder else without,
            encoder=cue,
            opinion_without_encoder=without,
            vader=vader,
            subjectivity=SubjectivityLexicon.load(lexicon_dir / SUBJECTIVITY_FILE, vader.lexicon),
            actors=ActorTable.load(lexicon_dir / ACTORS_FILE),
            genre=GenreModel.load(lexicon_dir / GENRE_MODEL_FILE),
            cache=ParseCache(cache_paragraphs),
            lemmas=lemma_ruler(nlp.vocab),
        )
        analyzer.warm()
        return analyzer

    @classmethod
    def from_settings(cls, settings: Settings) -> Analyzer:
        """Build the analyzer ``settings`` describe: the one builder of the API, CLI and tools."""
        return cls.build(settings.spacy_model, settings.lexicon_dir, settings.house_lexicon_dir,
                         settings.exclude, settings.parse_cache_paragraphs, settings.encoder)

    def warm(self) -> None:
        """Run one small analysis so the first real request pays no first-use costs."""
        readability_mod.warm()
        self.analyze("Officials said on Monday that it may reportedly be a brutal regime.")
        if self.encoder is not None:
            # onnxruntime plans its kernels on the first call: pay for it here, not in a request.
            self.encoder.value("The council will vote on the budget next week.")

    # spaCy rebuilds ``nlp.meta`` (every component's labels included) on each access,
    # about 0.3 ms: every response names the pipeline, so it is read once.
    @functools.cached_property
    def model_name(self) -> str:
        meta = self.nlp.meta
        return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}"

    @functools.cached_property
    def model_version(self) -> str:
        return str(self.nlp.meta.get("version", "unknown"))

    def analyze(self, text: str) -> Analysis:
        """Parse ``text`` once and run every analyzer on the parse.

        The text is parsed as its paragraphs, and a paragraph parsed recently (an editor
        sending a draft again) comes from the cache (:mod:`service.analysis.parsing`).
        The parse lives in a spaCy memory zone: the strings and lexemes it adds to the
        shared vocabulary are freed on return (the :class:`Analysis` holds only plain
        Python values), so a long-running worker's memory stays flat.
        """
        with self.nlp.memory_zone():
            started = time.perf_counter()
            doc = next(parse_texts(self.nlp, [text], self.cache))
            return self.analyze_doc(doc, parse_seconds=time.perf_counter() - started)

    def analyze_many(self, texts: Iterable[str], batch_size: int = 64,
                     max_words: int = 2000) -> Iterator[Analysis]:
        """Analyse many texts, ``batch_size`` at a time, parsing their paragraphs together.

        The paragraphs of a group of texts go through ``nlp.pipe`` in batches of at most
        ``max_words`` words (runs of non-space), unless one paragraph alone is longer: the
        parser's working memory grows with the words of a batch (eight 2,000-word articles
        at once peak about 200 MB above one at a time), while batching many short pieces
        is what makes ``nlp.pipe`` faster (``rhetoric bench``). Parses are not cached here:
        an archive seldom repeats a paragraph. Each group is parsed and analysed inside
        one memory zone; the texts are read lazily, one group at a time.
        """
        for batch in minibatch(texts, batch_size):
            with self.nlp.memory_zone():
                analyses = [self.analyze_doc(doc)
                            for doc in parse_texts(self.nlp, batch, max_words=max_words)]
            yield from analyses

    def hits(self, doc: Doc) -> dict[str, list[Hit]]:
        """Return the lexicon hits of ``doc`` by category, after the context rules."""
        # The context rules drop hits before overlaps are resolved, so that a dropped hit
        # leaves its words to a shorter reading.
        hits = resolve_overlaps(context_rules(self.lexicons.raw_hits(doc)))
        hits[HEDGE.name], hits[BOOSTER.name] = one_reading(hits[HEDGE.name],
                                                            hits[BOOSTER.name])
        return hits

    def read(self, doc: Doc) -> Reading:
        """Run the span analyzers over a parse: findings, attributions, voices, opinion cues.

        This is what the opinion model scores, so the fitting tool reads cues through it
        too (the cues it is fitted on are the cues the service computes). The model's
        wrong lemmas are set right first, on fresh and cached parses alike.
        """
        if self.lemmas is not None:
            correct_lemmas(self.lemmas, doc)
        segments = segment(doc)
        embeds = find_embeds(segments.text, segments.starts)
        segments = with_posts(segments, doc, embeds)
        turns = find_turns(doc, segments.text)
        segments = with_turns(segments, doc, turns)
        segments = segments.with_quotations(
            block_quotations(doc, segments) + run_on_quotations(segments.text))
        hits = self.hits(doc)
        loaded = findings(hits[LOADED_LANGUAGE.name], segments)
        hedges = findings(hits[HEDGE.name], segments)
        boosters = findings(hits[BOOSTER.name], segments)
        cited = find_attributions(doc, hits, segments)
        cited = outermost(doc, contents(cited, reported_content(doc, cited), segments),
                          segments)
        reported = reported_content(doc, cited)
        attributions = contents(cited, reported, segments)
        attributions, reported = credit(attributions, reported, embeds, segments)
        attributions, reported = credit_turns(attributions, reported, turns, segments)
        roundup = find_credits(segments)
        attributions, reported = credit_roundups(attributions, reported, roundup, segments)
        loaded, hedges, boosters = (finding_voices(attribute(items, reported, segments))
                                    for items in (loaded, hedges, boosters))
        quotes = speakers(find_quotes(doc, segments), attributions, segments)
        quotes = posters(quotes, attributions, embeds)
        quotes = turn_speakers(quotes, attributions, turns)
        quotes = roundup_speakers(quotes, attributions, roundup)
        credited = credited_by_sentence(attributions, segments)

        found: dict[Category, Sequence[Any]] = {
            LOADED_LANGUAGE: loaded, HEDGE: hedges, BOOSTER: boosters, ATTRIBUTION: attributions}
        per_sentence: dict[Category, dict[int, list[Any]]] = {c: defaultdict(list) for c in found}
        for category, items in found.items():
            for item in items:
                per_sentence[category][item.sentence_index].append(item)

        contexts = [SentenceContext(loaded=per_sentence[LOADED_LANGUAGE][i],
                                    hedges=per_sentence[HEDGE][i],
                                    boosters=per_sentence[BOOSTER][i],
                                    attributions=per_sentence[ATTRIBUTION][i],
                                    reported=[(c.start, c.end) for k in credited[i]
                                              if (c := attributions[k].content) is not None])
                    for i in range(len(segments.sentences))]
        return Reading(segments, loaded, hedges, boosters, attributions, quotes, credited,
                       document_cues(doc, segments, self.subjectivity, contexts), embeds)

    def opinion_cues(self, sent: Span, encode: bool, cues: list[Cue],
                     plain: str) -> tuple[OpinionModel, list[Cue]]:
        """Return the model that scores a sentence and its cues, the encoder's included.

        ``encode`` says whether the encoder reads this sentence (:func:`encoded`); it reads
        ``plain``, the sentence with any name card blanked (:mod:`.namecards`).
        """
        if self.encoder is None or not encode:
            return self.opinion_without_encoder or self.opinion, cues
        value = round(self.encoder.value(plain), 4)
        return self.opinion, [*cues, Cue(ENCODER_FEATURE, sent.start_char, sent.end_char,
                                         sent.text, value)]

    def analyze_doc(self, doc: Doc, parse_seconds: float = 0.0) -> Analysis:
        """Run every analyzer over an already parsed document."""
        started = time.perf_counter()
        reading = self.read(doc)
        segments, sentence_cues = reading.segments, reading.cues
        text = segments.text
        plain = blanked(text)  # name cards read as blank space, as the parser read them
        loaded, hedges, boosters = reading.loaded, reading.hedges, reading.boosters
        attributions, quotes = reading.attributions, reading.quotes
        voices = sentence_voices(segments, attributions, quotes, reading.credited)
        sentence_roles = embed_roles(roles(segments), segments, reading.embeds)
        to_encode = encoded([v for v, _ in voices])
        sentences, thresholds = [], []
        for i, sent in enumerate(segments.sentences):
            own_text = plain[sent.start_char:sent.end_char]
            model, cues = self.opinion_cues(sent, i in to_encode, sentence_cues[i], own_text)
            probability, reasons = score(model, cues)
            thresholds.append(model.threshold)
            sentences.append(
                Sentence(
                    index=i,
                    start=sent.start_char,
                    end=sent.end_char,
                    text=sent.text,
                    label=label(probability, model.threshold, sentence_roles[i]),
                    opinion_score=probability,
                    reasons=reasons,
                    sentiment=sentence_sentiment(self.vader, own_text),
                    voice=voices[i][0],
                    attribution_index=voices[i][1],
                    role=sentence_roles[i],
                )
            )
        sentiments = [s.sentiment for s in sentences]
        document_sentiment = mean_sentiment(sentiments)
        readability = readability_mod.readability(plain, len(sentences))
        entities = entity_framing(doc, segments, sentiments, loaded, self.actors)
        counts = {LOADED_LANGUAGE.name: len(loaded), BOOSTER.name: len(boosters),
                  HEDGE.name: sum(h.type not in NOT_THE_WRITERS_HEDGE for h in hedges)}
        summary = summarize(text, sentences, counts, attributions, document_sentiment,
                            readability, self.genre, loaded)
        # The genre read from the sentences' own evidence is their context (.context).
        sentences = in_context(sentences, thresholds, document_shift(
            self.genre.opinion_prior, summary.genre, summary.genre_score))
        summary = replace(summary, opinion_share=opinion_share(sentences))
        return Analysis(
            text=text,
            sentences=tuple(sentences),
            loaded_language=loaded,
            hedges=hedges,
            boosters=boosters,
            attributions=attributions,
            quotes=quotes,
            readability=readability,
            sentiment=document_sentiment,
            entities=entities,
            summary=summary,
            timings={"parse_ms": round(parse_seconds * 1000, 2),
                     "analyze_ms": round((time.perf_counter() - started) * 1000, 2)},
        )
