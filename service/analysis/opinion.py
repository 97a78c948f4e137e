"""Opinion versus reporting: a logistic model over interpretable sentence cues.

Each sentence yields cues: spans that signal the writer's own view (first and second
person, judgement words, obligation modals, rhetorical questions) or plain reporting
(attribution, direct quotation, dates, numbers, named actors, past-tense events). The
cues of one kind are summed and put through that feature's transform; the model adds
``weight * transform(total)`` per feature to an intercept and takes the logistic of the
sum. Every feature's contribution is split over the cues that made it, so each label
comes with ``reasons``: the cue, its span and its signed share of the log-odds.

Word classes live in ``rhetoric_lexicons/subjectivity.json``; weights and transforms
in ``rhetoric_lexicons/opinion_model.json`` (fitted by ``rhetoric-dev fit-opinion``,
``tools/rhetoric_tools/fit_opinion.py``).
Words inside a direct quotation are the speaker's, not the writer's, so they give no
opinion cue; a word a lexicon finding covers counts once, as that finding.

The cues, by where they come from:

- word classes of ``subjectivity.json``: first_person, second_person,
  third_person_plural, demonstrative, obligation_modal, possibility_modal,
  stance_adverb, degree_adverb, focus_particle, argument_marker, universal,
  mental_verb, appraisal_adjective, evaluative_noun, evaluative_verb, contraction,
  discourse_opener (first word only);
- VADER's valence lexicon: sentiment_word (value ``|valence| / 4``);
- part of speech and parse: evaluative_adverb ("-ly" from an evaluative adjective),
  ly_adverb, superlative, comparative, predicative_adjective, descriptive_adjective,
  classifying_adjective, negation, past_tense, present_tense, passive,
  copular_judgement, generic_subject, imperative, question, rhetorical_question,
  exclamation, fragment, length (value: the word count);
- named entities: date, vague_time, number, person, named_entity, direct_address;
- the other analyzers: loaded_term, booster, hedge, attribution; quotations:
  direct_quote, scare_quote.

References: Wiebe et al. 2004, Learning Subjective Language; Biber 1988, Variation
across Speech and Writing; Martin and White 2005, The Language of Evaluation.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from service.analysis.model import Attribution, Finding, Reason
from service.analysis.segments import Segments, is_reference_mark

#: Named-entity labels that count as named actors and places (a reporting cue).
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW"})
NUMBER_LABELS = frozenset({"CARDINAL", "PERCENT", "MONEY", "QUANTITY"})
TIME_LABELS = frozenset({"DATE", "TIME"})
#: A quotation of at most this many words, in a sentence attributing nothing to anyone, is
#: a scare quote: the writer's framing ("racial “equity”"), not someone's reported words.
SCARE_QUOTE_WORDS = 3
#: Single curly quotation marks around a short phrase, opened after a space or bracket.
_SINGLE_QUOTE = re.compile(r"(?:(?<=^)|(?<=[\s(\[]))‘[^’\n]{1,60}’(?![a-z])")
#: A question that also carries one of these cues ("What could possibly go wrong?",
#: "Wouldn't it be reassuring?") argues rather than asks: a rhetorical question.
RHETORICAL_MARKERS = frozenset({
    "first_person", "second_person", "obligation_modal", "possibility_modal", "negation",
    "universal", "stance_adverb", "degree_adverb", "focus_particle", "mental_verb",
    "appraisal_adjective", "sentiment_word", "contraction"})
#: Opening quotation marks and the mark that closes each.
CLOSING_QUOTES = {"“": "”", "‘": "’", '"': '"', "«": "»"}
OPENING_QUOTES = frozenset(CLOSING_QUOTES)
#: A closing mark; "’" closes a quote only when no letter follows ("don’t" is no close).
_CLOSING = {o: re.compile(re.escape(c) + ("(?![A-Za-z])" if c == "’" else ""))
            for o, c in CLOSING_QUOTES.items()}
_CONTENT_POS = frozenset({"ADJ", "ADV", "NOUN", "VERB", "INTJ"})
TRANSFORMS = ("count", "log", "binary", "sqrt")


@dataclass(frozen=True)
class Feature:
    """One feature of the model: its weight and how its cue total is transformed."""

    weight: float
    transform: str
    #: Subtracted from the transformed total, so that a cue every sentence has (its
    #: length) counts only by how far it is from the typical sentence of the fitting data.
    center: float = 0.0

    def contribution(self, total: float) -> float:
        """Return this feature's signed contribution to the log-odds."""
        return self.weight * (transform(self.transform, total) - self.center)


