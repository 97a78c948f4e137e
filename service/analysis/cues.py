"""Opinion and reporting cues: what in a sentence pushes it towards either label.

The cues feed the model of :mod:`service.analysis.opinion`. Word classes live in
``rhetoric_lexicons/subjectivity.json`` (:mod:`service.analysis.subjectivity`).
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
- the other analyzers: loaded_term, booster, hedge, attribution (each category's
  ``cue`` in :mod:`service.categories`); quotations: direct_quote, scare_quote.

References: Wiebe et al. 2004, Learning Subjective Language; Biber 1988, Variation
across Speech and Writing; Martin and White 2005, The Language of Evaluation.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from service.analysis.labels import NAMED_ENTITY_CUE_LABELS, NUMBER_LABELS, TIME_LABELS
from service.analysis.model import Attribution, Finding
from service.analysis.segments import Segments, is_reference_mark
from service.analysis.subjectivity import SubjectivityLexicon
from service.categories import ATTRIBUTION, BOOSTER, HEDGE, LOADED_LANGUAGE

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


@dataclass(frozen=True)
class Cue:
    """A span that pushes a sentence towards opinion or reporting; ``value`` is its amount."""

    name: str
    start: int
    end: int
    text: str
    value: float = 1.0


#: Hedge types that are not the writer hedging a claim: a quantity approximator ("up to
#: 30 grams", "as much as 8.6 percent") states a range, so it gives no hedge cue.
NOT_THE_WRITERS_HEDGE = frozenset({"approximator"})


@dataclass(frozen=True)
class SentenceContext:
    """What the other analyzers found in one sentence."""

    loaded: Sequence[Finding]
    hedges: Sequence[Finding]
    boosters: Sequence[Finding]
    attributions: Sequence[Attribution]
    #: Character ranges of reported content (:mod:`.voice`) in the sentence: words the
    #: writer credits to a source, which give no cue of the writer's own view.
    reported: Sequence[tuple[int, int]] = ()


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
    """Return whether a name is set off by a comma at either end of the sentence: "Sorry, Kim.".

    A name is a noun: a sentence adverb the entity recognizer takes for a name
    ("Worldwide, the virus has claimed ...") addresses no one.
    """
    if ent.root.pos_ not in {"PROPN", "NOUN"}:
        return False
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
    quoted = (_quoted_test(segments, open_quote, ctx.reported)
              if open_quote is not None or ctx.reported
              or segments.quoted_within(sent.start_char, sent.end_char)
              else _never)
    words = list(sent) if tokens is None else tokens[sent.start:sent.end]
    out, first, count = _word_cues(words, ctx, lex, quoted)
    out.extend(_clause_cues(sent, words, first, count, quoted, out))
    out.extend(_entity_cues(sent, ents, quoted))
    for name, group in ((LOADED_LANGUAGE.cue, ctx.loaded), (BOOSTER.cue, ctx.boosters),
                        (HEDGE.cue, ctx.hedges)):
        out.extend(Cue(name, f.term_start, f.term_end, f.term_text) for f in group
                   if not (f.quoted or quoted(f.term_start, f.term_end))
                   and f.type not in NOT_THE_WRITERS_HEDGE)
    out.extend(Cue(ATTRIBUTION.cue, a.start, a.end, a.text) for a in ctx.attributions)
    out.extend(_quote_cues(sent, ctx, segments, text, open_quote))
    return out


def _never(start: int, end: int) -> bool:
    return False


def _quoted_test(segments: Segments, open_quote: tuple[int, int] | None,
                 reported: Sequence[tuple[int, int]] = ()) -> Callable[[int, int], bool]:
    """Return a test of whether a range is someone else's words.

    That is: in a quotation, in ``open_quote``, or in one of the ``reported`` ranges.
    """

    def quoted(start: int, end: int) -> bool:
        return segments.in_quote(start, end) or (
            open_quote is not None and open_quote[0] <= start and end <= open_quote[1]) or (
            any(a <= start and end <= b for a, b in reported))

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
        elif ent.label_ in NAMED_ENTITY_CUE_LABELS:
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

