"""Opinion versus reporting: a logistic model over interpretable sentence cues.

Every cue found in a sentence is a reason: it names the cue, its span and its
signed contribution to the log-odds of "opinion". The weights live in
``rhetoric_lexicons/opinion_model.json``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span

from service.analysis.model import Attribution, Finding, Reason
from service.analysis.segments import Segments

FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"})
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "yourselves"})
OBLIGATION = frozenset({"should", "must", "ought"})
EVENT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW"})


@dataclass(frozen=True)
class OpinionModel:
    """Weights of the cue model, as stored in its JSON file."""

    intercept: float
    threshold: float
    weights: dict[str, float]
    fitted_on: str

    @classmethod
    def load(cls, path: Path) -> OpinionModel:
        """Read the model file."""
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(float(data["intercept"]), float(data["threshold"]),
                   {k: float(v) for k, v in data["weights"].items()}, str(data["fitted_on"]))


@dataclass(frozen=True)
class Cue:
    name: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SentenceContext:
    """What the other analyzers found in one sentence."""

    loaded: Sequence[Finding]
    hedges: Sequence[Finding]
    boosters: Sequence[Finding]
    attributions: Sequence[Attribution]


def _tok_cue(name: str, tok) -> Cue:  # type: ignore[no-untyped-def]
    return Cue(name, tok.idx, tok.idx + len(tok.text), tok.text)


def cues(sent: Span, ctx: SentenceContext, segments: Segments) -> list[Cue]:
    """Return the opinion and reporting cues of one sentence."""
    out: list[Cue] = []
    has_verb = False
    for tok in sent:
        lower = tok.lower_
        quoted = segments.in_quote(tok.idx, tok.idx + len(tok))
        if tok.pos_ in {"VERB", "AUX"}:
            has_verb = True
        if quoted:
            continue
        if lower in FIRST_PERSON and tok.pos_ == "PRON":
            out.append(_tok_cue("first_person", tok))
        elif lower in SECOND_PERSON and tok.pos_ == "PRON":
            out.append(_tok_cue("second_person", tok))
        elif lower in OBLIGATION and tok.tag_ == "MD":
            out.append(_tok_cue("modal_obligation", tok))
        elif tok.tag_ in {"JJS", "RBS", "JJR"}:
            out.append(_tok_cue("judgement_degree", tok))
        elif tok.tag_ == "VBD" and tok.dep_ == "ROOT":
            out.append(_tok_cue("past_event_verb", tok))
        elif tok.like_num and tok.ent_type_ not in {"DATE", "TIME"}:
            out.append(_tok_cue("number", tok))
        elif tok.pos_ == "ADJ" and tok.dep_ in {"acomp", "amod"} and not tok.ent_type_:
            out.append(_tok_cue("evaluative_adjective", tok))
    root = sent.root
    if root.tag_ == "VB" and not any(c.dep_ in {"nsubj", "nsubjpass", "expl"}
                                     for c in root.children) and root.i == sent.start:
        out.append(_tok_cue("imperative", root))
    last = sent[-1]
    if last.text == "?" or "?" in last.text:
        out.append(_tok_cue("question", last))
    elif "!" in last.text:
        out.append(_tok_cue("exclamation", last))
    if not has_verb and len(sent) <= 6:
        out.append(Cue("fragment", sent.start_char, sent.end_char, sent.text))
    for ent in sent.ents:
        if ent.label_ == "DATE":
            out.append(Cue("date", ent.start_char, ent.end_char, ent.text))
        elif ent.label_ in EVENT_LABELS:
            out.append(Cue("named_entity", ent.start_char, ent.end_char, ent.text))
    for f in ctx.loaded:
        if not f.quoted:
            out.append(Cue("loaded_term", f.start, f.end, f.text))
    out.extend(Cue("booster", f.start, f.end, f.text) for f in ctx.boosters if not f.quoted)
    out.extend(Cue("hedge", f.start, f.end, f.text) for f in ctx.hedges if not f.quoted)
    out.extend(Cue("attribution", a.start, a.end, a.text) for a in ctx.attributions)
    for start, end in segments.quotes:
        if sent.start_char <= start < sent.end_char:
            out.append(Cue("direct_quote", start, end, sent.doc.text[start:end]))
    return out


def score(model: OpinionModel, found: Iterable[Cue]) -> tuple[float, tuple[Reason, ...]]:
    """Return P(opinion) and the reasons, strongest first."""
    reasons = [Reason(c.name, c.start, c.end, c.text, model.weights[c.name])
               for c in found if model.weights.get(c.name)]
    logit = model.intercept + sum(r.weight for r in reasons)
    probability = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))
    reasons.sort(key=lambda r: (-abs(r.weight), r.start))
    return round(probability, 4), tuple(reasons)
