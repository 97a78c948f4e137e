"""Loaded-language findings on real sentences: which spans are flagged, with which type."""

from __future__ import annotations

import pytest

from service.analysis.pipeline import Analyzer

# (sentence, lexicon term that must be flagged, its type)
FOUND = [
    ("Some 500,000 were wounded, a staggering toll for a war of choice.",
     "staggering toll", "emotive"),
    ("Defectors fled the oppressive regime back home.", "oppressive regime", "name_calling"),
    ("The army relies on underfed troops from a poor province.", "underfed", "emotive"),
    ("Troops arrived from a notoriously isolated country.", "notoriously isolated",
     "editorializing"),
    ("The war is veering into increasingly perilous territory.", "perilous", "fear_appeal"),
    ("Officials called the outbreak an existential threat.", "existential threat",
     "fear_appeal"),
    ("The junta's brutal crackdown left dozens dead.", "brutal", "emotive"),
    ("The senator slammed the proposal on Tuesday.", "slammed", "emotive"),
    ("The governor lashed out at reporters.", "lashed out", "emotive"),
    ("He called the inquiry a witch hunt.", "witch hunt", "emotive"),
    ("Officials gave a bizarre explanation for the delay.", "bizarre", "emotive"),
    ("The president boasted that the economy was booming.", "boasted", "emotive"),
    ("The governor is a puppet of the oil lobby.", "puppet", "name_calling"),
    ("Critics call him a warmonger.", "warmonger", "name_calling"),
    ("Leftist activists blocked the road.", "Leftist", "name_calling"),
    ("Police detained 40 illegal aliens in the raid.", "illegal aliens", "name_calling"),
    ("The plan would cost an unprecedented sum.", "unprecedented", "hyperbole"),
    ("Rents have skyrocketed since 2019.", "skyrocketed", "hyperbole"),
    ("The agency was woefully unprepared.", "woefully unprepared", "editorializing"),
    ("Sadly, the talks collapsed.", "Sadly", "editorializing"),
    ("She is a legendary commander.", "legendary", "puffery"),
    ("The city built a world-class stadium.", "world-class", "puffery"),
    ("The strike caused collateral damage.", "collateral damage", "euphemism"),
    ("They praised the so-called peace plan.", "so-called", "doubt_label"),
    ("The purported benefits of the drug were small.", "purported", "doubt_label"),
    ("He called the study junk science.", "junk science", "doubt_label"),
    ("The plan was hailed as a breakthrough.", "hailed", "puffery"),
    ("Union leaders called the offer a slap in the face.", "slap in the face", "emotive"),
    ("The government capitulated to the unions.", "capitulated", "emotive"),
    ("The region is a powder keg.", "powder keg", "fear_appeal"),
    # The same words as a label before a name, or about a person, are loaded.
    ("Crowds chanted about Crooked Hillary.", "Crooked", "emotive"),
    ("Michael Savage called the protesters savage thugs.", "savage", "emotive"),
]

# Neutral reporting: nothing here may be flagged as loaded language.
NEUTRAL = [
    "The ministry said on Monday that 3,000 troops had been sent to the region.",
    "North Korea's military boasts one of the largest active-duty forces in the world.",
    "Elite units were deployed to the border, officials confirmed.",
    "The government in Pyongyang did not respond to a request for comment.",
    "He was supposed to arrive on Monday but the flight was delayed.",
    "The plant leaked toxic waste into the river, regulators said.",
    "The storm hit the coast overnight, cutting power to 20,000 homes.",
    "The death toll rose to 207 on Wednesday, according to the health ministry.",
    "Lawmakers passed the budget by 52 votes to 48.",
    "The company plans to eliminate the deficit by 2026.",
    "The man was arrested on suspicion of fraud, police said.",
    "Fans celebrated in the streets after the final whistle.",
    # A surname is a name, not a word about its bearer.
    "Conservative radio host Michael Savage said the plan would fail.",
    "Fans of Randy Savage gathered in Sarasota on Sunday.",
]


@pytest.mark.parametrize(("text", "span", "type_"), FOUND)
def test_finds_loaded_span(analyzer: Analyzer, text: str, span: str, type_: str) -> None:
    found = {(f.term_text, f.type) for f in analyzer.analyze(text).loaded_language}
    assert (span, type_) in found, found


@pytest.mark.parametrize("text", NEUTRAL)
def test_neutral_reporting_is_not_flagged(analyzer: Analyzer, text: str) -> None:
    found = [(f.text, f.entry_id) for f in analyzer.analyze(text).loaded_language]
    assert found == []


