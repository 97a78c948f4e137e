"""``rhetoric report``: the article and finding tables, and the HTML page they render to."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from service import cli
from service.analysis.pipeline import Analyzer
from service.archive import Job, run
from service.report import build, read_results, write
from service.report.render import _outliers
from service.report.table import SUMMARY_COLUMNS
from tests.conftest import SEEDS

OUTLETS = ("Daily Ledger", "Evening Post", "Harbor Times")


def archive_rows() -> list[dict[str, Any]]:
    """The seed articles' paragraphs as an archive: outlet, date, desk; one empty text."""
    paragraphs = [p for path in sorted(SEEDS.glob("*.txt"))
                  for p in path.read_text(encoding="utf-8").split("\n") if len(p.split()) > 12]
    rows: list[dict[str, Any]] = [
        {"id": f"p{i:02d}", "outlet": OUTLETS[i % 3], "date": f"2024-0{1 + i % 4}-15",
         "desk": "politics" if i % 2 else "world", "text": text}
        for i, text in enumerate(paragraphs)]
    rows.append({"id": "empty", "outlet": "Evening Post", "date": "", "desk": "world",
                 "text": " "})
    return rows


@pytest.fixture(scope="module")
def archive(analyzer: Analyzer, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The archive's input, and its results in the full and the summary shape."""
    folder = tmp_path_factory.mktemp("archive")
    source = folder / "archive.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in archive_rows()), encoding="utf-8")
    out = {"input": source}
    for shape in ("full", "summary"):
        out[shape] = folder / f"{shape}.jsonl"
        run(analyzer, source, out[shape], Job(shape=shape), processes=1, progress=False)
    return out


def test_one_row_per_article_with_its_metadata_and_summary(archive: dict[str, Path],
                                                           tmp_path: Path) -> None:
    lines = list(read_results(archive["full"]))
    tables = build(lines)
    paths = write(tables, tmp_path, str(archive["full"]))
    with paths["articles_csv"].open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    analysed = [line for line in lines if "error" not in line]
    assert tables.errors == 1 and len(rows) == len(analysed) == len(archive_rows()) - 1
    assert list(rows[0])[:4] == ["id", "outlet", "date", "desk"]
    assert set(SUMMARY_COLUMNS) <= set(rows[0])
    parquet = pd.read_parquet(paths["articles_parquet"])
    for row, line, frame_row in zip(rows, analysed, parquet.itertuples(), strict=True):
        summary = line["summary"]
        assert row["id"] == line["id"] == frame_row.id
        assert row["outlet"] == line["metadata"]["outlet"] == frame_row.outlet
        assert float(row["opinion_share"]) == summary["opinion_share"] == frame_row.opinion_share
        assert int(row["sources_named"]) == summary["sources"]["named"]
        assert frame_row.loaded_per_1000_words == summary["loaded_per_1000_words"]
        assert frame_row.reading_grade == summary["reading_grade"]
        terms = Counter(f["term"]["text"].lower() for f in line["loaded_language"])
        listed = [t for t in row["top_loaded_terms"].split("; ") if t]
        assert len(listed) == min(5, len(terms))
        assert all(t in terms for t in listed)
        assert [terms[t] for t in listed] == sorted(terms.values(), reverse=True)[:5]
    assert json.loads(paths["about"].read_text())["errors"] == 1


def test_the_summary_shape_with_its_input_gives_the_same_findings(
        archive: dict[str, Path]) -> None:
    from service.report import input_texts

    full = build(read_results(archive["full"]))
    lines = list(read_results(archive["summary"]))
    summary = build(lines, input_texts(archive["input"], {line["id"] for line in lines}))
    assert summary.findings == full.findings
    assert [r["top_loaded_terms"] for r in summary.articles] == [
        r["top_loaded_terms"] for r in full.articles]
    assert any(f["kind"] == "hedge" for f in full.findings)
    assert all(f["sentence"] and f["term"] in f["sentence"].lower() for f in full.findings)
    # Without the input, the summary shape has only offsets: findings go by their entry.
    bare = build(read_results(archive["summary"]))
    assert not bare.has_words
    assert [f["term"] for f in bare.findings] == [f["entry_id"] for f in full.findings]


def test_an_article_far_from_its_outlet_is_listed_first() -> None:
    rows = [{"id": f"a{i}", "outlet": "Post", "opinion_share": 0.2 + 0.01 * (i % 5),
             "loaded_per_1000_words": 1.0 + 0.1 * (i % 3), "hedges_per_1000_words": 3.0,
             "boosters_per_1000_words": 1.0 + 0.1 * (i % 2), "sentiment_compound": 0.0,
             "reading_grade": 11.0 + (i % 4) * 0.5} for i in range(20)]
    rows[7]["loaded_per_1000_words"] = 25.0
    rows += [{**rows[0], "id": "lonely", "outlet": "Tiny", "opinion_share": 1.0}]
    listed = _outliers(pd.DataFrame(rows), "outlet", 3)
    assert listed[0]["id"] == "a7"
    assert listed[0]["measure"] == "loaded terms per 1,000 words" and listed[0]["z"] > 3
    assert "lonely" not in [r["id"] for r in listed]  # its outlet is too small for a norm


def _html(archive: dict[str, Path], tmp_path: Path, *args: str) -> str:
    assert cli.main(["report", str(archive["summary"]), "--input", str(archive["input"]),
                     "-o", str(tmp_path), *args]) == 0
    return (tmp_path / "report.html").read_text(encoding="utf-8")


def test_the_page_is_self_contained_and_has_every_section(
        archive: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = _html(archive, tmp_path)
    err = capsys.readouterr().err
    assert re.search(r"rendered .*report\.html from .*articles\.parquet .* in \d+\.\d\d s", err)
    assert "<script" not in page and "<link" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    charts = re.findall(r'data-chart="([^"]+)"', page)
    assert charts == ["opinion-by-group", "loaded-by-group", "opinion-by-month",
                      "loaded-by-month", "sources-by-group"]
    for outlet in OUTLETS:
        assert f"{outlet} (n=" in page
    assert "Opinion share by outlet" in page and "from 2024-01 to 2024-04" in page
    assert "The most frequent loaded terms" in page and "furthest from their outlet" in page
    assert "<b>1</b> error lines left out" in page


def test_by_groups_on_any_metadata_field_and_renders_from_the_tables_alone(
        archive: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _html(archive, tmp_path)
    (tmp_path / "report.html").unlink()
    # Rendered again from the Parquet tables only, grouped by another field, no date field.
    assert cli.main(["report", "-o", str(tmp_path), "--by", "desk", "--date-field",
                     "published"]) == 0
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Opinion share by desk" in page and "politics (n=" in page
    assert "Daily Ledger (n=" not in page
    assert "No article has a date in the field" in page
    capsys.readouterr()
    assert cli.main(["report", "-o", str(tmp_path), "--by", "nonexistent"]) == 2
    assert "no field 'nonexistent'" in capsys.readouterr().err


def test_render_reads_a_folder_of_dask_parts(archive: dict[str, Path], tmp_path: Path) -> None:
    lines = archive["full"].read_text(encoding="utf-8").splitlines(keepends=True)
    parts = tmp_path / "parts"
    parts.mkdir()
    (parts / "part-00000.jsonl").write_text("".join(lines[:4]), encoding="utf-8")
    (parts / "part-00001.jsonl").write_text("".join(lines[4:]), encoding="utf-8")
    assert [r["id"] for r in build(read_results(parts)).articles] == [
        r["id"] for r in build(read_results(archive["full"])).articles]
