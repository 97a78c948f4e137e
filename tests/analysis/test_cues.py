"""Opinion and reporting cues: which a sentence yields, read alone or with its document."""

from __future__ import annotations

import pytest

from service.analysis.cues import SentenceContext, cues, document_cues, entities_by_sentence
from service.analysis.pipeline import Analyzer
from service.analysis.segments import segment


def sentence_cues(analyzer: Analyzer, text: str) -> set[tuple[str, str]]:
    """Return (cue, text) for every reason-bearing cue of a one-sentence analysis."""
    analysis = analyzer.analyze(text)
    assert len(analysis.sentences) == 1, [s.text for s in analysis.sentences]
    return {(r.cue, r.text) for r in analysis.sentences[0].reasons}


# (sentence, cues it must carry, cues it must not carry)
CUES = [
    ("I think we should act now.",
     {("first_person", "I"), ("first_person", "we"), ("mental_verb", "think"),
      ("obligation_modal", "should")}, set()),
    ("You must read this book!",
     {("second_person", "You"), ("obligation_modal", "must"), ("exclamation", "!")}, set()),
    ("Why would anyone believe that?", {("rhetorical_question", "?")}, {("question", "?")}),
    ("When does the museum open?", {("question", "?")}, {("rhetorical_question", "?")}),
    ("Stop blaming the victims.", {("imperative", "Stop")}, set()),
    # What the minister reports is the minister's: no cue of it counts for the writer.
    ("The minister said on Monday that 12 people died.",
     {("attribution", "said"), ("date", "Monday")}, {("number", "12")}),
    ("Officials believe the plan is a terrible idea, the ministry said.",
     {("attribution", "said")}, {("appraisal_adjective", "terrible")}),
    ("Worldwide, the virus has claimed more than 200,000 lives.",
     set(), {("direct_address", "Worldwide")}),
    ("We think the plan is a terrible idea.",
     {("first_person", "We")}, set()),
    ("“We will win,” he said.", {("attribution", "said"), ("direct_quote", "“We will win,”")},
     {("first_person", "We"), ("scare_quote", "“We will win,”")}),
    ("It’s all justified in the name of racial “equity.”", {("scare_quote", "“equity.”")}, set()),
    ("Sorry, Kim.", {("direct_address", "Kim")}, set()),
    ("It isn’t fair.", {("contraction", "n’t"), ("appraisal_adjective", "fair")}, set()),
    ("North Korea’s troops crossed the river.", set(), {("contraction", "’s")}),
    ("The policy is simply absurd.", {("focus_particle", "simply")}, set()),
    ("But nothing has changed.", {("discourse_opener", "But"), ("universal", "nothing")}, set()),
    # "One of" counts nothing, a bracketed mark is a reference, and a verb the tagger
    # reads as past tense but with no subject (an imperative) or after a modal narrates
    # nothing.
    ("North Korea, one of the poorest nations, sent troops.", set(), {("number", "one")}),
    ("North Korea sent troops [2] to the front.", {("past_tense", "sent")}, {("number", "2")}),
    ("If this sounds perplexing, read on.", set(), {("past_tense", "read")}),
    # A past auxiliary shares its verb's subject: passive, past perfect, negated past.
    ("The town was attacked on Tuesday.", {("past_tense", "was")}, set()),
    ("The minister did not comment.", {("past_tense", "did")}, set()),
    ("They sent 40 tanks and crossed the river.",
     {("past_tense", "sent"), ("past_tense", "crossed"), ("number", "40")}, set()),
    # "Instead" counters what came before: an argument, not the writer's stance.
    ("He chose instead to stay home.", {("argument_marker", "instead")},
     {("stance_adverb", "instead")}),
    # "Vice" in a deputy's title is no moral failing; a labelling noun still counts.
    ("The vice president met the vice chairman in Ohio.", set(),
     {("evaluative_noun", "vice")}),
    ("The deal was a disaster for the town.", {("evaluative_noun", "disaster")}, set()),
]


@pytest.mark.parametrize(("text", "present", "absent"), CUES)
def test_sentence_carries_its_cues(analyzer, text, present, absent):
    found = sentence_cues(analyzer, text)
    assert present <= found, f"missing {present - found} in {found}"
    assert not absent & found


def test_document_cues_equal_each_sentence_read_on_its_own(analyzer, seed_000, seed_001):
    quoting = ('“It is a disgrace,” she said. He called it “a farce” and left. '
               '“We stay.\n\n“We fight,” he said. Nothing else happened.')
    for text in (seed_000, seed_001, quoting):
        doc = analyzer.nlp(text)
        segments = segment(doc)
        contexts = [SentenceContext((), (), (), ()) for _ in segments.sentences]
        together = document_cues(doc, segments, analyzer.subjectivity, contexts)
        ents = entities_by_sentence(doc, segments)
        alone = [cues(sent, ctx, segments, analyzer.subjectivity, sent_ents)
                 for sent, ctx, sent_ents in zip(segments.sentences, contexts, ents,
                                                 strict=True)]
        assert together == alone
