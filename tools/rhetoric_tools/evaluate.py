"""Score the analyzers on the labelled data in ``../shared/eval`` (definitions in its README).

The data is read where it lies; nothing of it is copied into the repository. Parses
may be cached (``--cache``) as spaCy DocBin files outside version control, so that
re-scoring after a lexicon edit costs only the matching.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sklearn.metrics import roc_auc_score
from spacy.tokens import Doc, DocBin

from service.analysis.model import Analysis
from service.analysis.parsing import PARSE_MODE, parse_stream
from service.analysis.pipeline import GENRE_MODEL_FILE, Analyzer
from service.analysis.summary import body_sentences
from service.config import Settings

SETS = ("checkthat", "babe_opinion", "babe_words", "ptc", "hedges", "genre", "attribution")
PTC_TECHNIQUES = frozenset({"Loaded_Language", "Name_Calling,Labeling"})
BABE_OPINION = {"Entirely factual": "reporting", "Expresses writer’s opinion": "opinion"}
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Read a JSON Lines file."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, tp: int, fp: int, fn: int) -> PRF:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return cls(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def binary_prf(gold: Sequence[bool], pred: Sequence[bool]) -> PRF:
    """Return P/R/F1 of the positive class."""
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    return PRF.of(tp, fp, fn)


def macro_f1(gold: Sequence[bool], pred: Sequence[bool]) -> float:
    """Return the macro-F1 over the positive and the negative class."""
    pos = binary_prf(gold, pred).f1
    neg = binary_prf([not g for g in gold], [not p for p in pred]).f1
    return (pos + neg) / 2


def expected_calibration_error(gold: Sequence[bool], scores: Sequence[float],
                               bins: int = 10) -> float:
    """Return the ECE of ``scores`` as P(positive), over equal-width bins."""
    total = len(gold)
    if not total:
        return 0.0
    error = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, s in enumerate(scores) if lo <= s < hi or (b == bins - 1 and s == 1.0)]
        if idx:
            accuracy = sum(gold[i] for i in idx) / len(idx)
            confidence = sum(scores[i] for i in idx) / len(idx)
            error += len(idx) / total * abs(accuracy - confidence)
    return error


class Parses:
    """Parse texts as the analyzer does (by paragraphs), optionally caching DocBins on disk."""

    def __init__(self, analyzer: Analyzer, cache: Path | None, n_process: int = 1) -> None:
        self.analyzer = analyzer
        self.cache = cache
        self.n_process = n_process

    def docs(self, name: str, texts: list[str]) -> Iterator[Doc]:
        nlp = self.analyzer.nlp
        if self.cache is None:
            yield from parse_stream(nlp, texts, n_process=self.n_process)
            return
        key = hashlib.sha256("\x00".join([self.analyzer.model_name, self.analyzer.model_version,
                                          ",".join(nlp.pipe_names), PARSE_MODE,
                                          *texts]).encode())
        path = self.cache / f"{name}-{key.hexdigest()[:16]}.spacy"
        if path.is_file():
            yield from DocBin().from_disk(path).get_docs(nlp.vocab)
            return
        self.cache.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin(store_user_data=False)
        for doc in parse_stream(nlp, texts, n_process=self.n_process):
            bin_.add(doc)
            yield doc
        bin_.to_disk(path)

    def analyses(self, name: str, texts: list[str]) -> Iterator[Analysis]:
        for doc in self.docs(name, texts):
            yield self.analyzer.analyze_doc(doc)


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def eval_opinion(analyzer: Analyzer, data: Path, cache: Path | None,
                 log: Callable[[str], None]) -> dict[str, Any]:
    """Score the opinion model out of sample: refitted without the rows it scores.

    The shipped model saw CheckThat! train and dev and BABE, so scoring it on them would
    be its fit, not a forecast. Instead the fitting recipe (``rhetoric-dev fit-opinion``)
    is rerun: on CheckThat! train alone (every choice made on train) and scored on dev;
    with BABE added; and 5-fold cross-validated over every set. With the encoder when the
    analyzer has it (``RHETORIC_ENCODER``), without it otherwise.
    """
    from rhetoric_tools.fit_opinion import load, out_of_sample
    from service.analysis.encoder import Encoder

    encoder: Encoder | None = analyzer.encoder.encoder if analyzer.encoder else None
    sets = load(analyzer, encoder, data, cache)
    figures = out_of_sample(sets, encoder is not None, log)
    figures.pop("_chosen")
    return {"encoder": encoder is not None, **figures}


def _babe_rows(data: Path) -> list[dict[str, Any]]:
    return read_jsonl(data / "loaded_language" / "babe_sentences.jsonl")


def eval_babe_words(parses: Parses, data: Path) -> dict[str, Any]:
    """Score loaded-language findings against BABE's biased words (word sets per row)."""
    rows = _babe_rows(data)
    tp = fp = fn = 0
    for row, a in zip(rows, parses.analyses("babe", [r["text"] for r in rows]), strict=True):
        gold = set().union(*(_words(w) for w in row["biased_words"])) if row[
            "biased_words"] else set()
        pred = set().union(*(_words(f.text) for f in a.loaded_language)) if (
            a.loaded_language) else set()
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    return {"rows": len(rows), **PRF.of(tp, fp, fn).__dict__}


