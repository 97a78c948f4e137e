"""Opinion versus reporting: the model, the labels it gives, and the reasons."""

from __future__ import annotations

import ast
import json
import math
from pathlib import Path

import pytest

from rhetoric_lexicons import DIRECTORY
from service.analysis.opinion import OpinionModel, transform
from service.analysis.pipeline import OPINION_MODEL_FILE

ROOT = Path(__file__).resolve().parents[2]


def fitted_features() -> dict[str, str]:
    """Return FEATURES of the fitting script, read without importing it (it needs sklearn)."""
    script = ROOT / "tools" / "rhetoric_tools" / "fit_opinion.py"
    tree = ast.parse(script.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "FEATURES":
            assert node.value is not None
            return ast.literal_eval(node.value)
    raise AssertionError("no FEATURES in tools/rhetoric_tools/fit_opinion.py")


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
    for s in analyzer.analyze(seed_001).sentences:
        # The writer's own sentences are scored with the encoder's cue, the others without.
        encoded = any(r.cue == "encoder" for r in s.reasons)
        model = analyzer.opinion if encoded else analyzer.opinion_without_encoder
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
        encoded = any(r.cue == "encoder" for r in s.reasons)
        model = analyzer.opinion if encoded else analyzer.opinion_without_encoder
        assert (s.label == "opinion") == (s.opinion_score >= model.threshold)


def test_model_file_records_provenance_and_knows_every_cue(analyzer):
    data = json.loads((DIRECTORY / OPINION_MODEL_FILE).read_text(encoding="utf-8"))
    for key in ("fitted_on", "data_licence", "date", "metrics", "intercept", "threshold"):
        assert data[key], key
    assert "CC BY-NC-SA 4.0" in json.dumps(data["data_licence"])
    assert "AGPL-3.0" in json.dumps(data["data_licence"])
    assert set(data["features"]) == {*fitted_features(), "encoder"}
    assert set(data["without_encoder"]["features"]) == set(fitted_features())
    assert len(data["encoder_head"]["weights"]) == 384
    model = OpinionModel.load(DIRECTORY / OPINION_MODEL_FILE)
    emitted = {r.cue for text in OPINION + REPORTING for s in analyzer.analyze(text).sentences
               for r in s.reasons}
    assert emitted <= set(model.features)


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


def test_the_encoder_reads_only_the_writers_own_sentences(analyzer, seed_001):
    sentences = analyzer.analyze(seed_001).sentences
    writer = [s for s in sentences if s.voice == "writer"]
    others = [s for s in sentences if s.voice != "writer"]
    assert writer and others
    for s in writer:
        (cue,) = [r for r in s.reasons if r.cue == "encoder"]
        assert (cue.start, cue.end) == (s.start, s.end)
    assert not any(r.cue == "encoder" for s in others for r in s.reasons)
