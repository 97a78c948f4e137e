"""``POST /v1/explain``: the words that moved the sentence encoder's opinion cue."""

from __future__ import annotations

import dataclasses

from service.api import create_app
from service.config import Settings
from tests.contract import ContractClient

SENTENCE = "Frankly, this disastrous policy is the worst mistake the council has made."


def test_explains_a_sentence_with_exact_spans_and_the_models_weight(client, analyzer):
    r = client.post("/v1/explain", json={"text": SENTENCE, "id": "s1"})
    assert r.status_code == 200
    body = r.get_json()
    assert body["id"] == "s1"
    weight = analyzer.opinion.features["encoder"].weight
    assert body["encoder"]["weight"] == round(weight, 4)
    assert body["encoder"]["value"] == round(analyzer.encoder.value(SENTENCE), 4)
    assert 1 <= len(body["words"]) <= 8
    for w in body["words"]:
        assert SENTENCE[w["start"]:w["end"]] == w["text"]
        assert abs(w["contribution"] - weight * w["change"]) < 1e-3


def test_the_encoder_cue_in_an_analysis_is_the_one_explained(client):
    analysis = client.post("/v1/analyze", json={"text": SENTENCE}).get_json()
    (sentence,) = analysis["sentences"]
    (reason,) = [r for r in sentence["reasons"] if r["cue"] == "encoder"]
    explained = client.post("/v1/explain", json={"text": sentence["text"]}).get_json()
    assert abs(reason["weight"] - explained["encoder"]["contribution"]) < 1e-3


def test_offsets_follow_the_requested_encoding(client):
    text = "😀😀 This shameful decision is a disgrace."
    body = client.post("/v1/explain", json={"text": text, "offset_encoding": "utf-16"}).get_json()
    units = text.encode("utf-16-le")
    for w in body["words"]:
        assert units[2 * w["start"]:2 * w["end"]].decode("utf-16-le") == w["text"]


def test_more_than_one_long_sentence_is_refused_up_front(client):
    r = client.post("/v1/explain", json={"text": "word " * 200})
    assert r.status_code == 413
    assert "600" in r.get_json()["detail"]


def test_an_empty_text_is_a_validation_error(client):
    assert client.post("/v1/explain", json={"text": " "}).status_code == 422


def test_without_the_encoder_there_is_nothing_to_explain(analyzer):
    app = create_app(Settings(), analyzer=dataclasses.replace(analyzer, encoder=None))
    app.test_client_class = ContractClient
    r = app.test_client().post("/v1/explain", json={"text": SENTENCE})
    assert r.status_code == 404
    assert "RHETORIC_ENCODER=off" in r.get_json()["detail"]
