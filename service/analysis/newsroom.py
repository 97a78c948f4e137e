"""Words of the newsroom's own work that look like reporting: asides, credits, requests.

"It's worth noting that ..." is the writer pointing at a claim of the writer's own, and
"the president, who has called it a 'hoax'" the writer's note on someone another source
mentions (its cue stands on its own, :func:`aside`);
"X contributed reporting" and "X reported from Kabul." are a story's credits; "did not
respond to requests for comment" says that a source was asked. "Worth noting" and the
credits credit no one's words (:mod:`service.analysis.attribution` drops them); a request
names its source as one who was asked, an attribution with nothing said.

References: AP Stylebook ("contributed reporting"; a request for comment); Merriam-Webster,
"go without saying".
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from service.analysis.labels import PLACE_LABELS
from service.analysis.model import Attribution


def the_writers_aside(verb: Token) -> bool:
    """Return whether a verb of saying is the writer's own aside, with no one else speaking.

    "It's worth noting that ...", "It goes without saying that ...": the writer points
    at a claim of the writer's own (Merriam-Webster, "go without saying").
    """
    head = verb.head
    return verb.tag_ == "VBG" and (head.lower_ == "worth" or head.lower_ == "without" and (
        head.head.lemma_ == "go"))


def credit_line(verb: Token) -> bool:
    """Return whether a verb of reporting is a newsroom's credit line, not an attribution.

    "... contributed reporting", "X reported from Kabul" with nothing reported: the
    staff who gathered the story (AP Stylebook and The New York Times's end credits:
    "contributed reporting"; a dateline's "reported from").
    """
    if verb.lemma_ != "report":
        return False
    if verb.tag_ == "VBG" and verb.head.lemma_ == "contribute":
        return True
    place = [child for child in verb.children if child.dep_ == "prep" and child.lower_ == "from"
             and any(c.ent_type_ in PLACE_LABELS or c.pos_ == "PROPN" for c in child.subtree)]
    return bool(place) and all(  # "reported from Washington on the vote" reports
        child in place or child.dep_ in {"nsubj", "punct", "cc", "conj", "advmod", "npadvmod"}
        for child in verb.children)


#: What a source is asked in a newsroom's request: "did not respond to requests for
#: comment", "did not reply to an email" (AP Stylebook: say that a source did not respond
#: to a request for comment). Not "call": "firefighters responded to a call".
_REQUESTS = frozenset({"request", "message", "email", "inquiry", "question"})


def answers_a_request(verb: Token) -> bool:
    """Return whether "respond" or "reply" answers a request: "respond to requests for comment"."""
    return verb.lemma_ in {"respond", "reply"} and any(
        child.dep_ == "prep" and child.lower_ == "to" and any(
            obj.dep_ == "pobj" and obj.lemma_.lower() in _REQUESTS for obj in child.children)
        for child in verb.children)


def aside(doc: Doc, a: Attribution) -> bool:
    """Return whether a cue heads a non-restrictive relative clause: the writer's aside.

    "Tillerson said he would not contradict the president, who has called climate change
    a 'hoax'": the clause set off by a comma is the writer's note on the president, not
    Tillerson's words, so its cue stands (The Chicago Manual of Style, 17th ed., 6.27:
    a nonrestrictive clause is set off by commas).
    """
    cue = doc.char_span(a.start, a.end, alignment_mode="expand")
    verb = cue.root if cue is not None else None
    if verb is None or verb.dep_ != "relcl":
        return False
    first = verb.left_edge
    return first.tag_ in {"WP", "WP$"} and first.i > 0 and doc[first.i - 1].text == ","
