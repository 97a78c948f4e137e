"""Who speaks a quotation: its ``speaker``, the attribution that names who says it.

A quotation's speaker is the attribution whose content holds it, else one in its
sentence, else the cue of a frame the parse set apart just after it ('"Why?" Stahl
responded.'), else the speaker of the quotation it continues (a quotation running over
several paragraphs) or follows ('"This is a crisis," he said. "We need help now."'), else
the attribution of a sentence that introduces it with a colon just before it, or of a
paraphrase just before it in its paragraph ('That is not Russia's aim, he said. "They
want us to fight among ourselves."'). A quotation over several paragraphs attributed in
its last one only gets that speaker back along the chain.

References: AP Stylebook, "quotations in the news" (a new speaker is named; a quotation
after a paraphrase goes on with its speaker); Pareti 2016, PARC 3.0 (attribution
relations: cue, source, content).
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence

from service.analysis.model import Attribution, Quote
from service.analysis.newsroom import aside
from service.analysis.parallel import SPEECH
from service.analysis.segments import Segments
from service.analysis.titles import a_term, names_a_title
from service.analysis.voice import subordinate

#: Plain verbs of saying ("said", "told", "adds", "continued", "notes", "explained"), whose
#: paraphrase a quotation may go on with; not "called for", "announced", "claims to be".
_PARAPHRASING = frozenset({"attribution.verb.said", "attribution.verb.continued",
                          "attribution.verb.pointed_out"})


def speakers(quotes: Sequence[Quote], attributions: Sequence[Attribution],
             segments: Segments) -> tuple[Quote, ...]:
    """Return the quotations with their ``speaker``, where the text names one."""
    by_sentence: dict[int, list[int]] = defaultdict(list)
    for index, attribution in enumerate(attributions):
        by_sentence[attribution.sentence_index].append(index)
    holders = _Holders(attributions, segments)
    text = segments.text
    out: list[Quote] = []
    for quote in quotes:
        if names_a_title(text, quote) or a_term(text, quote):
            out.append(dataclasses.replace(quote, speaker=None))
            continue
        speaker = holders.of(quote)
        if speaker is None:
            speaker = _nearest(quote, attributions, *(
                [k for k in by_sentence[i]
                 if not _after_in_a_clause(quote, attributions[k], segments)]
                for i in (quote.sentence_index, segments.sentence_of(quote.end - 1))))
        if speaker is None:
            speaker = _framed_after(quote, attributions, segments, by_sentence)
        previous = out[-1] if out else None
        if speaker is None and previous is not None and previous.speaker is not None and (
                _continues(text, previous, quote)
                or _follows(text, previous, quote, _frame_end(previous, attributions, segments))):
            speaker = previous.speaker
        if speaker is None and quote.sentence_index > 0:
            before = segments.sentences[quote.sentence_index - 1]
            if text[before.start_char:before.end_char].rstrip().endswith(":") and (
                    by_sentence[quote.sentence_index - 1]):
                speaker = by_sentence[quote.sentence_index - 1][-1]
            elif segments.sentences[quote.sentence_index].start_char == quote.start:
                # A quotation opening the sentence after a paraphrase, in its paragraph or
                # opening the next, is the paraphrased speaker's: 'That's not Russia's aim,
                # he said. "They want us to fight among ourselves."' (AP Stylebook,
                # "quotations in the news": a new speaker is named)
                speaker = next((k for k in reversed(by_sentence[quote.sentence_index - 1])
                                if attributions[k].source is not None
                                and attributions[k].entry_id in _PARAPHRASING
                                and attributions[k].content is not None), None)
        out.append(dataclasses.replace(quote, speaker=speaker))
    # A quotation over several paragraphs is often attributed in its last one only: the
    # speaker found there goes back along the chain ('"We heard shots.\n\n"I will never
    # forget it," she added.').
    for k in range(len(out) - 2, -1, -1):
        if out[k].speaker is None and out[k + 1].speaker is not None and _continues(
                text, out[k], out[k + 1]):
            out[k] = dataclasses.replace(out[k], speaker=out[k + 1].speaker)
    return tuple(out)


class _Holders:
    """Find the attribution whose content overlaps a quotation most, by bisection."""

    def __init__(self, attributions: Sequence[Attribution], segments: Segments) -> None:
        self.attributions = attributions
        self.doc = segments.sentences[0].doc if segments.sentences else None
        spans = sorted((a.content.start, a.content.end, i)
                       for i, a in enumerate(attributions) if a.content is not None)
        self.spans = spans
        self.starts = [start for start, _, _ in spans]
        #: The longest content span: contents starting this far before a quotation may
        #: still reach into it.
        self.reach = max((end - start for start, end, _ in spans), default=0)

    def of(self, quote: Quote) -> int | None:
        best, size = None, 0
        first = bisect_left(self.starts, quote.start - self.reach)
        last = bisect_left(self.starts, quote.end)
        for start, end, index in self.spans[first:last]:
            a = self.attributions[index]
            if quote.start <= a.start and a.end <= quote.end:
                continue  # the cue is inside the quotation: someone quoted quoting
            overlap = min(end, quote.end) - max(start, quote.start)
            if overlap > size or overlap == size > 0 and (
                    self.relays(best, a, quote) or self.doc is not None and aside(self.doc, a)):
                # Of two holding it alike, a source another frame relays holds it: "X said
                # the move 'Q', state media reported" is X's (attribution.outermost keeps
                # such a source); and an aside inside another source's words holds its own
                # quotation: "Tillerson said he would not contradict the president, who
                # has called it a 'hoax'" is the president's.
                best, size = index, overlap
        return best

    def relays(self, outer: int | None, inner: Attribution, quote: Quote) -> bool:
        """Return whether attribution ``outer`` relays ``inner``'s quotation: a verb of
        saying before it, the relaying frame after it."""
        if outer is None:
            return False
        return inner.entry_id in SPEECH and inner.end <= quote.start and (
            quote.end <= self.attributions[outer].start)


def _follows(text: str, previous: Quote, quote: Quote, last_sentence: int) -> bool:
    """Return whether ``quote`` opens the sentence or the paragraph after ``previous``'s.

    '"This is a crisis," he said. "We need help now."' and '"This is a crisis," he
    said.\n\n"We need help now."': the second quotation, with no attribution of its own,
    is the same speaker's (AP Stylebook, "quotations in the news": a new speaker is named).
    ``last_sentence`` is the index of the sentence ``previous`` ends in.
    """
    if quote.sentence_index != last_sentence + 1 or quote.text.rstrip("”\"’'").endswith(","):
        return False  # '"You would advise the President," Chaffetz specified.': its own frame
    between = text[previous.end:quote.start]
    if len(between) > 200:
        return False
    if "\n" not in between and "\r" not in between:
        return True
    # A new paragraph: the quotation opens it, after one paragraph break.
    return between.strip("\n\r\t ").count("\n") == 0 and between.rstrip(" \t").endswith(
        ("\n", "\r"))


def _frame_end(quote: Quote, attributions: Sequence[Attribution], segments: Segments) -> int:
    """Return the sentence a quotation ends in, or that of its frame the parse set apart
    after it ('"Is that fair?" / CEO Ben van Beurden said. / "We don't think so."')."""
    last = segments.sentence_of(quote.end - 1)
    frame = attributions[quote.speaker] if quote.speaker is not None else None
    if frame is not None and frame.sentence_index == last + 1 and frame.start >= quote.end:
        return last + 1
    return last


#: How far after a quotation a frame the parse cut off may start (its source or its cue).
_FRAME_AFTER = 40


def _framed_after(quote: Quote, attributions: Sequence[Attribution], segments: Segments,
                  by_sentence: dict[int, list[int]]) -> int | None:
    """Return the attribution of a frame the parse set apart after a quotation.

    '"Now, has that happened in Michigan?" Stahl responded.': where the parse ends the
    sentence at the closing mark, the frame opening the next sentence on the same line
    still names the speaker, before any earlier speaker would be carried over.
    """
    after = segments.sentence_of(quote.end - 1) + 1
    if after >= len(segments.sentences):
        return None
    gap = segments.text[quote.end:segments.sentences[after].start_char]
    if gap.strip() or "\n" in gap or "\r" in gap:
        return None
    near = [k for k in by_sentence[after]
            if 0 <= _frame_start(attributions[k], segments.sentences[after].start_char)
            - quote.end <= _FRAME_AFTER
            # the frame follows this quotation, not another one after it
            and not segments.quoted_within(quote.end, attributions[k].end)]
    return near[0] if near else None


def _frame_start(attribution: Attribution, opening: int) -> int:
    """Return where a frame starts: the source of a bare frame that opens its sentence (at
    ``opening``: '"...!" / Sarah Manski of Ascendant Spirits Inc. in Santa Barbara, Calif.,
    lamented.'), else the cue ("In other words, more people are beginning to see ...", a
    sentence of its own words, frames no quotation before it)."""
    source = attribution.source
    return source.start if source is not None and source.start == opening and (
        attribution.content is None) else attribution.start


def _after_in_a_clause(quote: Quote, attribution: Attribution, segments: Segments) -> bool:
    """Return whether a cue after the quotation heads an adverbial clause of the writer's:
    '"That's why ..." when he spoke about the outbreak' is not his quotation."""
    return quote.end <= attribution.start and subordinate(
        segments.sentences[attribution.sentence_index], attribution)


def _nearest(quote: Quote, attributions: Sequence[Attribution],
             *candidates: Sequence[int]) -> int | None:
    """Return the nearest attribution outside the quotation among ``candidates``."""
    best: tuple[int, int] | None = None
    for group in candidates:
        for index in group:
            a = attributions[index]
            if quote.start <= a.start and a.end <= quote.end:
                continue
            distance = quote.start - a.end if a.end <= quote.start else a.start - quote.end
            if best is None or abs(distance) < best[0]:
                best = (abs(distance), index)
    return None if best is None else best[1]


def _continues(text: str, previous: Quote, quote: Quote) -> bool:
    """Return whether ``quote`` opens the paragraph after an unclosed ``previous`` one."""
    between = text[previous.end:quote.start]
    return previous.text[-1:] not in {"”", '"', "»", "’"} and not between.strip() and (
        "\n" in between or "\r" in between)
