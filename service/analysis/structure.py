"""The layout around an article's running text: headings, bylines, datelines, teasers.

Copy pasted from a news page carries more than the story: crossheads ("POLITICAL WIN",
"What now?"), a byline, a dateline standing alone ("WASHINGTON —"), a reference list,
"Read more" teasers and sign-up lines. They are not sentences the writer asserts, so
they get a ``role`` other than "body" and stay out of the opinion share and the genre;
they stay in the output, with their spans, like every sentence.

- ``heading``: a paragraph that is one short line (at most 12 words) with no final
  full stop, exclamation, colon or closing quotation mark; a question only at 6 words or
  fewer ("How did we get here?"), since a longer one-line question is more often a
  rhetorical question of the writer's own; a one-line title of up to 20 words (a
  question too) when every word of four letters or more is capitalised, headline-style.
- ``byline``: a one-line paragraph "By NAME ..." (also "Reporting by", "Editing by",
  "Additional reporting by"), and a credit or copyright line at a story's foot ("... contributed
  to this report.", "Fingerhut reported from Washington.", "Copyright 2014 The Associated
  Press. All rights reserved.").
- ``dateline``: a one-line paragraph of a capitalised place, an optional agency in
  brackets and a dash ("LONDON (Reuters) —"), or an agency's credit standing alone
  ("(CNN)", "New York (CNN Business)").
- ``reference``: a reference-list entry ("[2] Reuters, ..., https://..."), or a link
  standing alone as a sentence (an embedded post's "pic.twitter.com/...").
- ``teaser``: a line that points elsewhere ("Read more: ...", "Related: ...", "Sign up
  for ...", "Click here ...", "Follow us on ...", "Advertisement", "Story highlights
  ..."), a page's widget ("Loading...", "Download the Yahoo News app ...", an audio
  promotion "... Listen · 3:47"), or a newsletter
  sign-up line ("Get the stories you care about delivered to your inbox. By signing up,
  you agree to our Privacy Policy.").
- ``caption``: a photo or video caption or credit copied with the page: a line opening
  with "FILE PHOTO:", "PHOTO:", "Image caption", "Media caption", "Image copyright",
  "Media playback is unsupported", "Enlarge this image", "toggle caption" (a photo's
  caption toggle, as NPR's pages carry it), or a line (or bracketed credit) ending in an
  agency's photo credit ("(AP Photo/Evan Vucci)", "REUTERS/Joshua Roberts", "AFP/Getty
  Images", "Carlos Barria/AP").

Two marks of the whole article say which desk it comes from:

- :func:`newsroom_mark`: the text opens with a dateline ("WASHINGTON (Reuters) -",
  "BRUSSELS, March 4 (Reuters) -", "NEW YORK —", "Washington (AP) —") or carries a
  wire or reporting credit ("(Reporting by ...; Editing by ...)", "Associated Press
  writer ... contributed", "... contributed reporting"): the conventions of a news
  report, not of a column.
- :func:`op_ed_mark`: the text opens with an opinion page's label ("OPINION:",
  "ANALYSIS/OPINION:", "Commentary:") or note ("Editor's note: Jane Doe is a CNN
  contributor ...", "The opinions expressed in this commentary are solely those of the
  author", as CNN's opinion pages open) or its last lines carry an op-ed's author note
  ("Jane Doe is a columnist for ...", "The views expressed ...", "This column first
  appeared in ..."): the tagline that opinion pages put under a contributor's piece.

References: AP Stylebook, "datelines" and "bylines"; the Reuters Handbook of Journalism
on crossheads and on datelines and credit lines; The Guardian and Observer style guide,
"standfirst", "crossheads"; The New York Times' guidelines for op-ed contributors
(the author's identification line).
"""

from __future__ import annotations

import re

