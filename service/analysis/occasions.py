"""The setting of a frame: when, where, how and to whom words were said.

A frame of speech is its speaker, its verb and the setting of the words: "said in an
interview", "told Bloomberg Politics in May", "said by telephone". The setting is no
object the verb acts on and no content: a frame with a setting is still set apart from
the words it reports (:mod:`service.analysis.reporting`), and an "in" phrase of setting
is not the "in" of "believes in".

References: Levin (1993), English Verb Classes and Alternations, "verbs of communication"
(the recipient of "tell"); Merriam-Webster, "tell" sense 2.
"""

from __future__ import annotations

from spacy.tokens import Token

from service.analysis.labels import SETTING_LABELS

#: Occasions and media of speaking: "said in an interview", "wrote in a statement".
OCCASIONS = frozenset({"interview", "statement", "speech", "response", "letter", "post",
                       "tweet", "debate", "rally", "email", "memo", "video", "testimony",
                       "hearing", "conference", "remark", "address", "op-ed", "column",
                       "appearance", "essay", "book", "filing", "court", "news", "release"})


def setting(prep: Token) -> bool:
    """Return whether an "in" phrase says when or on what occasion words were said.

    Not where: "believes in America" is no setting (a verb of saying with no sense of
    its own takes any "in" phrase as its setting, :func:`service.analysis.reporting.reports`).
    """
    return any(child.dep_ == "pobj" and (child.ent_type_ in SETTING_LABELS
                                         or child.lemma_.lower() in OCCASIONS)
               for child in prep.children)


def hearer(verb: Token, child: Token) -> bool:
    """Return whether the object of "tell" is who was told: '..., Duncan told The New York
    Times in 2012, "...', "told reporters" (Merriam-Webster, "tell" sense 2: to inform, the
    hearer as object). A name, a pronoun or people in the plural; "told the story" tells
    what was said."""
    return verb.lemma_ == "tell" and child.dep_ in {"dobj", "dative"} and (
        child.pos_ in {"PROPN", "PRON"} or child.tag_ == "NNS") and not any(
        grand.dep_ in {"ccomp", "relcl", "acl"} for grand in child.children)


#: Prepositions of the time, place or means of speaking: "said in an interview",
#: "said by telephone"; "responded to the scene" is another verb.
SPEAKING_PREPOSITIONS = frozenset({"in", "on", "at", "during", "after", "before", "by",
                                   "via", "through", "over", "from", "outside"})


def speaking_preposition(child: Token) -> bool:
    """Return whether a preposition gives the time, place or means of speaking, or a "to"
    its hearer ("lamented in a note to us", "said to Trump")."""
    return child.lower_ in SPEAKING_PREPOSITIONS or child.lower_ == "to" and any(
        g.pos_ == "PROPN" or g.pos_ == "PRON" and g.lower_ not in {"it", "that", "this"}
        for g in child.children)
