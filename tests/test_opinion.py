"""Opinion versus reporting: the cues each sentence yields, the labels, and the reasons."""

from __future__ import annotations

import ast
import json
import math
from pathlib import Path

import pytest

from rhetoric_lexicons import DIRECTORY
from service.analysis.opinion import OpinionModel, transform
from service.analysis.pipeline import OPINION_MODEL_FILE, SUBJECTIVITY_FILE, Analyzer

ROOT = Path(__file__).resolve().parent.parent
FIT_OPINION = ROOT / "tools" / "rhetoric_tools" / "fit_opinion.py"


def fitted_features() -> dict[str, str]:
    """Return FEATURES of the fitting script, read without importing it (it needs sklearn)."""
    tree = ast.parse(FIT_OPINION.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "FEATURES":
            assert node.value is not None
            return ast.literal_eval(node.value)
    raise AssertionError(f"no FEATURES in {FIT_OPINION}")


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
    ("The minister said on Monday that 12 people died.",
     {("attribution", "said"), ("date", "Monday"), ("number", "12")}, set()),
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
]


@pytest.mark.parametrize(("text", "present", "absent"), CUES)
def test_sentence_carries_its_cues(analyzer, text, present, absent):
    found = sentence_cues(analyzer, text)
    assert present <= found, f"missing {present - found} in {found}"
    assert not absent & found


OPINION = [
    "I think this is a terrible idea, and we should stop it before it is too late.",
    "You should be ashamed of this absurd policy.",
    "What a disgraceful decision!",
    "Frankly, the plan is ridiculous and nobody should pretend otherwise.",
    "This is simply the worst budget we have ever seen.",
    "Why does anyone still believe these people?",
]
REPORTING = [
    "The company reported revenue of $3.2 billion for the quarter ended June 30, "
    "the firm said in a statement.",
    "Police arrested two men on Tuesday in connection with the robbery, a spokesman said.",
    "The bill passed the Senate by a vote of 62 to 38 on Thursday.",
    "According to the Census Bureau, the population grew by 0.4% in 2023.",
    "“This is a disgraceful decision,” the opposition leader said on Monday.",
    "The museum reopened in March after a two-year renovation that cost $40 million.",
]


@pytest.mark.parametrize("text", OPINION)
def test_opinion_sentences_are_labelled_opinion(analyzer, text):
    (sentence,) = analyzer.analyze(text).sentences
    assert sentence.label == "opinion", sentence.reasons


@pytest.mark.parametrize("text", REPORTING)
def test_reporting_sentences_are_labelled_reporting(analyzer, text):
    (sentence,) = analyzer.analyze(text).sentences
    assert sentence.label == "reporting", sentence.reasons


def test_quoted_opinion_scores_below_the_same_words_unquoted(analyzer):
    own = analyzer.analyze("This is a disgraceful decision, and we must reverse it.").sentences[0]
    quoted = analyzer.analyze(
        "“This is a disgraceful decision, and we must reverse it,” she said.").sentences[0]
    assert quoted.opinion_score < own.opinion_score


def test_reasons_add_up_to_the_score(analyzer, seed_001):
    model = analyzer.opinion
    for s in analyzer.analyze(seed_001).sentences:
        logit = model.intercept + sum(r.weight for r in s.reasons)
        # Features every sentence has (length) are centred; a cue total of 0 adds nothing
        # else. Reason weights are rounded to 4 places.
        expected = 1 / (1 + math.exp(-logit))
        assert s.opinion_score == pytest.approx(expected, abs=0.002 * (len(s.reasons) + 1))


def test_reasons_have_exact_spans_and_are_strongest_first(analyzer, seed_001):
    for s in analyzer.analyze(seed_001).sentences:
        weights = [abs(r.weight) for r in s.reasons]
        assert weights == sorted(weights, reverse=True)
        for r in s.reasons:
            assert seed_001[r.start:r.end] == r.text
            assert s.start <= r.start <= r.end <= s.end
        assert (s.label == "opinion") == (s.opinion_score >= analyzer.opinion.threshold)


def test_model_file_records_provenance_and_knows_every_cue(analyzer):
    data = json.loads((DIRECTORY / OPINION_MODEL_FILE).read_text(encoding="utf-8"))
    for key in ("fitted_on", "data_licence", "date", "metrics", "intercept", "threshold"):
        assert data[key], key
    assert "CC BY-NC-SA 4.0" in json.dumps(data["data_licence"])
    assert "AGPL-3.0" in json.dumps(data["data_licence"])
    assert set(data["features"]) == set(fitted_features())
    model = OpinionModel.load(DIRECTORY / OPINION_MODEL_FILE)
    emitted = {r.cue for text in OPINION + REPORTING for s in analyzer.analyze(text).sentences
               for r in s.reasons}
    assert emitted <= set(model.features)


def test_subjectivity_classes_are_documented_and_disjoint():
    data = json.loads((DIRECTORY / SUBJECTIVITY_FILE).read_text(encoding="utf-8"))
    seen: dict[tuple[str, str], str] = {}
    for name, spec in data["classes"].items():
        assert spec["note"] and spec["source"] and spec["words"], name
        if name == "discourse_opener":  # sentence-initial only: checked before the others
            continue
        for word in spec["words"]:
            assert word == word.lower(), word
            for pos in spec["pos"] or ["*"]:
                assert (word, pos) not in seen, f"{word}/{pos} in {seen[(word, pos)]} and {name}"
                seen[(word, pos)] = name


@pytest.mark.parametrize(("kind", "total", "expected"), [
    ("count", 3.0, 3.0), ("log", math.e - 1, 1.0), ("sqrt", 4.0, 2.0), ("binary", 2.0, 1.0),
    ("binary", 0.0, 0.0)])
def test_transforms(kind, total, expected):
    assert transform(kind, total) == pytest.approx(expected)


def test_unknown_transform_is_refused(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"intercept": 0, "threshold": 0.5, "fitted_on": "x",
                                "features": {"question": {"weight": 1, "transform": "cube"}}}))
    with pytest.raises(ValueError, match="cube"):
        OpinionModel.load(path)


def test_quoted_within_finds_every_quotation_overlapping_a_range(analyzer):
    from service.analysis.segments import segment

    text = ('He said “no” twice. “We will not go,” she said, and "never" again. '
            'Nothing quoted here. “One” and “two”.')
    segments = segment(analyzer.nlp(text))
    assert len(segments.quotes) == 5
    for start in range(len(text)):
        for end in range(start + 1, len(text) + 1):
            overlaps = any(s < end and start < e for s, e in segments.quotes)
            assert segments.quoted_within(start, end) == overlaps, (start, end)


def test_document_cues_equal_each_sentence_read_on_its_own(analyzer, seed_000, seed_001):
    from service.analysis.opinion import (
        SentenceContext,
        cues,
        document_cues,
        entities_by_sentence,
    )
    from service.analysis.segments import segment

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