from service.analysis.furniture import (
    BAR_CREDIT,
    BYLINE,
    CALL_TO_CLICK,
    CAPTION_OPENS,
    CHART_SOURCE,
    CREDIT,
    CREDIT_WORDS,
    CUE,
    DASH_CREDIT,
    DASH_CREDIT_WORDS,
    DATELINE,
    FOOT_CREDIT,
    FORM_WORDS,
    HIGHLIGHTS,
    INLINE_LINK,
    LINK_ALONE,
    LINK_LABEL,
    QUOTE_CREDIT,
    QUOTE_CREDIT_WORDS,
    SIGN_UP,
    SIGN_UP_WORDS,
    TEASER,
    VIDEO_CLOSE,
    VIDEO_WIDGET,
    WIDGET,
    in_highlights,
    in_link_list,
)
from service.analysis.quote_frames import SAYING_FORMS
from service.analysis.segments import LINE_BREAKS, Segments

HEADING_WORDS = 12
#: A question on a line of its own is a crosshead up to this many words, as explainers set
#: them ("What has the reaction been to the ruling?", "How soon could Iran build a bomb?").
QUESTION_HEADING_WORDS = 8
#: A question that opens with a conjunction goes on from the text before it: "But how much
#: of it should we believe?" is the writer's.
_GOING_ON = frozenset({"But", "And", "So", "Or", "Yet"})
#: A longer one-line title is a heading when it is capitalised headline-style (Chicago
#: Manual of Style 8.159: "headline style" capitalises every major word), as news sites
#: print their headlines ("Trump Is Another Republican Striking A Blow For The Way Things
#: Used To Be"); running text never capitalises every long word.
TITLE_WORDS = 20
BYLINE_WORDS = 12
#: A line of at most this many words, every one capitalised, ending in a colon is a label
#: over what follows ("Still Debating:", "A Bit Of Background:"): a heading.
LABEL_WORDS = 6
#: A run-in label in capitals that opens a line ("CORRECTION:", "EDITOR'S NOTE:",
#: "UPDATE:") labels the text after it on the same line (AP Stylebook, "corrections").
RUN_IN_WORDS = 3
_RUN_IN_LABEL = re.compile(r"[A-Z][A-Z'’ ]*:")
#: Letters a line in capitals needs to be a heading, not an acronym or a label alone.
_CAPS_LETTERS = 12
_OPENING_MARKS = frozenset("\"“‘'«")
#: A line that is all one quotation of a phrase: "'Not some pushover'", "“A WITCH HUNT”".
_QUOTED_LINE = re.compile(r"[\"“‘']([^\n\"“”‘’]{2,80})[\"”’']")
#: A label that opens so credits what follows: "According to the Times:", "Per Fox:".
_CREDITING = ("according to ", "per ", "from ", "via ")
#: A quotation's own attribution after its closing mark: "“...,” said Jane Doe", "” she says".
_SAID = re.compile(r"[”\"’'],?\s+(?:\w+\s+){0,4}?(?:" + "|".join(sorted(SAYING_FORMS))
                   + r")\b")
_SMALL_WORDS = frozenset({"a", "an", "the", "and", "or", "of", "on", "in", "to", "for", "at",
                          "by", "with", "&"})
