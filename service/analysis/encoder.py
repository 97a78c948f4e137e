"""The sentence encoder: all-MiniLM-L6-v2 (first 4 layers), int8 ONNX, 384 numbers a sentence.

The model and its tokenizer are data in ``rhetoric_lexicons/encoder/`` (see PROVENANCE.md
there; ``scripts/build-encoder.sh`` rebuilds them). Built once per worker and handed in, like
the spaCy pipeline; it needs onnxruntime and tokenizers, never torch.

References: Reimers and Gurevych (2019), Sentence-BERT; the all-MiniLM-L6-v2 model card
(mean pooling over the attention mask, then L2 normalisation).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

MODEL_FILE = "model.int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
PROVENANCE_FILE = "provenance.json"
#: Inputs longer than this many word pieces ([CLS] and [SEP] included) are cut at the end.
#: From the shipped tokenizer.json; the encoder's heads are fitted with the same cut.
MAX_TOKENS = 128
DIMENSION = 384


class EncoderError(RuntimeError):
    """The encoder's files are missing, altered or unreadable."""


def file_sha256(path: Path) -> str:
    """Return the hex sha256 of a file."""
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def recorded_sha256(directory: Path) -> dict[str, str]:
    """Return the sha256 of each model file as ``provenance.json`` records it."""
    record = json.loads((directory / PROVENANCE_FILE).read_text(encoding="utf-8"))
    return {name: entry["sha256"] for name, entry in record["files"].items()}


@dataclass(frozen=True)
class Encoder:
    """An onnxruntime session and its tokenizer; ``embed`` maps a sentence to a unit vector."""

    session: Any  # onnxruntime.InferenceSession
    tokenizer: Any  # tokenizers.Tokenizer
    #: The model file's sha256: names its vectors (caches of embeddings are keyed by it).
    model_sha256: str = ""

    @classmethod
    def load(cls, directory: Path, *, threads: int = 1, verify: bool = False) -> Encoder:
        """Load the model and tokenizer from ``directory``; with ``verify``, check sha256s."""
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model, tokenizer_path = directory / MODEL_FILE, directory / TOKENIZER_FILE
        for path in (model, tokenizer_path):
            if not path.is_file():
                raise EncoderError(f"{path}: missing (scripts/build-encoder.sh builds it)")
        digest = file_sha256(model)
        if verify:
            for name, expected in recorded_sha256(directory).items():
                actual = digest if name == MODEL_FILE else file_sha256(directory / name)
                if actual != expected:
                    raise EncoderError(f"{directory / name}: sha256 {actual}, "
                                       f"{PROVENANCE_FILE} records {expected}")
        options = ort.SessionOptions()
        # One sentence at a time on one core: a worker's other threads are gunicorn's.
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        tokenizer = Tokenizer.from_file(str(tokenizer_path))
        # The shipped tokenizer pads every input to 128 tokens; one unpadded sentence per
        # call gives the same vector in a fraction of the time.
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        return cls(session, tokenizer, digest)

    def embed(self, sentence: str) -> npt.NDArray[np.float32]:
        """Return the sentence's mean-pooled, L2-normalised embedding (384 float32)."""
        encoding = self.tokenizer.encode(sentence)
        ids = np.asarray([encoding.ids], dtype=np.int64)
        mask = np.asarray([encoding.attention_mask], dtype=np.int64)
        states = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (states * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        vector = pooled[0]
        norm = float(np.linalg.norm(vector))
        return (vector / max(norm, 1e-12)).astype(np.float32)

    def tokens(self, sentence: str) -> int:
        """Return how many word pieces the encoder reads of ``sentence`` (after truncation)."""
        return len(self.tokenizer.encode(sentence).ids)


#: A word for the leave-one-word-out explanation: letters or digits, with inner
#: apostrophes or hyphens ("didn't", "so-called").
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@dataclass(frozen=True)
class WordEffect:
    """How much leaving one word out moved the encoder's cue (positive: towards opinion)."""

    start: int
    end: int
    text: str
    change: float


@dataclass(frozen=True)
class EncoderCue:
    """The encoder's opinion cue: a logistic-regression head over the sentence embedding.

    ``value`` is the head's log-odds of opinion for a sentence; the opinion model weighs it
    like any other cue (``opinion_model.json``, feature ``encoder``). The head is numbers
    only (an intercept and 384 weights), fitted by ``rhetoric-dev fit-opinion``.
    """

    encoder: Encoder
    intercept: float
    weights: npt.NDArray[np.float32]

    @classmethod
    def from_head(cls, encoder: Encoder, head: dict[str, Any]) -> EncoderCue:
        """Build the cue from the ``encoder_head`` record of the opinion model file."""
        weights = np.asarray(head["weights"], dtype=np.float32)
        if weights.shape != (DIMENSION,):
            raise EncoderError(f"encoder head: {weights.shape[0]} weights, need {DIMENSION}")
        return cls(encoder, float(head["intercept"]), weights)

    def value(self, sentence: str) -> float:
        """Return the head's log-odds that ``sentence`` is the writer's opinion."""
        return float(self.intercept + self.encoder.embed(sentence) @ self.weights)

    def explain(self, sentence: str, top: int = 8) -> tuple[float, list[WordEffect]]:
        """Return the cue's value and the words whose removal moves it most.

        Each word is left out in turn (one encoder call per word, a few milliseconds each)
        and the change is the full sentence's value minus the value without the word: a
        positive change means the word pushed the sentence towards opinion.
        """
        full = self.value(sentence)
        words = list(_WORD.finditer(sentence))
        if not words:
            return round(full, 4), []
        variants = [(sentence[:m.start()].rstrip() + " " + sentence[m.end():].lstrip()).strip()
                    for m in words]
        # One call per variant: the int8 model quantises activations per call, so padding
        # variants into one batch moves their values (up to 0.03 in cosine terms).
        effects = [WordEffect(m.start(), m.end(), m.group(), round(full - self.value(v), 4))
                   for m, v in zip(words, variants, strict=True)]
        effects.sort(key=lambda e: (-abs(e.change), e.start))
        return round(full, 4), effects[:top]
