"""Speech the sentence says no one made is no attribution; its clause is the writer's."""

from __future__ import annotations

import pytest

from service.analysis.unsaid import INTENTION, unsaid


def _verb(nlp, text: str, word: str):
    doc = nlp(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(("text", "word", "entry", "expected"), [
    ("They released the video without saying they would kill him.", "saying",
     "attribution.verb.said", True),
    ("No one is saying the economy is in recession.", "saying", "attribution.verb.said", True),
    ("He set a deadline without elaborating or explicitly saying they would kill him.",
     "saying", "attribution.verb.said", True),
    ("Nobody said a word about the plan.", "said", "attribution.verb.said", True),
    ("No official said the plan would fail.", "said", "attribution.verb.said", True),
    ("Neither Trump nor his spokespeople said the tweet was a joke.", "said",
     "attribution.verb.said", True),
    ("Iran might agree to refrain from operating the reactor.", "agree", INTENTION, True),
    # A source's request not to be named gives no words of its own.
    ("Officials who asked not to be identified said the talks had stalled.", "asked",
     "attribution.verb.asked", True),
    ("The aide, who declined to be named, said the talks had stalled.", "declined",
     INTENTION, True),
    # Said, agreed, and a stance under a modal: a source's words or view.
    ("No. 10 said the talks would go on.", "said", "attribution.verb.said", False),
    ("Iran agreed to refrain from operating the reactor.", "agreed", INTENTION, False),
    ("States that may want to chip in wrote to the agency.", "want", INTENTION, False),
    ("The mayor asked to be briefed on the plan.", "asked", "attribution.verb.asked", False),
])
def test_unsaid(nlp, text, word, entry, expected):
    assert unsaid(_verb(nlp, text, word), entry) is expected


def test_the_clause_stays_the_writers(analyzer):
    analysis = analyzer.analyze("No one is saying the economy is in recession.")
    assert analysis.attributions == ()
    assert analysis.sentences[0].voice == "writer"
