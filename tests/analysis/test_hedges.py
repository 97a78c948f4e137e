"""Hedges: the seeds are highlighted as a careful editor would, and context rules hold."""

from __future__ import annotations

import pytest

from service.analysis.model import Finding
from service.analysis.pipeline import Analyzer


def hedges(analyzer: Analyzer, text: str) -> tuple[Finding, ...]:
    return analyzer.analyze(text).hedges


def covering(found: tuple[Finding, ...], text: str, phrase: str) -> list[Finding]:
    """Return the findings whose span covers the first occurrence of ``phrase``."""
    start = text.index(phrase)
    end = start + len(phrase)
    return [f for f in found if f.start <= start and end <= f.end]


SEED_000_HEDGES = [
    ("have reportedly lost", "reportedly", {"attribution_shield"}),
    ("Analysts suggest", "Analysts suggest", {"vague_source"}),
    ("possibly ready", "possibly", {"speculative"}),
    ("a minimum of 3,000", "a minimum of 3,000", {"approximator"}),
    ("around 115,000", "around 115,000", {"approximator"}),
    ("could be transporting", "could be transporting", {"epistemic_modal"}),
]

SEED_001_HEDGES = [
    ("It's rumored by some outlets", "It's rumored by some outlets",
     {"attribution_shield", "vague_source"}),
    ("some outlets now allege", "some outlets now allege", {"vague_source", "attribution_shield"}),
    ("is reportedly receiving", "reportedly", {"attribution_shield"}),
    ("around 10,000-12,000", "around 10,000-12,000", {"approximator"}),
    ("an estimated 1.3 million", "an estimated 1.3 million", {"approximator"}),
    ("may have joined", "may have joined", {"epistemic_modal"}),
    ("the media has speculated", "the media has speculated", {"vague_source"}),
]


@pytest.mark.parametrize(("phrase", "highlight", "types"), SEED_000_HEDGES)
def test_seed_000_hedges(analyzer, seed_000, phrase, highlight, types):
    found = covering(hedges(analyzer, seed_000), seed_000, highlight)
    assert found, f"no hedge covers {highlight!r} (in {phrase!r})"
    assert found[0].type in types
    assert phrase.find(highlight) >= 0


@pytest.mark.parametrize(("phrase", "highlight", "types"), SEED_001_HEDGES)
def test_seed_001_hedges(analyzer, seed_001, phrase, highlight, types):
    found = covering(hedges(analyzer, seed_001), seed_001, highlight)
    assert found, f"no hedge covers {highlight!r} (in {phrase!r})"
    assert found[0].type in types


def test_seed_001_rumored_phrase_is_one_span(analyzer, seed_001):
    phrase = "It's rumored by some outlets"
    start = seed_001.index(phrase)
    spans = [(f.start, f.end) for f in hedges(analyzer, seed_001)]
    assert (start, start + len(phrase)) in spans


def test_seed_quantities_cover_the_whole_number(analyzer, seed_000, seed_001):
    for text, phrase in ((seed_000, "a minimum of 3,000"), (seed_001, "around 10,000-12,000"),
                         (seed_001, "an estimated 1.3 million")):
        start = text.index(phrase)
        spans = {(f.start, f.end, f.type) for f in hedges(analyzer, text)}
        assert (start, start + len(phrase), "approximator") in spans


def test_seed_hedge_in_a_direct_quote_is_kept_and_marked(analyzer, seed_001):
    found = covering(hedges(analyzer, seed_001), seed_001, "an estimated 1.3 million")
    assert found and found[0].quoted


