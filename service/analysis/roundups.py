"""A round-up's credits: the writer and paper after each quoted excerpt.

A round-up of columns (The Flip Side's "From the Left", "From the Right") sets each
excerpt in quotation marks and names its source after the closing mark, on the same line
or on the next, without a dash: '"... by opposing impeachment." Edward B. Foley, Politico'.
The credit is layout (:func:`.structure.role` reads it as a caption) and it names the
excerpt's speaker: an attribution of type ``according_to`` whose cue is the comma between
name and paper (a cue may be punctuation, as a transcript's colon is), whose source is the
name, or the paper for its editorial board, and whose content is the excerpt: the
quotation the credit follows and the quoted paragraphs just before it.

References: The Chicago Manual of Style, 17th ed., 13.36 (the source of a displayed
quotation after it); Pareti 2016, PARC 3.0 (a cue may be punctuation).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from service.analysis.embeds import ENTRY_ID
from service.analysis.furniture import QUOTE_CREDIT, QUOTE_CREDIT_WORDS
from service.analysis.model import Attribution, Quote, SourceSpan, TextSpan
from service.analysis.segments import Segments
from service.analysis.voice import merge_credits, spoken_by_cue

#: The credit after a closing mark, to the line's end: on the same line, or alone on the
#: next one.
_AFTER = re.compile(r"[ \t]*(?:\r?\n[ \t]*){0,2}([^\n]{3,120}?)[ \t]*(?=\r?\n|$)")
#: A paper's own voice: its editorial board is credited with the paper's name.
_BOARDS = frozenset({"editorial board", "the editorial board", "editors", "the editors",
                     "editorial"})
#: The credits a text needs to be read as a round-up.
_AT_LEAST = 2


@dataclass(frozen=True)
class Credit:
    """A credit line and the excerpt it credits."""

    line: TextSpan
    comma: TextSpan
    name: TextSpan
    words: TextSpan
    #: The quotations of the excerpt, first to last.
    quotes: tuple[tuple[int, int], ...]


def find_credits(segments: Segments) -> list[Credit]:
    """Return the credits after quotations ("Name, Paper" after the closing mark), if the
    text has two or more."""
    text, quotes = segments.text, segments.quotes
    out: list[Credit] = []
    for k, (_, end) in enumerate(quotes):
        if text[end - 1:end] not in {"\u201d", '"'}:
            continue  # a quotation open to the line's end goes on in the next paragraph
        after = _AFTER.match(text, end)
        if after is None or not QUOTE_CREDIT.fullmatch(credit := after.group(1)) or (
                len(credit.split()) > QUOTE_CREDIT_WORDS or credit.isupper()):
            continue
        first = k  # the excerpt's earlier paragraphs, left open as a quotation running on
        while first > 0 and not text[quotes[first - 1][1]:quotes[first][0]].strip() and (
                "\n" in text[quotes[first - 1][1]:quotes[first][0]]) and (
                text[quotes[first - 1][1] - 1] not in {"\u201d", '"'}):
            first -= 1
        at = after.start(1)
        name, _, paper = credit.partition(",")
        comma = at + len(name)
        if name.lower() in _BOARDS:
            paper = paper.strip()
            source = TextSpan(at + len(credit) - len(paper), at + len(credit), paper)
        else:
            source = TextSpan(at, comma, name)
        begin = quotes[first][0]
        out.append(Credit(TextSpan(at, at + len(credit), credit), TextSpan(comma, comma + 1, ","),
                          source, TextSpan(begin, end, text[begin:end]),
                          tuple(quotes[first:k + 1])))
    # A round-up credits every excerpt; a single "Name, Name" line after a quotation is a
    # crosshead of names ("David Pecker, Barry Levine and Dylan Howard"), no credit.
    return out if len(out) >= _AT_LEAST else []


def credit_roundups(attributions: Sequence[Attribution], reported: Sequence[tuple[int, int, int]],
                    credits: Sequence[Credit], segments: Segments
                    ) -> tuple[tuple[Attribution, ...], list[tuple[int, int, int]]]:
    """Return the attributions with one for each credit, and the reported ranges to match."""
    added = [Attribution(
        start=c.comma.start, end=c.comma.end, text=",", type="according_to", entry_id=ENTRY_ID,
        sentence_index=segments.sentence_of(c.comma.start),
        source=SourceSpan(c.name.start, c.name.end, c.name.text, "named"), content=c.words)
        for c in credits]
    return merge_credits(attributions, reported, added, [(c.line.start, c.line.end)
                                                         for c in credits])


def roundup_speakers(quotes: Sequence[Quote], attributions: Sequence[Attribution],
                     credits: Sequence[Credit]) -> tuple[Quote, ...]:
    """Return the quotations with each excerpt's spoken by its credit's attribution."""
    return spoken_by_cue(quotes, attributions, ENTRY_ID, [
        (c.comma.start, TextSpan(a, b, "")) for c in credits for a, b in c.quotes])
