"""Layout roles: headings, bylines, datelines, references and teasers are not body text."""

from __future__ import annotations

import pytest

from service.analysis.structure import role


def _role_of(text: str, sentence: str) -> str:
    start = text.index(sentence)
    return role(text, start, start + len(sentence))


@pytest.mark.parametrize(("text", "sentence", "expected"), [
    ("The vote passed.\n\nPOLITICAL WIN\n\nThe mayor smiled.", "POLITICAL WIN", "heading"),
    ("Merkel's long goodbye\n\nShe left office.", "Merkel's long goodbye", "heading"),
    ("It passed.\n\nWhat now?\n\nThe bill goes back.", "What now?", "heading"),
    ("By Jane Smith and Tom Lee\n\nThe council met.", "By Jane Smith and Tom Lee", "byline"),
    ("LONDON (Reuters) —\n\nPrices rose.", "LONDON (Reuters) —", "dateline"),
    ("Read more: The budget explained\n\nPrices rose.", "Read more: The budget explained",
     "teaser"),
    ("Prices rose.\n[2] Reuters, \"Prices\", https://example.org/x", "[2] Reuters, \"Prices\", "
     "https://example.org/x", "reference"),
    ("Advertisement\n\nPrices rose.", "Advertisement", "teaser"),
])
def test_structure_gets_its_role(text, sentence, expected):
    assert _role_of(text, sentence) == expected


@pytest.mark.parametrize(("text", "sentence"), [
    # A sentence in running text, even a short one.
    ("The vote passed. It was close.\n\nNext.", "It was close."),
    # A one-line paragraph that ends as a sentence does.
    ("No injuries were reported.\n\nThe fire is out.", "No injuries were reported."),
    # A longer one-line question is more often the writer's own.
    ("It passed.\n\nWhy should anyone trust a council that ignores its voters?\n\nNo.",
     "Why should anyone trust a council that ignores its voters?"),
    # "By" opening a sentence of running text.
    ("By noon the streets were empty.\n\nIt rained.", "By noon the streets were empty."),
])
def test_body_text_stays_body(text, sentence):
    assert _role_of(text, sentence) == "body"


def test_a_line_longer_than_the_reach_is_body():
    text = "x" * 1000 + " Short line"
    assert role(text, 1001, len(text)) == "body"


def test_structure_stays_out_of_the_opinion_share(analyzer):
    text = ("BREAKING NEWS\n\nThe council approved the budget on Monday, officials said.\n\n"
            "Read more: Budget coverage")
    a = analyzer.analyze(text)
    roles = [s.role for s in a.sentences]
    assert roles[0] == "heading" and roles[-1] == "teaser"
    assert sum(a.summary.voices.values()) == roles.count("body")


@pytest.mark.parametrize(("line", "expected"), [
    ("FILE PHOTO: The Supreme Court stands in Washington, U.S., May 14, 2018. "
     "REUTERS/Joshua Roberts", "caption"),
    ("Media playback is unsupported on your device Media caption A law professor outlines "
     "the case", "caption"),
    ("President Trump speaks in the Rose Garden. (AP Photo/Evan Vucci)", "caption"),
    ("Get the Monitor Stories you care about delivered to your inbox. By signing up, you "
     "agree to our Privacy Policy.", "teaser"),
    # Running text that mentions a photo or a newsletter is body.
    ("The photo shows the senator at a rally in Ohio.", "body"),
    ("She said the newsletter had 2,000 readers and would close.", "body"),
])
def test_captions_credits_and_sign_ups_are_layout(line, expected):
    text = f"The council met.\n\n{line}\n\nIt rained."
    first = line.split(". ")[0]
    assert _role_of(text, first) == expected


@pytest.mark.parametrize(("text", "sentence"), [
    # From the review of the roles on ordinary copy: none of these is layout.
    ("Related charges were filed against two other men on Tuesday. More later.\n\nNext.",
     "Related charges were filed against two other men on Tuesday."),
    ("Listen, I understand the frustration of voters who feel ignored.\n\nThey are right.",
     "Listen, I understand the frustration of voters who feel ignored."),
    ("Watch for the Fed to raise rates again in June, economists say.\n\nNext.",
     "Watch for the Fed to raise rates again in June, economists say."),
    ("Photo ID laws have been challenged in 12 states since 2011.\n\nThe court will rule.",
     "Photo ID laws have been challenged in 12 states since 2011."),
    ("Unemployment fell to 3.5 percent in 2019.[3]\n\nIt rose later.",
     "Unemployment fell to 3.5 percent in 2019.[3]"),
    ("The plan:\n\n- Cut taxes for the middle class\n\nThat is all.",
     "- Cut taxes for the middle class"),
    ("The rate rose again in 2020 (see chart)\n\nIt fell later.",
     "The rate rose again in 2020 (see chart)"),
])
def test_ordinary_copy_is_body(text, sentence):
    assert _role_of(text, sentence) == "body"


def test_a_text_of_one_line_is_body(analyzer):
    a = analyzer.analyze("The government is lying to you")
    assert [s.role for s in a.sentences] == ["body"]
    assert sum(a.summary.voices.values()) == 1
