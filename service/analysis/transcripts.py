"""Transcripts: turns of talk set as "SPEAKER: words", with no quotation marks.

Broadcasters and papers publish interviews, debates, hearings and press conferences as
transcripts. Each turn is a paragraph that opens with the speaker's name in capitals and
a colon ("AMY GOODMAN: Welcome to Democracy Now!", "SEN. JOHN SMITH: We have done what we
came here to do."); the words after it are the speaker's, a direct quotation that needs no
marks. Read as running text they are the writer's, and a transcript of an angry debate
reads as an angry opinion piece.

- **A turn's label**: at the start of a paragraph, one to five words in capitals (a
  title such as "SEN." or "DR." among them), an optional group in brackets ("(R)",
  "(voice-over)"), a colon and the words. "Q" and "A" are not read: whose question and
  whose answer the label does not say, and an explainer's or an advice column's "Q: ...
  A: ..." is the writer's own voice.
- **A speaker, not a section**: every word of the label but a title is a word of a name
  the document tags as a person ("GOODMAN" beside "Amy Goodman"; a label the parse tags
  as a person counts too). Fact-check sections ("MYTH:", "THE FACTS:"), teasers
  ("READ:") and column names ("BAIER TRACKS:") name no one.
- **A role** names an unnamed speaker ("REPORTER:", "AUDIENCE MEMBER:"); it is a turn
  in a transcript, not a reason to read one.
- **A transcript has turns**: at least two paragraphs with a person's name. In a
  transcript, a label shaped like a full name (two to four words) that opens two turns
  or more is a speaker too, named in capitals only ("AMY GOODMAN:" on a page that opens
  with the guest), its surname's turns counted with its own ("KATE BOULDUAN: ..." then
  "BOULDUAN: ...", as transcripts shorten a name after its first turn). A single
  "NAME: ..." line is a headline's colon (:mod:`.frames`).
- **A turn's words** run from the colon to the end of its paragraph, and on through the
  paragraphs after it up to the next turn's label: a long answer runs over several
  paragraphs. The last turn ends with its paragraph: what follows may be the writer's.
- A turn is a direct quotation (its sentences and findings are quoted) spoken by an
  attribution of type ``according_to`` whose cue is the colon (the lexicon entry of a
  headline's colon), whose source is the label's name (named, or unnamed for a role) and
  whose content is the words. A sentence the parse ends inside a label ("SEN." of "SEN.
  JOHN SMITH:") joins the next.

References: Smithsonian Archives of American Art, Oral History Program Style Guide,
section 1 ("speakers' full names in all caps, followed by colon"); AP Stylebook
(headlines; colon); Pareti 2016, PARC 3.0 (a cue may be punctuation).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from service.analysis.model import Attribution, Quote, SourceSpan, TextSpan
from service.analysis.segments import Segments
from service.analysis.voice import merge_credits, spoken_by_cue

#: The lexicon entry of a headline's or transcript's colon: a turn's colon is one.
ENTRY_ID = "attribution.headline_colon"
#: A turn's label: one to five words in capitals at a paragraph's start, an optional group
#: in brackets, a colon and a word after it.
#: (Letters of any script: "JUAN GONZÁLEZ"; :func:`_labels` keeps those in capitals.)
_LABEL = re.compile(
    r"^[ \t]*(?P<label>[^\W\d_](?:[^\W\d_]|['’.\-])*(?:[ \t]+[^\W\d_](?:[^\W\d_]|['’.\-])*){0,4})"
    r"(?:[ \t]*\([^()\n]{1,40}\))?(?P<colon>:)[ \t]+(?=\S)", re.M)
#: Titles and offices a label may carry before the name ("SEN. JOHN SMITH").
TITLES = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "sen", "senator", "rep", "representative", "gov",
    "governor", "pres", "president", "vice", "judge", "justice", "gen", "general", "col",
    "lt", "sgt", "secretary", "mayor", "rev", "sir", "dame", "lord", "lady", "prime",
    "minister", "chairman", "chairwoman", "speaker", "jr", "sr"})
#: Labels that name a speaker by role ("REPORTER:", "AUDIENCE MEMBER:", "UNIDENTIFIED
#: MALE:"): an unnamed source.
ROLES = frozenset({
    "reporter", "reporters", "moderator", "host", "anchor", "correspondent", "interviewer",
    "narrator", "announcer", "panelist", "caller", "audience", "member", "protester",
    "protesters", "crowd", "unidentified", "male", "female", "man", "woman", "voice"})
#: Words no name holds: "THE FACTS:" (a fact check's verdict, the writer's own) is no one.
_NOT_IN_NAMES = frozenset({"the", "a", "an", "of", "and", "or", "to", "for", "in", "on", "at",
                           "by", "with", "what", "how", "why", "more", "new", "update"})
#: A transcript has at least this many turns.
MIN_TURNS = 2


@dataclass(frozen=True)
class Turn:
    """One speaker's turn: the label's name, its colon and the words."""

    name: TextSpan
    colon: TextSpan
    words: TextSpan
    #: "named" for a person's name, "unnamed" for a role ("REPORTER").
    kind: str = "named"


def find_turns(doc: Doc, text: str) -> tuple[Turn, ...]:
    """Return the turns of a transcript in ``text`` (``doc``'s parse), none if it has none."""
    if ":" not in text:
        return ()
    names = {t.lower_ for ent in doc.ents if ent.label_ == "PERSON" for t in ent}
    found = _labels(text)
    labels = [(m, kind) for m in found if (kind := _speaker(m["label"], names)) is not None]
    # In a transcript, a full name that speaks twice is a speaker the text never names
    # in ordinary case ("AMY GOODMAN:" on a page that opens with the first guest), and
    # so is a surname after its full name ("KATE BOULDUAN: ..." then "BOULDUAN: ...").
    surnames = {m["label"].split()[-1]: m["label"] for m in found if _full_name(m["label"])}

    def who(label: str) -> str:
        return surnames.get(label, label)

    recurring = Counter(who(m["label"]) for m in found)
    taken = {m.start() for m, _ in labels}
    speaking = [(m, "named") for m in found if m.start() not in taken
                and recurring[who(m["label"])] >= MIN_TURNS
                and (_full_name(m["label"]) or m["label"] in surnames)]
    if sum(kind == "named" for _, kind in labels) < MIN_TURNS and len(
            {who(m["label"]) for m, _ in speaking}) < MIN_TURNS:
        # Neither two turns of names the text tags as persons nor two speakers who
        # each speak twice: no transcript
        return ()
    labels = sorted(labels + speaking, key=lambda pair: pair[0].start())
    # Every label-like paragraph start ends the turn before it, a speaker's or not.
    stops = [m.start("label") for m in found]
    turns = []
    for k, (m, kind) in enumerate(labels):
        start = m.end()
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        # A turn runs on to the next label; the last one ends with its paragraph.
        end = min(s for s in stops if s > start) if k + 1 < len(labels) else line_end
        end = len(text[:end].rstrip())
        if end <= start:
            continue
        turns.append(Turn(TextSpan(m.start("label"), m.end("label"), m["label"]),
                          TextSpan(m.start("colon"), m.end("colon"), ":"),
                          TextSpan(start, end, text[start:end]), kind))
    return tuple(turns) if sum(t.kind == "named" for t in turns) >= MIN_TURNS else ()


def _labels(text: str) -> list[re.Match[str]]:
    """Return the label-like paragraph starts: words in capitals, a colon, words."""
    return [m for m in _LABEL.finditer(text) if m["label"].isupper()]


def _full_name(label: str) -> bool:
    """Return whether a label is shaped like a full name: two to four words of letters."""
    words = [w.strip(".'’-") for w in label.split()]
    return 2 <= len(words) <= 4 and all(
        w.isalpha() and w.lower() not in ROLES and w.lower() not in _NOT_IN_NAMES for w in words)


def _speaker(label: str, names: set[str]) -> str | None:
    """Return the source kind a label names: "named", "unnamed" (a role) or None (no one).

    Named: each word but the titles is a word of a name the document tags as a person.
    """
    words = [w.strip(".'’-").lower() for w in label.split()]
    name = [w for w in words if w and w not in TITLES]
    if name and all(w in names for w in name):
        return "named"
    if name and all(w in ROLES for w in name):
        return "unnamed"
    return None


def with_turns(segments: Segments, doc: Doc, turns: Sequence[Turn]) -> Segments:
    """Return ``segments`` with each turn's words as a quotation (quotations inside join it).

    A sentence the parse ended inside a label joins the next one.
    """
    if not turns:
        return segments
    labels = [(t.name.start, t.colon.end) for t in turns]
    sentences: list[Span] = []
    joined = False
    for sent in segments.sentences:
        if joined:
            sent = doc[sentences.pop().start:sent.end]
        sentences.append(sent)
        joined = any(a <= sent.start_char and sent.end_char <= b for a, b in labels)
    return dataclasses.replace(
        segments, sentences=tuple(sentences), starts=tuple(s.start_char for s in sentences),
    ).with_quotations([(t.words.start, t.words.end) for t in turns])


def credit_turns(attributions: Sequence[Attribution], reported: Sequence[tuple[int, int, int]],
                 turns: Sequence[Turn], segments: Segments
                 ) -> tuple[tuple[Attribution, ...], list[tuple[int, int, int]]]:
    """Return the attributions with one for each turn, and the reported ranges to match.

    A turn's attribution: the colon, the label's name (named) and the words. One the
    lexicon found at the label (a headline's colon) gives way to it.
    """
    added = [Attribution(start=t.colon.start, end=t.colon.end, text=":", type="according_to",
                         entry_id=ENTRY_ID, sentence_index=segments.sentence_of(t.colon.start),
                         source=SourceSpan(t.name.start, t.name.end, t.name.text, t.kind),
                         content=t.words)
             for t in turns]
    return merge_credits(attributions, reported, added,
                         [(t.name.start, t.colon.end) for t in turns])


def turn_speakers(quotes: Sequence[Quote], attributions: Sequence[Attribution],
                  turns: Sequence[Turn]) -> tuple[Quote, ...]:
    """Return the quotations with each turn spoken by its colon's attribution."""
    return spoken_by_cue(quotes, attributions, ENTRY_ID,
                         [(t.colon.start, t.words) for t in turns])
