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
    ('Frank quotes former Carter adviser Alfred Kahn: "Deregulation works for the consumer."',
     [("former Carter adviser Alfred Kahn", '"Deregulation works for the consumer."')]),
    # A round-up's headline, a dash, then its source: the source, not the headline's subject.
    ('Obama may ban ally spying - Reuters: "The president is weighing new limits on spying."',
     [("Reuters", '"The president is weighing new limits on spying."')]),
    # A statement from a name, and the day it came after the name.
    ("Here's the full statement from Vindman's lawyer David Pressman Friday: \"Today, "
     'Lieutenant Colonel Vindman was escorted out of the White House."',
     [("David Pressman",
       '"Today, Lieutenant Colonel Vindman was escorted out of the White House."')]),
])
def test_a_colon_before_a_quotation_names_its_speaker(analyzer, text, expected):
    assert _colon_attributions(analyzer, text) == expected


@pytest.mark.parametrize("text", [
    # A verb of saying frames the quotation itself: before the colon, or right after the
    # quotation, also across its sentences.
    'He said: "We will win this one."',
    'Cruz joked: "We will win this thing in a walk."',
    'Officials were blunt: "We will not pay. We will not negotiate," one of them said.',
    # A name or a label is no words said.
    'Democrats have a name for the bill: "Trumpcare."',
    # A thing speaks for no one.
    'The sign read: "No entry."',
    'The question is simple: "Who pays?"',
    # A name after "from" that is not a text's: no speaker.
    'The money came from Michael Bloomberg: "Every dollar counts in this race."',
    # No quotation after the colon.
    "She listed three demands: more pay, shorter hours and safer plants.",
])
def test_no_colon_cue_without_a_speaker_or_a_quotation(analyzer, text):
    assert _colon_attributions(analyzer, text) == []


def test_the_quotation_gets_the_colons_speaker(analyzer):
    text = 'Then she challenged him: "Say it directly to my face."'
    analysis = analyzer.analyze(text)
    (quote,) = analysis.quotes
    assert quote.speaker is not None
    assert analysis.attributions[quote.speaker].text == ":"


def test_a_verb_with_its_colon_keeps_its_cue_before_a_line_break(analyzer):
    # "explained:" is the verb's own cue; the colon alone must not take its place.
    text = 'The judge explained:\n"The law is clear on this point."'
    cues = [a.text for a in analyzer.analyze(text).attributions]
    assert cues == ["explained:"]
