"""The genre model with and without a document-level encoder feature, cross-validated.

``rhetoric-dev genre-experiment --data ../shared/eval --cache .cache/eval`` reads the
AllSides genre set as ``fit-genre`` does (the same analysis, the same six features) and
embeds each article's body sentences in the writer's voice (voice "writer", role "body")
with the shipped sentence encoder; the article's vector is their mean (zeros when it has
none). A logistic head over that vector (L2, classes balanced, C from ``HEAD_CS`` by
log-loss in an inner CV on the training rows) gives the encoder feature: its log-odds,
cross-fitted on the training rows (each value from a head fitted on the other inner
folds) and from the head fitted on all of them on the scored rows (Wolpert's stacked
generalisation, as :mod:`rhetoric_tools.opinion_stack` does for sentences).

Three models are compared, each fitted by the genre model's recipe
(:func:`rhetoric_tools.fit_genre.recipe`: the fit, the threshold and the "mixed" band
from its own 5-fold out-of-fold scores) on the training folds alone: the six features,
the six and the encoder feature, and the encoder feature alone. The outer folds are
``fit-genre``'s: stratified, and grouped by outlet (no outlet in both the training and
the scored folds); the inner folds that choose the head's C and cross-fit it are of the
same kind. It prints one table and writes nothing but the embeddings' cache (numbers
only, keyed by the texts and the encoder's ``model_sha256``); the shipped model is not
touched.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, cross_val_predict
from threadpoolctl import threadpool_limits

from rhetoric_tools.evaluate import Parses, read_jsonl
from rhetoric_tools.fit_genre import (
    FOLDS,
    SEED,
    Folds,
    _predict,
    article_features,
    figures,
    outlet_folds,
    recipe,
    stratified_folds,
    verdicts,
)
from rhetoric_tools.opinion_stack import embed_rows
from service.analysis.encoder import DIMENSION, Encoder
from service.analysis.model import Analysis
from service.analysis.pipeline import Analyzer
from service.analysis.summary import GENRE_FEATURES

#: Inverse regularisation strengths the head's inner CV chooses from, a decade apart. The
#: table prints the chosen one per fold: the weakest, chosen, says the head fits the folds
#: as hard as it is allowed to.
HEAD_CS = (0.01, 0.1, 1.0, 10.0, 100.0)
#: The name of the embeddings' cache file (``embeddings-<name>-<key>.npy``).
CACHE_NAME = "genre-writer-body"
#: The kinds of fold: how the outer and the inner folds are drawn.
KINDS: dict[str, Callable[[np.ndarray, np.ndarray], Folds]] = {
    "stratified": lambda y, outlets: stratified_folds(y),
    "grouped by outlet": outlet_folds,
}
MODELS = (f"{len(GENRE_FEATURES)} features", f"{len(GENRE_FEATURES)} + encoder",
          "encoder alone")


@dataclass
class Articles:
    """The genre set as the experiment reads it: one row per article."""

    features: np.ndarray
    labels: np.ndarray
    outlets: np.ndarray
    embeddings: np.ndarray
    sentences: int = 0
    without_sentences: int = 0


@dataclass
class Comparison:
    """Per kind of fold: each model's figures and the head's C chosen in each fold."""

    rows: int
    outlets: int
    sentences: int
    without_sentences: int
    figures: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    head_cs: dict[str, list[float]] = field(default_factory=dict)


def writer_body(analysis: Analysis) -> list[str]:
    """Return the texts of the article's body sentences in the writer's voice."""
    return [s.text for s in analysis.sentences if s.voice == "writer" and s.role == "body"]


def mean_vectors(vectors: np.ndarray, counts: Sequence[int]) -> np.ndarray:
    """Return the mean of each article's run of ``vectors`` (zeros for an empty run)."""
    out = np.zeros((len(counts), vectors.shape[1] if vectors.ndim == 2 else DIMENSION))
    start = 0
    for i, n in enumerate(counts):
        if n:
            out[i] = vectors[start:start + n].mean(axis=0)
        start += n
    return out


def load(analyzer: Analyzer, encoder: Encoder, data: Path,
         cache: Path | None) -> Articles:
    """Return the genre set's features, labels, outlets and mean writer-body embeddings."""
    rows = read_jsonl(data / "genre" / "allsides_genre.jsonl")
    X: list[list[float]] = []
    texts: list[str] = []
    counts: list[int] = []
    for analysis in Parses(analyzer, cache).analyses("genre", [r["text"] for r in rows]):
        X.append(article_features(analysis))
        body = writer_body(analysis)
        texts.extend(body)
        counts.append(len(body))
    vectors = embed_rows(encoder, CACHE_NAME, texts, cache)
    return Articles(np.array(X), np.array([r["label"] == "opinion" for r in rows]),
                    np.array([r["outlet"] for r in rows]), mean_vectors(vectors, counts),
                    len(texts), sum(n == 0 for n in counts))


