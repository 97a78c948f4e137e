"""Whether a verb of saying reports speech here, and which words it reports."""

from __future__ import annotations

import pytest

from service.analysis.pipeline import Analyzer


def cues(analyzer: Analyzer, text: str) -> dict[str, str | None]:
    """Return each attribution's cue with the words it credits (None: no content span)."""
    analysis = analyzer.analyze(text)
    return {a.text: (text[a.content.start:a.content.end] if a.content else None)
            for a in analysis.attributions}


@pytest.mark.parametrize(("text", "cue", "content"), [
    # A complement the parse heads with an adjective is still a clause with its subject.
    ("The race tightened on Monday. Hillary Clinton says in Ohio that she’s thrilled to "
     "receive the endorsement.", "says", "that she’s thrilled to receive the endorsement"),
    # A headline deck puts the frame after its content.
    ("Language unclear on whether single mothers are covered, experts say.", "say",
     "Language unclear on whether single mothers are covered"),
    # A verb whose object is what was said reports, but the object is the writer's
    # words for it, not the source's: no content span.
    ("In her 2003 book, Clinton noted the clot’s existence.", "noted", None),
    ("McConnell aides acknowledged a collaborative relationship with the administration.",
     "acknowledged", None),
    ("The ministry denied the report on Tuesday.", "denied", None),
    # A frame that interrupts its speaker's sentence reports both halves.
    ("In fact, she said Tuesday, the plan would cost more.", "said",
     "the plan would cost more"),
    ("Though that transition was relatively seamless, he said, replacing Clinton would be "
     "much more acrimonious.", "said", "Though that transition was relatively seamless, he "
     "said, replacing Clinton would be much more acrimonious"),
    # A clause with no conjunction after a time phrase, read by the parser as adverbial.
    ("Trump said after the convention he would not accept Cruz's endorsement.", "said",
     "after the convention he would not accept Cruz's endorsement"),
    # A verb the tagger read as a noun, with its subject and its clause.
    ("But Trump claims that he should be the exception.", "claims",
     "that he should be the exception"),
])
def test_reported_content(analyzer, text, cue, content):

    assert cues(analyzer, text).get(cue, "missing") == content


@pytest.mark.parametrize(("text", "cue"), [
    ("The rally ended. “It is exactly where she is on security,” he continued. “There is "
     "this myth.”", "continued"),
    ("The rally ended. He continued, “I’ve never heard of anyone in an investigation.”",
     "continued"),
    ("She continued that an official she spoke to had confirmed it.", "continued"),
])
def test_a_frame_verb_reports_a_quotation(analyzer, text, cue):
    assert cue in cues(analyzer, text)


@pytest.mark.parametrize("text", [
    "Prices continued to rise in March.",
    "The talks continued on Tuesday, and “progress” was slow.",
    "Protesters interrupted the speech.",
    # A paragraph that opens after a quoted one frames nothing.
    "\u201cWe will win the case in the end.\u201d\n\nThe case continues.",
    "\u201cWe will win the case in the end.\u201d\nThe search continued on Tuesday.",
    "The scan revealed a fracture.",
    "The team claimed the title in May.",
    "She acknowledged the crowd and left.",
])
def test_no_speech(analyzer, text):
    assert set(cues(analyzer, text)) & {"continued", "interrupted", "revealed", "claimed"} == set()


def test_doubled_apostrophes_are_quotation_marks(analyzer):
    # LexisNexis sets the New York Times' quotation marks as two apostrophes each.
    text = "''Wow, what a great idea,'' she said in Iowa. It isn't ''over,'' he added."
    analysis = analyzer.analyze(text)
    quoted = {text[q.start:q.end] for q in analysis.quotes}
    assert "''Wow, what a great idea,''" in quoted
    assert {a.text for a in analysis.attributions} >= {"said", "added"}


@pytest.mark.parametrize(("text", "cue"), [
    ("Play fair or don't play. Now tell us this isn't a witch hunt!", "tell"),
    ("Federal law requires presidential candidates to disclose their assets.", "disclose"),
    ("The act requires local police to tell the federal government when someone dies.",
     "tell"),
])
def test_speech_asked_for_is_not_made(analyzer, text, cue):
    assert cue not in cues(analyzer, text)


@pytest.mark.parametrize(("text", "cue"), [
    ("Clinton went on to say that the plan would pass.", "say"),
    ("Candidates disclosed their assets on Friday.", "disclosed"),
])
def test_speech_made_stays(analyzer, text, cue):
    assert cue in cues(analyzer, text)


def test_a_fragment_the_parser_could_not_place_leaves_a_bare_frame(analyzer):
    from spacy.tokens import Doc

    from service.analysis.reporting import bare_frame

    # The parse PolNeAR's Washington Post text got: "People" as an unlabelled dependent.
    words = ["People", "like", "Scott", ",", "he", "said", "."]
    heads = [5, 0, 1, 5, 5, 5, 5]
    deps = ["dep", "prep", "pobj", "punct", "nsubj", "ROOT", "punct"]
    doc = Doc(analyzer.nlp.vocab, words=words, heads=heads, deps=deps)
    assert bare_frame(doc[5])
    # Without the comma the dependent is no fragment set apart from the frame.
    doc = Doc(analyzer.nlp.vocab, words=["People", "he", "said", "."], heads=[2, 2, 2, 2],
              deps=["dep", "nsubj", "ROOT", "punct"])
    assert not bare_frame(doc[2])


@pytest.mark.parametrize(("words", "joined"), [
    # "..., and the rate would decline by four points": a clause joined by "and".
    (["and"], False),
    # "..., the senator said": a frame after its clause.
    ([], True),
])
def test_a_clause_joined_by_and_is_no_closing_frame(analyzer, words, joined):
    from spacy.tokens import Doc

    from service.analysis.reporting import reports
    from service.analysis.segments import segment

    head = ["Gains", "would", "be", "taxed", ","]
    tail = ["the", "senator", "said", "."]
    n = len(head) + len(words)
    heads = [3, 3, 3, 3, 3] + [3] * len(words) + [n + 1, n + 2, 3, 3]
    deps = ["nsubjpass", "aux", "auxpass", "ROOT", "punct"] + ["cc"] * len(words) + [
        "det", "nsubj", "conj", "punct"]
    doc = Doc(analyzer.nlp.vocab, words=head + words + tail, heads=heads, deps=deps,
              pos=["NOUN", "AUX", "AUX", "VERB", "PUNCT"] + ["CCONJ"] * len(words) + [
                  "DET", "NOUN", "VERB", "PUNCT"])
    verb = doc[n + 2]
    assert reports(verb, doc[n + 1], "neutral_verb", segment(doc), doc[n + 2:n + 3],
                   bare=False) is joined


@pytest.mark.parametrize(("text", "source"), [
    # An inverted frame set off mid-sentence: the words either side are the speaker's.
    ("The surpluses, said Scott Pattison, are a reflection of conservative forecasts.",
     "Scott Pattison"),
    ("To some extent, said Scott Pattison, the director of the group, the surpluses are a "
     "reflection of conservative forecasts.", "Scott Pattison, the director of the group"),
    ("In part, says the governor, the plan failed because of the weather.", "the governor"),
])
def test_an_inverted_frame_mid_sentence_credits_the_sentence(analyzer, text, source):
    analysis = analyzer.analyze(text)
    said = [a for a in analysis.attributions if a.text in {"said", "says"}]
    assert len(said) == 1 and said[0].source is not None and said[0].source.text == source
    assert analysis.sentences[0].voice == "reported"
