"""``rhetoric report``: an archive's results as tables and an HTML report an editor can read.

:mod:`~service.report.table` turns the result lines into one row per article (CSV and
Parquet) and one row per finding (Parquet); :mod:`~service.report.render` renders the
self-contained HTML page from those Parquet tables alone, with the charts of
:mod:`~service.report.charts`. Rendering again (another ``--by``) reads only the tables.
"""

from service.report.render import Options, render
from service.report.table import build, input_texts, read_results, write

__all__ = ["Options", "build", "input_texts", "read_results", "render", "write"]