def eval_ptc(parses: Parses, data: Path) -> dict[str, Any]:
    rows = read_jsonl(data / "loaded_language" / "ptc_articles.jsonl")
    tp = fp = fn = 0
    for row, a in zip(rows, parses.analyses("ptc", [r["text"] for r in rows]), strict=True):
        gold: set[int] = set()
        for span in row["spans"]:
            if span["technique"] in PTC_TECHNIQUES:
                gold.update(range(span["start"], span["end"]))
        pred: set[int] = set()
        for f in a.loaded_language:
            pred.update(range(f.start, f.end))
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    return {"articles": len(rows), **PRF.of(tp, fp, fn).__dict__}


def eval_hedges(parses: Parses, data: Path) -> dict[str, Any]:
    rows = read_jsonl(data / "hedges" / "wiki_weasel_train.jsonl")
    gold = [bool(r["uncertain"]) for r in rows]
    pred = [bool(a.hedges) for a in parses.analyses("weasel", [r["text"] for r in rows])]
    return {"rows": len(rows), **binary_prf(gold, pred).__dict__}


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """Return the area under the ROC curve of scores for positives against negatives."""
    if not positives or not negatives:
        return float("nan")
    return float(roc_auc_score([1] * len(positives) + [0] * len(negatives),
                               [*positives, *negatives]))


@dataclasses.dataclass(frozen=True)
class _WriterOpinion:
    """An article's writer's body sentences labelled opinion, in context and on their own."""
    in_context: int
    own: int
    body: int  # body sentences (all of them when the text is all structure), at least 1

    @classmethod
    def of(cls, analysis: Analysis, threshold: float) -> _WriterOpinion:
        body = body_sentences(analysis.sentences)
        writer = [s for s in body if s.voice == "writer"]
        return cls(sum(s.label == "opinion" for s in writer),
                   sum(s.own_opinion_score >= threshold for s in writer), len(body) or 1)


