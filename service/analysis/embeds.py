"""Embedded social posts: another person's words that a page shows inside its text.

A news page that embeds a post from X (Twitter) carries, once scraped to text, the post's
words and then the embed's signature line, "— Donald J. Trump (@realDonaldTrump) March 3,
2017" (often after a "pic.twitter.com/..." or "https://t.co/..." link): the words are the
poster's, not the writer's.

- The signature: an em or en dash, a horizontal bar or "--", the poster's display name,
  the handle in brackets and the post's date ("Month D, YYYY"), with the embed's "Report"
  link where a page keeps it, ending its line (or followed by a space where a text has no
  line breaks). The name is the source.
- The post: the signature's line before the dash. A post's own blank line reaches the
  text as a longer run of line breaks than the text's paragraphs have ("\\n\\n\\n\\n"
  against "\\n\\n"), so paragraphs before it joined by such runs are part of the post
  while the whole stays within the post length the platform allowed on the post's date
  (140 characters, 280 from 7 November 2017, a link counting 23). A line much longer than
  any post (a text with no line breaks) gives the post only its last sentence, if that
  fits the length: where the post starts cannot be seen. A signature alone on its line
  (a post of a video, say) credits no words.
- A post is a direct quotation (its sentences and findings are quoted), spoken by an
  attribution of type ``according_to`` whose cue is the signature's dash (as for a
  quotation credited with a dash, the lexicon entry ``attribution.quotation_dash``),
  whose source is the name (named) and whose content is the post.
- The signature line itself is a credit, like a photo credit: its sentence has the role
  ``caption`` (:func:`embed_roles`), cut from the post's last sentence where the parse
  joined them.

Instagram's and Facebook's embeds leave no signature of this kind in the texts this
service was built on, so only X's is read.

References: X (Twitter) Developer Platform, "Embedded Tweets" (the blockquote markup the
signature comes from) and "Counting characters" (280 since 7 November 2017, a URL counting
23); Pareti 2016, PARC 3.0 (a cue may be punctuation).
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from service.analysis.model import Attribution, Quote, SourceSpan, TextSpan
from service.analysis.segments import Segments
from service.analysis.voice import merge_credits, spoken_by_cue

#: The lexicon entry of a quotation credited with a dash: the signature's dash is one.
ENTRY_ID = "attribution.quotation_dash"
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_SIGNATURE = re.compile(
    r"(?<![-—–―])(?P<dash>—|–|―|--)[ \t\u00a0]*"
    # The display name: any characters on the line but dashes and brackets, or a short
    # group in brackets ("Jason (Wakanda)", "GEN(R) Martin E. Dempsey").
    r"(?P<name>(?:[^\s—–―()]|\([^()\n]{1,30}\))(?:[^\n—–―()]|\([^()\n]{1,30}\)){0,58}?)"
    r"[ \t\u00a0]*"
    r"\((?P<handle>@\w{1,15})\)[ \t\u00a0]*"
    r"(?P<date>(?P<month>" + "|".join(_MONTHS) + r") (?P<day>\d{1,2}), (?P<year>20[0-3]\d))"
    # The embed's "Report" link, as some pages keep it after the date.
    r"(?:[ \t\u00a0]+Report(?=[ \t\u00a0]*(?:\r?\n|$)))?"
    r"(?=[ \t\u00a0]*(?:\r?\n|$)|[ \t\u00a0])")
#: A link, as the platform counts it: 23 characters whatever its length.
_LINK = re.compile(r"(?:https?://|pic\.twitter\.com/)\S+")
_LINK_LENGTH = 23
#: The platform's post length: 140 characters, 280 from 7 November 2017.
_SHORT, _LONG, _LONGER_FROM = 140, 280, date(2017, 11, 7)
#: A signature's line this long before its dash is not one post (a text without line
#: breaks): only its last sentence is surely the post. The longest posts with their
#: links, as the 5,000 AllSides articles carry them, run to about 330 characters.
_LINE_MAX = 600
#: The BBC's link past an embedded post ("Skip Twitter post by @BuzzFeedBen"), kept by
#: a page's text before the post's words: a control for screen readers, not the post.
_SKIP_LINK = re.compile(r"Skip [A-Z]\w{1,20} post(?: \d{1,2})? by @\w{1,15}[ \t\u00a0]*")
_BLANK_LINE = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_PARAGRAPH = re.compile(r"(?<!\n)\n[ \t]*\n(?![ \t]*\n)")


@dataclass(frozen=True)
class Embed:
    """An embedded post: its words (None where it has none) and its signature."""

    post: TextSpan | None
    signature: TextSpan
    dash: TextSpan
    name: TextSpan
    handle: str
    date: date


def find_embeds(text: str, starts: Sequence[int] = ()) -> tuple[Embed, ...]:
    """Return the embedded posts of ``text``, in order.

    ``starts`` are the sentences' start offsets (:class:`Segments`), which bound a post
    cut from a line too long to be one.
    """
    if "(@" not in text:
        return ()
    out: list[Embed] = []
    blank_lines = len(_BLANK_LINE.findall(text)) < len(_PARAGRAPH.findall(text))
    floor = 0  # a post never reaches back over the signature before it
    for m in _SIGNATURE.finditer(text):
        day = date(int(m["year"]), _MONTHS.index(m["month"]) + 1, min(int(m["day"]), 28))
        limit = _LONG if day >= _LONGER_FROM else _SHORT
        post = _post(text, max(floor, text.rfind("\n", 0, m.start()) + 1), m.start(), limit,
                     starts, floor, blank_lines)
        out.append(Embed(post, _span(text, m.start(), m.end()),
                         _span(text, m.start("dash"), m.end("dash")),
                         _span(text, m.start("name"), m.end("name")), m["handle"], day))
        floor = m.end()
    return tuple(out)


def _span(text: str, start: int, end: int) -> TextSpan:
    return TextSpan(start, end, text[start:end])


def _length(text: str) -> int:
    """Return the length of a post's text as the platform counts it (a link is 23)."""
    return len(_LINK.sub("x" * _LINK_LENGTH, text.strip()))