_REFERENCE = re.compile(r"\[\d+\]")
#: A footnote mark at the end of a line ("... in 2019.[3]") is not part of how it ends.
#: A headline's label, a colon and the words after it, with no stop at the end.
_COLON_HEADLINE = re.compile(r"([A-Z][^.!?:\n]{1,60}):\s?[A-Z‘'\"“][^\n]*[^.!?,;:\s—–-]")
_CLOSING_MARKS = frozenset("”\"")
_TRAILING_MARKS = re.compile(r"(?:\s*\[\d+\])+$")
#: A list item ("- Cut taxes", "• Raise wages", "3. Repeal the rule"): the writer's words.
_MARK = r"[-*•–—]|\d{1,2}[.)]"
_BULLET = re.compile(rf"(?:{_MARK})\s")
#: A list item that is only a label and its colon: "•Arlington, Va.:", "- Washington:".
_ITEM_LABEL = re.compile(r"[•·▪●*-]\s?[A-Z][\w.,'’ -]{0,40}:")
#: A list's mark split off as a sentence of its own ("1.", "•", "·").
_LIST_MARK = re.compile(rf"{_MARK}|[·▪●]|(?:[•*·]\s*){{2,}}")  # also a break: "• • •"
#: A live story's time stamp on a line of its own: "4:15 p.m.", "Updated at 2:30 p.m. EDT".
_TIMESTAMP = re.compile(r"(?:(?:updated|posted|published)(?: at| on)? )?\d{1,2}:\d{2}\s*"
                        r"[ap]\.?m\.?(?: [A-Z]{2,4})?", re.IGNORECASE)
_URL = re.compile(r"https?://|www\.")
_NUMBERED = re.compile(r"\d{1,2}[.)]\s+")
#: A dateline opening the text: a place in capitals (an optional region or date after a
#: comma, an optional agency in brackets) and a dash; or a capitalised place and a wire
#: agency in brackets ("Washington (AP) —"). An en or em dash may touch the next word
#: ("WASHINGTON—President ..."); a hyphen must not ("U.S.-China talks" opens no
#: dateline). "(CNN) --" alone, with no place, is a credit opinion pieces carry too.
_OPENING_DATELINE = re.compile(
    r"\s*(?:[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Za-z.'’-]*){0,4}(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"\s*(?:\([^()\n]{2,30}\))?(?:\s*[-–—]+\s|\s*[–—])"
    r"|[A-Z][\w.'’-]+(?:[ ,]+[A-Z][\w.'’-]*){0,4}(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?\s*"
    r"\((?:Reuters|AP|AFP|Bloomberg|UPI|CNN|The Associated Press)\)\s*[-–—]*\s)")
_WIRE_CREDIT = re.compile(
    r"\((?:Reporting|Additional reporting|Writing|Editing) by [^)]{3,200}\)"
    r"|\b(?:Associated Press|AP) (?:writers?|reporters?|correspondents?) [A-Z][^\n]{0,200}"
    r"contributed|\bcontributed (?:to this (?:report|story|article)|reporting)", re.IGNORECASE)
#: The disclaimer of an opinion page: the views are the writer's, not the paper's.
_DISCLAIMER = (r"\b(?:views|opinions) expressed (?:in this (?:commentary|column|article|piece"
               r"|op-ed|essay|video)|here"
               r"|by (?:the )?(?:columnists?|authors?|contributors?|writers?))\b")
_AUTHOR_NOTE = re.compile(
    r"(?:^|\n)\s*(?:[A-Z][\w.'’-]+ ){1,4}(?:is|was|has been|serves as)\s+(?:(?:a|an|the)\s+)?"
    r"(?:[\w,’'-]+ ){0,8}(?:columnist|author|contributor|professor|editor|writer|fellow"
    r"|director|president|host|commentator|correspondent|analyst|chair(?:man|woman)?|founder"
    r"|economist|attorney)\b[^\n]*$"
    r"|" + _DISCLAIMER + r"|this (?:column|article|piece|commentary|op-ed|essay) "
    r"(?:first |originally )?(?:appeared|was (?:first |originally )?published)"
    r"|(?:originally|first) (?:appeared|published) (?:in|on|at)\b", re.IGNORECASE)
#: A contributor's note as a paragraph of its own at a story's foot: "Chris Stirewalt is
#: digital politics editor for Fox News, and his POWER PLAY column appears ...". Only the
#: writer's trades: "Johnson was president of the union" may end a report.
_FOOT_NOTE = re.compile(
    r"(?:[A-Z][\w.'’-]+ ){1,4}(?:is|was|has been|serves as)\s+(?:(?:a|an|the)\s+)?"
    r"(?:[\w,’'-]+ ){0,8}(?:columnist|contributor|contributing (?:editor|writer)|writer|editor"
    r"|author|correspondent|commentator)\b")
