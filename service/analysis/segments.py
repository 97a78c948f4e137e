"""Sentence bounds and quotation regions of a parsed document."""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from service.analysis.model import Quote
from service.analysis.namecards import blanked

#: The longest "sentence" of marks alone that is joined to a neighbour ('"', "‘", "#").
#: Characters that break a line (those of ``str.splitlines``).
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
_STRAY_TOKENS = 3
#: The longest "sentence" ending in a dash that is read as the lead-in of the next.
_LEAD_TOKENS = 12
#: A hyphen or dash as a token of its own: a dateline's, a round-up's, a quotation's.
DASH_TOKENS = frozenset({"-", "–", "—", "--"})
#: A line in capitals between two paragraphs of one quotation: a crosshead or a link the
#: page set inside it ('"We stand with ... despair.\n\nSANDERS ACKNOWLEDGES ...\n\n"Here,
#: ...," Trump continued').
_CROSSHEAD = r"(?:[^a-z\r\n\"“”]{4,150}\r?\n\s*)?"
# A direct quotation: curly or straight double quotes, on one line, bounded length so
# an unbalanced mark cannot swallow an article. Negated classes keep matching linear.
# A quotation that runs on into the next paragraph has no closing mark at the break and
# opens the next paragraph again (the convention of every English style guide): its
# first paragraph is quoted to the line's end. With straight marks, which open and close
# alike, only a mark after white space (or a bracket, or at the start) opens such a
# paragraph.
# Scraped copy mixes curly and straight marks ('"He makes his own decisions.” Cohen said.'
# in about a tenth of the corpus's articles): a quotation closes at the first mark of
# either kind that can close it, before a pair of the same kind reaches further.
_QUOTE = re.compile(r"“[^”\"\n]{1,3000}”|“[^”“\"\n]{1,3000}\"(?=[\s,.;:!?)\]—–-]|$)"
                    r"|\"[^\"”\n]{1,3000}\"|(?<![^\s(\[])\"[^\"”“\n]{1,3000}”"
                    r"|“[^”\n]{1,3000}”|\"[^\"\n]{1,3000}\"|«[^»\n]{1,3000}»"
                    r"|“[^”“\r\n]{1,3000}+(?=[ \t]*\r?\n\s*" + _CROSSHEAD + "“)"
                    r"|(?<![^\s(\[])\"[^\"\r\n]{1,3000}+(?=[ \t]*\r?\n\s*" + _CROSSHEAD + "\")"
                    # Two apostrophes for each mark, as LexisNexis sets the New York
                    # Times ('' ... ''); an apostrophe inside ("don't") stays in, and so
                    # does a single mark next to them ("''She said, 'What?''' Biden said").
                    r"|(?<![\w'])''(?='?[^\s'])(?:[^'\n]|'(?!')){1,3000}'?''")
#: An opening mark after a word and before a space or the end, and a closing mark after a
#: space (or the start) and before a letter: typed the wrong way round.
_OPENS_AS_CLOSING = re.compile(r"(?<=\S)\u201c(?=\s|$)")
_CLOSES_AS_OPENING = re.compile(r"(?:(?<=\s)|^)\u201d(?=\w)")
#: Two closing single marks for a closing double one ('...a problem,’’ says Halevy'),
#: as some US papers' copy sets it (the Boston Globe's, the Christian Science Monitor's):
#: the second is read as the double mark.
_DOUBLED_CLOSING = re.compile(r"(?<=\S)\u2019\u2019(?!\u2019)")
#: Two straight apostrophes closing a quotation a straight double mark opened ('"I am here
#: today ...,'' Comey said'), as wire copy passed through old typesetting feeds sets it;
#: read only where no pair of apostrophes opens a quotation (LexisNexis's '' ... '', above).
_APOSTROPHES_OPEN = re.compile(r"(?<![\w'])''(?=[^\s'])")
_APOSTROPHES_CLOSE = re.compile(r"(?<=[^\s\d'])''(?![\w'])")  # not inches: "6'2''"
# A quotation in single marks: ‘ opening a word (not the apostrophe of "’90s") up to the
# first ’ that no letter follows, so the apostrophes of "don’t" and "Kim’s" stay inside.
# A plural possessive ("the players’ union") inside one ends it early.
_SINGLE_QUOTE = re.compile(r"(?<![\w’'])‘(?=[^\s\d])(?:[^‘’\n]|’(?=\w)){1,3000}’(?!\w)")


