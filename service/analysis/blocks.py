"""A block quotation: the paragraph a lead-in ending with a colon sets off, without marks.

A quotation of some length is set off as a block, with no quotation marks (The Chicago
Manual of Style, 17th ed., 13.9-13.10; the web's ``blockquote``), and a page scrapes to a
lead-in paragraph ending with a colon and the quoted paragraph after it: "Here's the full
statement from Vindman's lawyer David Pressman Friday:", "Le Monde writes:", "As Chief
Justice Roberts explained:". Read as running text, the quoted paragraph is the writer's:
a lawyer's protest in a news report becomes the reporter's opinion.

- **The lead-in** is a paragraph that ends with a colon and whose sentence there is body
  text with a verb of saying or writing (:data:`SAYING`; not in the first person: "let's
  just say he lied about this:" is the writer's own list to come; not a verb whose
  object is a picture: "tweeted a photo:") or a noun of a text someone gave
  (:data:`TEXTS`: "the full statement", "Obama's remarks", "an excerpt of the report";
  or opens with "According to" ("According to the Los Angeles Times:");
  not the writer's own, "our original post"). Not a verb with words of its own ("added
  that the reason was ...:", "polls continue to show ...:"), nor a crosshead in capitals
  ("Still Making Opening Statements:"), nor a crowd's ("what else people are saying:"),
  nor an ordinary verb with an object ("continued negotiations:"), nor an aside in
  brackets. Not a lead-in about a post or a picture (:data:`_EMBEDDED`: "in a series of
  tweets:", "a screenshot shows:", "how the polls looked:"): the page embedded it and the
  scrape lost it, so what follows is the writer's (a post kept with its signature is an
  embed, :mod:`.embeds`); but one named person's post ("Jeremy Corbyn tweeted:",
  "Theresa May said on Twitter:") sets off a block in the first person, its text.
- **The block** is the next paragraph, when it is body text of at least
  :data:`MIN_WORDS` words that opens with no quotation mark (a marked quotation is found
  as one already), no list number and no link, and does not end with a colon (a lead-in
  of its own). Only that paragraph: where a block ends,
  the scraped text does not say, and the writer's words often resume right after it.

The block joins the quotations (:meth:`.Segments.with_quotations`): its sentences and
findings are quoted, and the lead-in's verb or colon credits it as for any quotation
after a colon (:mod:`.colons`).

A quotation that runs over several paragraphs opens each with a mark and closes only the
last (AP Stylebook, "quotation marks"; Chicago 13.30). Where a scrape lost the paragraph
breaks, they run on in one line: '"The Sept. 11 attacks ... changed the course of
history. "They changed the meaning of national security ... "While we remain committed
..., the prevention of terrorism takes precedence."' The marks after a full stop and a
space open, they do not close, so the pairing of marks leaves the middle paragraph the
writer's. :func:`run_on_quotations` reads such a line as one quotation: a line that opens
and ends with a mark, with every other mark an opening one after a sentence's end and a
space, before a capital, and no verb of saying between them (a frame after a dropped
closing mark, '"... risk, says Danielle Allen ... "That's made it harder,"', is not a
run-on quotation).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from service.analysis.quote_frames import SAYING_FORMS
from service.analysis.segments import Segments
from service.analysis.structure import role

#: Verbs that introduce a quoted text (lemmas).
SAYING = frozenset({"say", "write", "tell", "explain", "declare", "state", "add", "argue",
                    "conclude", "note", "read", "announce", "testify",
                    "warn", "observe", "remark", "respond", "reply", "continue",
                    "recall", "insist", "claim", "acknowledge", "admit", "allege", "assert",
                    "contend", "stress"})
#: Nouns of a text someone gave (lemmas).
TEXTS = frozenset({"statement", "remark", "letter", "memo", "email", "e-mail", "excerpt",
                   "transcript", "passage", "testimony", "speech", "message", "release",
                   "text", "editorial", "column", "essay"})
#: Verbs of saying that are ordinary verbs with an object ("continued negotiations:",
#: "added a clause:"), unless the object is a text or "this", "the following".
_WITH_OBJECT = frozenset({"continue", "add", "read", "observe", "remark", "note"})
#: Pictures a page embeds and a scrape loses.
_IMAGES = frozenset({"screenshot", "image", "photo", "picture", "video", "chart", "graph",
                     "graphic", "map", "clip", "meme"})
#: Words of a lead-in to pictures, series and threads ("how the polls looked"): never one
#: post's words.
_PICTURE_WORDS = _IMAGES | {"thread", "look", "series"}
#: A lead-in about a post or a picture: its text or image was embedded in the page and
#: is lost in the scrape (a post kept with its signature is an embed, :mod:`.embeds`), so
#: the paragraph after it is the writer's ("in a series of tweets:", "a screenshot of
#: the tweet shows:", "this is how the polls looked:").
_EMBEDDED = _IMAGES | {"thread", "look", "tweet", "post", "instagram", "facebook", "twitter"}
#: A post's text in its author's voice.
_FIRST_PERSON_WORDS = re.compile(r"\b(?:I|I'm|I've|I'll|me|my|we|we're|we've|our|us)\b")
_HEADING_SMALL = frozenset({"a", "an", "the", "at", "of", "in", "on", "for", "to", "and",
                            "or", "by", "with", "as", "from", "vs", "et"})
#: Objects that make a verb give a picture, not words: "attached a table:", "shared a
#: link:" (the pictures themselves end a lead-in already, :data:`_EMBEDDED`).
_PICTURES = _IMAGES | {"link", "table"}
_FIRST_PERSON = frozenset({"i", "we", "us", "me", "let"})
#: Subjects that speak for no one in particular ("what else people are saying:" opens
#: the writer's round-up), and ones that do only as a text that reads ("It reads:").
_NO_ONE = frozenset({"it", "this", "that", "there", "people", "others", "everyone", "many",
                     "some"})
#: Words a block needs: a line of a few words after a colon is a list's item or a label.
MIN_WORDS = 8
#: A run-on quotation: an opening mark after a sentence's end and a space, before a capital.
_RUN_ON_BREAK = re.compile(r"(?<=[.?!]) [\"\u201c](?=[A-Z])")
_ANY_MARK = re.compile(r"[\"\u201c\u201d]|''")
_FRAME = re.compile(r"\b(?:" + "|".join(sorted(SAYING_FORMS | {
    "say", "according to", "explains", "notes", "noted", "argues", "argued", "continues"}))
    + r")\b", re.IGNORECASE)
_RUN_ON_CHARS = 40
_LINE = re.compile(r"[^\S\n]*([^\n]*\S)")
_OPENS_OTHERWISE = re.compile(r"[\"“”'‘’«(\[]|\d{1,2}[.)]\s|[-*•–—?]\s|--|https?://|www\.")


def block_quotations(doc: Doc, segments: Segments) -> list[tuple[int, int]]:
    """Return the character spans of the block quotations of ``doc`` (see the module)."""
    text = segments.text
    if ":" not in text:
        return []
    out = []
    paragraphs = _paragraphs(text)
    for (_, lead_end), (start, end) in zip(paragraphs, paragraphs[1:], strict=False):
        if text[lead_end - 1] != ":" or segments.quoted_within(start, start + 1):
            continue
        block = text[start:end]
        if len(block.split()) < MIN_WORDS or _OPENS_OTHERWISE.match(block) or block[-1] == ":":
            continue  # a block ending with a colon is a lead-in of its own
        colon = doc.char_span(lead_end - 1, lead_end, alignment_mode="expand")
        if colon is None:
            continue
        sentence = segments.sentences[segments.sentence_of(lead_end - 1)]
        before = doc[sentence.start:colon[0].i]
        if not (_introduces(before) or _one_post(before) and _FIRST_PERSON_WORDS.search(block)):
            continue
        first = segments.sentences[segments.sentence_of(start)]
        if role(text, sentence.start_char, sentence.end_char) != "body" or role(
                text, start, first.end_char) != "body":
            continue  # "READ MORE:" and the headline after it
        out.append((start, end))
    return out


def run_on_quotations(text: str) -> list[tuple[int, int]]:
    """Return the spans of the lines that are one quotation run on over lost breaks."""
    if "\"" not in text and "\u201c" not in text:
        return []
    out = []
    for start, end in _paragraphs(text):
        line = text[start:end]
        if len(line) < _RUN_ON_CHARS or line[0] not in "\"\u201c" or line[-1] not in "\"\u201d":
            continue
        parts = _RUN_ON_BREAK.split(line[1:-1])
        if len(parts) > 1 and not any(
                _ANY_MARK.search(part) or _FRAME.search(part) for part in parts):
            out.append((start, end))
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of each non-empty line, stripped of spaces at both ends."""
    return [(m.start(1), m.end(1)) for m in _LINE.finditer(text)]