def _head(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, class_weight="balanced", max_iter=5000)


def encoder_feature(E: np.ndarray, y: np.ndarray, inner: Folds,
                    ) -> tuple[np.ndarray, LogisticRegression, float]:
    """Return the rows' cross-fitted head log-odds, the head fitted on all of them, its C."""
    search = GridSearchCV(_head(1.0), {"C": list(HEAD_CS)}, cv=inner,
                          scoring="neg_log_loss").fit(E, y)
    c = float(search.best_params_["C"])
    values = cross_val_predict(_head(c), E, y, cv=inner, method="decision_function")
    return values, search.best_estimator_, c


def compare(articles: Articles, kind: str) -> tuple[dict[str, dict[str, float]], list[float]]:
    """Return each model's out-of-fold figures for one kind of fold, and the head's Cs."""
    X, y, E, outlets = (articles.features, articles.labels, articles.embeddings,
                        articles.outlets)
    folds = KINDS[kind]
    p = {m: np.zeros(len(y)) for m in MODELS}
    verdict = {m: np.empty(len(y), dtype=object) for m in MODELS}
    cs = []
    for train, test in folds(y, outlets):
        inner = folds(y[train], outlets[train])
        column, head, c = encoder_feature(E[train], y[train], inner)
        cs.append(c)
        scored = head.decision_function(E[test])
        for model, fit_on, score in (
                (MODELS[0], X[train], X[test]),
                (MODELS[1], np.hstack([X[train], column[:, None]]),
                 np.hstack([X[test], scored[:, None]])),
                (MODELS[2], column[:, None], scored[:, None])):
            fitted, low, high = recipe(fit_on, y[train])
            p[model][test] = _predict(fitted, score)
            verdict[model][test] = verdicts(p[model][test], low, high)
    return {m: figures(p[m], verdict[m], y) for m in MODELS}, cs


def experiment(articles: Articles) -> Comparison:
    """Return the comparison over both kinds of fold."""
    out = Comparison(len(articles.labels), len(set(articles.outlets)), articles.sentences,
                     articles.without_sentences)
    # Hundreds of small fits: BLAS threads cost more than they give here (on the two
    # shared cores of the development machine the test's fits ran three times as fast
    # with one thread as with OpenBLAS's two).
    with threadpool_limits(limits=1):
        for kind in KINDS:
            out.figures[kind], out.head_cs[kind] = compare(articles, kind)
    return out


def format_table(result: Comparison) -> str:
    """Return the comparison as the command prints it."""
    lines = [f"AllSides genre, {result.rows} articles from {result.outlets} outlets; "
             f"{FOLDS}-fold CV, seed {SEED}; the head's C, each model, its threshold and "
             "band chosen on the training folds alone",
             f"encoder feature: mean embedding of {result.sentences} writer body sentences "
             f"(articles with none, zeros: {result.without_sentences})",
             "",
             f"{'folds':<18} {'model':<14} {'reporting':>9} {'opinion':>8} {'mixed':>7} "
             f"{'AUC':>7}"]
    for kind, models in result.figures.items():
        for model, f in models.items():
            lines.append(f"{kind:<18} {model:<14} {f['reporting_correct']:>9.4f} "
                         f"{f['opinion_correct']:>8.4f} {f['mixed']:>7.4f} {f['auc']:>7.4f}")
    lines.append("")
    lines.append("head C chosen in each fold (inner CV of the same kind, log-loss, from "
                 f"{', '.join(f'{c:g}' for c in HEAD_CS)}):")
    for kind, cs in result.head_cs.items():
        lines.append(f"  {kind:<18} {', '.join(f'{c:g}' for c in cs)}")
    return "\n".join(lines)


def build_parser(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    parser = parser or argparse.ArgumentParser(prog="rhetoric-dev genre-experiment")
    parser.add_argument("--data", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--cache", type=Path, default=None,
                        help="parse and embedding cache (keep out of version control)")
    return parser


def run(args: argparse.Namespace) -> int:
    """Print the comparison table; write nothing but the caches."""
    from rhetoric_lexicons import DIRECTORY
    from service.analysis.pipeline import ENCODER_DIR
    from service.config import Settings

    analyzer = Analyzer.from_settings(Settings.from_env())
    encoder = Encoder.load(DIRECTORY / ENCODER_DIR)
    print(format_table(experiment(load(analyzer, encoder, args.data, args.cache))))
    return 0
