"""Entity framing: a loaded term goes to an actor only when the parse links them."""

from __future__ import annotations

import pytest

from service.analysis.model import Analysis, EntityFraming


def _by_name(analysis: Analysis) -> dict[str, EntityFraming]:
    return {e.name: e for e in analysis.entities}


def _assert_framing(analysis: Analysis, expected: dict[str, set[str]]) -> None:
    """Check each named actor is found, with exactly the expected loaded terms."""
    found = {f.term_text for f in analysis.loaded_language}
    assert set().union(*expected.values()) <= found  # the lexicon finds every term named
    assert found  # and the sentence holds a loaded term that must go somewhere or nowhere
    entities = _by_name(analysis)
    for name, terms in expected.items():
        assert name in entities, f"{name} not found among {sorted(entities)}"
        assert set(entities[name].loaded_terms) == terms, name


@pytest.fixture(scope="module")
def seed_000_entities(analyzer, seed_000):
    analysis = analyzer.analyze(seed_000)
    return analysis, _by_name(analysis)


@pytest.fixture(scope="module")
def seed_001_entities(analyzer, seed_001):
    analysis = analyzer.analyze(seed_001)
    return analysis, _by_name(analysis)


@pytest.mark.parametrize(("term", "wrong"), [
    # "the oppressive regime back home" is the North Korean troops' own regime; its
    # sentence names "Russian" and "Ukrainians" (rows Russia and Ukraine).
    ("oppressive regime", ["Russia", "Ukraine"]),
    # "an additional 500,000 wounded — a staggering toll compared to ..." names no actor.
    ("staggering toll", ["Afghanistan", "Communist", "Soviet Union"]),
])
def test_seed_000_terms_do_not_spread_over_the_sentence(seed_000_entities, term, wrong):
    analysis, entities = seed_000_entities
    assert term in {f.term_text for f in analysis.loaded_language}
    for name in wrong:
        assert name in entities
        assert term not in entities[name].loaded_terms, name


def test_seed_001_desperation_goes_to_russia_alone(seed_001_entities):
    analysis, entities = seed_001_entities
    assert "desperation" in {f.term_text for f in analysis.loaded_language}
    assert "desperation" in entities["Russia"].loaded_terms  # "Russia’s current desperation"
    for name in ("Kim Jong-Un", "China", "U.N. Security Council"):
        assert "desperation" not in entities[name].loaded_terms, name


@pytest.mark.parametrize(("text", "expected"), [
    # The actor owns the term's noun, or the noun the term modifies.
    ("Russia's desperation offers Kim an opening.",
     {"Russia": {"desperation"}, "Kim": set()}),
    ("Putin's brutal war has driven millions from Ukraine.",
     {"Putin": {"brutal"}, "Ukraine": set()}),
    ("The brutal Kim regime jailed critics who fled to Seoul.",
     {"Kim": {"brutal"}, "Seoul": set()}),
    ("The brutal Russian invasion forced Ukrainians to flee.",
     {"Russian": {"brutal"}, "Ukrainians": set()}),
    ("Putin's thugs beat protesters in Moscow.",
     {"Putin": {"thugs"}, "Moscow": set()}),
])
def test_owner_of_the_described_noun_gets_the_term(analyzer, text, expected):
    _assert_framing(analyzer.analyze(text), expected)


@pytest.mark.parametrize(("text", "expected"), [
    # The term describes a mention, or stands in apposition to it.
    ("Kim, a brutal dictator, met Putin in Vladivostok.",
     {"Kim": {"brutal", "dictator"}, "Putin": set(), "Vladivostok": set()}),
    ("The brutal dictator Kim Jong-un met Putin in Vladivostok.",
     {"Kim Jong-un": {"brutal", "dictator"}, "Putin": set(), "Vladivostok": set()}),
])
def test_term_in_apposition_to_a_mention_goes_to_it(analyzer, text, expected):
    _assert_framing(analyzer.analyze(text), expected)


@pytest.mark.parametrize(("text", "expected"), [
    # The actor (or the owner of the subject) is the subject of a copula.
    ("Putin is a thug, and Zelensky knows it.", {"Putin": {"thug"}, "Zelensky": set()}),
    ("Putin, who is a thug, met Xi Jinping on Monday.",
     {"Putin": {"thug"}, "Xi Jinping": set()}),
    ("Putin and Kim are thugs, Zelensky said.",
     {"Putin": {"thugs"}, "Kim": {"thugs"}, "Zelensky": set()}),
    ("Lukashenko remains a brutal dictator, the European Union says.",
     {"Lukashenko": {"brutal", "dictator"}, "European Union": set()}),
    ("The Kim regime was brutal to critics who fled to China.",
     {"Kim": {"brutal"}, "China": set()}),
    ("Russia's regime is brutal, Zelensky said.", {"Russia": {"brutal"}, "Zelensky": set()}),
])
def test_subject_of_a_loaded_predicate_gets_the_term(analyzer, text, expected):
    _assert_framing(analyzer.analyze(text), expected)


@pytest.mark.parametrize(("text", "expected"), [
    # The term is the manner adverb or the verb: its doer gets it, not the victim.
    ("Russia brutally invaded Ukraine.", {"Russia": {"brutally"}, "Ukraine": set()}),
    ("Ukraine was brutally invaded by Russia.", {"Russia": {"brutally"}, "Ukraine": set()}),
    ("Putin invaded Ukraine and brutally crushed dissent.",
     {"Putin": {"brutally"}, "Ukraine": set()}),
    ("Russian troops slaughtered civilians in Ukraine.",
     {"Russian": {"slaughtered"}, "Ukraine": set()}),
    ("Civilians in Ukraine were slaughtered by Russian troops.",
     {"Russian": {"slaughtered"}, "Ukraine": set()}),
])
def test_doer_of_a_loaded_action_gets_the_term(analyzer, text, expected):
    _assert_framing(analyzer.analyze(text), expected)


@pytest.mark.parametrize(("text", "expected"), [
    # No parse link from the term to any actor: the term goes to nobody.
    ("The brutal invasion of Ukraine began in 2022.", {"Ukraine": set()}),
    ("The brutal Ukraine invasion began in 2022.", {"Ukraine": set()}),  # a place compound
    ("Critics slammed Biden over the plan.", {"Biden": set()}),
    ("The regime was brutal, and Putin knew it.", {"Putin": set()}),
    ("Biden met Putin after a staggering toll of deaths.", {"Biden": set(), "Putin": set()}),
    ("The Ukraine conflict is escalating in ways that are alarming.", {"Ukraine": set()}),
    ("The flyers urge soldiers to abandon Russia and the oppressive regime back home.",
     {"Russia": set()}),
    ("The staggering toll in Gaza shocked Israel and Egypt.",
     {"Gaza": set(), "Israel": set(), "Egypt": set()}),
])
def test_term_with_no_link_stays_unassigned(analyzer, text, expected):
    _assert_framing(analyzer.analyze(text), expected)
