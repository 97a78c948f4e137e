"""Findings: when "show" and "find" credit what follows to their source.

A poll, a study or a record "shows" or "found" something, and the finding is theirs:
"a Washington Post poll showed Moore ahead", "court papers showed how Pecker offered to
help", "an independent survey of 151 pharmacies found ...". A jury, a court, an inquiry or
researchers "found" something, and it is their finding. Most other subjects show or find
in another sense, and nothing is credited to them:

- what a picture shows is a scene the writer describes: "a video shows the officer
  firing eight times", "this file photo shows Mueller speaking";
- "show" also means to prove or to display, as the writer's own inference: "the Carrier
  deal showed that Trump has authoritarian instincts", "his approval ratings have shown
  that the state can be governed from the center", "moves that show the U.S. is sincere";
- "find" also means to come upon or to feel: "a bike was found in the truck", "these
  populations found assimilation more difficult";
- a finding no one made is none: "if they find that ...", "no progressive finds that
  rate acceptable" (:func:`service.analysis.sources.speaker` gives no source).

A named speaker who "found" a finite clause reports a finding ("the researchers found that
areas hardest hit ..."); a pronoun's "found that" is as often a discovery ("they found
that the house had burned down") and a negated one reports none.

References: AP Stylebook, "polls and surveys" (a poll's findings are attributed to it);
Merriam-Webster, "show" (transitive verb 1: to cause or permit to be seen; 3c: to
establish or make clear by argument or reasoning; 4b: to give record of, as in "the
records show"), "find" (transitive verb 1a: to come upon; 3b: to determine and make a
statement about, as in "find a verdict").
"""

from __future__ import annotations

from spacy.tokens import Token

#: The lexicon entry of "find" and "show" (sense "evidence").
FOUND = "attribution.verb.found"
#: Nouns of a measure or record that state a measurement as their object: "a poll shows
#: Sanders with 47 percent", "polling averages show Clinton with a lead"
#: (:func:`service.analysis.reporting.measures`). The model lemmatizes "data" as "datum".
MEASURES = frozenset({"poll", "polling", "average", "survey", "study", "report", "data",
                      "datum", "analysis", "research", "audit", "review", "census", "figure",
                      "record", "email", "document"})
#: Things that record or measure, whose "show" and "find" report what they hold.
RECORDS = MEASURES | frozenset({
    "transcript", "log", "filing", "paper", "file", "memo", "message", "letter",
    "result", "return", "number", "count", "tally", "estimate", "projection", "forecast",
    "statistic", "chart", "graph", "table", "slide", "database", "calculation", "test",
    "summary", "analysis"})
#: Bodies and people whose "find" is a finding: a verdict, an inquiry's conclusion.
FINDERS = frozenset({
    "jury", "court", "judge", "panel", "committee", "commission", "inquiry", "investigation",
    "probe", "inspector", "investigator", "auditor", "researcher", "scientist", "analyst",
    "economist", "agency", "department", "office", "board", "regulator", "watchdog", "juror",
    "author", "pollster"})
#: What a picture shows is a scene, not a finding: no record, even where a map or chart
#: would be one ("the map showing where the spy software is" depicts).
_PICTURES = frozenset({"video", "footage", "photo", "photograph", "image", "picture",
                       "painting", "aerial", "camera", "film", "clip", "caption", "drawing",
                       "illustration", "screenshot", "map"})


def _kind(noun: Token) -> str:
    """Return what a noun names, in lower case: "Records" opening a sentence is "record".

    The tagger may read a capitalised plural as a name and keep it as its own lemma; "a
    series of polls" and "a summary of the report" are the polls and the report.
    """
    lemma = noun.lemma_.lower()
    if lemma not in RECORDS and noun.pos_ == "PROPN" and lemma.endswith("s"):
        lemma = lemma[:-1]
    if lemma not in RECORDS:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                inner = [c.lemma_.lower() for c in prep.children if c.dep_ == "pobj"]
                if inner and inner[0] in RECORDS:
                    return inner[0]
    return lemma


def credits_a_finding(verb: Token, source: Token, speaking: bool) -> bool:
    """Return whether "show" or "find" with ``source`` as its source reports a finding.

    ``speaking`` says whether the source can speak (:func:`service.analysis.rules.
    is_speaker`): a name, a personal pronoun, a group the source entries found.
    """
    lemma = _kind(source)
    if lemma in _PICTURES or any(t.lemma_.lower() in _PICTURES for t in source.children
                                 if t.dep_ == "compound"):
        # "a video shows the officer firing", "this file photo shows Mueller speaking": a
        # scene. "Video shows that Crutcher had his hands in the air": a claim it backs.
        return _that_clause(verb)
    if lemma in RECORDS:
        return True
    if source.lower_ == "it":
        # "It also found that ...", "It showed that the United Nations can ...": a study,
        # an agency or an event named before, not the writer's "it is clear"
        return _that_clause(verb)
    if verb.lemma_.lower() != "find":
        return False  # "the Carrier deal showed that ...": an inference, no record
    if any(c.dep_ == "neg" or c.dep_ == "mark" and c.lower_ in {"if", "unless"}
           for c in verb.children):
        return False  # "researchers have not found that", "if they find that": none made
    if lemma in FINDERS:
        return True  # "a jury found", "though a panel found ...", "a Senate panel found"
    # Not "found their lives falling under scrutiny" (what they met with), "when they
    # found that ..." (a discovery in a story)
    return speaking and source.tag_ != "PRP" and not any(
        c.dep_ == "mark" for c in verb.children) and any(
        child.dep_ == "ccomp" and _finite(child) for child in verb.children)


def _finite(clause: Token) -> bool:
    """Return whether a clause is finite: its own subject and a tensed verb or modal."""
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in clause.children) and any(
        t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in (clause, *clause.children))


def _that_clause(verb: Token) -> bool:
    """Return whether a verb takes a clause opened by "that"."""
    return any(child.dep_ == "ccomp" and any(
        c.dep_ == "mark" and c.lower_ == "that" for c in child.children)
        for child in verb.children)


def records_showing(verb: Token) -> Token | None:
    """Return the record a participle of showing or finding describes: "polls showing ...".

    "with polls showing them vying for the lead", "a report finding that ...": the
    participle hangs on the record, which is the source. None for any other noun.
    """
    head = verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.i < verb.i and (
            verb.lemma_.lower() in {"show", "find"}) and head.lemma_.lower() in RECORDS and (
            head.lemma_.lower() not in _PICTURES):
        return head
    return None