def transform(kind: str, total: float) -> float:
    """Apply a named transform to a cue total."""
    if kind == "count":
        return total
    if kind == "log":
        return math.log1p(total)
    if kind == "sqrt":
        return math.sqrt(total)
    if kind == "binary":
        return 1.0 if total > 0 else 0.0
    raise ValueError(f"unknown transform {kind!r}")


@dataclass(frozen=True)
class OpinionModel:
    """Weights of the cue model, as stored in its JSON file."""

    intercept: float
    threshold: float
    features: dict[str, Feature]
    fitted_on: str

    @classmethod
    def load(cls, path: Path) -> OpinionModel:
        """Read the model file."""
        data = json.loads(path.read_text(encoding="utf-8"))
        features = {}
        for name, spec in data["features"].items():
            if spec["transform"] not in TRANSFORMS:
                raise ValueError(f"{path}: feature {name}: unknown transform {spec['transform']!r}")
            features[name] = Feature(float(spec["weight"]), str(spec["transform"]),
                                     float(spec.get("center", 0.0)))
        return cls(float(data["intercept"]), float(data["threshold"]), features,
                   str(data["fitted_on"]))


@dataclass(frozen=True)
class WordClass:
    """A class of cue words, optionally restricted to some POS tags."""

    name: str
    words: frozenset[str]
    pos: frozenset[str]


