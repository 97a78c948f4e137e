"""What the analysis credits to whom, as plain tuples tests can compare."""

from __future__ import annotations

from service.analysis.pipeline import Analyzer


def credited(analyzer: Analyzer, text: str, content: bool = True) -> list[tuple]:
    """Return each attribution of ``text`` as (cue, source, content), or (cue, source)."""
    out: list[tuple] = []
    for a in analyzer.analyze(text).attributions:
        source = a.source.text if a.source else None
        words = text[a.content.start:a.content.end] if a.content else None
        out.append((a.text, source, words) if content else (a.text, source))
    return out
