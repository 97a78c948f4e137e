"""Kinds of source: named, unnamed, vague, a pronoun or other (analysis/kinds.py)."""

from __future__ import annotations

import pytest

from service.analysis.kinds import ANONYMITY


def _kinds(analyzer, text: str) -> dict[str, str | None]:
    return {a.text: a.source.kind if a.source else None
            for a in analyzer.analyze(text).attributions}


@pytest.mark.parametrize("text", [
    # The source's own phrase, or a relative clause set off by commas, says it is not named:
    # a name in its description does not name it (AP Stylebook, "anonymous sources").
    "A Buttigieg fundraiser who spoke on the condition of anonymity said the campaign was "
    "worried.",
    "The people, who asked not to be identified because the talks are private, said China "
    "would buy more soybeans.",
    "A White House official who was not authorized to speak publicly said the talks had "
    "stalled.",
])
def test_a_source_the_text_says_is_anonymous_is_unnamed(analyzer, text):
    assert _kinds(analyzer, text)["said"] == "unnamed"


@pytest.mark.parametrize(("text", "kind"), [
    ("Sen. Richard Durbin said the talks had stalled.", "named"),
    # Anonymity the source's clause reports, not its own: the source stays named.
    ("Rep. Adam Schiff, who has said the whistleblower requested anonymity, said the talks "
     "had stalled.", "named"),
    ("Jane Smith, who is authorized to speak for the campaign, said the talks had stalled.",
     "named"),
    # The speaker after an interviewer's phrase has its own kind.
    ("In an interview with Politico, a senior Democratic aide said the talks had stalled.",
     "unnamed"),
    ("Senator Durbin, who declined to comment further, said the talks had stalled.", "named"),
    ("Some critics said the talks had stalled.", "vague"),
])
def test_other_sources_keep_their_kind(analyzer, text, kind):
    kinds = [a.source.kind for a in analyzer.analyze(text).attributions
             if a.text == "said" and a.source is not None]
    assert kinds[-1] == kind


@pytest.mark.parametrize(("phrase", "found"), [
    ("spoke on condition of anonymity", True),
    ("who requested anonymity", True),
    ("who asked not to be named", True),
    ("was not authorized to discuss the talks", True),
    ("who wasn't authorized to speak publicly", True),
    ("who is authorized to speak for the campaign", False),
    ("who spoke at the conference", False),
    ("who was named to the board", False),
])
def test_the_phrases_of_anonymity(phrase, found):
    assert bool(ANONYMITY.search(phrase)) is found