def _introduces(before: Span) -> bool:
    """Return whether the words of a sentence before its colon introduce a quoted text."""
    if any(t.lower_ in _FIRST_PERSON and t.dep_ in {"nsubj", "ROOT"} for t in before):
        return False  # "let's just say he lied about this:": the writer's own words follow
    if any(t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to"
           for t in before[:2]):
        return True  # "According to the Los Angeles Times:": the source's words follow
    words = [t for t in before if t.is_alpha and t.lower_ not in _HEADING_SMALL]
    if len(words) >= 2 and all(t.text[0].isupper() for t in words):
        return False  # a crosshead: "Still Making Opening Statements:"
    if any(t.lemma_.lower() in _EMBEDDED or t.lower_ in _EMBEDDED for t in before):
        return False
    depth = 0
    for token in before:
        depth += (token.text == "(") - (token.text == ")")
        if depth:
            continue  # "(as the paper noted)" is an aside: it introduces nothing
        if token.pos_ == "VERB" and token.lemma_.lower() in SAYING and _speaks(token):
            return True
        if token.pos_ == "NOUN" and token.lemma_.lower() in TEXTS and not any(
                c.dep_ == "poss" and c.lower_ in {"my", "our"} for c in token.children):
            # "Here's the full statement from ...:", "Read Obama's remarks:"; "Our original
            # post:" is the writer's own earlier words.
            return True
    return False