def test_spans_are_exact_offsets(analyzer: Analyzer) -> None:
    text = "Critics blasted the so-called reform as a disgraceful, cynical power grab."
    findings = analyzer.analyze(text).loaded_language
    assert findings
    for f in findings:
        assert text[f.start:f.end] == f.text
        assert text[f.term_start:f.term_end] == f.term_text
        assert f.start <= f.term_start < f.term_end <= f.end


# (sentence, lexicon term, the phrase it characterises: the finding's span)
PHRASES = [
    ("The junta's brutal crackdown left dozens dead.", "brutal", "brutal crackdown"),
    ("It was a disgraceful, cynical power grab.", "disgraceful",
     "disgraceful, cynical power grab"),
    ("The plan is completely absurd.", "absurd", "completely absurd"),
    ("The decision was baffling and shameful.", "shameful", "baffling and shameful"),
    ("The decision was shameful and baffling.", "shameful", "shameful and baffling"),
    # An adjective with its own complement is a second judgement, not part of the first.
    ("The war is escalating in ways that are alarming and hard to predict.", "alarming",
     "alarming"),
    ("The minister shamelessly exploited the tragedy.", "shamelessly",
     "shamelessly exploited"),
    # A quoted word inside the phrase keeps both its marks.
    ("They fought the brutal “regime” for years.", "brutal", "brutal “regime”"),
    # A doubt label is highlighted alone: the doubt is the label's, not the name's.
    ("They praised the so-called reform.", "so-called", "so-called"),
    # A predicative adjective describes its subject across the verb: it stays alone.
    ("The crackdown was brutal. Dozens died.", "brutal", "brutal"),
    # The noun an adjective modifies is out of reach beyond a few tokens.
    ("It was a brutal and, by every account from the region, long campaign.", "brutal",
     "brutal"),
]


@pytest.mark.parametrize(("text", "term", "phrase"), PHRASES)
def test_finding_spans_the_phrase_its_term_characterises(
        analyzer: Analyzer, text: str, term: str, phrase: str) -> None:
    found = {(f.term_text, f.text) for f in analyzer.analyze(text).loaded_language}
    assert (term, phrase) in found, found


@pytest.mark.parametrize(("text", "flagged"), [
    ("The minister claimed that the figures were wrong.", True),
    ("She claims the vaccine is unsafe.", True),
    ("He claims to have seen the letter.", True),
    ("As he claimed, the data were wrong.", True),
    # Other senses of "claim" take something; they cast no doubt on anything said.
    ("The storm claimed the lives of 30 people.", False),
    ("The group claimed responsibility for the bombing.", False),
    ("Djokovic claimed his 24th Grand Slam title.", False),
])
def test_claimed_is_flagged_once_as_a_loaded_verb_of_saying(
        analyzer: Analyzer, text: str, flagged: bool) -> None:
    # "Claimed" for "said" is a loaded reporting verb (attribution), like "insisted" and
    # "admitted": one highlight with its reason, not a second one as a loaded term.
    analysis = analyzer.analyze(text)
    verbs = [a for a in analysis.attributions if a.entry_id == "attribution.verb.claimed"]
    assert bool(verbs) == flagged, verbs
    assert all(a.type == "loaded_verb" for a in verbs)
    assert not [f for f in analysis.loaded_language if f.term_text.lower().startswith("claim")]


def test_longest_expression_wins(analyzer: Analyzer) -> None:
    text = "Defectors fled the murderous regime."
    found = [(f.text, f.type) for f in analyzer.analyze(text).loaded_language]
    assert found == [("murderous regime", "name_calling")]


@pytest.mark.parametrize(("fixture", "expected"), [
    ("seed_000", {("staggering toll", "emotive"), ("oppressive regime", "name_calling"),
                  ("alarming", "emotive"), ("perilous", "fear_appeal")}),
    ("seed_001", {("notoriously isolated", "editorializing"), ("underfed", "emotive")}),
])
def test_seed_articles(analyzer: Analyzer, request: pytest.FixtureRequest, fixture: str,
                       expected: set[tuple[str, str]]) -> None:
    found = {(f.term_text, f.type) for f in analyzer.analyze(request.getfixturevalue(fixture))
             .loaded_language}
    assert expected <= found


@pytest.mark.parametrize(("fixture", "neutral"), [
    ("seed_000", ["regime", "regimes", "significant", "legitimate", "critical", "elite"]),
    ("seed_001", ["boasts", "cutting-edge", "iron-clad", "powerful", "elite", "delighted"]),
])
def test_seed_neutral_words_not_flagged(analyzer: Analyzer, request: pytest.FixtureRequest,
                                        fixture: str, neutral: list[str]) -> None:
    found = {f.term_text for f in analyzer.analyze(request.getfixturevalue(fixture))
             .loaded_language}
    assert not found & set(neutral)