#: A contributor's note after a dash, as syndicated columns end, any trade ("— Max C. Eden
#: is a senior fellow at ...", "— Charles Krauthammer's email address is ...").
_DASH_NOTE = re.compile(r"(?:—|–|--) ?(?:(?:[A-Z][\w.'’-]+ ){1,4}(?:is|was|has been|serves as)\b"
                        r"|(?:[A-Z][\w.'’-]+ ){0,3}[A-Z][\w.-]+['’]s? e-?mail address is)")
#: How many paragraphs at a story's foot a contributor's note may stand in.
FOOT_PARAGRAPHS = 2
#: An opinion page's note above a contributor's piece: an editor's note naming the writer
#: ("Editor's note: Jane Doe is a CNN contributor"), or a disclaimer that the views are
#: the writer's own. (A first line "Jane Doe is a columnist ..." may open a report about
#: her, so only the tail reads it as an author note.)
_HEAD_NOTE = re.compile(
    r"\b[Ee]ditor['’]?s [Nn]ote:\s*(?:[A-Z][\w.'’-]+ ){1,4}(?:is|was|has been)\b"
    r"|(?i:" + _DISCLAIMER + r")")
#: An opinion page's label opening the text.
_OPINION_LABEL = re.compile(
    r"\s*(?:\(?(?:ANALYSIS/)?OPINION\b|COMMENTARY\b|EDITORIAL\b"
    r"|(?:Opinion|Commentary|Editorial|Column|Op-ed)\s*[:|])")
#: How much of the text's start a dateline or label, and of its end a credit or author
#: note, is looked for in.
_HEAD, _TAIL = 200, 400
#: A paragraph with the blank lines after it.
_PARAGRAPH = re.compile(r"[^\n]+(?:\n\s*|$)")
_HEADING_ENDS = frozenset(".!:;,\"”’'…")
#: How far either side of a sentence its line is looked for: structure is short.
_REACH = 600
_BREAK = re.compile("[" + "".join(sorted(LINE_BREAKS)) + "]")


def roles(segments: Segments) -> list[str]:
    """Return the role of each sentence: body, or the layout around it (see the module)."""
    text = segments.text
    if not _BREAK.search(text.strip()):
        return ["body"] * len(segments.sentences)  # a text of one line has no layout around it
    return [role(text, sent.start_char, sent.end_char) for sent in segments.sentences]


def _after_a_quotation(text: str, start: int) -> bool:
    """Return whether the paragraph before the line at ``start`` ends with a closing mark."""
    line_start = text.rfind("\n", 0, start)
    before = text[max(0, line_start - 400):max(line_start, 0)].rstrip()
    return bool(before) and before[-1] in "”\"’'"


def _line_of(text: str, start: int, end: int) -> str | None:
    """Return the line (paragraph) that holds ``[start, end)``, stripped.

    Only a short line can be structure, so the search looks at most ``_REACH`` characters
    either side (keeping the cost linear in a text with no line break): None beyond that.
    """
    low = max(0, start - _REACH)
    breaks = [m.end() for m in _BREAK.finditer(text, low, start)]
    if not breaks and low > 0:
        return None
    after = _BREAK.search(text, end, end + _REACH)
    if after is None and end + _REACH < len(text):
        return None
    return text[breaks[-1] if breaks else 0:after.start() if after else len(text)].strip()