def eval_genre(parses: Parses, data: Path) -> dict[str, Any]:
    """Score ``summary.genre`` and ``summary.opinion_share`` on the AllSides genre set."""
    rows = read_jsonl(data / "genre" / "allsides_genre.jsonl")
    analyses = list(parses.analyses("genre", [r["text"] for r in rows]))
    out: dict[str, Any] = {"rows": len(rows)}
    by_label: dict[str, list[Analysis]] = {"reporting": [], "opinion": []}
    for row, analysis in zip(rows, analyses, strict=True):
        by_label[row["label"]].append(analysis)
    for label, group in by_label.items():
        out[f"{label}_correct"] = sum(a.summary.genre == label for a in group) / len(group)
        out[f"{label}_mixed"] = sum(a.summary.genre == "mixed" for a in group) / len(group)
    out["balanced_accuracy"] = (out["reporting_correct"] + out["opinion_correct"]) / 2
    out["auc_opinion_share"] = auc([a.summary.opinion_share for a in by_label["opinion"]],
                                   [a.summary.opinion_share for a in by_label["reporting"]])
    # The labels in context read the genre model, fitted on this set: the sentences' own
    # labels give the share free of it (service/analysis/context.py).
    threshold = parses.analyzer.opinion.threshold
    counts = {label: [_WriterOpinion.of(a, threshold) for a in group]
              for label, group in by_label.items()}
    out["auc_opinion_share_own"] = auc([c.own / c.body for c in counts["opinion"]],
                                       [c.own / c.body for c in counts["reporting"]])
    out["writer_opinion_per_article"] = {
        label: {"in_context": sum(c.in_context for c in rows) / len(rows),
                "own": sum(c.own for c in rows) / len(rows)}
        for label, rows in counts.items()}
    out["auc_genre_score"] = auc([a.summary.genre_score for a in by_label["opinion"]],
                                 [a.summary.genre_score for a in by_label["reporting"]])
    model = Settings.from_env().lexicon_dir / GENRE_MODEL_FILE
    if model.is_file():
        out["model_cross_validated"] = json.loads(model.read_text(encoding="utf-8")).get(
            "cross_validated")
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _span(value: dict[str, int] | None) -> tuple[int, int] | None:
    return None if value is None else (value["start"], value["end"])


def eval_attribution(parses: Parses, data: Path, split: str = "dev") -> dict[str, Any]:
    """Score attributions on PolNeAR (cue, source and content; definitions in the README).

    Each returned cue is matched to the gold cue it overlaps most that no earlier
    returned cue took (each gold cue counted once).
    """
    rows = read_jsonl(data / "attribution" / f"polnear_{split}.jsonl")
    analyses = list(parses.analyses(f"polnear_{split}", [r["text"] for r in rows]))
    matched = returned = gold_n = 0
    src_hit = src_returned = src_gold = 0
    content_f1: list[float] = []
    for row, analysis in zip(rows, analyses, strict=True):
        gold = [g for g in row["attributions"] if g.get("cue")]
        gold_n += len(gold)
        returned += len(analysis.attributions)
        src_gold += sum(g.get("source") is not None for g in gold)
        src_returned += sum(a.source is not None for a in analysis.attributions)
        taken: set[int] = set()
        for a in analysis.attributions:
            best, best_overlap = None, 0
            for k, g in enumerate(gold):
                gold_cue = (g["cue"]["start"], g["cue"]["end"])
                size = 0 if k in taken else _overlap((a.start, a.end), gold_cue)
                if size > best_overlap:
                    best, best_overlap = k, size
            if best is None:
                continue
            taken.add(best)
            matched += 1
            g = gold[best]
            gold_source = _span(g.get("source"))
            if a.source is not None and gold_source is not None and _overlap(
                    (a.source.start, a.source.end), gold_source):
                src_hit += 1
            gold_content = _span(g.get("content"))
            if gold_content is not None:
                content = a.content
                size = 0 if content is None else _overlap((content.start, content.end),
                                                           gold_content)
                if content is None or not size:
                    content_f1.append(0.0)
                else:
                    p = size / (content.end - content.start)
                    r = size / (gold_content[1] - gold_content[0])
                    content_f1.append(2 * p * r / (p + r))
    cue = PRF.of(matched, returned - matched, gold_n - matched)
    source = PRF.of(src_hit, src_returned - src_hit, src_gold - src_hit)
    return {"articles": len(rows), "gold": gold_n, "returned": returned,
            "cue": dataclasses.asdict(cue), "source": dataclasses.asdict(source),
            "content_f1": sum(content_f1) / len(content_f1) if content_f1 else 0.0,
            "content_pairs": len(content_f1)}


