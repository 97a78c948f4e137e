"""Fit the opinion-vs-reporting cue weights and write ``rhetoric_lexicons/opinion_model.json``.

One command, from the project root (scikit-learn must be installed; it is needed
only here, never by the service):

    rhetoric-dev fit-opinion --data ../shared/eval --cache .cache/eval

It parses the CheckThat! subjectivity rows (train and dev) and the BABE rows labelled
"Entirely factual" or "Expresses writer's opinion" with the service's own pipeline,
turns each row into the totals of the named cues of ``service/analysis/cues.py``,
and fits an L2-regularised logistic regression over those few dozen cue features. No
text of the data is written anywhere: the model file holds one weight per named cue,
the intercept, the threshold, where the weights came from and the figures reached.

Figures recorded: 5-fold cross-validated macro-F1 and ECE (each row scored by a model
that did not see it), and macro-F1 on CheckThat! dev for a model fitted without it.
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
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from rhetoric_tools.evaluate import (
    BABE_OPINION,
    Parses,
    expected_calibration_error,
    macro_f1,
    read_jsonl,
)
from service.analysis.opinion import totals, transform
from service.analysis.pipeline import OPINION_MODEL_FILE, Analyzer
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

#: Features every sentence has; stored centred on their mean in the fitting data, so a
#: reason shows how far a sentence is from the typical one (the intercept absorbs the rest).
CENTERED = frozenset({"length"})

LICENCES = {
    "checkthat": "CLEF CheckThat! Lab subjectivity task, English: CC BY-NC-SA 4.0",
    "babe": "BABE (Bias Annotations By Experts), SG2: AGPL-3.0",
}


def row_totals(analyzer: Analyzer, docs: Sequence[Any]) -> list[dict[str, float]]:
    """Return, per parsed row, the cue totals of the sentence the model would score highest.

    A row of several sentences is scored, like the evaluation, by its most opinionated
    sentence; for fitting, its sentences' cues are summed (length averaged).
    """
    out = []
    for doc in docs:
        # The cues the service scores: context rules, reported content and quotations
        # applied as in the analysis (Analyzer.read).
        per_sentence = [totals(c) for c in analyzer.read(doc).cues]
        merged: dict[str, float] = {}
        for t in per_sentence:
            for k, v in t.items():
                merged[k] = merged.get(k, 0.0) + v
        if per_sentence:
            merged["length"] = merged.get("length", 0.0) / len(per_sentence)
        out.append(merged)
    return out


def matrix(rows: Sequence[dict[str, float]], features: dict[str, str]) -> np.ndarray:
    """Return the transformed feature matrix."""
    names = list(features)
    return np.array([[transform(features[n], r.get(n, 0.0)) for n in names] for r in rows])


def load(analyzer: Analyzer, data: Path, cache: Path | None) -> dict[str, Any]:
    """Return cue totals and gold labels per data set."""
    parses = Parses(analyzer, cache)
    out: dict[str, Any] = {}
    for split in ("train", "dev"):
        rows = read_jsonl(data / "subjectivity" / f"checkthat_{split}.jsonl")
        docs = list(parses.docs(f"checkthat_{split}", [r["text"] for r in rows]))
        out[f"checkthat_{split}"] = (row_totals(analyzer, docs),
                                     np.array([r["label"] == "opinion" for r in rows]))
    rows = read_jsonl(data / "loaded_language" / "babe_sentences.jsonl")
    docs = list(parses.docs("babe", [r["text"] for r in rows]))
    keep = [i for i, r in enumerate(rows) if r["label_opinion"] in BABE_OPINION]
    tots = row_totals(analyzer, [docs[i] for i in keep])
    out["babe"] = (tots, np.array([BABE_OPINION[rows[i]["label_opinion"]] == "opinion"
                                   for i in keep]))
    return out


def fit(x: np.ndarray, y: np.ndarray, c: float) -> tuple[LogisticRegression, np.ndarray,
                                                         np.ndarray]:
    """Fit a standardised L2 logistic regression; return it with the scaling used."""
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit((x - mean) / std, y)
    return model, mean, std


def raw_weights(model: LogisticRegression, mean: np.ndarray,
                std: np.ndarray) -> tuple[float, np.ndarray]:
    """Return the intercept and weights in the units of the untransformed-by-scaling features."""
    w = model.coef_[0] / std
    return float(model.intercept_[0] - (model.coef_[0] * mean / std).sum()), w


def predict(intercept: float, w: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Return P(opinion) for each row."""
    z = np.clip(intercept + x @ w, -30, 30)
    return 1.0 / (1.0 + np.exp(-z))