@dataclass(frozen=True)
class Segments:
    """Sentences (whitespace trimmed) and quotation regions, with fast offset look-ups."""

    sentences: tuple[Span, ...]
    starts: tuple[int, ...]
    quotes: tuple[tuple[int, int], ...]
    #: The document's text. ``Doc.text`` joins every token on each access, so analyzers
    #: that need the text per sentence read it here instead.
    text: str = ""

    def sentence_of(self, char: int) -> int:
        """Return the index of the sentence holding character offset ``char``."""
        return max(0, bisect_right(self.starts, char) - 1)

    def quoted_within(self, start: int, end: int) -> bool:
        """Return whether any direct quotation overlaps ``[start, end)``."""
        # Quotations never overlap, so the last one opening before ``end`` closes last.
        i = bisect_right(self.quotes, (end, -1)) - 1
        return i >= 0 and self.quotes[i][1] > start

    def with_quotations(self, spans: Sequence[tuple[int, int]]) -> Segments:
        """Return these segments with ``spans`` as quotations; a quotation inside one joins it."""
        quotes = sorted([q for q in self.quotes
                         if not any(q[0] < b and a < q[1] for a, b in spans)] + list(spans))
        return dataclasses.replace(self, quotes=tuple(quotes))

    def quote_at(self, char: int) -> tuple[int, int] | None:
        """Return the direct quotation that starts at ``char``, or None."""
        i = bisect_right(self.quotes, (char, float("inf"))) - 1
        return self.quotes[i] if i >= 0 and self.quotes[i][0] == char else None

    def in_quote(self, start: int, end: int) -> bool:
        """Return whether ``[start, end)`` lies inside a direct quotation."""
        i = bisect_right(self.quotes, (start, float("inf"))) - 1
        return i >= 0 and self.quotes[i][0] <= start and end <= self.quotes[i][1]


def segment(doc: Doc) -> Segments:
    """Split ``doc`` into non-empty sentences and find its direct quotations.

    The parser sometimes ends a sentence before its closing quotation mark ('He called
    it "a disaster.' then '"'), or after an opening one; a "sentence" with no letter or
    digit is joined to the sentence it belongs to.
    """
    bounds: list[tuple[int, int]] = []
    for sent in doc.sents:
        start, end = sent.start, sent.end
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        if end > start:
            bounds.append((start, end))
    bounds = _attach_reference_marks(doc, _join_lower_case(doc, _join_stray_marks(doc, bounds)))
    sentences = [doc[start:end] for start, end in bounds]
    text = doc.text
    quotes = _quotations(blanked(text))  # a name card's headlines are no quotations
    return Segments(tuple(sentences), tuple(s.start_char for s in sentences), quotes, text)


#: A straight mark glued between a sentence's end and a capital or a bracket ('...
#: weapons."By failing to respond, it sent the wrong message," Panetta says'): a
#: paragraph break the scrape lost, the mark closing the quotation before the break or
#: opening the next paragraph's.
_GLUED = re.compile(r'(?<=[.?!])"(?=[A-Z\[])')
_DOUBLE_MARKS = re.compile(r'["\u201c\u201d]')
#: A paragraph that opens with a speaker and a verb of saying ("Paul said the ...", "He
#: added that ...", "Rubio, a proponent of ..., said"): the writer's, so the glued mark
#: before it closes a quotation. Not after a word that opens a clause ("As Einstein said").
_OPENS_WITH_FRAME = re.compile(
    r"(?!(?:As|Like|When|If|But|And|Because|While|Though|Although|Since|What|So|Or|Yet"
    r"|After|Before|Until|Unless|Whether|How|Why)\b)"
    r"(?:[A-Z][\w.'\u2019-]*\s+){0,3}[A-Z][\w.'\u2019-]*(?:\s+|,[^\"\u201c\u201d\n]{1,150}?,\s+)"
    r"(?:also\s+)?(?:said|says|told|tells|added|adds|asked|asks|wrote|writes|explained"
    r"|continued|noted|argued|argues)\b")
#: First or second person: a paragraph that speaks so is more likely quoted than narrated.
_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|we|We|you|You|my|My|our|Our|us|me)\b")


def _mark_kind(text: str, i: int) -> str:
    """Return "open", "close" or "" (the marks around it do not say) for the mark at ``i``."""
    mark = text[i]
    if mark != '"':
        return "open" if mark == "\u201c" else "close"
    before, after = text[i - 1:i] if i else "", text[i + 1:i + 2]
    if _GLUED.match(text, i):
        return ""
    closes = not after or after.isspace() or after in ",.;:!?)]\u2014\u2013-"
    if closes and text[max(i - 2, 0):i] in ("' ", "\u2019 "):
        return "close"  # after a single mark and a space: "... the Party,' " Politico reports"
    if not before or before.isspace() or before in "([":
        return "open"
    return "close" if closes else ""