def evaluate(analyzer: Analyzer, data: Path, sets: Iterable[str] = SETS,
             cache: Path | None = None, n_process: int = 1,
             log: Callable[[str], None] = lambda m: print(m, file=sys.stderr)) -> dict[str, Any]:
    """Run the chosen evaluations and return their figures."""
    parses = Parses(analyzer, cache, n_process)
    chosen = set(sets)
    results: dict[str, Any] = {}
    started = time.perf_counter()
    if chosen & {"checkthat", "babe_opinion"}:
        log("scoring the opinion model out of sample (refitting it; a few minutes) ...")
        results["opinion"] = eval_opinion(parses.analyzer, data, cache, log)
    if "babe_words" in chosen:
        log("scoring BABE biased words ...")
        results["babe_biased_words"] = eval_babe_words(parses, data)
    if "ptc" in chosen:
        log("scoring PTC loaded language ...")
        results["ptc_loaded_language"] = eval_ptc(parses, data)
    if "hedges" in chosen:
        log("scoring Wikipedia weasel hedges ...")
        results["weasel_hedges"] = eval_hedges(parses, data)
    if "genre" in chosen:
        log("scoring AllSides genre ...")
        results["genre"] = eval_genre(parses, data)
    if "attribution" in chosen:
        log("scoring PolNeAR attribution (dev) ...")
        results["attribution"] = eval_attribution(parses, data)
    results["seconds"] = round(time.perf_counter() - started, 1)
    return results


#: Targets from the issues, as (path into the results, minimum).
TARGETS: dict[str, tuple[tuple[str, ...], float]] = {
    "PTC loaded language F1": (("ptc_loaded_language", "f1"), 0.35),
    "PTC loaded language precision": (("ptc_loaded_language", "precision"), 0.50),
    "BABE biased words F1": (("babe_biased_words", "f1"), 0.40),
    "Weasel hedges F1 (uncertain)": (("weasel_hedges", "f1"), 0.62),
    "CheckThat! dev macro-F1, fitted on train": (
        ("opinion", "checkthat_dev_fitted_on_train", "macro_f1"), 0.74),
    "BABE opinion macro-F1, 5-fold CV": (
        ("opinion", "cross_validated_5_fold", "babe_opinion", "macro_f1"), 0.88),
    "Genre: news reports 'reporting'": (("genre", "reporting_correct"), 0.90),
    "Genre: opinion pieces 'opinion'": (("genre", "opinion_correct"), 0.90),
    "Genre: AUC of opinion_share": (("genre", "auc_opinion_share"), 0.95),
    "PolNeAR dev cue F1": (("attribution", "cue", "f1"), 0.75),
    "PolNeAR dev source F1": (("attribution", "source", "f1"), 0.70),
    "PolNeAR dev content F1": (("attribution", "content_f1"), 0.60),
}


#: Targets that are ceilings: (path into the results, maximum).
CEILINGS: dict[str, tuple[tuple[str, ...], float]] = {
    "CheckThat! dev ECE, fitted on train": (
        ("opinion", "checkthat_dev_fitted_on_train", "ece"), 0.06),
    "BABE opinion ECE, 5-fold CV": (
        ("opinion", "cross_validated_5_fold", "babe_opinion", "ece"), 0.06),
}


