"""Turn an :class:`Analysis` into the response document, and write it in an output format.

The one seam for output: every path (the API's JSON, ``rhetoric analyze``, archive
lines) makes its document with :func:`response_document` and writes it with a format of
:data:`FORMATS`; a new output format is one entry there. Offsets are converted here,
once, into the encoding the client asked for.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import orjson

from service import __version__
from service.analysis.model import (
    Analysis,
    Attribution,
    EntityFraming,
    Finding,
    Quote,
    Sentence,
    Sentiment,
    Summary,
)
from service.categories import (
    ATTRIBUTION,
    BOOSTER,
    FINDING_CATEGORIES,
    HEDGE,
    LOADED_LANGUAGE,
)
from service.cue_descriptions import describe_cue
from service.offsets import Converter, converter

if TYPE_CHECKING:
    from service.analysis.pipeline import Analyzer


def _sentiment(s: Sentiment) -> dict[str, float]:
    return {"compound": s.compound, "pos": s.pos, "neu": s.neu, "neg": s.neg}


def _finding(f: Finding, at: Converter, key: str) -> dict[str, Any]:
    return {
        "start": at(f.start),
        "end": at(f.end),
        "text": f.text,
        key: f.type,
        "entry_id": f.entry_id,
        "sentence_index": f.sentence_index,
        "quoted": f.quoted,
        "attribution_index": f.attribution_index,
        "voice": f.voice,
        "negated": f.negated,
        "note": f.note,
        "source": f.source,
    }


def _loaded(f: Finding, at: Converter) -> dict[str, Any]:
    return {**_finding(f, at, LOADED_LANGUAGE.type_key),
            "term": {"start": at(f.term_start), "end": at(f.term_end), "text": f.term_text},
            "alternatives": [{"text": text, "guide": guide} for text, guide in f.alternatives]}


def _sentence(s: Sentence, at: Converter) -> dict[str, Any]:
    return {
        "index": s.index,
        "start": at(s.start),
        "end": at(s.end),
        "text": s.text,
        "label": s.label,
        "opinion_score": s.opinion_score,
        "reasons": [
            {"cue": r.cue, "description": describe_cue(r.cue), "start": at(r.start),
             "end": at(r.end), "text": r.text, "weight": r.weight}
            for r in s.reasons
        ],
        "sentiment": _sentiment(s.sentiment),
        "voice": s.voice,
        "attribution_index": s.attribution_index,
        "role": s.role,
    }


def _attribution(a: Attribution, at: Converter) -> dict[str, Any]:
    source = None
    if a.source is not None:
        source = {"start": at(a.source.start), "end": at(a.source.end), "text": a.source.text,
                  "kind": a.source.kind}
    return {
        "start": at(a.start),
        "end": at(a.end),
        "text": a.text,
        "type": a.type,
        "entry_id": a.entry_id,
        "sentence_index": a.sentence_index,
        "source": source,
        "content": None if a.content is None else {
            "start": at(a.content.start), "end": at(a.content.end), "text": a.content.text},
    }


def _quote(q: Quote, at: Converter) -> dict[str, Any]:
    return {"start": at(q.start), "end": at(q.end), "text": q.text,
            "sentence_index": q.sentence_index, "speaker": q.speaker}


def _entity(e: EntityFraming, at: Converter) -> dict[str, Any]:
    return {
        "name": e.name,
        "label": e.label,
        "mention_count": len(e.mentions),
        "mentions": [{"start": at(m.start), "end": at(m.end), "text": m.text}
                     for m in e.mentions],
        "sentiment_mean": e.sentiment_mean,
        "loaded_terms": list(e.loaded_terms),
    }


def _rates(s: Summary) -> dict[str, float]:
    """Return the summary's rate of findings of each category, under its summary key."""
    return {c.summary_key: getattr(s, c.summary_key)
            for c in FINDING_CATEGORIES if c.summary_key is not None}


def analysis_to_dict(analysis: Analysis, encoding: str = "codepoint") -> dict[str, Any]:
    """Return the analysis sections of a response, offsets in ``encoding`` units."""
    at = converter(analysis.text, encoding)
    r = analysis.readability
    s = analysis.summary
    return {
        "sentences": [_sentence(x, at) for x in analysis.sentences],
        LOADED_LANGUAGE.output_key: [_loaded(f, at) for f in analysis.loaded_language],
        HEDGE.output_key: [_finding(f, at, HEDGE.type_key) for f in analysis.hedges],
        BOOSTER.output_key: [_finding(f, at, BOOSTER.type_key) for f in analysis.boosters],
        ATTRIBUTION.output_key: [_attribution(a, at) for a in analysis.attributions],
        "quotes": [_quote(q, at) for q in analysis.quotes],
        "readability": {
            "flesch_reading_ease": r.flesch_reading_ease,
            "flesch_kincaid_grade": r.flesch_kincaid_grade,
            "gunning_fog": r.gunning_fog,
            "smog_index": r.smog_index,
            "coleman_liau_index": r.coleman_liau_index,
            "automated_readability_index": r.automated_readability_index,
            "dale_chall_readability_score": r.dale_chall_readability_score,
            "consensus_grade": r.consensus_grade,
            "words": r.words,
            "sentences": r.sentences,
            "syllables": r.syllables,
            "reading_time_seconds": r.reading_time_seconds,
        },
        "sentiment": {
            "document": _sentiment(analysis.sentiment),
            "entities": [_entity(e, at) for e in analysis.entities],
        },
        "summary": {
            "genre": s.genre,
            "opinion_share": s.opinion_share,
            "genre_score": s.genre_score,
            "voices": dict(s.voices),
            **_rates(s),
            "sources": dict(s.sources),
            "sentiment_compound": s.sentiment_compound,
            "reading_grade": s.reading_grade,
            "words": s.words,
        },
    }