def _glued_kinds(marks: str, found: list[re.Match[str]]) -> dict[int, str]:
    """Return, for each glued mark of ``found`` (by index), "open" or "close" where the
    text after it decides, "" where only the quotation open before it can (last to first,
    as each may depend on the next)."""
    kinds: dict[int, str] = {}
    for k in range(len(found) - 1, -1, -1):
        if not _GLUED.match(marks, found[k].start()):
            continue
        following = _mark_kind(marks, found[k + 1].start()) if k + 1 < len(found) else "open"
        if following:  # the last mark closes: nothing after it is quoted
            kinds[k] = "open" if following == "close" else "close"
        elif _OPENS_WITH_FRAME.match(marks, found[k].end()):
            kinds[k] = "close"
        else:  # the paragraph up to the next glued mark is quoted when that one closes
            kinds[k] = "open" if kinds.get(k + 1) == "close" else ""
    return kinds


def _unglued(marks: str) -> str:
    """Type each straight mark of a text with glued ones (:data:`_GLUED`) as the curly
    mark it is, one character for one so the offsets hold.

    After a space a mark opens; before a space or a stop it closes (after a single mark
    and a space too: "the Party,' " Politico reports"); between two other characters it
    closes a quotation open before it and opens one otherwise. A glued mark opens when the
    next double mark closes and closes when the next opens or it is the last. Where the
    next is glued too, it closes before a paragraph that opens with a speaker's frame
    ("Paul said ...") and opens before a paragraph that the next glued mark closes (a
    quotation running on over lost breaks reads as one); failing those, it opens where no
    quotation is open, and where one is, opens when the paragraph after it speaks in the
    first or second person (a quotation's next paragraph) and closes otherwise.
    """
    chars, inside = list(marks), False
    found = list(_DOUBLE_MARKS.finditer(marks))
    glued = _glued_kinds(marks, found)
    for k, match in enumerate(found):
        i = match.start()
        kind = glued[k] if k in glued else _mark_kind(marks, i)
        if not kind and k in glued:
            person = _PERSON.search(marks, match.end(), found[k + 1].start())
            kind = "open" if not inside or person else "close"
        elif not kind:
            kind = "close" if inside else "open"
        if match.group() == '"':
            chars[i] = "\u201c" if kind == "open" else "\u201d"
        inside = kind == "open"
    return "".join(chars)


def _quotations(text: str) -> tuple[tuple[int, int], ...]:
    """Return the direct quotations of ``text``, in order, none inside another.

    Single marks (‘…’) are the primary quotation marks of British and Commonwealth house
    styles, and quote within a quote in American ones: a quotation inside another is part
    of the outer one, whichever marks each uses.
    """
    # A curly mark typed the wrong way round: no quotation opens before a space, none
    # closes before a letter ('"It's unusual,“ said Noble'); two closing single marks
    # close a double one, and so do two straight apostrophes after a straight double mark.
    # One character for one, so the offsets hold.
    marks = _OPENS_AS_CLOSING.sub("\u201d", _CLOSES_AS_OPENING.sub("\u201c", text))
    if "\u2019\u2019" in marks:
        marks = _DOUBLED_CLOSING.sub("\u2019\u201d", marks)
    if "''" in marks and '"' in marks and not _APOSTROPHES_OPEN.search(marks):
        marks = _APOSTROPHES_CLOSE.sub("'\"", marks)
    if _GLUED.search(marks):
        marks = _unglued(marks)
    double = [(m.start(), len(m.group().rstrip()) + m.start()) for m in _QUOTE.finditer(marks)]
    if "\u2018" not in text:
        return tuple(double)
    single = {(m.start(), m.end()) for m in _SINGLE_QUOTE.finditer(text)}
    # An outer quotation wins over one inside it; where two only overlap, double marks win.
    out: list[tuple[int, int]] = []
    for start, end in sorted({*double, *single}, key=lambda r: (r[0], -r[1])):
        if not out or start >= out[-1][1]:
            out.append((start, end))
        elif end > out[-1][1] and out[-1] in single and (start, end) not in single:
            out[-1] = (start, end)
    return tuple(out)


