"""Name cards: a site's pop-up about a person, scraped into the text, is not the story's."""

from __future__ import annotations

import pytest

from service.analysis.namecards import blanked, cards

CARD = ("Jane Mary RoeSenate panel slams 'disastrous' housing plan Roe: 'We will not back "
        "down' Lawmakers clash over shocking budget gimmick MORE")
TEXT = f"Sen. Jane Roe {CARD} (D-Ore.) said on Tuesday that the bill would pass.\n"


@pytest.mark.parametrize(("text", "card"), [
    (TEXT, CARD),
    # A nickname in brackets, a particle, no space where the card is glued to the name,
    # a space between the full name and the first headline.
    ("Leader Mitch Doe Addison (Mitch) Mitchell DoeGOP balks at trial MORE said no.",
     "Addison (Mitch) Mitchell DoeGOP balks at trial MORE"),
    ("Mayor Bill de Vries Bill de Vries2020 hopefuls court donors MORE, who spoke.",
     "Bill de Vries2020 hopefuls court donors MORE"),
    ("It was John DurhamJohn DurhamThe Morning Report: Durham said 'no' MORE, the lawyer.",
     "John DurhamThe Morning Report: Durham said 'no' MORE"),
    ("Speaker Paul Ryan Paul Davis Ryan Retirees should say 'no thanks' MORE’s office.",
     "Paul Davis Ryan Retirees should say 'no thanks' MORE"),
])
def test_a_card_runs_from_the_full_name_to_more(text, card):
    ((start, end),) = cards(text)
    assert text[start:end] == card


@pytest.mark.parametrize("text", [
    "Read the rest.\n\nREAD MORE:\n\nSmith says Smith will run again.",
    "TRUMP EXPANDS SECRETARY OF STATE SEARCH; MORE INTERVIEWS THIS WEEK",
    "Smith met Smith's rival, who wants MORE money.",  # no full name, no card
    "Roe said it. Roe, a senator, repeated it to reporters on the steps\nMORE",  # a line break
])
def test_running_text_has_no_card(text):
    assert cards(text) == []


def test_a_blanked_card_keeps_every_offset():
    out = blanked(TEXT)
    assert len(out) == len(TEXT)
    assert out.startswith("Sen. Jane Roe ") and out.endswith(" (D-Ore.) said on Tuesday that "
                                                               "the bill would pass.\n")
    assert out[len("Sen. Jane Roe "):len("Sen. Jane Roe ") + len(CARD)].strip() == ""
    assert blanked("No card here.") == "No card here."


def test_the_cards_headlines_are_not_the_story(analyzer):
    analysis = analyzer.analyze(TEXT)
    start = TEXT.index(CARD)
    end = start + len(CARD)
    findings = [*analysis.loaded_language, *analysis.hedges, *analysis.boosters]
    assert not [f for f in findings if f.start < end and start < f.end]
    assert not [q for q in analysis.quotes if q.start < end and start < q.end]
    (sentence,) = analysis.sentences  # the card's colons and quotations end no sentence
    assert sentence.text == TEXT.strip()
    (attribution,) = analysis.attributions
    assert attribution.text == "said"
    assert attribution.source is not None and attribution.source.text == "Sen. Jane Roe"


def test_a_glued_card_is_read_as_blank_space_too(nlp):
    from service.analysis.parsing import as_written, readable
    text = "It was John DurhamJohn DurhamThe Morning Report: Durham said 'no' MORE, the lawyer."
    doc = as_written(nlp(readable(text)), text)
    assert doc is not None and doc.text == text
    tokens = [t.text for t in doc]
    assert tokens[:4] == ["It", "was", "John", "Durham"]
    assert tokens[4] == "John DurhamThe Morning Report: Durham said 'no' MORE"
    assert doc[4].tag_ == "_SP"