def role(text: str, start: int, end: int) -> str:
    """Return the role of the sentence at ``[start, end)`` of ``text``."""
    sentence = text[start:end].strip()
    if not sentence:
        return "body"
    if _REFERENCE.match(sentence) and _URL.search(sentence) or LINK_ALONE.fullmatch(sentence):
        return "reference"
    first = start + (len(text[start:end]) - len(text[start:end].lstrip()))
    for link in INLINE_LINK.finditer(text, max(0, first - 250), min(len(text), end + 250)):
        if link.start() <= first and first + len(sentence) <= link.end():
            return "teaser"  # a link in brackets inside the story, not its words
    if QUOTE_CREDIT.fullmatch(sentence) and len(sentence.split()) <= QUOTE_CREDIT_WORDS and (
            text[:first].rstrip(" \t")[-1:] in _CLOSING_MARKS) and (
            not text[first + len(sentence):].split("\n", 1)[0].strip()):
        return "caption"  # a quotation's credit: '... impeachment.” Edward B. Foley, Politico'
    if CALL_TO_CLICK.match(sentence):
        return "teaser"
    if CHART_SOURCE.fullmatch(sentence):
        return "caption"
    line = _line_of(text, start, end)
    if line is None:
        return "body"
    if CAPTION_OPENS.match(line) or CREDIT.search(line) or VIDEO_WIDGET.match(line) or (
            VIDEO_CLOSE.match(line)) or BAR_CREDIT.search(line):
        return "caption"
    if line.startswith("( ") and line.endswith(")") and "(" not in line[1:]:
        return "teaser"  # a link set in brackets with a space inside: "( Full 2014 results)"
    if DASH_CREDIT.match(line) and len(line.split()) <= DASH_CREDIT_WORDS and (
            _after_a_quotation(text, start)):
        return "caption"  # a block quotation's credit: the desk's layout
    line_words = len(line.split())
    if SIGN_UP.search(line) and (line_words <= SIGN_UP_WORDS or line_words <= FORM_WORDS and len(
            {m.group().lower() for m in SIGN_UP.finditer(line)}) >= 2) or WIDGET.match(
            line.lstrip("-–—•* ")):
        return "teaser"
    if FOOT_CREDIT.match(line.lstrip("-–—•* ")) and len(line.split()) <= CREDIT_WORDS:
        return "byline"  # a credit or a copyright notice: the desk's, not the writer's
    if (_FOOT_NOTE.match(line.lstrip("-–—•* ")) or _DASH_NOTE.match(line)) and len(
            line.split()) <= CREDIT_WORDS and line in [
            p.strip() for p in text[-_REACH * 3:].split("\n") if p.strip()][-FOOT_PARAGRAPHS:]:
        return "byline"  # the writer's note at the foot: "... is a columnist for ..."
    if HIGHLIGHTS.match(sentence) or in_highlights(text, first, line):
        return "teaser"  # a summary box above the story, not its running text
    if LINK_LABEL.match(sentence) or LINK_LABEL.match(line) and len(line.split()) <= TITLE_WORDS:
        return "teaser"  # "SEE ALSO: McCain blasts Putin: ‘...’", its headline on its line
    if in_link_list(text, start, line):
        return "teaser"  # "READ MORE:" and the linked headlines on the lines under it
    teaser = TEASER.match(sentence)
    if teaser and (sentence[teaser.end():teaser.end() + 1] in {":", "|", ""}
                   or sentence[teaser.end():] in {"...", "…"}
                   or line == sentence and sentence[-1] not in ".!?"):
        return "teaser"  # "Read more: ...", "Advertisement", not "Listen, I understand ..."
    if line != sentence and len(line.split()) <= TITLE_WORDS and line.isupper() and sum(
            c.isalpha() for c in line) >= _CAPS_LETTERS:
        # A line in capitals, split by its colon: "KARL ROVE: THE DEMOCRATIC PRIMARY FROM
        # HELL IS COMING OUR WAY", a teaser's headline; running text is never set in caps.
        return "heading"
    if (label := _COLON_HEADLINE.fullmatch(line)) and not (label.group(1).isupper() and not (
            line.isupper() or _title_case(line[label.end(1) + 1:].split()))):
        # A label glued to its headline is a related story's link ("Russia
        # investigation:Michael Cohen offered ..., report says"); a headline with a colon
        # the parser split is a crosshead ("London Mayor: Trump a 'global threat'", "MYTH:
        # There Is No Such Thing ..."). Not a transcript's turn ("LESTER HOLT: Very quickly").
        if line[label.end(1) + 1:label.end(1) + 2] != " ":
            if len(line.split()) <= TITLE_WORDS + 5:
                return "teaser"
        elif line != sentence and len(line.split()) <= HEADING_WORDS:
            return "heading"
    if line != sentence and line.startswith(sentence):
        # The first words of a line, split from the sentence after them on the same line:
        # "Washington (CNN) The State Department ...", "CORRECTION: An earlier version ...".
        if DATELINE.fullmatch(sentence):
            return "dateline"
        if _RUN_IN_LABEL.fullmatch(sentence) and len(sentence.split()) <= RUN_IN_WORDS:
            return "heading"  # a run-in label in capitals: "CORRECTION:", "EDITOR'S NOTE:"
    if _LIST_MARK.fullmatch(sentence) or _TIMESTAMP.fullmatch(line):
        return "heading"  # a list's number or bullet split off as a sentence: "1.", "•"
    if line == sentence and _ITEM_LABEL.fullmatch(sentence):
        return "heading"  # a list item's label alone: "•Arlington, Va.:"
    if CUE.fullmatch(sentence) and not DATELINE.fullmatch(sentence):
        return "heading"  # a broadcast script's production cue: "(SOUNDBITE)", "(LAUGHTER)"
    if (number := _NUMBERED.match(line)) and line[number.end():] == sentence:
        line = sentence  # a numbered list's item on its own line: "2. You Sound Like A Child"
    if line == sentence and QUOTE_CREDIT.fullmatch(sentence) and (
            len(sentence.split()) <= QUOTE_CREDIT_WORDS and not sentence.isupper()
            and _after_a_quotation(text, start)):
        return "caption"  # a quotation's credit on its own line: "Max Boot, Washington Post"
    if (block := _headline_block(text, first, line)) is not None:
        return block
    if line != sentence or _BULLET.match(sentence):
        return "body"
    words = sentence.split()
    previous = text[:first].rstrip().rsplit("\n", 1)[-1].strip()
    if len(words) <= TITLE_WORDS and sentence[-1] not in ".!?" and previous.endswith(":") and (
            LINK_LABEL.match(previous)):
        return "teaser"  # the linked headline under its label: "SEE ALSO:" then the headline
    if BYLINE.match(sentence) and len(words) <= BYLINE_WORDS and sentence[-1] not in ".!?":
        return "byline"
    if DATELINE.fullmatch(sentence):
        return "dateline"
    if (quoted := _QUOTED_LINE.fullmatch(sentence)) and len(quoted.group(1).split()) <= (
            HEADING_WORDS) and quoted.group(1).rstrip()[-1] not in ".!?,…:;":
        # A crosshead that quotes the story ("'Not some pushover'", "‘Unify the vote’"):
        # a quotation set as its own paragraph ends with its sentence's mark.
        return "heading"
    ending = _TRAILING_MARKS.sub("", sentence) or sentence
    if len(words) <= HEADING_WORDS and ending[-1] not in _HEADING_ENDS and (
            ending[-1] != "?" or len(words) <= QUESTION_HEADING_WORDS
            and words[0] not in _GOING_ON) and (
            not ending.endswith("...")) and ending[-1] != ")":
        return "heading"
    if len(words) <= TITLE_WORDS and ending[-1] not in ".!:;," and _title_case(words):
        return "heading"
    following = text[end:].lstrip().split("\n", 1)[0]
    if len(words) <= LABEL_WORDS and ending[-1] == ":" and _capitalised(words) and (
            following[:1] not in _OPENING_MARKS or _SAID.search(following)) and (
            not sentence.lower().startswith(_CREDITING)):
        # A run-in label on a line of its own ("Still Debating:"); one before a quotation
        # introduces it ("From NBC News:", "Charles Koch:") and stays body, unless the
        # quotation names its own speaker ("“I haven't decided,” said Jane Doe"), and so
        # does one that credits what follows ("According to the Los Angeles Times:", "Per
        # Fox:", "From Zero Hedge:").
        return "heading"
    return "body"


