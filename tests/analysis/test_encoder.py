"""The sentence encoder: its files are the recorded ones; its vectors are unit, stable, apt."""

from __future__ import annotations

import json

import numpy as np
import pytest

from rhetoric_lexicons import DIRECTORY
from service.analysis.encoder import (
    DIMENSION,
    MAX_TOKENS,
    MODEL_FILE,
    Encoder,
    EncoderCue,
    EncoderError,
    file_sha256,
    recorded_sha256,
)

ENCODER_DIR = DIRECTORY / "encoder"


@pytest.fixture(scope="session")
def encoder() -> Encoder:
    """Return the shipped encoder, loaded once per test session."""
    return Encoder.load(ENCODER_DIR)


@pytest.mark.parametrize("name", ["model.int8.onnx", "tokenizer.json"])
def test_model_files_match_their_recorded_sha256(name: str):
    recorded = recorded_sha256(ENCODER_DIR)
    assert file_sha256(ENCODER_DIR / name) == recorded[name]


def test_the_shipped_model_was_checked_to_give_the_same_vectors_on_every_cpu():
    # The build refuses a model whose int8 weights exceed 64 (their uint8 x int8 pair sums
    # would saturate int16 on CPUs without VNNI) and records the bound beside the sha256
    # that the test above ties to the shipped file.
    record = json.loads((ENCODER_DIR / "provenance.json").read_text(encoding="utf-8"))
    assert record["checks"]["int8_max_abs_weight"] <= 64
    assert any("reduce_range=True" in step for step in record["steps"])


def test_load_verify_rejects_an_altered_file(tmp_path):
    for name in ("model.int8.onnx", "provenance.json"):
        (tmp_path / name).symlink_to(ENCODER_DIR / name)
    (tmp_path / "tokenizer.json").write_bytes((ENCODER_DIR / "tokenizer.json").read_bytes()
                                              + b"\n")
    with pytest.raises(EncoderError, match="tokenizer.json: sha256"):
        Encoder.load(tmp_path, verify=True)


def test_load_names_a_missing_file(tmp_path):
    with pytest.raises(EncoderError, match="model.int8.onnx: missing"):
        Encoder.load(tmp_path)


def test_embedding_is_a_deterministic_unit_vector_of_384(encoder: Encoder):
    sentence = "The minister said the plan would cut waiting lists by half."
    first, second = encoder.embed(sentence), encoder.embed(sentence)
    assert first.shape == (DIMENSION,)
    assert first.dtype == np.float32
    assert np.array_equal(first, second)
    assert float(np.linalg.norm(first)) == pytest.approx(1.0, abs=1e-5)


@pytest.mark.parametrize(
    ("sentence", "paraphrase", "unrelated"),
    [
        ("The government raised taxes on fuel this week.",
         "This week the government increased fuel taxes.",
         "The orchestra played Mahler to a full hall."),
        ("It is a disgrace that the council ignored the residents.",
         "The council shamefully disregarded the people who live there.",
         "Rainfall in March was close to the long-term average."),
    ],
)
def test_paraphrases_are_closer_than_unrelated_sentences(
    encoder: Encoder, sentence: str, paraphrase: str, unrelated: str
):
    a, b, c = (encoder.embed(s) for s in (sentence, paraphrase, unrelated))
    assert float(a @ b) > float(a @ c) + 0.2


def test_a_300_word_sentence_is_truncated_not_refused(encoder: Encoder):
    long = " ".join(["the committee reviewed the evidence carefully"] * 50)  # 300 words
    assert len(long.split()) == 300
    assert encoder.tokens(long) == MAX_TOKENS
    vector = encoder.embed(long)
    assert vector.shape == (DIMENSION,)
    assert np.isfinite(vector).all()
    # Only the first 128 word pieces count: more words past the cut change nothing.
    assert np.array_equal(vector, encoder.embed(long + " and then it rained all week"))


def test_an_empty_sentence_still_embeds(encoder: Encoder):
    vector = encoder.embed("")
    assert encoder.tokens("") == 2  # [CLS] [SEP]
    assert float(np.linalg.norm(vector)) == pytest.approx(1.0, abs=1e-5)


@pytest.fixture(scope="session")
def cue(encoder: Encoder) -> EncoderCue:
    """The shipped encoder with the opinion model's head."""
    model = json.loads((DIRECTORY / "opinion_model.json").read_text(encoding="utf-8"))
    return EncoderCue.from_head(encoder, model["encoder_head"])


def test_a_head_of_the_wrong_size_is_refused(encoder: Encoder):
    with pytest.raises(EncoderError, match="383 weights"):
        EncoderCue.from_head(encoder, {"intercept": 0.0, "weights": [0.0] * 383})


def test_the_cue_is_the_heads_log_odds_of_the_embedding(encoder: Encoder, cue: EncoderCue):
    sentence = "The committee approved the budget on Tuesday."
    expected = cue.intercept + float(encoder.embed(sentence) @ cue.weights)
    assert cue.value(sentence) == pytest.approx(expected, abs=1e-5)


def test_the_head_reads_a_judgement_above_a_plain_report(cue: EncoderCue):
    judgement = cue.value("This is a shameful betrayal, and everyone should be ashamed of it.")
    report = cue.value("The ministry published the figures for March on Thursday.")
    assert judgement > 0 > report


def test_explanation_names_words_by_exact_spans_strongest_first(cue: EncoderCue):
    sentence = "Frankly, this disastrous policy is the worst mistake the council has made."
    value, words = cue.explain(sentence, top=5)
    assert value == pytest.approx(cue.value(sentence), abs=1e-4)
    assert len(words) == 5
    for w in words:
        assert sentence[w.start:w.end] == w.text
    changes = [abs(w.change) for w in words]
    assert changes == sorted(changes, reverse=True)
    # The change is the value minus the value with that word left out.
    first = words[0]
    without = (sentence[:first.start].rstrip() + " " + sentence[first.end:].lstrip()).strip()
    assert first.change == pytest.approx(value - cue.value(without), abs=1e-3)


def test_explanation_of_a_text_without_words_is_empty(cue: EncoderCue):
    value, words = cue.explain("… — !")
    assert words == []
    assert value == pytest.approx(cue.value("… — !"), abs=1e-4)


def test_the_encoder_is_named_by_its_model_files_sha256(encoder: Encoder):
    recorded = recorded_sha256(ENCODER_DIR)
    assert encoder.model_sha256 == recorded[MODEL_FILE] == file_sha256(ENCODER_DIR / MODEL_FILE)
