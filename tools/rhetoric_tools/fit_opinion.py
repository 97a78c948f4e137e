"""Fit the opinion-vs-reporting cue weights and write ``rhetoric_lexicons/opinion_model.json``.

One command, from the project root (scikit-learn must be installed; it is needed
only here, never by the service):

    rhetoric-dev fit-opinion --data ../shared/eval --cache .cache/eval

It parses the CheckThat! subjectivity rows (train and dev) and the BABE rows labelled
"Entirely factual" or "Expresses writer's opinion" with the service's own pipeline,
turns each row into the totals of the named cues of ``service/analysis/cues.py`` and
its sentence-encoder embedding, and fits two L2-regularised logistic regressions over
those few dozen cue features: one with the encoder's cue (a head over the embedding,
cross-fitted: :mod:`rhetoric_tools.opinion_stack`), one without. No text of the data is
written anywhere: the model file holds one weight per named cue, the head's 384 weights,
the intercepts, the thresholds, where the weights came from and the figures reached.

Figures recorded (each row scored by a model that did not see it): CheckThat! dev for a
model fitted on CheckThat! train only (hyperparameters chosen on train alone), the same
with BABE in the fit, and 5-fold cross-validated macro-F1 and ECE for every set.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rhetoric_lexicons import DIRECTORY
from rhetoric_tools.evaluate import (
    BABE_OPINION,
    Parses,
    binary_prf,
    expected_calibration_error,
    macro_f1,
    read_jsonl,
)
from rhetoric_tools.opinion_stack import (
    CUE_CS,
    ENCODER_FEATURE,
    Rows,
    concat,
    embed_rows,
    fit,
    matrix,
    row_totals,
    select,
)
from service.analysis.encoder import Encoder
from service.analysis.pipeline import ENCODER_DIR, OPINION_MODEL_FILE, Analyzer
from service.config import Settings

#: Each feature and the transform of its cue total (see ``opinion.transform``).
FEATURES: dict[str, str] = {
    "first_person": "log",
    "second_person": "log",
    "direct_address": "binary",
    "third_person_plural": "log",
    "demonstrative": "log",
    "argument_marker": "log",
    "ly_adverb": "log",
    "evaluative_adverb": "log",
    "copular_judgement": "binary",
    "generic_subject": "binary",
    "obligation_modal": "log",
    "possibility_modal": "log",
    "stance_adverb": "log",
    "degree_adverb": "log",
    "focus_particle": "log",
    "universal": "log",
    "mental_verb": "log",
    "appraisal_adjective": "log",
    "evaluative_noun": "log",
    "evaluative_verb": "log",
    "contraction": "log",
    "discourse_opener": "binary",
    "negation": "log",
    "sentiment_word": "log",
    "superlative": "log",
    "comparative": "log",
    "predicative_adjective": "log",
    "descriptive_adjective": "log",
    "classifying_adjective": "log",
    "past_tense": "log",
    "present_tense": "log",
    "passive": "log",
    "imperative": "binary",
    "question": "binary",
    "rhetorical_question": "binary",
    "exclamation": "binary",
    "fragment": "binary",
    "length": "log",
    "date": "log",
    "vague_time": "log",
    "number": "log",
    "person": "log",
    "named_entity": "log",
    "loaded_term": "log",
    "booster": "log",
    "hedge": "log",
    "attribution": "log",
    "direct_quote": "log",
    "scare_quote": "log",
}
#: The same, and the sentence encoder's log-odds (the head's value, untransformed).
FEATURES_WITH_ENCODER: dict[str, str] = {**FEATURES, ENCODER_FEATURE: "count"}

#: Features every sentence has; stored centred on their mean in the fitting data, so a
#: reason shows how far a sentence is from the typical one (the intercept absorbs the rest).
CENTERED = frozenset({"length"})

LICENCES = {
    "checkthat": "CLEF CheckThat! Lab subjectivity task, English: CC BY-NC-SA 4.0",
    "babe": "BABE (Bias Annotations By Experts), SG2: AGPL-3.0",
}


def load(analyzer: Analyzer, encoder: Encoder | None, data: Path,
         cache: Path | None) -> dict[str, Rows]:
    """Return cue totals, embeddings (with an encoder) and gold labels per data set."""
    parses = Parses(analyzer, cache)
    texts: dict[str, list[str]] = {}
    labels: dict[str, np.ndarray] = {}
    docs: dict[str, list[Any]] = {}
    for split in ("train", "dev"):
        rows = read_jsonl(data / "subjectivity" / f"checkthat_{split}.jsonl")
        name = f"checkthat_{split}"
        texts[name] = [r["text"] for r in rows]
        docs[name] = list(parses.docs(name, texts[name]))
        labels[name] = np.array([r["label"] == "opinion" for r in rows])
    rows = read_jsonl(data / "loaded_language" / "babe_sentences.jsonl")
    all_docs = list(parses.docs("babe", [r["text"] for r in rows]))
    keep = [i for i, r in enumerate(rows) if r["label_opinion"] in BABE_OPINION]
    texts["babe"] = [rows[i]["text"] for i in keep]
    docs["babe"] = [all_docs[i] for i in keep]
    labels["babe"] = np.array([BABE_OPINION[rows[i]["label_opinion"]] == "opinion"
                               for i in keep])
    return {name: Rows(row_totals(analyzer, docs[name]), labels[name],
                       embed_rows(encoder, name, texts[name], cache) if encoder else None)
            for name in texts}


def figures(gold: np.ndarray, p: np.ndarray, threshold: float) -> dict[str, float]:
    """Return macro-F1 and ECE."""
    pred = p >= threshold
    prf = binary_prf(list(gold), list(pred))
    return {"macro_f1": round(macro_f1(list(gold), list(pred)), 4),
            "opinion_precision": round(prf.precision, 4), "opinion_recall": round(prf.recall, 4),
            "ece": round(expected_calibration_error(list(gold), list(p)), 4),
            "rows": len(gold)}


#: Draws of :func:`calibrated_ece` (a fixed seed: the same figures at every run).
ECE_DRAWS = 2000


def calibrated_ece(p: np.ndarray, draws: int = ECE_DRAWS, seed: int = 0) -> dict[str, float]:
    """Return the ECE a perfectly calibrated model with these scores would show on this many rows.

    Each draw gives every row the label "opinion" with its own score as the probability,
    so the scores are calibrated by construction; what ECE remains is the noise of
    estimating each bin's share from few rows (Naeini et al. 2015 define ECE; Bröcker and
    Smith 2007, "Increasing the reliability of reliability diagrams", draw labels from the
    forecasts in the same way). Returns the mean over the draws and the 95th percentile.
    """
    rng = np.random.default_rng(seed)
    values = [expected_calibration_error(list(rng.random(len(p)) < p), list(p))
              for _ in range(draws)]
    return {"mean": round(float(np.mean(values)), 4),
            "p95": round(float(np.percentile(values, 95)), 4)}


def reliability(gold: np.ndarray, p: np.ndarray, bins: int = 5) -> list[dict[str, Any]]:
    """Return, per equal-width score bin, the rows, mean score and observed opinion share."""
    out = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = (p >= lo) & ((p < hi) | (b == bins - 1))
        if idx.any():
            out.append({"bin": f"{lo:.1f}-{hi:.1f}", "rows": int(idx.sum()),
                        "mean_score": round(float(p[idx].mean()), 3),
                        "opinion_share": round(float(gold[idx].mean()), 3)})
    return out


def out_of_sample(sets: dict[str, Rows], encoder: bool, log: Any = lambda m: None,
                  cs: Sequence[float] = CUE_CS) -> dict[str, Any]:
    """Return the figures of models that never saw the rows they score.

    - ``checkthat_dev_fitted_on_train``: C and head C chosen by 5-fold CV on
      CheckThat! train alone, fitted on train alone, scored on dev;
    - ``checkthat_dev_fitted_on_train_and_babe``: the same with BABE added to the fit;
    - ``cross_validated_5_fold``: every row of every set scored by a model fitted on the
      other folds (hyperparameters chosen by that same CV: slightly optimistic).
    """
    features = FEATURES_WITH_ENCODER if encoder else FEATURES
    dev = sets["checkthat_dev"]
    out: dict[str, Any] = {}
    for key, fitted_on in (("checkthat_dev_fitted_on_train", ("checkthat_train",)),
                           ("checkthat_dev_fitted_on_train_and_babe",
                            ("checkthat_train", "babe"))):
        log(f"fitting on {' + '.join(fitted_on)} ...")
        chosen = {k: sets[k] for k in fitted_on}
        c, head_c, t, _ = select(features, chosen, encoder, cs)
        model = fit(features, concat(list(chosen.values())), c, head_c)
        p = model.predict(features, dev)
        out[key] = {**figures(dev.labels, p, t), "ece_if_calibrated": calibrated_ece(p),
                    "C": c, "head_C": head_c, "threshold": t}
    log("cross-validating ...")
    c, head_c, t, oof = select(features, sets, encoder, cs)
    ct_gold = np.concatenate([sets[k].labels for k in ("checkthat_train", "checkthat_dev")])
    ct_p = np.concatenate([oof[k] for k in ("checkthat_train", "checkthat_dev")])
    out["cross_validated_5_fold"] = {
        "checkthat": figures(ct_gold, ct_p, t),
        "checkthat_dev": figures(dev.labels, oof["checkthat_dev"], t),
        "babe_opinion": figures(sets["babe"].labels, oof["babe"], t),
        "C": c, "head_C": head_c, "threshold": t}
    out["_chosen"] = (c, head_c, t, oof)
    return out


def build_parser(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    """Add the fitting's options to ``parser``."""
    parser = parser or argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--cache", type=Path, default=Path(".cache/eval"))
    parser.add_argument("--c", type=float, default=None,
                        help="inverse regularisation strength (default: chosen by CV)")
    parser.add_argument("--out", type=Path, default=None,
                        help="model file to write (default: the built-in lexicon directory's)")
    parser.add_argument("--dry-run", action="store_true", help="print, write nothing")
    return parser


