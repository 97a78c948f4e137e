"""Context rules: the sense and hedge rules on their parse, and the hits they drop."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from service.analysis import rules
from service.analysis.pipeline import Analyzer
from service.categories import HEDGE
from tests.analysis.credits import credited


def span_of(doc: Doc, phrase: str) -> Span:
    start = doc.text.index(phrase)
    span = doc.char_span(start, start + len(phrase))
    assert span is not None, phrase
    return span


@pytest.mark.parametrize(("text", "verb", "thing"), [
    ("The storm claimed the lives of 30 people.", "claimed", True),
    ("The group claimed responsibility.", "claimed", True),
    ("He claimed that the figures were wrong.", "claimed", False),
    ("She claims to have seen it.", "claims", False),
])
def test_takes_a_thing(nlp, text: str, verb: str, thing: bool) -> None:
    assert rules.takes_a_thing(span_of(nlp(text), verb).root) is thing


@pytest.mark.parametrize(("text", "word", "comparative"), [
    ("Smokers are more likely to fall ill.", "likely", True),
    ("Smokers are likely to fall ill.", "likely", False),
])
def test_is_comparative(nlp, text: str, word: str, comparative: bool) -> None:
    assert rules.is_comparative(span_of(nlp(text), word)) is comparative


@pytest.mark.parametrize(("text", "phrase", "graded"), [
    ("So many people came.", "many people", True),
    ("How many people came?", "many people", True),
    ("Many people came.", "Many people", False),
])
def test_is_graded(nlp, text: str, phrase: str, graded: bool) -> None:
    assert rules.is_graded(span_of(nlp(text), phrase)) is graded


@pytest.mark.parametrize(("text", "phrase", "named"), [
    ("The plan is considered by the ministry to be safe.", "is considered", True),
    ("The plan is considered by some to be safe.", "is considered", False),
    ("The plan was praised by critics.", "was praised", False),
])
def test_names_its_source(nlp, text: str, phrase: str, named: bool) -> None:
    assert rules.names_its_source(span_of(nlp(text), phrase)) is named


@pytest.mark.parametrize(("text", "subject", "speaker"), [
    ("She indicated that she would run.", "She", True),
    ("Barack Obama indicated that he would run.", "Obama", True),
    ("It indicates that demand is slowing.", "It", False),
    ("The figures indicate that demand is slowing.", "figures", False),
])
def test_is_speaker(nlp, text: str, subject: str, speaker: bool) -> None:
    assert rules.is_speaker(span_of(nlp(text), subject).root, set()) is speaker


def test_a_source_entry_counts_as_a_speaker(nlp) -> None:
    doc = nlp("The figures indicate that demand is slowing.")
    noun = span_of(doc, "figures").root
    assert rules.is_speaker(noun, {noun.i})


def test_a_surname_is_no_term(nlp) -> None:
    doc = nlp("Michael Savage spoke on Monday.")
    assert rules.is_surname(span_of(doc, "Savage"))
    assert not rules.is_surname(span_of(doc, "Michael"))


@pytest.mark.parametrize(("text", "entry", "kept"), [
    # A verb that reports speech needs a speaker: "it" is the evidence.
    ("It indicates that demand is slowing.", "attribution.verb.indicated", False),
    ("She indicated that she would run.", "attribution.verb.indicated", True),
    # An inference from evidence is no inference when a speaker says it.
    ("She indicated that she would run.", "hedge.speculative.indicate_that", False),
    ("The figures indicate that demand is slowing.", "hedge.speculative.indicate_that", True),
    # A named agent attributes a view; a vague one leaves it a weasel.
    ("The plan is considered by the ministry to be safe.", HEDGE.name, False),
    ("The plan is considered by some to be safe.", HEDGE.name, True),
    # A modal in an indirect question or a comparison's "than" clause hedges no claim.
    ("It did not specify what any retaliation might involve.", "hedge.modal.might", False),
    ("Officials asked whether the talks might resume.", "hedge.modal.might", False),
    ("The talks might resume after the holiday.", "hedge.modal.might", True),
    ("Premiums are higher than they could have had elsewhere.", "hedge.modal.may_have", False),
    ("Troops may have joined the conflict.", "hedge.modal.may_have", True),
])
def test_context_rules_keep_or_drop_a_hit(analyzer: Analyzer, text: str, entry: str,
                                          kept: bool) -> None:
    raw = analyzer.lexicons.raw_hits(analyzer.nlp(text))
    assert [h for h in raw if h.entry.id.startswith(entry)], [h.entry.id for h in raw]
    survivors = [h for h in rules.context_rules(raw) if h.entry.id.startswith(entry)]
    assert bool(survivors) is kept, [h.entry.id for h in raw]


@pytest.mark.parametrize(("text", "expected"), [
    # A speaker who found a finite clause reports a finding.
    ("The researchers found that areas hardest hit by trade shocks moved right.",
     [("found", "The researchers")]),
    ("Researchers found the drug was effective.", [("found", "Researchers")]),
    # A measure shows what it holds, even where a source entry reads it as a group.
    ("Any single poll is but a snapshot, and many other polls show Mrs. Clinton with a "
     "narrow but consistent lead over Mr. Trump.", [("show", "many other polls")]),
    # A demonstration, what someone met with, a finding not made, an object found.
    ("She showed that the plan worked.", []),
    ("In this climate, some teachers even found their personal lives falling under "
     "greater scrutiny.", []),
    ("If they find that their city spends less, they make it their business.", []),
    ("The agency found itself the victim of a similar hack in 2016.", []),
    ("Officials found the body on Tuesday.", []),
])
def test_a_finding_is_credited_a_demonstration_is_not(analyzer, text, expected):
    assert credited(analyzer, text, content=False) == expected


@pytest.mark.parametrize(("text", "loaded"), [
    # "Pro-abortion rights" is for the right, the AP's own sense; "pro-abortion" alone
    # is a campaign's label.
    ("He is pro-abortion rights and supports the bill.", []),
    ("A pro-abortion group ran the advertisements.", ["pro-abortion group"]),
])
def test_a_right_supported_is_no_label(analyzer, text, loaded):
    assert [f.text for f in analyzer.analyze(text).loaded_language] == loaded


def test_a_booster_inside_a_hedge_is_read_once(analyzer):
    analysis = analyzer.analyze("It would almost certainly face a court challenge.")
    assert [h.text for h in analysis.hedges] == ["almost certainly"]
    assert [b.text for b in analysis.boosters] == []


@pytest.mark.parametrize(("text", "kept", "dropped"), [
    # An organisation speaking is no shield; the passive is.
    ("It has not said where the money went.", [], ["It has not said"]),
    ("It has been said that the tax will fail.", ["It has been said"], []),
    # "these economists" are the ones the text named; bare "economists" are not named.
    ("These economists argue that the tax will fail.", [], ["economists argue"]),
    # "the researchers" after researchers were named; researchers of a named institution.
    ("The model came from researchers at Columbia University. The researchers warned that "
     "the outbreak would grow.", [], ["researchers warned"]),
    ("The study was written by researchers at the University of Tokyo.", [], ["by researchers"]),
    ("The researchers said the drug works.", ["researchers said"], []),
    # A verb of a view acting on a thing: a crowd, not a source.
    ("A few protesters held up a sign.", [], ["few protesters held"]),
    ("Some experts hold that the law is flawed.", ["Some experts hold"], []),
    ("Many economists hold the view that rates will rise.", ["Many economists hold"], []),
    ("Economists argue that the tax will fail.", ["Economists argue"], []),
    # Finding oneself somewhere is no finding.
    ("It is the situation many states find themselves in.", [], ["many states find"]),
])
def test_source_hiding_hedges_that_hide_no_source(analyzer: Analyzer, text: str,
                                                  kept: list[str], dropped: list[str]) -> None:
    hedges = [h.text for h in analyzer.analyze(text).hedges]
    assert all(k in hedges for k in kept) and not any(d in hedges for d in dropped), hedges


@pytest.mark.parametrize(("text", "loaded"), [
    ("She hails from a farming town in Ohio.", []),
    ("Voters hailed the decision as a victory.", ["hailed"]),
])
def test_hailing_from_a_place_is_no_praise(analyzer: Analyzer, text: str,
                                           loaded: list[str]) -> None:
    assert [f.text for f in analyzer.analyze(text).loaded_language] == loaded


def test_a_passive_label_with_a_named_agent_is_no_shield(analyzer: Analyzer) -> None:
    a = analyzer.analyze("The plan was described as reckless by Democrats.")
    assert not [h.text for h in a.hedges]
    assert [(f.text, f.voice) for f in a.loaded_language] == [("reckless", "reported")]
    a = analyzer.analyze("The plan was described as reckless.")
    assert [h.text for h in a.hedges] == ["was described as"]