#: The text's first line as some pages scrape it: a summary (the dek) and the headline
#: after it with no stop ("Boehner's office would not comment on the talks. Boehner
#: pitches millionaire tax hike").
_HEADLINE_AFTER_DEK = re.compile(r"(?:[^\n]*?[.!?][\"”’]?\s+)([A-Z][^.!?\n]{3,100}[^.!?:,;\s])")
_DEK_WORDS = 60
_LEADING_SPACE = re.compile(r"\s*")


def _headline_block(text: str, first: int, line: str) -> str | None:
    """Return "heading" for the headline and "teaser" for the dek of a first line that
    ends in a headline (:data:`_HEADLINE_AFTER_DEK`), None for any other sentence."""
    start = _LEADING_SPACE.match(text).end()  # type: ignore[union-attr]  # always matches
    if text.find("\n", start, first) >= 0 or len(line.split()) > _DEK_WORDS:
        return None  # not the first line (found without copying the text before it)
    match = _HEADLINE_AFTER_DEK.fullmatch(line)
    if match is None or len(match.group(1).split()) > TITLE_WORDS // 2 + 4 or (
            not text[start + len(line):].strip()):
        return None
    return "heading" if first >= start + match.start(1) else "teaser"


def _capitalised(words: list[str]) -> bool:
    """Return whether every word is capitalised but the small words of a title."""
    stripped = [w.strip("\"'‘’“”()[]-—–:") for w in words]
    return bool(stripped) and stripped[0][:1].isupper() and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _SMALL_WORDS for w in stripped if w)


