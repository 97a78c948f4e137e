"""Whose words these are: the writer's, a direct quotation's, or reported speech.

News copy mixes three voices. The writer asserts ("The council met on Monday"); a
source is quoted in its own words ('"We will not back down," the mayor said'); a source
is reported in the writer's words ("Health officials believe the true number is ten
times higher"). Only the first is the writer's opinion: a quoted or reported opinion is
reporting (the CheckThat! subjectivity guidelines call a sentence subjective when it
carries its author's own view).

- An attribution's ``content`` is what it credits to its source: the clauses a
  reporting verb reports (:func:`service.analysis.attribution.reported_content`), or,
  where the parse links none, the direct quotation it frames in its sentence ('"...,"
  she said'), or the one its sentence introduces with a colon ('He said: "..."').
- A quotation's ``speaker`` is found by :mod:`service.analysis.speakers`.
- A sentence's voice is decided by its letters: those inside quotations, those inside
  reported content (outside quotations), and the writer's own (less the frame: the cue,
  its source and the rest of the cue's clause, such as a description of the source or
  the circumstances of the saying, which introduce someone else's words). The larger
  share of someone else's words against the writer's own wins; on a tie the writer
  keeps the sentence.
- A finding is quoted inside a quotation, reported inside reported content, else the
  writer's.

References: AP Stylebook, "quotations in the news" and "attribution"; Pareti 2016,
PARC 3.0 (attribution relations: cue, source, content); CheckThat! 2024 subjectivity
annotation guidelines.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence

from spacy.tokens import Span, Token

from service.analysis.frames import copular
from service.analysis.model import Attribution, Finding, Quote, TextSpan
from service.analysis.parallel import after_its_quotation
from service.analysis.segments import Segments
from service.analysis.structure import after_dateline
from service.analysis.titles import composition_title, title_at

WRITER, QUOTED, REPORTED = "writer", "quoted", "reported"
#: The entry of nouns of saying ("statement", "claim", "proposal"): its words are credited,
#: but the sentence around it is the writer's.
NOUN_CUE = "attribution.noun.statement"
#: Characters trimmed from the ends of a content span: space and the punctuation that
#: joins a reported clause to its frame ("the data were wrong, the minister said").
_TRIM = " \t\r\n,;:—–-"


def contents(attributions: Sequence[Attribution], reported: Sequence[tuple[int, int, int]],
             segments: Segments) -> tuple[Attribution, ...]:
    """Return the attributions with their ``content``: the words credited to the source."""
    ranges: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for start, end, index in reported:
        ranges[index].append((start, end))
    cues = [(a.start, a.end) for a in attributions]
    out = []
    for index, attribution in enumerate(attributions):
        span = None
        # Pieces without a letter (the full stop after "..., according to the ministry.")
        # are no content; a claim split by its frame spans first start to last end, as
        # PolNeAR marks a content in fragments.
        # A piece that starts inside the cue starts after it: "made clear [that] ...".
        pieces = [(c, b) for a, b in ranges[index] if _letters(segments.text, c := (
            max(a, attribution.end) if attribution.start <= a < attribution.end else a), b)]
        if pieces:
            first, last = _whole_quotes(segments, min(a for a, _ in pieces),
                                        max(b for _, b in pieces))
            # "WASHINGTON (AP) — The girl was hurt, police said": not the dateline
            span = _trimmed(segments.text, after_dateline(segments.text, first), last)
        if span is None and attribution.source is not None:
            # A quotation is credited to a speaker: a cue with no one named ("was
            # criticized for her vote, which she called 'a mistake'") takes none.
            span = _framed_quote(attribution, segments, cues)
        out.append(dataclasses.replace(attribution, content=span))
    return tuple(out)


def _whole_quotes(segments: Segments, start: int, end: int) -> tuple[int, int]:
    """Widen a range that starts or ends inside a quotation to the whole quotation.

    The parse ends a reported clause at its last word, inside the closing quotation
    mark ('He said the plan was "a disaster for the party."'); the words credited run to
    the mark.
    """
    quotes = segments.quotes
    i = bisect_right(quotes, (end, -1)) - 1  # the last quotation opening before ``end``
    if i >= 0 and quotes[i][0] < end < quotes[i][1]:
        end = quotes[i][1]
    i = bisect_right(quotes, (start, -1)) - 1
    if i >= 0 and quotes[i][0] < start < quotes[i][1]:
        start = quotes[i][0]
    return start, end


def _trimmed(text: str, start: int, end: int) -> TextSpan | None:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return TextSpan(start, end, text[start:end]) if end > start else None


def _framed_quote(attribution: Attribution, segments: Segments,
                  cues: Sequence[tuple[int, int]] = ()) -> TextSpan | None:
    """Return the quotation an attribution frames in its sentence, or introduces with ':'.

    Not one that another cue introduces right before it or frames right after it (``cues``:
    the spans of the document's cues): 'said on CNN that she is frustrated but added:
    "..."' gives the quotation to "added".
    """
    sentence = segments.sentences[attribution.sentence_index]
    start, end = sentence.start_char, sentence.end_char
    cue = _cue(sentence, attribution)
    if cue is not None and after_its_quotation(cue) is not None:
        start = max(start, cue.idx)  # 'said X "..." and called it': what follows is its own
    if cue is not None and _heads_a_clause(cue):
        # '"That's why ..." when he spoke about the outbreak': a frame inside the
        # writer's "when" clause credits no quotation before that clause.
        start = max(start, cue.left_edge.idx)
    best: tuple[int, int, int] | None = None
    for q_start, q_end in _quotes_between(segments, start, end):
        if q_start <= attribution.start < q_end:
            return None  # the cue is inside the quotation: someone quoted saying something
        if title_at(segments.text, q_start, q_end):
            continue  # 'said on CNN's "New Day" that ...': a programme's name, not words
        if any(_frames(cue, (q_start, q_end), attribution) for cue in cues):
            continue  # another frame introduces it: '... but added: "..."', '"...," he said'
        distance = attribution.start - q_end if q_end <= attribution.start else (
            q_start - attribution.end)
        if best is None or distance < best[0]:
            best = (distance, q_start, q_end)
    if best is None and segments.text[start:end].rstrip().endswith(":"):
        following = _quotes_between(segments, end, end + 3)
        if following:
            best = (0, *following[0])
    if best is None:
        return None
    return TextSpan(best[1], best[2], segments.text[best[1]:best[2]])


#: At most this many characters between a frame and the quotation it introduces or closes.
_NEXT_TO = 3


def _frames(cue: tuple[int, int], quote: tuple[int, int], farther: Attribution) -> bool:
    """Return whether ``cue``, between ``farther`` and the quotation, frames it: it ends
    right before the quotation, or starts right after it."""
    (c_start, c_end), (q_start, q_end) = cue, quote
    return (farther.end <= c_start and 0 <= q_start - c_end <= _NEXT_TO
            or c_end <= farther.start and 0 <= c_start - q_end <= _NEXT_TO)


def _quotes_between(segments: Segments, start: int, end: int) -> list[tuple[int, int]]:
    """Return the quotations that start in ``[start, end)`` or overlap it."""
    i = max(0, bisect_left(segments.quotes, (start, -1)) - 1)
    out = []
    while i < len(segments.quotes) and segments.quotes[i][0] < end:
        q = segments.quotes[i]
        if q[1] > start:
            out.append(q)
        i += 1
    return out


#: Dependents of a cue that start a clause of their own: "Trump said X, and the market fell".
_OWN_CLAUSE = frozenset({"conj", "cc", "parataxis"})


def _clause(sentence: Span, attribution: Attribution) -> tuple[int, int] | None:
    """Return the character range of the clause an attribution's cue heads in ``sentence``.

    The cue's words, its source with any description of it ("Koroglu, who was working
    nearby"), and the circumstances of the saying ("in response to questions from ...")
    frame the words credited; a clause joined to the cue's ("..., and the market fell")
    is the writer's own.
    """
    # Document offsets: Span.char_span would count from the sentence's start.
    span = sentence.doc.char_span(attribution.start, attribution.end, alignment_mode="expand")
    if span is None or not len(span) or not sentence.start <= span.root.i < sentence.end:
        return None
    cue = span.root
    start, end = cue.idx, cue.idx + len(cue)
    for child in cue.children:
        if child.dep_ in _OWN_CLAUSE:
            continue
        start = min(start, child.left_edge.idx)
        end = max(end, child.right_edge.idx + len(child.right_edge))
    return max(start, sentence.start_char), min(end, sentence.end_char)


#: Conjunctions of an adverbial clause that sets a report in the writer's sentence: "nobody
#: objected when the chairman called for a voice vote", "after he said ...". Not "as":
#: "as the minister said, ..." frames the sentence.
_SUBORDINATORS = frozenset({"when", "whenever", "after", "before", "because", "while", "since",
                            "until", "once", "although", "though", "whereas"})


def _cue(sentence: Span, attribution: Attribution) -> Token | None:
    """Return the head word of an attribution's cue."""
    span = sentence.doc.char_span(attribution.start, attribution.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def subordinate(sentence: Span, attribution: Attribution) -> bool:
    """Return whether an attribution's cue heads an adverbial clause of the writer's."""
    cue = _cue(sentence, attribution)
    return cue is not None and _heads_a_clause(cue)


def _heads_a_clause(cue: Token) -> bool:
    return cue.dep_ == "advcl" and any(
        c.dep_ in {"mark", "advmod"} and c.lower_ in _SUBORDINATORS for c in cue.children)


def _equated(sentence: Span, attribution: Attribution) -> bool:
    """Return whether a noun of saying is equated with its clause: "the view is that ..."."""
    cue = _cue(sentence, attribution)
    return cue is not None and bool(copular(cue))


def _letters(text: str, start: int, end: int) -> int:
    return sum(ch.isalnum() for ch in text[start:end])


def sentence_voices(segments: Segments, attributions: Sequence[Attribution],
                    quotes: Sequence[Quote],
                    credited: Sequence[Sequence[int]]) -> list[tuple[str, int | None]]:
    """Return each sentence's voice and the attribution its words are credited to.

    ``credited`` holds, per sentence, the attributions whose content overlaps it
    (:func:`credited_by_sentence`).
    """
    text = segments.text
    frames: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for att in attributions:
        frames[att.sentence_index].append((att.start, att.end))
        if att.source is not None:
            frames[att.sentence_index].append((att.source.start, att.source.end))
        if att.content is not None and att.sentence_index < len(segments.sentences):
            clause = _clause(segments.sentences[att.sentence_index], att)
            if clause is not None:
                frames[att.sentence_index].append(clause)
    quote_starts = [q.start for q in quotes]
    # A frame the parse set apart after its quotation ('"Why?" / Stahl responded.'): a
    # sentence that is mostly that frame is in the quotation's voice.
    after_quote: dict[int, int] = {}
    for q in quotes:
        if q.speaker is not None and attributions[q.speaker].content is None and (
                attributions[q.speaker].sentence_index == segments.sentence_of(q.end - 1) + 1):
            after_quote.setdefault(attributions[q.speaker].sentence_index, q.speaker)
    # A title-case quotation closed by a comma runs into its frame: someone's words.
    titles = [composition_title(q) and not q.text.rstrip("”\"’»").endswith(",") for q in quotes]
    out: list[tuple[str, int | None]] = []
    for index, sent in enumerate(segments.sentences):
        start, end = sent.start_char, sent.end_char
        total = _letters(text, start, end)
        if not total:
            out.append((WRITER, None))
            continue
        quoted, speaker = 0, None
        inside: list[tuple[int, int]] = []
        for k in range(max(0, bisect_right(quote_starts, start) - 1), len(quotes)):
            quote = quotes[k]
            if quote.start >= end:
                break
            if titles[k]:
                continue  # a book's or a show's title: no one's words in this sentence
            a, b = max(start, quote.start), min(end, quote.end)
            if a < b:
                quoted += _letters(text, a, b)
                inside.append((a, b))
                if speaker is None:
                    speaker = quote.speaker
        reported, reporter = 0, None
        reporter_span: list[tuple[int, int]] = []
        for k in credited[index]:
            c = attributions[k].content
            if c is None or c.end <= start or c.start >= end or (
                    attributions[k].entry_id == NOUN_CUE and not _equated(sent, attributions[k])
                    ) or subordinate(sent, attributions[k]):
                # A noun of saying is a phrase in the writer's clause: "talks began over a
                # GOP proposal to raise the limit", "Trump's claim that ... has no basis";
                # not where it is equated with its words: "Herndon's view is that ..."
                continue
            a, b = max(start, c.start), min(end, c.end)
            n = _letters(text, a, b) - sum(_letters(text, max(a, x), min(b, y))
                                           for x, y in inside if max(a, x) < min(b, y))
            if n > reported:
                reported, reporter, reporter_span = n, k, [(c.start, c.end)]
        others = _union(inside + reporter_span)  # a quotation inside the reported words
        frame = 0
        for x, y in frames[index]:
            a, b = max(start, x), min(end, y)
            if a < b:
                frame += _letters(text, a, b) - sum(
                    _letters(text, max(a, p), min(b, q)) for p, q in others
                    if max(a, p) < min(b, q))
        own = max(0, total - quoted - reported - frame)
        if quoted and quoted >= reported and quoted > own:
            out.append((QUOTED, speaker if speaker is not None else reporter))
        elif reported and quoted + reported > own:
            out.append((REPORTED, reporter))
        elif 2 * frame >= total and (frame_of := after_quote.get(index)) is not None:
            out.append((QUOTED, frame_of))
        else:
            out.append((WRITER, None))
    return out


def _union(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the ranges merged where they overlap, in order: each character once."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def finding_voices(items: Sequence[Finding]) -> tuple[Finding, ...]:
    """Return the findings with their voice: quoted, reported or the writer's."""
    out = []
    for f in items:
        if f.quoted:  # the term lies in a direct quotation (findings.findings)
            voice = QUOTED
        elif f.attribution_index is not None:
            voice = REPORTED
        else:
            voice = WRITER
        out.append(dataclasses.replace(f, voice=voice) if voice != f.voice else f)
    return tuple(out)


def credited_by_sentence(attributions: Sequence[Attribution],
                         segments: Segments) -> list[list[int]]:
    """Return, for each sentence, the attributions whose content overlaps it."""
    out: list[list[int]] = [[] for _ in segments.sentences]
    for k, a in enumerate(attributions):
        if a.content is not None:
            for i in range(segments.sentence_of(a.content.start),
                           segments.sentence_of(a.content.end - 1) + 1):
                out[i].append(k)
    return out


def merge_credits(attributions: Sequence[Attribution], reported: Sequence[tuple[int, int, int]],
                  added: Sequence[Attribution], replaced: Sequence[tuple[int, int]]
                  ) -> tuple[tuple[Attribution, ...], list[tuple[int, int, int]]]:
    """Return the attributions with ``added`` among them, and the reported ranges to match.

    ``added`` are attributions read off the layout (an embedded post's signature, a
    transcript's turn); an attribution the parse found with its cue in a ``replaced``
    range gives way to them. ``reported`` (ranges of reported content with the index of
    their attribution) is renumbered to the attributions returned, and each added one's
    content joins it.
    """
    if not added:
        return tuple(attributions), list(reported)
    # (position, attribution, its index in ``attributions`` or None for an added one)
    merged: list[tuple[int, Attribution, int | None]] = [
        (a.start, a, i) for i, a in enumerate(attributions)
        if not any(x <= a.start < y for x, y in replaced)]
    merged += [(a.start, a, None) for a in added]
    merged.sort(key=lambda m: m[0])  # attributions stay in text order
    renumber = {i: k for k, (_, _, i) in enumerate(merged) if i is not None}
    ranges = [(a, b, renumber[i]) for a, b, i in reported if i in renumber]
    ranges += [(a.content.start, a.content.end, k) for k, (_, a, i) in enumerate(merged)
               if i is None and a.content is not None]
    return tuple(a for _, a, _ in merged), ranges


def spoken_by_cue(quotes: Sequence[Quote], attributions: Sequence[Attribution],
                  entry_id: str, cues: Sequence[tuple[int, TextSpan]]) -> tuple[Quote, ...]:
    """Return the quotations with a speaker read off the layout.

    ``cues`` pairs the start of a cue (an embedded post's signature dash, a transcript's
    colon) with the words it credits; the quotation with those exact bounds is spoken by
    the attribution of ``entry_id`` at that cue, whatever the parse found.
    """
    by_cue = {a.start: k for k, a in enumerate(attributions) if a.entry_id == entry_id}
    spoken = {(words.start, words.end): by_cue[cue] for cue, words in cues if cue in by_cue}
    return tuple(dataclasses.replace(q, speaker=spoken[(q.start, q.end)])
                 if (q.start, q.end) in spoken else q for q in quotes)
