"""Fit a logistic-regression head on sentence-encoder embeddings of CheckThat! train only.

``rhetoric-dev encoder-head``: embeds CheckThat! train and dev with the shipped int8 encoder
(``service.analysis.encoder``), chooses C by 5-fold cross-validation (fixed seed) on train
alone, fits on train and prints dev macro-F1 out of sample. With ``--out`` it writes the head
as numbers only (intercept, 384 weights, C, row counts): never a sentence of the data, which
is CC BY-NC-SA. Not wired into the service.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

SEED = 0
CS = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0)


def read_rows(path: Path) -> tuple[list[str], np.ndarray]:
    """Return the texts and labels (1 = opinion) of a CheckThat! JSONL file."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r["text"] for r in rows], np.array([r["label"] == "opinion" for r in rows], int)


def build_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--out", type=Path, default=None,
                        help="write the head (numbers only) as JSON here")


def run(args: argparse.Namespace) -> int:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    from rhetoric_lexicons import DIRECTORY
    from service.analysis.encoder import Encoder

    encoder = Encoder.load(DIRECTORY / "encoder")
    folder = args.data / "subjectivity"
    train_text, y_train = read_rows(folder / "checkthat_train.jsonl")
    dev_text, y_dev = read_rows(folder / "checkthat_dev.jsonl")
    x_train = np.stack([encoder.embed(t) for t in train_text])
    x_dev = np.stack([encoder.embed(t) for t in dev_text])

    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    cv = {}
    for c in CS:
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
        predicted = cross_val_predict(model, x_train, y_train, cv=folds)
        cv[c] = f1_score(y_train, predicted, average="macro")
    best = max(CS, key=lambda c: cv[c])
    head = LogisticRegression(C=best, class_weight="balanced", max_iter=5000)
    head.fit(x_train, y_train)
    dev_f1 = f1_score(y_dev, head.predict(x_dev), average="macro")

    for c in CS:
        mark = "  <- chosen" if c == best else ""
        print(f"C={c:<5} 5-fold CV macro-F1 on train {cv[c]:.4f}{mark}")
    print(f"CheckThat! dev macro-F1, head fitted on train only (C={best}): {dev_f1:.4f}")
    print(f"rows: train {len(y_train)} ({int(y_train.sum())} opinion), "
          f"dev {len(y_dev)} ({int(y_dev.sum())} opinion)")
    if args.out:
        record = {"fitted_on": "CheckThat! English subjectivity, train split only",
                  "rows": len(y_train), "C": best, "class_weight": "balanced",
                  "cv_macro_f1": round(cv[best], 4), "dev_macro_f1": round(dev_f1, 4),
                  "intercept": float(head.intercept_[0]),
                  "weights": [round(float(w), 6) for w in head.coef_[0]]}
        args.out.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return 0