def _one_post(before: Span) -> bool:
    """Return whether a lead-in gives one person's post: "The Labour leader, Jeremy Corbyn,
    tweeted:", "Theresa May said on Twitter:" (its text, in the first person, follows).

    A series, a thread, a picture or a screenshot stays out (:data:`_EMBEDDED`).
    """
    if any(t.lower_ in _PICTURE_WORDS or t.lemma_.lower() in _PICTURE_WORDS
           or t.lower_ in {"tweets", "posts"} for t in before):
        return False
    on_a_platform = any(t.lower_ in {"twitter", "instagram", "facebook"} for t in before)
    for verb in before:
        if verb.pos_ == "VERB" and (verb.lemma_.lower() in {"tweet", "post"} or (
                on_a_platform and verb.lemma_.lower() in {"say", "write"})):
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            if subjects and (subjects[0].pos_ == "PROPN" or any(
                    c.dep_ == "appos" and c.pos_ == "PROPN" for c in subjects[0].children)):
                return True  # a named author ("Corbyn", "the Labour leader, Jeremy Corbyn")
    return False


def _speaks(verb: Token) -> bool:
    """Return whether a verb of saying has a speaker and words, not a picture, to give."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects and verb.dep_ in {"advcl", "conj"} and verb.tag_ == "VBG":
        # "Patel stressed that ..., noting in the lawsuit:": the participle's speaker is
        # its clause's subject
        subjects = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects or verb.lemma_.lower() != "read" and subjects[0].lower_ in _NO_ONE:
        return False  # "It's worth noting:": the writer's own point follows
    for child in verb.children:
        if child.dep_ == "xcomp" or child.dep_ == "ccomp" and any(
                c.dep_ == "mark" and c.lower_ in {"that", "if", "whether"} for c in child.children):
            # "Polling continues to show ...:", "GQ added that the reason was ...:": the
            # verb's words are in its own sentence; the colon opens the writer's next point.
            return False
    if verb.lemma_.lower() in _WITH_OBJECT and any(
            c.dep_ == "dobj" and c.lemma_.lower() not in TEXTS | {"this", "these", "following"}
            for c in verb.children):
        return False  # "continued negotiations:"
    return not any(c.dep_ == "dobj" and c.lemma_.lower() in _PICTURES for c in verb.children)