def _title_case(words: list[str]) -> bool:
    """Return whether a line is capitalised headline-style: every word of 4+ letters capped."""
    stripped = (w.strip("\"'‘’“”()[]-—–") for w in words)
    long = [w for w in stripped if len(w) >= 4 and w[:1].isalpha()]
    return len(long) >= 3 and all(w[0].isupper() for w in long)


def after_dateline(text: str, start: int) -> int:
    """Return where the story's words start, past a dateline that opens the text at
    ``start`` ("WASHINGTON (AP) — ..."): the desk's, not a source's words."""
    if start != _LEADING_SPACE.match(text).end():  # type: ignore[union-attr]  # always matches
        return start
    match = _OPENING_DATELINE.match(text, start)
    # a place and a dash before a capital ("NATO — the alliance" opens no dateline); a
    # hyphen only after an agency in brackets ("SEOUL (Reuters) -", not "U.S. - China")
    return match.end() if match and text[match.end():match.end() + 1].isupper() and (
        "(" in match.group() or "-" not in match.group().rstrip()[-1:]) else start


def newsroom_mark(text: str) -> bool:
    """Return whether the text opens with a dateline or carries a wire or reporting credit.

    Photo captions set above the story ("... (AP Photo/Richard Vogel)") are passed over:
    the dateline opens the story after them.
    """
    start = 0
    while (match := _PARAGRAPH.match(text, start)) and CREDIT.search(match.group()):
        start = match.end()
    return bool(_OPENING_DATELINE.match(text[start:start + _HEAD])
                or _WIRE_CREDIT.search(text[-_TAIL:]))


def op_ed_mark(text: str) -> bool:
    """Return whether the text opens with an opinion label or note or ends with an author note."""
    return bool(_OPINION_LABEL.match(text[:_HEAD]) or _HEAD_NOTE.search(text.lstrip()[:_TAIL])
                or _AUTHOR_NOTE.search(text.rstrip()[-_TAIL:]))