def cross_validate(sets: dict[str, Any], features: dict[str, str], c: float,
                   folds: int = 5, seed: int = 13) -> dict[str, np.ndarray]:
    """Return out-of-fold P(opinion) for every row of every set."""
    xs = {k: matrix(v[0], features) for k, v in sets.items()}
    ys = {k: v[1] for k, v in sets.items()}
    oof = {k: np.zeros(len(ys[k])) for k in sets}
    splits = {k: list(StratifiedKFold(folds, shuffle=True, random_state=seed).split(xs[k], ys[k]))
              for k in sets}
    for f in range(folds):
        x = np.vstack([xs[k][splits[k][f][0]] for k in sets])
        y = np.concatenate([ys[k][splits[k][f][0]] for k in sets])
        model, mean, std = fit(x, y, c)
        b, w = raw_weights(model, mean, std)
        for k in sets:
            test = splits[k][f][1]
            oof[k][test] = predict(b, w, xs[k][test])
    return oof


def figures(gold: np.ndarray, p: np.ndarray, threshold: float) -> dict[str, float]:
    """Return macro-F1 and ECE."""
    pred = p >= threshold
    return {"macro_f1": round(macro_f1(list(gold), list(pred)), 4),
            "ece": round(expected_calibration_error(list(gold), list(p)), 4)}


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


def best_threshold(sets: dict[str, Any], oof: dict[str, np.ndarray]) -> float:
    """Return the threshold maximising the mean out-of-fold macro-F1 over the sets."""
    groups = {"checkthat": ("checkthat_train", "checkthat_dev"), "babe": ("babe",)}
    best, best_t = -1.0, 0.5
    for t in np.arange(0.30, 0.701, 0.01):
        score = 0.0
        for keys in groups.values():
            gold = np.concatenate([sets[k][1] for k in keys])
            p = np.concatenate([oof[k] for k in keys])
            score += macro_f1(list(gold), list(p >= t))
        if score > best:
            best, best_t = score, float(t)
    return round(best_t, 2)


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