def _join_lower_case(doc: Doc, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a sentence that opens in lower case to the one before it on the same line.

    Edited text never starts a sentence in lower case, so the parser cut it short:
    "... said Paul Ryan (R., Wis.)" + "after the meeting", '"... the same?"' + "he asks.",
    "... a gun" + "so she shot him." A web address ("http://...", "pic.twitter.com/...")
    and a name such as "iPhone" stand apart.
    """
    out: list[tuple[int, int]] = []
    for start, end in bounds:
        first = doc[start]
        if out and first.is_alpha and first.is_lower and not first.like_url and not (
                doc[start:end].text.startswith(("pic.", "www."))) and (
                _same_line(doc, out[-1][1], start)):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _join_stray_marks(doc: Doc, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a short sentence with no letter or digit to the next (if it opens) or the previous.

    A short "sentence" that ends in a dash (a dateline, "WASHINGTON (Reuters) -") is cut
    short too, and joins the next. Nothing joins across a line break ("* * *" between two
    paragraphs stays apart). At most one such piece joins a sentence on each side, so
    that a run of marks (a line of emoji, "! ! ! !") keeps the bounded sentences the parse
    gave it.
    """
    out: list[tuple[int, int]] = []
    carry: int | None = None  # start of an opening mark waiting for its sentence
    extended = False  # whether the last sentence already took a mark after it
    for k, (start, end) in enumerate(bounds):
        stray = end - start <= _STRAY_TOKENS and not any(
            ch.isalnum() for ch in doc[start:end].text)
        carried = carry is not None
        if carry is not None:  # (tested again for the type checker)
            start, carry = carry, None
        if not carried and k + 1 < len(bounds) and end - start <= _LEAD_TOKENS and (
                doc[end - 1].text in DASH_TOKENS) and _same_line(doc, end, bounds[k + 1][0]):
            carry = start  # a dateline cut at its dash: "WASHINGTON (Reuters) -"
        elif not stray or end - start > _STRAY_TOKENS:
            out.append((start, end))
            extended = False
        elif k + 1 < len(bounds) and (_opens(doc[start]) or not out or extended) and (
                _same_line(doc, end, bounds[k + 1][0])):
            carry = start
        elif out and not extended and _same_line(doc, out[-1][1], start):
            out[-1] = (out[-1][0], end)
            extended = True
        else:
            out.append((start, end))
            extended = False
    return out


def _attach_reference_marks(doc: Doc, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Give a reference mark ("[2]") that opens a sentence to the sentence before it.

    A footnote mark follows the sentence it sources ('… militaries.” [2] North Korea is
    …'); the parser starts the next sentence with it, or makes it a sentence of its own.
    A mark that opens a line with a web address on it starts a reference-list entry, which
    is one sentence to the end of its line however its title is punctuated ('[2] Reuters,
    "Are They?" Reuters, October 25, 2024, https://…'); a numbered paragraph ("[1] The
    council met. It condemned…") keeps its sentences.
    """
    out: list[tuple[int, int]] = []
    entry = False  # whether the last sentence is a reference-list entry
    for start, end in bounds:
        mark = _reference_mark(doc, start, end)
        same_line = bool(out) and _same_line(doc, out[-1][1], start)
        if entry and same_line:
            out[-1] = (out[-1][0], end)
            continue
        entry = bool(mark) and not same_line and _line_has_url(doc, start)
        if mark and same_line:
            out[-1] = (out[-1][0], start + mark)
            start += mark
            while start < end and doc[start].is_space:
                start += 1
            if start >= end:
                continue
        out.append((start, end))
    return out


def _reference_mark(doc: Doc, start: int, end: int) -> int:
    """Return how many tokens the "[n]" marks at ``start`` take ("[4]", "[4][5]"), or 0."""
    taken = 0
    while end - (start + taken) >= 3 and is_reference_mark(doc, start + taken + 1):
        taken += 3
    return taken


def is_reference_mark(doc: Doc, i: int) -> bool:
    """Return whether token ``i`` is the number of a bracketed reference mark ("[2]")."""
    return 0 < i < len(doc) - 1 and doc[i - 1].text == "[" and doc[i].is_digit and (
        doc[i + 1].text == "]")


def _line_has_url(doc: Doc, start: int) -> bool:
    """Return whether the line that token ``start`` opens holds a web address."""
    for token in doc[start:]:
        if token.like_url:
            return True
        if LINE_BREAKS.intersection(token.text_with_ws):
            return False
    return False


def _same_line(doc: Doc, end: int, start: int) -> bool:
    """Return whether no line break lies between token ``end - 1`` and token ``start``."""
    return not LINE_BREAKS.intersection(doc[end - 1:start].text_with_ws[len(doc[end - 1].text):])


def _opens(token: Token) -> bool:
    """Return whether a mark opens what follows: "‘", "(", or a straight quote after a space."""
    if token.is_left_punct and not token.is_right_punct:
        return True
    return token.is_quote and (token.i == 0 or bool(token.doc[token.i - 1].whitespace_)
                               or token.doc[token.i - 1].is_space)


def find_quotes(doc: Doc, segments: Segments) -> tuple[Quote, ...]:
    """Return the direct quotations of ``doc``."""
    return tuple(
        Quote(start, end, segments.text[start:end], segments.sentence_of(start))
        for start, end in segments.quotes
    )