HEDGED = [
    # (sentence, the highlighted text, its type)
    ("The convoy reportedly crossed the border before dawn.", "reportedly", "attribution_shield"),
    ("It is widely believed that the talks collapsed.", "It is widely believed",
     "attribution_shield"),
    ("The general is said to be furious with his staff.", "is said to be", "attribution_shield"),
    ("He is widely regarded as the architect of the deal.", "is widely regarded as",
     "attribution_shield"),
    ("The decision has been criticized as rushed.", "has been criticized", "attribution_shield"),
    ("Police are investigating the alleged attack.", "alleged", "attribution_shield"),
    ("Critics say the law goes too far.", "Critics say", "vague_source"),
    ("Some say the treaty was doomed from the start.", "Some say", "vague_source"),
    ("Many experts believe the war will end soon.", "Many experts believe", "vague_source"),
    ("The coach is regarded by many as the best in the league.", "by many", "vague_source"),
    ("Research has shown that the drug works.", "Research has shown", "vague_source"),
    ("There is growing evidence that the policy backfired.", "There is growing evidence",
     "vague_source"),
    ("Troops may have joined the conflict.", "may have joined", "epistemic_modal"),
    ("The talks might resume next week.", "might", "epistemic_modal"),
    ("This may be a sign of weakness.", "may be a", "epistemic_modal"),
    ("The plan will probably fail.", "probably", "speculative"),
    ("The army seems unprepared for winter.", "seems", "speculative"),
    ("The data appear to show a decline.", "appear to show", "speculative"),
    ("It is unclear whether the talks will resume.", "It is unclear", "speculative"),
    ("Roughly 40 people were hurt.", "Roughly 40", "approximator"),
    ("Some 3,000 troops arrived at the port.", "Some 3,000", "approximator"),
    ("Up to 7,000 more troops are being organised.", "Up to 7,000", "approximator"),
    ("At least 12 people died in the blast.", "At least 12", "approximator"),
    ("Many countries condemned the launch.", "Many countries", "approximator"),
    ("To some extent the sanctions have worked.", "To some extent", "speculative"),
    ("Many of his supporters believe the vote was rigged.", "Many of his supporters believe",
     "vague_source"),
    ("Most scholars date the text to the third century.", "Most scholars", "vague_source"),
    ("The claim is disputed by some historians.", "some historians", "vague_source"),
    ("Many economists are convinced that rates will rise.", "Many economists",
     "vague_source"),
    # A group that is no source is still a vague quantity.
    ("Many people died in the flood.", "Many people", "approximator"),
    ("The company fired some experts last year.", "some experts", "approximator"),
    # The organisation is what the critics are "of", not who they are.
    ("Critics of Social Security claim that the fund will run dry.",
     "Critics of Social Security claim that", "vague_source"),
]


@pytest.mark.parametrize(("text", "highlight", "kind"), HEDGED)
def test_hedge_is_found_with_its_type(analyzer, text, highlight, kind):
    found = {(f.text, f.type) for f in hedges(analyzer, text)}
    assert (highlight, kind) in found, found


UNHEDGED = [
    # (sentence, why nothing in it is a hedge)
    ("In May, the treaty was signed.", "May the month is no modal"),
    ("Members may vote by post.", "a bare 'may' of permission"),
    ("She could swim across the lake as a child.", "'could' of ability"),
    ("She appeared in three films.", "'appear' on screen"),
    ("He worked there for many years.", "a span of time"),
    ("How many died?", "a question, not an approximation"),
    ("Smokers are more likely to fall ill.", "a comparison of likelihoods"),
    ("The plan was criticized by Amnesty International.", "the agent is named"),
    ("Goldman Sachs analysts say rates will fall.", "a named organisation's analysts"),
    ("Officials said the road would reopen.", "an unnamed but conventional source"),
    ("The ministry reported the figures on Monday.", "a named reporter"),
    ("They talked about the war.", "'about' without a number"),
    ("Nurses tend the wounded.", "'tend' without 'to' + verb"),
    ("McCabe filed a lawsuit in August, alleging that he was fired for political reasons.",
     "the participle's claim is McCabe's, named"),
    ("McCabe's lawsuit, alleging that he was fired for political reasons, was dismissed.",
     "the claim is the lawsuit's, named"),
]


@pytest.mark.parametrize("text", [
    "A dossier alleging links to Russia circulated in Washington.",
    "The anonymous letter, alleging misconduct, reached the board.",
    "Critics, alleging fraud, marched on the capital.",
    # A finite "alleges" stays, as the Wikipedia weasel annotation marks it.
    "The complaint alleges that the company hid its losses.",
])
def test_an_allegation_no_one_definite_makes_is_a_hedge(analyzer, text):
    assert any("alleg" in h.text for h in hedges(analyzer, text))


@pytest.mark.parametrize(("text", "why"), UNHEDGED)
def test_no_hedge_where_context_rules_it_out(analyzer, text, why):
    assert hedges(analyzer, text) == (), why


@pytest.mark.parametrize("text", [
    "Many people died in the flood.",
    "Some critics were arrested on Monday.",
    "The company fired some experts last year.",
    "The bill passed with the support of many lawmakers.",
])
def test_a_group_that_is_no_source_is_no_vague_source(analyzer, text):
    found = hedges(analyzer, text)
    assert found, "the vague quantity stays"
    assert not [f for f in found if f.type == "vague_source"], found


def test_some_before_a_number_is_no_vague_source(analyzer):
    found = {(f.text, f.type) for f in hedges(
        analyzer, "Some 3,000 troops arrived, some outlets reported.")}
    assert ("Some 3,000", "approximator") in found
    assert any(t == "vague_source" and s.startswith("some outlets") for s, t in found), found
    assert not any(t == "vague_source" and "3,000" in s for s, t in found)


def test_vague_agent_keeps_the_shield(analyzer):
    named = hedges(analyzer, "The plan was criticized by the United Nations.")
    vague = hedges(analyzer, "The plan was criticized by some.")
    assert not [f for f in named if f.type == "attribution_shield"]
    assert [f for f in vague if f.type == "attribution_shield"]