def run(args: argparse.Namespace) -> int:
    """Fit the model; write it unless ``--dry-run``."""
    settings = Settings.from_env()
    analyzer = Analyzer.from_settings(settings)
    sets = load(analyzer, args.data, args.cache)
    ct_keys = ("checkthat_train", "checkthat_dev")

    def ct(values: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        return (np.concatenate([sets[k][1] for k in ct_keys]),
                np.concatenate([values[k] for k in ct_keys]))

    cs = [args.c] if args.c else [0.03, 0.1, 0.3, 1.0, 3.0]
    best: tuple[float, float, float, dict[str, np.ndarray]] | None = None
    for c in cs:
        oof = cross_validate(sets, FEATURES, c)
        t = best_threshold(sets, oof)
        gold, p = ct(oof)
        mean_f1 = (figures(gold, p, t)["macro_f1"]
                   + figures(sets["babe"][1], oof["babe"], t)["macro_f1"]) / 2
        print(f"C={c:<5} threshold={t:.2f} mean CV macro-F1={mean_f1:.4f}", file=sys.stderr)
        if best is None or mean_f1 > best[0]:
            best = (mean_f1, c, t, oof)
    assert best is not None
    _, c, threshold, oof = best
    gold, p = ct(oof)
    cv = {"checkthat": figures(gold, p, threshold),
          "checkthat_dev": figures(sets["checkthat_dev"][1], oof["checkthat_dev"], threshold),
          "babe_opinion": figures(sets["babe"][1], oof["babe"], threshold)}

    # CheckThat! dev scored by a model that never saw it (fitted on CheckThat! train + BABE).
    x_nodev = np.vstack([matrix(sets[k][0], FEATURES) for k in ("checkthat_train", "babe")])
    y_nodev = np.concatenate([sets[k][1] for k in ("checkthat_train", "babe")])
    b, w = raw_weights(*fit(x_nodev, y_nodev, c))
    dev_unseen = figures(sets["checkthat_dev"][1],
                         predict(b, w, matrix(sets["checkthat_dev"][0], FEATURES)), threshold)

    x = np.vstack([matrix(v[0], FEATURES) for v in sets.values()])
    y = np.concatenate([v[1] for v in sets.values()])
    model, mean, std = fit(x, y, c)
    intercept, weights = raw_weights(model, mean, std)
    centers = {name: (round(float(mean[i]), 6) if name in CENTERED else 0.0)
               for i, name in enumerate(FEATURES)}
    intercept += sum(float(weights[i]) * centers[name] for i, name in enumerate(FEATURES))
    counts = {k: int(len(v[1])) for k, v in sets.items()}
    result: dict[str, Any] = {
        "description": ("Logistic opinion-vs-reporting model over interpretable sentence cues "
                        "(service/analysis/opinion.py). Each feature's cue total is transformed "
                        "(count, log = ln(1 + total), sqrt, binary) and multiplied by its weight; "
                        "the sum plus the intercept is the log-odds of 'opinion'. "
                        "'standardised_weight' is the weight times the feature's standard "
                        "deviation in the fitting data: the comparable strength of each cue."),
        "fitted_on": (f"CLEF CheckThat! Lab English subjectivity train "
                      f"({counts['checkthat_train']}) and dev ({counts['checkthat_dev']}) rows; "
                      f"BABE SG2 rows labelled "
                      f"'Entirely factual' or 'Expresses writer’s opinion' ({counts['babe']}). "
                      "Only cue totals were used; no text is stored."),
        "data_licence": LICENCES,
        "fitting": {"script": "tools/rhetoric_tools/fit_opinion.py", "estimator":
                    "scikit-learn LogisticRegression, L2, standardised features", "C": c,
                    "threshold": "maximises mean 5-fold CV macro-F1 over CheckThat! and BABE"},
        "date": dt.date.today().isoformat(),
        "metrics": {"cross_validated_5_fold": cv,
                    "reliability_cross_validated (all rows)": reliability(
                        np.concatenate([v[1] for v in sets.values()]),
                        np.concatenate([oof[k] for k in sets])),
                    "checkthat_dev_unseen (fitted on CheckThat! train + BABE)": dev_unseen},
        "intercept": round(intercept, 6),
        "threshold": threshold,
        "features": {
            name: {"weight": round(float(wt), 6), "transform": FEATURES[name],
                   **({"center": centers[name]} if centers[name] else {}),
                   "standardised_weight": round(float(model.coef_[0][i]), 4)}
            for i, (name, wt) in enumerate(zip(FEATURES, weights, strict=True))
        },
    }
    print(json.dumps(result["metrics"], indent=2), file=sys.stderr)
    for name, spec in sorted(result["features"].items(),
                             key=lambda kv: -abs(kv[1]["standardised_weight"])):
        print(f"  {name:<24} {spec['standardised_weight']:+.3f}", file=sys.stderr)
    if not args.dry_run:
        out = args.out or settings.lexicon_dir / OPINION_MODEL_FILE
        out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {out}", file=sys.stderr)
    return 0 if math.isfinite(intercept) else 1


def main(argv: Sequence[str] | None = None) -> int:
    return run(build_parser().parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
