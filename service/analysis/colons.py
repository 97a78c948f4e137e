"""A colon that hands a quotation to its speaker: 'Then she challenged him: "Say it."'

News copy introduces a quotation with a colon after the speaker's name ("- Philip Bump:
"Two weeks ago, ...""; "Rep. Trey Gowdy (R-S.C.): "I have not heard ..."") or after a
clause whose subject is the speaker and whose verb tells how the words came ("She finally
found an answer to Sanders' criticism: "A vote in 2002 is not a plan""). The colon is the
cue, as PolNeAR and PARC mark it, and the name or the clause's subject is the source.
A verb of saying in the sentence frames the quotation itself ("He said: ..."), and a
thing as subject ("The sign read: ...", "The question is: ...") speaks for no one.

References: The Chicago Manual of Style, 17th ed., 6.63 (a colon introduces a quotation);
Pareti 2016, PARC 3.0 (a cue may be punctuation); AP Stylebook, "colon".
"""

from __future__ import annotations

from collections.abc import Set

from spacy.tokens import Token

from service.analysis.blocks import TEXTS
from service.analysis.frames import KINDS_OF_SOURCE
from service.analysis.segments import DASH_TOKENS, Segments

#: The lexicon entry of the colon before a quotation.
QUOTATION_COLON = "attribution.quotation_colon"
#: Pronouns that name a speaker the text has named before; not "it", "this", or the
#: writer's "I" and "we".
_SPEAKING_PRONOUNS = frozenset({"he", "she", "they"})
#: Sources named by kind: "From the report: ...", and a statement's words.
_KINDS_OF_SOURCE = KINDS_OF_SOURCE | {"statement"}
#: Texts a source gives: "the full statement from Vindman's lawyer: ..." is the lawyer's
#: (the block quotations' texts, and the short ones a colon may hand on).
_TEXTS = TEXTS | {"note", "response", "comment"}
#: Verbs whose object, not subject, is the quotation's speaker: "Frank quotes Kahn: ...".
_CITING = frozenset({"quote", "cite", "paraphrase"})
#: Fewer words after a colon are a name or a label ('a name for the bill: "Trumpcare."',
#: 'listed his guilty pleasure: "Saturday Night Live"'), not words said.
_MIN_WORDS = 4
#: How far after a quotation a closing frame may start ('," Sen. Jack Reed of Rhode
#: Island said'), in characters.
_FRAME_REACH = 60
#: Entity labels of a name that can speak.
_SPEAKING_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def quotation_after(colon: Token, segments: Segments) -> tuple[int, int] | None:
    """Return the quotation that opens right after a colon (past spaces and line breaks)."""
    after = colon.i + 1
    while after < len(colon.doc) and colon.doc[after].is_space:
        after += 1
    return segments.quote_at(colon.doc[after].idx) if after < len(colon.doc) else None


def colon_speaker(colon: Token, speakers: Set[int], segments: Segments) -> Token | None:
    """Return the speaker a colon before a quotation names, or None.

    ``speakers`` holds the token indices of the sources the lexicons found ("officials",
    "critics"). A verb of saying that frames the quotation is left to the caller.
    """
    quotation = quotation_after(colon, segments)
    if quotation is None or len(segments.text[quotation[0]:quotation[1]].split()) < _MIN_WORDS:
        return None  # no quotation, or a name or label: 'a name for the bill: "Trumpcare."'
    before = _before(colon)
    verb = _clause_before(colon)
    dashed = verb is not None and any(t.text in DASH_TOKENS for t in colon.doc[verb.i + 1:colon.i])
    # A name, or after a round-up's dash any proper noun ("- Reuters: ...").
    name = before if before is not None and (
        _names(before) or dashed and before.pos_ == "PROPN") else None
    if name is not None:
        while name.dep_ in {"compound", "flat"} and name.head.i > name.i:
            name = name.head
        if name.dep_ == "pobj" and not (name.head.lower_ == "from" and (
                name.head.head.lemma_.lower() in _TEXTS)):
            # "Trump on Twitter: ...", "Graham to CNN: ...": the name the phrase hangs on
            # speaks; "compares him to Bush: ..." leaves it to the clause. "The statement
            # from Pressman: ..." is Pressman's.
            held = name.head.head
            name = held if held.pos_ == "PROPN" and held.i < name.i else None
    if dashed:
        # "Obama may ban ally spying - NYT: ...": a round-up's headline, then its source.
        return name
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb else None
    if subject is not None and not (subject.lower_ in _SPEAKING_PRONOUNS or subject.i in speakers
                                    or subject.pos_ == "PROPN" and subject.ent_type_ in (
                                        _SPEAKING_ENTITIES | {""})):
        subject = None
    if name is not None and (subject is None or verb is None or verb.lemma_ in _CITING):
        # "doesn't surprise pollster Daron Shaw: "..."", "Frank quotes Alfred Kahn: "...":
        # the name before the colon
        return name
    # "Then she challenged him: "..."", "Trump praises Boyle: 'Very good reporter'": the
    # clause's subject speaks.
    return subject


def framed(colon: Token, segments: Segments, verbs: Set[int]) -> bool:
    """Return whether a verb of saying frames the quotation after the colon itself.

    ``verbs`` holds the character offsets of the verb cues that stand, outside
    quotations. A verb before the colon in its sentence ("Cruz joked: ...", "Said Ellis:
    ...") or a frame right after the quotation ('... : "We will not pay," one of them
    said') credits the words already.
    """
    if any(colon.sent.start_char <= start < colon.idx for start in verbs):
        return True  # "Cruz joked: ...", "Said Ellis: ..."
    quotation = quotation_after(colon, segments)
    if quotation is None:
        return False
    end = quotation[1]
    return any(end <= start <= end + _FRAME_REACH and "\n" not in segments.text[end:start]
               for start in verbs)


def _clause_before(colon: Token) -> Token | None:
    """Return the verb of the clause before the colon (the parse may hang it after)."""
    sentence = colon.sent
    for token in colon.doc[sentence.start:colon.i]:
        if token.pos_ in {"VERB", "AUX"} and token.dep_ != "aux" and (
                token.head.i == token.i or not sentence.start <= token.head.i < colon.i):
            return token
    return None


def _before(colon: Token) -> Token | None:
    """Return the word before the colon, past a closing parenthesis ("Gowdy (R-S.C.):")
    and a day ("the full statement from Vindman's lawyer David Pressman Friday:")."""
    doc, i = colon.doc, colon.i - 1
    while i > colon.sent.start and doc[i].ent_type_ in {"DATE", "TIME"} and (
            doc[i - 1].ent_type_ not in {"DATE", "TIME"} and doc[i - 1].pos_ == "PROPN"):
        i -= 1  # one day after a name, not "on Friday" nor "last week"
    if i >= 0 and doc[i].text == ")":
        while i >= colon.sent.start and doc[i].text != "(":
            i -= 1
        i -= 1
    return doc[i] if i >= colon.sent.start else None


def _names(token: Token) -> bool:
    """Return whether the word before a colon is a name that can speak, or "the report"."""
    if token.lower_ in _KINDS_OF_SOURCE and any(c.dep_ == "det" for c in token.children):
        return True
    return token.pos_ == "PROPN" and token.ent_type_ in {"PERSON", "ORG"}