def test_longest_match_wins_within_hedges(analyzer):
    texts = [f.text for f in hedges(analyzer, "It is widely believed that the deal failed.")]
    assert texts == ["It is widely believed"]


@pytest.mark.parametrize(("text", "hedged"), [
    ("Firstly, it indicates that Russia is short of men.", True),
    ("The figures indicate that demand is slowing.", True),
    # A speaker who indicates something says it: an attribution, not an inference.
    ("U.S. officials have indicated that the troops are in Kursk.", False),
    ("She indicated that she would run.", False),
])
def test_indicate_that_is_a_hedge_only_as_inference(analyzer, text, hedged):
    found = [f.text for f in hedges(analyzer, text) if f.entry_id.endswith("indicate_that")]
    assert bool(found) is hedged, found


@pytest.mark.parametrize(("text", "hedged"), [
    ("The data suggest a decline, and the timing suggests the deal was rushed.", True),
    # A second verb or a participle shares its clause's speaker: a proposal reported.
    ("\u201cIt is a forum,\u201d Bailey said, suggesting the network could court moderates.",
     False),
    ("Democrats ridiculed the notion and suggested Comey was getting too close to the probe.",
     False),
    # A participle after an act, not after a verb of saying: the writer's inference.
    ("The Federal Reserve raised rates again, suggesting officials see inflation persisting.",
     True),
])
def test_suggest_is_a_hedge_only_as_inference(analyzer, text, hedged):
    found = [f.text for f in hedges(analyzer, text) if f.entry_id.endswith(".suggest")]
    assert bool(found) is hedged, found


# Plain quantities in news copy (issue 18): each is a quantity approximator, the one hedge
# type the analysis keeps out of the hedge rate and the opinion cues.
QUANTITIES = [
    ("Police seized up to 30 grams of the drug.", "up to 30"),
    ("Prices rose by as much as 8.6 percent.", "as much as 8.6"),
    ("As many as 200 people were evacuated.", "As many as 200"),
    ("About 40 people were hurt.", "About 40"),
    ("Nearly 3,000 homes lost power.", "Nearly 3,000"),
    ("Many provincial governments have banned the sale.", "Many provincial governments"),
    ("Some units were withdrawn.", "Some units"),
    ("Several buildings were damaged in the blast.", "Several buildings"),
    ("Many people died in the flood.", "Many people"),
    ("Many working people aren't making ends meet.", "Many working people"),
    ("In most cases the patients recovered.", "In most cases"),
]


@pytest.mark.parametrize(("text", "highlight"), QUANTITIES)
def test_a_plain_quantity_is_an_approximator_only(analyzer, text, highlight):
    found = {(f.text, f.type) for f in hedges(analyzer, text)}
    assert found == {(highlight, "approximator")}, found


# Limiters of degree and scope hedge the claim itself: never the quantity type.
@pytest.mark.parametrize(("text", "highlight"), [
    ("To some extent the sanctions have worked.", "To some extent"),
    ("The ceasefire has largely held.", "largely"),
    ("In general, voters favour the incumbent.", "In general"),
    ("They reached some sort of agreement.", "some sort of"),
])
def test_a_limiter_is_no_approximator(analyzer, text, highlight):
    found = {(f.text, f.type) for f in hedges(analyzer, text)}
    assert (highlight, "speculative") in found, found


@pytest.mark.parametrize(("text", "why"), [
    ("The stakes couldn't be higher.", "a negated 'could' states a maximum"),
    ("The contrast could not be more stark.", "a negated 'could' states a maximum"),
    ("The result can only be described as a disaster.", "the writer allows no other word"),
    ("There is ample evidence that the policy backfired.", "support asserted, not doubted"),
    ("There is no doubt that the vote was rigged.", "certainty, not doubt"),
    ("The poll surveyed 800 likely voters.", "the pollsters' population"),
    ("Older people in general vote more.", "'in general' widens a noun"),
])
def test_a_booster_or_term_is_no_hedge(analyzer, text, why):
    assert hedges(analyzer, text) == (), why


@pytest.mark.parametrize(("text", "highlight"), [
    ("Many people believe the vote was rigged.", "Many people believe"),
    ("Some experts say the war will end soon.", "Some experts say"),
    ("Most people think the plan will fail.", "Most people think"),
])
def test_a_quantifier_that_shields_a_claim_is_a_vague_source(analyzer, text, highlight):
    found = {(f.text, f.type) for f in hedges(analyzer, text)}
    assert (highlight, "vague_source") in found, found


def test_quoted_hedge_is_the_speakers(analyzer):
    text = 'The minister said: "The talks might collapse." Prices might rise.'
    found = [(f.text, f.quoted) for f in hedges(analyzer, text)]
    assert found == [("might", True), ("might", False)]
