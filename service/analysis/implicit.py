"""Attributions whose source the sentence leaves implicit: a question put, a charge.

"Asked about the vote, she said ..." puts a question to the sentence's subject; the asker,
usually the reporter, goes unnamed (AP Stylebook, "asked": attribute the question as
well as the answer). "Quiros was accused of using $50 million" reports a charge someone
made without saying who: the unsupported attribution of Wikipedia's Manual of
Style/Words to watch ("it has been alleged"). Each is an attribution with no source
(Pareti 2016, PARC 3.0: a cue whose source is implicit).
:func:`service.analysis.reporting.reports` accepts them. A question's content is the
question (:func:`service.analysis.attribution.reported_content`); a charge's words are
credited to no one and stay in the writer's voice: with no one named, the writer
answers for "accused of stoking tensions" as for any claim of the writer's own, and an
editor sees the cue with no source.
"""

from __future__ import annotations

from spacy.tokens import Token

#: Verbs of judging speech whose passive with no agent still reports words someone said,
#: without saying who: "was accused of using", "has been criticized for policies" (the
#: unsupported attribution of Wikipedia's Manual of Style/Words to watch: "it has been
#: alleged"; Pareti 2016, PARC 3.0: a cue whose source is left implicit).
_JUDGED = frozenset({"accuse", "criticize", "criticise", "condemn", "denounce", "decry",
                     "praise", "blame"})


def judged(verb: Token) -> list[Token]:
    """Return what an agentless passive of judging speech judges: "accused [of using ...]".

    Empty if the verb is no such passive or names no charge ("was criticized on Twitter").
    """
    if verb.lemma_.lower() not in _JUDGED or verb.tag_ != "VBN" or not any(
            child.dep_ == "auxpass" for child in verb.children) or any(
            child.dep_ == "agent" for child in verb.children):
        return []
    preps = {"of", "for", "on"} if verb.lemma_.lower() == "blame" else {"of", "for"}
    return [obj for child in verb.children if child.dep_ == "prep" and child.lower_ in preps
            for obj in child.children if obj.dep_ in {"pobj", "pcomp"}]


def question_put(verb: Token) -> bool:
    """Return whether "asked" puts a question to the sentence's subject, its asker unnamed.

    "Asked about the vote, Mark-Viverito pointed to ...", "..., Lopez-Cantera said when
    asked about the standards", "Asked if he was ever bullied, the candidate said no": a
    participle with no subject and the question's topic or the question itself. So is
    the passive with no asker: "Sanders was asked about their case". The asker is
    usually the reporter; the subject answers (AP Stylebook, "asked": attribute the
    question as well as the answer).
    """
    if verb.lemma_ != "ask" or verb.tag_ != "VBN" or not question_of(verb):
        return False
    deps = {child.dep_ for child in verb.children}
    if "nsubjpass" in deps:
        return "auxpass" in deps and "agent" not in deps
    return verb.dep_ == "advcl" and not deps & {"nsubj", "auxpass", "aux"}


def question_of(verb: Token) -> list[Token]:
    """Return what a question put asks: its "about" phrase, or its "if" or "whether" clause."""
    return [child for child in verb.children
            if child.dep_ == "prep" and child.lower_ in {"about", "on", "whether"}
            or child.dep_ in {"ccomp", "advcl"} and any(
                grand.lower_ in {"if", "whether"} for grand in child.children)]