def versions(analyzer: Analyzer) -> dict[str, Any]:
    """Return the versions of everything that shapes a result (``meta``, ``/version``)."""
    return {
        "service_version": __version__,
        "spacy_pipeline": analyzer.model_name,
        "spacy_pipeline_version": analyzer.model_version,
        "lexicon_version": analyzer.lexicons.version,
        "house_lexicon_version": analyzer.lexicons.house_version,
    }


def meta(analyzer: Analyzer, encoding: str, elapsed_ms: float) -> dict[str, Any]:
    """Return the ``meta`` section: the versions, the offset encoding and the time taken."""
    return {**versions(analyzer), "offset_encoding": encoding,
            "elapsed_ms": round(elapsed_ms, 2)}


def response_document(analyzer: Analyzer, analysis: Analysis, encoding: str, doc_id: str | None,
                      elapsed_ms: float) -> dict[str, Any]:
    """Return the whole ``/v1/analyze`` response document."""
    return {"id": doc_id, "meta": meta(analyzer, encoding, elapsed_ms),
            **analysis_to_dict(analysis, encoding)}


def _spans(items: list[dict[str, Any]], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{k: item[k] for k in keys} for item in items]


def _span(item: dict[str, Any] | None, keys: tuple[str, ...]) -> dict[str, Any] | None:
    return None if item is None else {k: item[k] for k in keys}


#: The fields a ``summary`` line keeps of each sentence and finding: offsets, labels,
#: indexes and lexicon entries, never a copy of the article's words.
SUMMARY_SENTENCE = ("index", "start", "end", "label", "opinion_score", "voice", "role")
SUMMARY_FINDING = ("start", "end", "entry_id", "sentence_index", "voice", "negated")
SUMMARY_ATTRIBUTION = ("start", "end", "type", "entry_id", "sentence_index")
SUMMARY_QUOTE = ("start", "end", "sentence_index", "speaker")


def summary_shape(document: dict[str, Any]) -> dict[str, Any]:
    """Return the ``summary`` shape of a response document: the summary and the findings.

    It keeps ``id``, ``metadata`` (archive lines), ``meta`` and ``summary`` whole; the
    sentences reduced to :data:`SUMMARY_SENTENCE` (no reasons, no sentiment); the
    findings as spans with their type and lexicon entry (a loaded term also its ``term``
    span); the attributions with their source's span and kind and their content's span;
    the quotes with their speaker. No text is copied: every span is offsets into the
    input, and an ``entry_id`` names the lexicon entry that matched.
    """
    if "error" in document:
        return document
    finding_keys = {category.output_key: (*SUMMARY_FINDING, category.type_key)
                    for category in (LOADED_LANGUAGE, HEDGE, BOOSTER)}
    shaped: dict[str, Any] = {key: document[key] for key in ("id", "metadata", "meta")
                              if key in document}
    shaped["summary"] = document["summary"]
    shaped["sentences"] = _spans(document["sentences"], SUMMARY_SENTENCE)
    for key, keys in finding_keys.items():
        shaped[key] = _spans(document[key], keys)
    for loaded, full in zip(shaped[LOADED_LANGUAGE.output_key],
                            document[LOADED_LANGUAGE.output_key], strict=True):
        loaded["term"] = _span(full["term"], ("start", "end"))
    shaped[ATTRIBUTION.output_key] = [
        {**{k: a[k] for k in SUMMARY_ATTRIBUTION},
         "source": _span(a["source"], ("start", "end", "kind")),
         "content": _span(a["content"], ("start", "end"))}
        for a in document[ATTRIBUTION.output_key]]
    shaped["quotes"] = _spans(document["quotes"], SUMMARY_QUOTE)
    return shaped


#: The output shapes: name -> a response document reshaped. ``full`` is the API's
#: document; ``summary`` (:func:`summary_shape`) is the compact archive line.
SHAPES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "full": lambda document: document,
    "summary": summary_shape,
}


def shaped(document: dict[str, Any], shape: str = "full") -> dict[str, Any]:
    """Return ``document`` in ``shape`` (a key of :data:`SHAPES`)."""
    return SHAPES[shape](document)


def encode(document: Any) -> bytes:
    """Return ``document`` as compact UTF-8 JSON, as every response and archive line is sent.

    orjson encodes a result about five times faster than the json module. Like the json
    module it accepts non-string keys (written as strings); unlike it, it writes a NaN or
    an infinity as ``null``, which keeps the output valid JSON.
    """
    return orjson.dumps(document, option=orjson.OPT_NON_STR_KEYS)


def _json_text(indent: int | None) -> Callable[[Any], bytes]:
    def dump(document: Any) -> bytes:
        return json.dumps(document, ensure_ascii=False, indent=indent).encode("utf-8")

    return dump


#: The output formats: name -> the bytes of a document. ``json`` is what the API sends
#: and archive mode writes (one line per document); ``rhetoric analyze`` prints
#: ``json-text`` (the json module's spacing) or, with ``--pretty``, ``json-indented``.
FORMATS: dict[str, Callable[[Any], bytes]] = {
    "json": encode,
    "json-text": _json_text(None),
    "json-indented": _json_text(2),
}


def render(document: Any, output_format: str = "json") -> bytes:
    """Return ``document`` written in ``output_format`` (a key of :data:`FORMATS`)."""
    return FORMATS[output_format](document)