@dataclass(frozen=True)
class SubjectivityLexicon:
    """The word classes of ``subjectivity.json``, indexed for one look-up per token."""

    classes: tuple[WordClass, ...]
    openers: frozenset[str]
    classifying_suffixes: tuple[str, ...]
    sentiment: Mapping[str, float]
    index: Mapping[str, tuple[WordClass, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        index: dict[str, list[WordClass]] = defaultdict(list)
        for wc in self.classes:
            for word in wc.words:
                index[word].append(wc)
        object.__setattr__(self, "index", {w: tuple(v) for w, v in index.items()})

    @classmethod
    def load(cls, path: Path, sentiment: Mapping[str, float]) -> SubjectivityLexicon:
        """Read the word classes; ``sentiment`` is VADER's word-valence lexicon."""
        data = json.loads(path.read_text(encoding="utf-8"))
        classes = []
        openers: frozenset[str] = frozenset()
        for name, spec in data["classes"].items():
            words = frozenset(w.lower() for w in spec["words"])
            if name == "discourse_opener":
                openers = words
                continue
            classes.append(WordClass(name, words, frozenset(spec.get("pos", []))))
        suffixes = tuple(data["classifying_adjective_suffixes"]["suffixes"])
        return cls(tuple(classes), openers, suffixes, sentiment)

    def is_evaluative_adverb(self, lower: str) -> bool:
        """Return whether an "-ly" adverb comes from an evaluative adjective ("recklessly")."""
        stem = lower[:-2]
        bases = {stem, stem + "e", lower[:-1] + "e",  # "recklessly", "terribly"
                 stem[:-1] + "y" if stem.endswith("i") else stem,  # "happily"
                 lower[:-4] if lower.endswith("ically") else stem}  # "ironically"
        return any(b in self.sentiment or any(wc.name == "appraisal_adjective"
                                              for wc in self.index.get(b, ()))
                   for b in bases)

    def word_class(self, tok: Token) -> str | None:
        """Return the class of ``tok``, or None."""
        for wc in self.index.get(tok.lower_, ()):
            if not wc.pos or tok.pos_ in wc.pos:
                return wc.name
        return None


@dataclass(frozen=True)
class Cue:
    """A span that pushes a sentence towards opinion or reporting; ``value`` is its amount."""

    name: str
    start: int
    end: int
    text: str
    value: float = 1.0


@dataclass(frozen=True)
class SentenceContext:
    """What the other analyzers found in one sentence."""

    loaded: Sequence[Finding]
    hedges: Sequence[Finding]
    boosters: Sequence[Finding]
    attributions: Sequence[Attribution]


def entities_by_sentence(doc: Doc, segments: Segments) -> list[list[Span]]:
    """Return the entities of each sentence, in one pass over ``doc.ents``."""
    out: list[list[Span]] = [[] for _ in segments.sentences]
    if not out:
        return out
    for ent in doc.ents:
        out[segments.sentence_of(ent.start_char)].append(ent)
    return out


def _tok_cue(name: str, tok: Token, value: float = 1.0) -> Cue:
    return Cue(name, tok.idx, tok.idx + len(tok.text), tok.text, value)


def _span_cue(name: str, span: Span, value: float = 1.0) -> Cue:
    return Cue(name, span.start_char, span.end_char, span.text, value)


def _is_imperative(sent: Span, first: Token) -> bool:
    root = sent.root
    return (root.tag_ == "VB" and root.i == first.i
            and not any(c.dep_ in {"nsubj", "nsubjpass", "expl", "aux"} for c in root.children))


def _open_quote(sent: Span, text: str) -> tuple[int, int] | None:
    """Return the span of a quotation left open at either end of the sentence, if any.

    News style opens each paragraph of a multi-paragraph quotation with a quotation mark
    and closes only the last, so a sentence that opens a quote it never closes (or closes
    one it never opened) is someone's speech running past the sentence.
    """
    start, end = sent.start_char, sent.end_char
    body = text[start:end]
    if body[:1] in OPENING_QUOTES and not _CLOSING[body[0]].search(body, 1):
        return start, end
    stripped = body.rstrip(".!?)]")
    if stripped.endswith("”") and "“" not in body:
        return start, start + len(stripped)
    return None


def _is_vocative(sent: Span, ent: Span) -> bool:
    """Return whether a name is set off by a comma at either end of the sentence: "Sorry, Kim."."""
    doc = sent.doc
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if not words:
        return False
    at_end = (words[-1].i == ent.end - 1 and ent.start > sent.start
              and doc[ent.start - 1].text == ",")
    at_start = (words[0].i == ent.start and ent.end < sent.end and doc[ent.end].text == ","
                and ent.root.dep_ not in {"nsubj", "nsubjpass"})
    return at_end or at_start


def _adjective_cue(tok: Token, lex: SubjectivityLexicon) -> str:
    if tok.dep_ in {"acomp", "attr", "oprd"} or (tok.dep_ == "ROOT"):
        return "predicative_adjective"
    if tok.ent_type_ == "NORP" or tok.lower_.endswith(lex.classifying_suffixes):
        return "classifying_adjective"
    return "descriptive_adjective"


def _degree_cue(tok: Token) -> str | None:
    tag = tok.tag_
    if tag in {"JJS", "RBS"}:
        return "superlative"
    if tag in {"JJR", "RBR"}:
        return "comparative"
    return None


def cues(
    sent: Span,
    ctx: SentenceContext,
    segments: Segments,
    lex: SubjectivityLexicon,
    ents: Sequence[Span] = (),
    text: str | None = None,
    tokens: Sequence[Token] | None = None,
) -> list[Cue]:
    """Return the opinion and reporting cues of one sentence.

    ``text`` is the document's text and ``tokens`` its tokens: spaCy rebuilds ``Doc.text``
    on each access and a new Token at each look, so a caller with many sentences passes
    both in.
    """
    if text is None:
        text = sent.doc.text
    open_quote = _open_quote(sent, text)
    quoted = (_quoted_test(segments, open_quote)
              if open_quote is not None or segments.quoted_within(sent.start_char, sent.end_char)
              else _never)
    words = list(sent) if tokens is None else tokens[sent.start:sent.end]
    out, first, count = _word_cues(words, ctx, lex, quoted)
    out.extend(_clause_cues(sent, words, first, count, quoted, out))
    out.extend(_entity_cues(sent, ents, quoted))
    for name, group in (("loaded_term", ctx.loaded), ("booster", ctx.boosters),
                        ("hedge", ctx.hedges)):
        out.extend(Cue(name, f.term_start, f.term_end, f.term_text) for f in group
                   if not (f.quoted or quoted(f.term_start, f.term_end)))
    out.extend(Cue("attribution", a.start, a.end, a.text) for a in ctx.attributions)
    out.extend(_quote_cues(sent, ctx, segments, text, open_quote))
    return out


def _never(start: int, end: int) -> bool:
    return False


def _quoted_test(segments: Segments,
                 open_quote: tuple[int, int] | None) -> Callable[[int, int], bool]:
    """Return a test of whether a range lies in a quotation or in ``open_quote``."""

    def quoted(start: int, end: int) -> bool:
        return segments.in_quote(start, end) or (
            open_quote is not None and open_quote[0] <= start and end <= open_quote[1])

    return quoted


def _word_cues(
    tokens: Sequence[Token], ctx: SentenceContext, lex: SubjectivityLexicon,
    quoted: Callable[[int, int], bool],
) -> tuple[list[Cue], Token | None, int]:
    """Return the cues of a sentence's single words (``tokens``) outside quotes, the first
    such word, and the word count."""
    out: list[Cue] = []
    covered = [(f.term_start, f.term_end)
               for group in (ctx.loaded, ctx.hedges, ctx.boosters) for f in group]
    covered += [(a.start, a.end) for a in ctx.attributions]
    words = 0
    first: Token | None = None
    for tok in tokens:
        if tok.is_punct or tok.is_space:
            continue
        words += 1
        if quoted(tok.idx, tok.idx + len(tok)):
            continue
        if first is None:
            first = tok
            if tok.lower_ in lex.openers and tok.i < tokens[-1].i:
                out.append(_tok_cue("discourse_opener", tok))
                continue
        if any(s <= tok.idx < e for s, e in covered):
            continue  # the lexicon finding is the cue
        if tok.dep_ == "neg":
            out.append(_tok_cue("negation", tok))
        name = _word_class(tok, lex)
        if name == "sentiment_word":
            out.append(_tok_cue(name, tok, abs(lex.sentiment[tok.lower_]) / 4.0))
        elif name is not None:
            out.append(_tok_cue(name, tok))
        if tok.tag_ == "VBD" and _tells_a_past(tok):
            out.append(_tok_cue("past_tense", tok))
        elif tok.tag_ in {"VBZ", "VBP"}:
            out.append(_tok_cue("present_tense", tok))
        if tok.dep_ == "auxpass":
            out.append(_tok_cue("passive", tok))
    return out, first, words


def _tells_a_past(verb: Token) -> bool:
    """Return whether a verb tagged past tense narrates: it has a subject, or shares one.

    The tagger reads some imperatives ("read on") and bare forms after a modal ("can
    provoke") as past tense; neither has a subject of its own or follows a modal. A past
    auxiliary ("was attacked", "had withdrawn", "did not comment") shares its verb's.
    """
    if any(child.tag_ == "MD" for child in verb.children):
        return False
    if verb.dep_ in {"aux", "auxpass"}:
        verb = verb.head
    return verb.dep_ in {"conj", "relcl"} or any(
        child.dep_ in {"nsubj", "nsubjpass", "expl"} for child in verb.children)


def _word_class(tok: Token, lex: SubjectivityLexicon) -> str | None:
    """Return the cue of one word: its lexicon class first, then VADER, then its POS."""
    name = lex.word_class(tok) if tok.ent_iob_ == "O" else None
    if name == "contraction" and tok.tag_ == "POS":
        name = None  # the possessive "'s" is no contraction
    if name is not None:
        return name
    if tok.pos_ == "ADJ" and tok.lower_ in lex.sentiment:
        return "sentiment_word"
    if (degree := _degree_cue(tok)) is not None:
        return degree
    if tok.pos_ == "ADJ" and tok.ent_type_ in {"", "NORP"}:
        return _adjective_cue(tok, lex)
    if tok.pos_ in _CONTENT_POS and tok.lower_ in lex.sentiment:
        return "sentiment_word"
    if tok.pos_ == "ADV" and tok.lower_.endswith("ly"):
        return "evaluative_adverb" if lex.is_evaluative_adverb(tok.lower_) else "ly_adverb"
    return None


def _clause_cues(sent: Span, tokens: Sequence[Token], first: Token | None, words: int,
                 quoted: Callable[[int, int], bool], found: Sequence[Cue]) -> list[Cue]:
    """Return the cues of the sentence's shape (``tokens``: its tokens): copula, subject,
    mood, length."""
    out: list[Cue] = []
    root = sent.root
    root_quoted = quoted(root.idx, root.idx + len(root))
    if root.lemma_ == "be" and not root_quoted and any(
            c.dep_ in {"acomp", "attr"} for c in root.children):
        out.append(_tok_cue("copular_judgement", root))
    if root.tag_ in {"VBP", "VBZ"} and not root_quoted:
        for c in root.children:
            if c.dep_ == "nsubj" and c.tag_ in {"NNS", "NNPS"} and not any(
                    g.dep_ in {"det", "poss", "nummod"} for g in c.children):
                out.append(_tok_cue("generic_subject", c))
    if first is not None and _is_imperative(sent, first):
        out.append(_tok_cue("imperative", first))
    last = tokens[-1]
    if not quoted(last.idx, last.idx + len(last)):
        if "?" in last.text:
            stance = any(c.name in RHETORICAL_MARKERS for c in found)
            out.append(_tok_cue("rhetorical_question" if stance else "question", last))
        elif "!" in last.text:
            out.append(_tok_cue("exclamation", last))
    if words and not any(t.pos_ in {"VERB", "AUX"} for t in tokens):
        out.append(_span_cue("fragment", sent))
    out.append(_span_cue("length", sent, float(words)))
    return out


def _entity_cues(sent: Span, ents: Sequence[Span],
                 quoted: Callable[[int, int], bool]) -> list[Cue]:
    """Return the cues of named entities outside quotes: dates, numbers, actors, address."""
    out: list[Cue] = []
    for ent in ents:
        if quoted(ent.start_char, ent.end_char):
            continue
        if ent.label_ == "PERSON" and _is_vocative(sent, ent):
            out.append(_span_cue("direct_address", ent))
        elif ent.label_ in TIME_LABELS:
            # "March 3", "on Tuesday", "in 2022" pin an event down; "decades", "these
            # days" are the vague time of argument.
            specific = any(t.is_digit or t.like_num or t.pos_ == "PROPN" for t in ent)
            out.append(_span_cue("date" if specific else "vague_time", ent))
        elif ent.label_ in NUMBER_LABELS:
            if not _is_pronominal_one(ent) and not _is_citation_mark(ent):
                out.append(_span_cue("number", ent))
        elif ent.label_ == "PERSON":
            out.append(_span_cue("person", ent))
        elif ent.label_ in ACTOR_LABELS:
            out.append(_span_cue("named_entity", ent))
    return out


def _is_pronominal_one(ent: Span) -> bool:
    """Return whether a number is the "one" of "one of the poorest": no count of anything."""
    doc = ent.doc
    return ent.text.lower() == "one" and ent.end < len(doc) and doc[ent.end].lower_ == "of"


def _is_citation_mark(ent: Span) -> bool:
    """Return whether a number is a bracketed reference mark ("[1]"), not a figure."""
    return len(ent) == 1 and is_reference_mark(ent.doc, ent.start)


def _quote_cues(sent: Span, ctx: SentenceContext, segments: Segments, text: str,
                open_quote: tuple[int, int] | None) -> list[Cue]:
    """Return direct quotations (a reporting cue) and scare quotes (an opinion cue)."""
    out: list[Cue] = []
    i = bisect_left(segments.quotes, (sent.start_char, -1))
    while i < len(segments.quotes) and segments.quotes[i][0] < sent.end_char:
        start, end = segments.quotes[i]
        quote = text[start:end]
        short = len(quote.split()) <= SCARE_QUOTE_WORDS and not ctx.attributions
        out.append(Cue("scare_quote" if short else "direct_quote", start, end, quote))
        i += 1
    if open_quote is not None:
        out.append(Cue("direct_quote", *open_quote, text[open_quote[0]:open_quote[1]]))
    for m in _SINGLE_QUOTE.finditer(text, sent.start_char, sent.end_char):
        if len(m.group().split()) <= SCARE_QUOTE_WORDS:
            out.append(Cue("scare_quote", m.start(), m.end(), m.group()))
    return out


def document_cues(
    doc: Doc,
    segments: Segments,
    lex: SubjectivityLexicon,
    contexts: Sequence[SentenceContext],
) -> list[list[Cue]]:
    """Return the cues of every sentence of ``doc``; ``contexts`` holds one per sentence."""
    ents = entities_by_sentence(doc, segments)
    text = segments.text
    tokens = list(doc)
    return [cues(sent, ctx, segments, lex, sent_ents, text, tokens)
            for sent, ctx, sent_ents in zip(segments.sentences, contexts, ents, strict=True)]


def totals(found: Iterable[Cue]) -> dict[str, float]:
    """Return the summed cue values per cue name."""
    out: dict[str, float] = defaultdict(float)
    for c in found:
        out[c.name] += c.value
    return dict(out)


def score(model: OpinionModel, found: Sequence[Cue]) -> tuple[float, tuple[Reason, ...]]:
    """Return P(opinion) and the reasons, strongest first."""
    sums = totals(found)
    contribution = {name: model.features[name].contribution(total)
                    for name, total in sums.items() if name in model.features}
    reasons = []
    for c in found:
        share = contribution.get(c.name, 0.0)
        if share and sums[c.name]:
            weight = round(share * c.value / sums[c.name], 4)
            if weight:
                reasons.append(Reason(c.name, c.start, c.end, c.text, weight))
    logit = model.intercept + sum(contribution.values())
    probability = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))
    reasons.sort(key=lambda r: (-abs(r.weight), r.start))
    return round(probability, 4), tuple(reasons)