def _at(results: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = results
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def format_report(results: dict[str, Any]) -> str:
    """Return a human-readable table of the figures and the targets."""
    lines = ["dataset                         rows   precision  recall     F1/macro-F1  ECE"]

    def row(name: str, n: Any, p: Any, r: Any, f: Any, e: Any = None) -> None:
        cells = [f"{x:.4f}" if isinstance(x, float) else "" for x in (p, r, f, e)]
        lines.append(f"{name:<31} {n!s:>5}   {cells[0]:<10} {cells[1]:<10} {cells[2]:<12} "
                     f"{cells[3]}")

    if "opinion" in results:
        m = results["opinion"]
        cv = m["cross_validated_5_fold"]
        for name, f in (("CheckThat! dev, fit on train", m["checkthat_dev_fitted_on_train"]),
                        ("CheckThat! dev, fit train+BABE",
                         m["checkthat_dev_fitted_on_train_and_babe"]),
                        ("CheckThat! all, 5-fold CV", cv["checkthat"]),
                        ("BABE opinion, 5-fold CV", cv["babe_opinion"])):
            row(name, f["rows"], f["opinion_precision"], f["opinion_recall"], f["macro_f1"],
                f["ece"])
        noise = m["checkthat_dev_fitted_on_train"].get("ece_if_calibrated")
        if noise:
            lines.append(f"  (CheckThat! dev, fit on train: a perfectly calibrated model with "
                         f"these scores would show ECE {noise['mean']:.4f} on these rows, "
                         f"95% of draws below {noise['p95']:.4f})")
    if "babe_biased_words" in results:
        m = results["babe_biased_words"]
        row("BABE biased words", m["rows"], m["precision"], m["recall"], m["f1"])
    if "ptc_loaded_language" in results:
        m = results["ptc_loaded_language"]
        row("PTC loaded language (chars)", m["articles"], m["precision"], m["recall"], m["f1"])
    if "weasel_hedges" in results:
        m = results["weasel_hedges"]
        row("Weasel hedges (uncertain)", m["rows"], m["precision"], m["recall"], m["f1"])
    if "attribution" in results:
        m = results["attribution"]
        for part in ("cue", "source"):
            row(f"PolNeAR dev {part}", m["articles"], m[part]["precision"], m[part]["recall"],
                m[part]["f1"])
        row("PolNeAR dev content (overlap)", m["content_pairs"], None, None, m["content_f1"])
    if "genre" in results:
        m = results["genre"]
        lines.append("")
        lines.append(f"AllSides genre ({m['rows']} articles): news reports 'reporting' "
                     f"{m['reporting_correct']:.4f} (mixed {m['reporting_mixed']:.4f}), "
                     f"opinion pieces 'opinion' {m['opinion_correct']:.4f} "
                     f"(mixed {m['opinion_mixed']:.4f}), balanced accuracy "
                     f"{m['balanced_accuracy']:.4f}, AUC of opinion_share "
                     f"{m['auc_opinion_share']:.4f}")
        per = m["writer_opinion_per_article"]
        lines.append(f"  opinion_share reads each sentence in its document's context, which "
                     f"the genre model gives (fitted on this set); on the sentences' own "
                     f"evidence its AUC is {m['auc_opinion_share_own']:.4f}. The writer's "
                     f"sentences labelled opinion per article: news reports "
                     f"{per['reporting']['in_context']:.2f} (on their own "
                     f"{per['reporting']['own']:.2f}), opinion pieces "
                     f"{per['opinion']['in_context']:.2f} ({per['opinion']['own']:.2f})")
        cv = m.get("model_cross_validated")
        if cv:
            lines.append(f"  the genre model was fitted on this set; {cv['folds']}-fold "
                         f"cross-validated (genre_model.json): news reports 'reporting' "
                         f"{cv['reporting_correct']:.4f}, opinion pieces 'opinion' "
                         f"{cv['opinion_correct']:.4f}, AUC of genre_score {cv['auc']:.4f}"
                         + (f", mixed {cv['mixed']:.4f}" if "mixed" in cv else ""))
    if "opinion" in results:
        lines.append("")
        lines.append("opinion: no row is scored by a model fitted on it (the shipped model saw "
                     "CheckThat! train+dev and BABE; "
                     f"{'with' if results['opinion']['encoder'] else 'without'} the encoder)")
    lines.append("")
    lines.append("targets:")
    for name, (path, minimum) in TARGETS.items():
        value = _at(results, path)
        if value is not None:
            verdict = "met" if value >= minimum else "NOT MET"
            lines.append(f"  {name:<40} {value:.4f} >= {minimum:.2f}  {verdict}")
    for name, (path, maximum) in CEILINGS.items():
        value = _at(results, path)
        if value is not None:
            verdict = "met" if value <= maximum else "NOT MET"
            lines.append(f"  {name:<40} {value:.4f} <= {maximum:.2f}  {verdict}")
    lines.append(f"({results.get('seconds', 0)} s)")
    return "\n".join(lines)
