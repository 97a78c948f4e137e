"""``POST /v1/explain``: why the sentence encoder reads a sentence as opinion or reporting.

The encoder's cue is one number per sentence (:class:`service.analysis.encoder.EncoderCue`);
its ``reasons[]`` entry spans the whole sentence. When an editor opens a sentence, the page
asks here which words moved that number: each word is left out in turn and the change in
the cue's log-odds is reported (positive: the word pushes towards opinion), strongest
first, with its share of the sentence's opinion log-odds (the change times the cue's
weight in the opinion model). One encoder call per word, so the text is one sentence:
at most :data:`MAX_CHARS` characters.
"""

from __future__ import annotations

import time

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue

from service.analysis.opinion import ENCODER_FEATURE
from service.api.analyze import load_request
from service.api.body import read_body
from service.api.state import analyzer, settings
from service.offsets import converter
from service.problems import NotFound, PayloadTooLarge
from service.render import meta

bp = Blueprint("explain", __name__)

#: The longest text explained: a long sentence (about 100 words, 100 encoder calls).
MAX_CHARS = 600
#: How many words the answer lists.
TOP_WORDS = 8


@bp.post("/v1/explain")
def explain() -> ResponseReturnValue:
    started = time.perf_counter()
    engine = analyzer()
    if engine.encoder is None:
        raise NotFound("This deployment runs without the sentence encoder "
                       "(RHETORIC_ENCODER=off): there is nothing to explain.")
    kind, value = read_body(request, settings().body_limit)
    req = load_request(kind, value)
    text = req["text"]
    if len(text) > MAX_CHARS:
        raise PayloadTooLarge(f"the text has {len(text)} characters; one sentence of at most "
                              f"{MAX_CHARS} is explained at a time")
    value_, words = engine.encoder.explain(text, TOP_WORDS)
    weight = engine.opinion.features[ENCODER_FEATURE].weight
    at = converter(text, req["offset_encoding"])
    elapsed = (time.perf_counter() - started) * 1000
    return jsonify({
        "id": req["id"],
        "encoder": {"value": value_, "weight": round(weight, 4),
                    "contribution": round(weight * value_, 4)},
        "words": [{"start": at(w.start), "end": at(w.end), "text": w.text,
                   "change": w.change, "contribution": round(weight * w.change, 4)}
                  for w in words],
        "meta": meta(engine, req["offset_encoding"], elapsed),
    })