def model_record(features: dict[str, str], model: Any, threshold: float,
                 sets: dict[str, Rows]) -> dict[str, Any]:
    """Return a model's intercept, threshold and per-feature weights for the JSON file."""
    everything = concat(list(sets.values()))
    x = matrix(everything.totals, features)
    centers = {name: (round(float(x[:, i].mean()), 6) if name in CENTERED else 0.0)
               for i, name in enumerate(n for n in features if n != ENCODER_FEATURE)}
    intercept = model.intercept + sum(float(model.weights[i]) * centers[name]
                                      for i, name in enumerate(centers))
    names = list(centers) + ([ENCODER_FEATURE] if ENCODER_FEATURE in features else [])
    return {
        "intercept": round(intercept, 6),
        "threshold": threshold,
        "features": {
            name: {"weight": round(float(model.weights[i]), 6), "transform": features[name],
                   **({"center": centers[name]} if centers.get(name) else {}),
                   "standardised_weight": round(float(model.standardised[i]), 4)}
            for i, name in enumerate(names)},
    }


def run(args: argparse.Namespace) -> int:
    """Fit both models (with and without the encoder's cue); write them unless ``--dry-run``."""
    settings = Settings.from_env()
    analyzer = Analyzer.from_settings(settings)
    encoder = Encoder.load(DIRECTORY / ENCODER_DIR)
    sets = load(analyzer, encoder, args.data, args.cache)
    log = lambda m: print(m, file=sys.stderr)  # noqa: E731
    metrics: dict[str, Any] = {}
    records: dict[str, dict[str, Any]] = {}
    head_record: dict[str, Any] = {}
    for with_encoder in (True, False):
        label = "with_encoder" if with_encoder else "without_encoder"
        features = FEATURES_WITH_ENCODER if with_encoder else FEATURES
        log(f"{label}:")
        figures_ = out_of_sample(sets, with_encoder, log, [args.c] if args.c else CUE_CS)
        c, head_c, threshold, oof = figures_.pop("_chosen")
        figures_["reliability_cross_validated (all rows)"] = reliability(
            np.concatenate([v.labels for v in sets.values()]),
            np.concatenate([oof[k] for k in sets]))
        metrics[label] = figures_
        model = fit(features, concat(list(sets.values())), c, head_c)
        records[label] = {"C": c, "temperature": round(model.temperature, 4),
                          **model_record(features, model, threshold, sets)}
        if model.head is not None:
            head_record = {
                "description": ("Logistic-regression head over the int8 all-MiniLM-L6-v2 "
                                "sentence embedding (rhetoric_lexicons/encoder/); its log-odds "
                                "is the 'encoder' feature. Numbers only."),
                "C": head_c, "class_weight": "balanced",
                "rows": sum(len(v.labels) for v in sets.values()),
                "intercept": round(float(model.head.intercept_[0]), 6),
                "weights": [round(float(w), 6) for w in model.head.coef_[0]]}
    counts = {k: int(len(v.labels)) for k, v in sets.items()}
    result: dict[str, Any] = {
        "description": ("Logistic opinion-vs-reporting model over interpretable sentence cues "
                        "(service/analysis/opinion.py). Each feature's cue total is transformed "
                        "(count, log = ln(1 + total), sqrt, binary) and multiplied by its weight; "
                        "the sum plus the intercept is the log-odds of 'opinion'. The 'encoder' "
                        "feature is the log-odds of 'encoder_head' over the sentence's embedding, "
                        "cross-fitted while fitting. 'without_encoder' is the same model fitted "
                        "without it (sentences not in the writer's voice, or the encoder off). "
                        "'standardised_weight' is the weight times the feature's standard "
                        "deviation in the fitting data: the comparable strength of each cue."),
        "fitted_on": (f"CLEF CheckThat! Lab English subjectivity train "
                      f"({counts['checkthat_train']}) and dev ({counts['checkthat_dev']}) rows; "
                      f"BABE SG2 rows labelled "
                      f"'Entirely factual' or 'Expresses writer’s opinion' ({counts['babe']}). "
                      "Only cue totals and embeddings were used; no text is stored. "
                      "rhetoric evaluate scores CheckThat! dev with a model refitted on train "
                      "only, and every set by 5-fold cross-validation."),
        "data_licence": LICENCES,
        "fitting": {"script": "tools/rhetoric_tools/fit_opinion.py (rhetoric-dev fit-opinion)",
                    "estimator": ("scikit-learn LogisticRegression, L2, standardised features; "
                                  "encoder head: LogisticRegression, L2, balanced classes"),
                    "C, head C": ("chosen by 5-fold CV (seed 13): head C by log-loss, C by "
                                  "mean log-loss over CheckThat! and BABE"),
                    "threshold": "0.5: classes weighted to balance",
                    "temperature": ("the weights and intercept are scaled by 'temperature', "
                                    "which minimises the class-balanced log-loss of the cue "
                                    "model's 5-fold out-of-fold scores on the fitting rows "
                                    "(Guo et al. 2017); labels at 0.5 do not move")},
        "date": dt.date.today().isoformat(),
        "metrics": metrics,
        **records["with_encoder"],
        "without_encoder": records["without_encoder"],
        "encoder_head": head_record,
    }
    print(json.dumps(metrics, indent=2), file=sys.stderr)
    if not args.dry_run:
        out = args.out or settings.lexicon_dir / OPINION_MODEL_FILE
        out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {out}", file=sys.stderr)
    return 0 if math.isfinite(result["intercept"]) else 1


def main(argv: Sequence[str] | None = None) -> int:
    return run(build_parser().parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
