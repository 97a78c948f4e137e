"""Cues that are not verbs: a headline's or transcript's colon, a quotation dash, a noun
of saying.

"Ryan: FBI decision defies explanation" and a transcript's "WALLACE: Let's start" credit
the words after the colon to the name before it; '"..." ― Sonya Herridge' credits the
quotation to the name after the dash; "Trump's claim that ..." credits the clause to the
noun's owner. :mod:`service.analysis.attribution` finds each cue in the lexicon and asks
this module whether it stands and where its source and words are.

References: AP Stylebook (headlines; colon); The Chicago Manual of Style, 17th ed.,
13.36 (the source of a displayed quotation after a dash); Pareti 2016, PARC 3.0 (nominal
and punctuation cues).
"""

from __future__ import annotations

from collections.abc import Set

from spacy.tokens import Span, Token

from service.analysis.kinds import SOURCE_ENTITIES

#: Dashes that credit a quotation to the name after them: the quotation dash (U+2015)
#: and the em dash.
DASHES = frozenset("\u2015\u2014")


def opens_a_line(token: Token) -> bool:
    """Return whether a token starts its sentence, also after an opening quotation mark."""
    return bool(token.is_sent_start) or token.i > 0 and token.nbor(-1).is_quote and bool(
        token.nbor(-1).is_sent_start)


def after_a_quotation(dash: Token) -> bool:
    """Return whether a dash follows a closing quotation mark: '"..." ― Name'."""
    doc, i = dash.doc, dash.i - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if len(dash.text) > 1:
        before = dash.text[:-1]  # a mark the tokenizer left on the dash
    elif i < 0 or "\n" in doc[i].whitespace_ or any(
            "\n" in doc[k].text for k in range(i + 1, dash.i)):
        return False
    else:
        before = doc[i].text
    # On the quotation's line: '"..."\n\n—Jane Doe contributed to this article' is a byline.
    return before.rstrip(" \t")[-1:] in {"\u201d", '"'}


def says_something(colon: Token, first_line_end: int) -> bool:
    """Return whether the words after a colon are a statement credited to the name before it.

    On the colon's line they are a clause or a quotation ("Sanders: Clinton needs to
    ...", "CLINTON: Honestly, I mean ..."), or the colon is in the headline (before
    ``first_line_end``, the text's first line break), which drops its verbs ("Lynch: No
    outside influence on FBI probe"). In the body, "Sanders: 1,547." (a tally),
    "Christie: A closing surge." (a list's item) and "New Hampshire: Charlie Arlinghaus,
    ..." (a roll) credit no one's words.
    """
    if colon.idx < first_line_end:
        return True
    for token in colon.doc[colon.i + 1:]:
        if "\n" in token.text:
            break
        if token.pos_ in {"VERB", "AUX"} or token.is_quote:
            return True
        if "\n" in token.whitespace_:
            break
    return False


def names_a_source(span: Span, names: Set[str]) -> bool:
    """Return whether a span names a person or an organisation.

    An entity, or a proper name the document tags as a person elsewhere ("Pence: ..."
    beside "Mike Pence"); "Poll:" and "Study:" name their source by kind.
    """
    if span.root.ent_type_ in SOURCE_ENTITIES or span[0].lower_ in KINDS_OF_SOURCE:
        return True
    if span[0].pos_ != "PROPN":
        # A name the tagger read as a noun ("Sanders: ..."): a name only if the document
        # names that person elsewhere; "Exclusive:", "Update:", "Labor:" are labels.
        return len(span) == 1 and span[0].is_title and span[0].lower_ in names
    return all(t.lower_ in names for t in span if t.pos_ == "PROPN")


#: Sources a headline names by kind: "Poll: ...", "Study: ...", and the groups headlines
#: credit the same way ("Police: Man shot ...", "Experts: ...", "Insiders: Trump will
#: rebound", "Historians: ..."; AP Stylebook, headlines: a colon may stand for "said").
#: Not "Sources:", which heads a list of credits.
KINDS_OF_SOURCE = frozenset({"poll", "survey", "study", "report", "police", "experts",
                             "officials", "insiders", "analysts", "historians", "economists",
                             "critics", "aides", "lawmakers", "scientists", "researchers",
                             "pollsters", "investigators", "prosecutors"})


#: Prepositions that introduce what a noun of saying is about: "criticism of the plan",
#: "a pledge on taxes", "a warning about", "allegations against him", "a call for".
_TOPIC_PREPOSITIONS = frozenset({"of", "on", "about", "against", "for"})


def owner(noun: Token) -> Token | None:
    """Return who a noun of saying belongs to: "Trump's claim", "a pledge by the governor".

    A possessor that can speak, a name before the noun ("the DOJ demand"), or the object
    of a "by" or "from" phrase.
    """
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ not in {"its", "it"}:
            return child
        if child.dep_ == "compound" and child.i < noun.i and child.ent_type_ in SOURCE_ENTITIES:
            return child
        if child.dep_ in {"prep", "agent"} and child.lower_ in {"by", "from"}:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and (obj.ent_type_ in SOURCE_ENTITIES or obj.pos_ == "PROPN"):
                return obj
    verb = noun.head
    if noun.dep_ == "dobj" and verb.lemma_.lower() in _LIGHT_VERBS and any(
            c.dep_ == "det" and c.lower_ in {"the", "a", "an"} for c in noun.children):
        # "Fiorina made the claim that ...", "the ministry issued a statement saying":
        # the noun carries the act, and the verb's subject is who makes it.
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and (subject.ent_type_ in SOURCE_ENTITIES
                                    or subject.pos_ == "PROPN"
                                    or subject.lower_ in {"he", "she", "they"}):
            return subject
    return None


#: Verbs that hand their act to their object noun (light verbs): "made the claim",
#: "issued a statement", "gave a warning" (Quirk et al. 1985, 2.59 on eventive objects).
_LIGHT_VERBS = frozenset({"make", "issue", "give", "offer", "release", "deliver"})


#: Nouns of a held view that credit a clause only: "his view that ...", not "a view of the
#: river", "her position in the firm", "a message of hope", "the theory of relativity".
_CLAUSE_ONLY = frozenset({"view", "position", "message", "belief", "theory", "contention"})


def credited(noun: Token) -> list[Token]:
    """Return what a noun of saying credits: its clause, infinitive or topic phrase.

    As the subject of "be", the noun credits the clause the copula takes: "Herndon's view
    is that America needs ..." (:func:`copular`).
    """
    return [child for child in noun.children
            if child.dep_ in {"acl", "ccomp", "relcl"} and any(
                c.dep_ == "mark" or c.lower_ == "to" and c.dep_ == "aux" for c in child.children)
            or child.dep_ == "prep" and child.lower_ in _TOPIC_PREPOSITIONS
            and noun.lemma_.lower() not in _CLAUSE_ONLY] + copular(noun)


def copular(noun: Token) -> list[Token]:
    """Return the "that" clause a noun of saying is equated with: "the view is that ..."."""
    if noun.dep_ != "nsubj" or noun.head.lemma_ != "be":
        return []
    return [c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.head.i
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
