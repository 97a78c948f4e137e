"""The sentence encoder: its files are the recorded ones; its vectors are unit, stable, apt."""

from __future__ import annotations

import numpy as np
import pytest

from rhetoric_lexicons import DIRECTORY
from service.analysis.encoder import (
    DIMENSION,
    MAX_TOKENS,
    Encoder,
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