def _post(text: str, line: int, dash: int, limit: int, starts: Sequence[int], floor: int,
          blank_lines: bool) -> TextSpan | None:
    """Return the post's words before the signature's dash at ``dash``, or None."""
    end = dash
    while end > line and text[end - 1].isspace():
        end -= 1
    if not any(ch.isalnum() for ch in text[line:end]):
        return None  # a signature alone on its line: the post has no words here
    start = line
    if end - line > _LINE_MAX:
        # Where the post starts is not to be seen: its last sentence is surely the post's.
        i = bisect_left(starts, line)
        later = [s for s in starts[i:] if s < end and any(ch.isalnum() for ch in text[s:end])]
        if not later or _length(text[later[-1]:end]) > limit:
            return None
        start = later[-1]
    elif blank_lines:
        start = _paragraphs_before(text, line, end, limit, floor)
    while text[start].isspace():
        start += 1
    skip = _SKIP_LINK.match(text, start, end)
    if skip:
        start = skip.end()
        if not any(ch.isalnum() for ch in text[start:end]):
            return None
    return _span(text, start, end)


def _paragraphs_before(text: str, start: int, end: int, limit: int, floor: int) -> int:
    """Return where the post starts: back over paragraphs joined to it by a blank line."""
    while start > floor:
        gap = start
        while gap > floor and text[gap - 1] in " \t\r\n":
            gap -= 1
        if text[gap:start].count("\n") < 3 or gap <= floor:
            return start
        previous = text.rfind("\n", floor, gap) + 1
        previous = max(previous, floor)
        if _SIGNATURE.search(text, previous, gap) or _length(text[previous:end]) > limit:
            return start
        start = previous
    return start


def with_posts(segments: Segments, doc: Doc, embeds: Sequence[Embed]) -> Segments:
    """Return ``segments`` with each post as a quotation, its signature a sentence of its own.

    A quotation inside a post is part of it; the parse's sentence that runs from a post
    into its signature (or from the signature into text after it on the same line) is cut
    at the signature's bounds.
    """
    if not embeds:
        return segments
    cuts = sorted({c for e in embeds for c in (e.signature.start, e.signature.end)})
    token_starts = [t.idx for t in doc]
    bounds: list[tuple[int, int]] = []
    for sent in segments.sentences:
        start = sent.start
        for char in cuts:
            if sent.start_char < char < sent.end_char:
                k = bisect_left(token_starts, char)  # the first token at or after the cut
                head_end = k
                while head_end > start and doc[head_end - 1].is_space:
                    head_end -= 1
                while k < sent.end and doc[k].is_space:
                    k += 1
                if start < head_end and k < sent.end:
                    bounds.append((start, head_end))
                    start = k
        bounds.append((start, sent.end))
    sentences = tuple(doc[a:b] for a, b in bounds if b > a)
    # A quotation anywhere from a post to its signature is part of the post.
    posts = [(e.post.start, e.signature.end) for e in embeds if e.post is not None]
    quotes = tuple(q for q in segments.quotes if not any(q[0] < b and a < q[1] for a, b in posts))
    return dataclasses.replace(segments, sentences=sentences,
                               starts=tuple(s.start_char for s in sentences),
                               quotes=quotes).with_quotations(
        [(e.post.start, e.post.end) for e in embeds if e.post is not None])


def credit(attributions: Sequence[Attribution], reported: Sequence[tuple[int, int, int]],
           embeds: Sequence[Embed], segments: Segments
           ) -> tuple[tuple[Attribution, ...], list[tuple[int, int, int]]]:
    """Return the attributions with one for each post, and the reported ranges to match.

    An attribution the parse found at a signature (its dash read as a quotation's) gives
    way to the post's (:func:`.voice.merge_credits`).
    """
    posts = [e for e in embeds if e.post is not None]
    added = [Attribution(
        start=e.dash.start, end=e.dash.end, text=e.dash.text, type="according_to",
        entry_id=ENTRY_ID, sentence_index=segments.sentence_of(e.dash.start),
        source=SourceSpan(e.name.start, e.name.end, e.name.text, "named"), content=e.post)
        for e in posts]
    return merge_credits(attributions, reported, added,
                         [(e.signature.start, e.signature.end) for e in posts])


def posters(quotes: Sequence[Quote], attributions: Sequence[Attribution],
            embeds: Sequence[Embed]) -> tuple[Quote, ...]:
    """Return the quotations with each post spoken by its signature's attribution.

    A lead-in may frame the post too ("He tweeted:"), but the signature names the poster.
    """
    return spoken_by_cue(quotes, attributions, ENTRY_ID,
                         [(e.dash.start, e.post) for e in embeds if e.post is not None])


def embed_roles(roles: Sequence[str], segments: Segments, embeds: Sequence[Embed]) -> list[str]:
    """Return ``roles`` with each signature's sentence a ``caption`` (a credit line)."""
    out = list(roles)
    for e in embeds:
        i = segments.sentence_of(e.signature.start)
        sent = segments.sentences[i] if segments.sentences else None
        if sent is not None and e.signature.start <= sent.start_char and (
                sent.end_char <= e.signature.end):
            out[i] = "caption"
    return out
