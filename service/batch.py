"""Analyse many texts together; when that fails, the rest one by one, so one text fails alone."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from service.analysis.model import Analysis
from service.analysis.pipeline import Analyzer
from service.problems import TimeBudgetExceeded


def analyse_each(analyzer: Analyzer, texts: Sequence[str], batch_size: int, max_words: int,
                 log: logging.Logger | None = None) -> list[Analysis | Exception]:
    """Return one analysis per text, in order, or the exception that text raised.

    The texts go through one ``analyze_many`` call (parsed together); if it raises, the
    analyses it had returned are kept and each text after them is analysed on its own.
    A :class:`TimeBudgetExceeded` stops everything: the request is over. ``log`` (the
    API's) records each failure; archive mode reports them in its error lines instead.
    """
    out: list[Analysis | Exception] = []
    try:
        out.extend(analyzer.analyze_many(texts, batch_size=batch_size, max_words=max_words))
        return out
    except TimeBudgetExceeded:
        raise
    except Exception:
        if log is not None:
            log.exception("batch analysis failed; analysing the documents one by one")
    for text in texts[len(out):]:
        try:
            out.extend(analyzer.analyze_many([text], batch_size=1, max_words=max_words))
        except TimeBudgetExceeded:
            raise
        except Exception as exc:  # this text's failure
            if log is not None:
                log.exception("analysis of one batch document failed")
            out.append(exc)
    return out
