"""A colon that hands a quotation to its speaker."""

from __future__ import annotations

import pytest


def _colon_attributions(analyzer, text):
    analysis = analyzer.analyze(text)
    out = []
    for a in analysis.attributions:
        if a.text == ":":
            content = text[a.content.start:a.content.end] if a.content else None
            out.append((a.source.text if a.source else None, content))
    return out


@pytest.mark.parametrize(("text", "expected"), [
    # The clause's subject speaks.
    ('Then she challenged him: "If you have something to say, say it directly."',
     [("she", '"If you have something to say, say it directly."')]),
    # A name before the colon, after a dash, as round-ups credit an excerpt.
    ('Pollsters agree - Carl Bialik: "One of the biggest lessons was a simple one."',
     [("Carl Bialik", '"One of the biggest lessons was a simple one."')]),
    # A name as the object of a verb that is no one's speech.
    ("The timing doesn't surprise Republican pollster Daron Shaw: \"Historically, "
     'lesser-known candidates have seen the biggest boost."',
     [("Republican pollster Daron Shaw",
       '"Historically, lesser-known candidates have seen the biggest boost."')]),
    # "quotes" hands the words to its object.
    ('Frank quotes former Carter adviser Alfred Kahn: "Deregulation works."',
     [("former Carter adviser Alfred Kahn", '"Deregulation works."')]),
])
def test_a_colon_before_a_quotation_names_its_speaker(analyzer, text, expected):
    assert _colon_attributions(analyzer, text) == expected


@pytest.mark.parametrize("text", [
    # A verb of saying frames the quotation itself.
    'He said: "We will win."',
    'Officials were blunt: "We will not pay," one of them said.',
    # A thing speaks for no one.
    'The sign read: "No entry."',
    'The question is simple: "Who pays?"',
    # No quotation after the colon.
    "She listed three demands: more pay, shorter hours and safer plants.",
])
def test_no_colon_cue_without_a_speaker_or_a_quotation(analyzer, text):
    assert _colon_attributions(analyzer, text) == []


def test_the_quotation_gets_the_colons_speaker(analyzer):
    text = 'Then she challenged him: "Say it directly."'
    analysis = analyzer.analyze(text)
    (quote,) = analysis.quotes
    assert quote.speaker is not None
    assert analysis.attributions[quote.speaker].text == ":"
