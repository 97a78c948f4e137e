"""Archive mode: JSONL or a folder in, one JSON line per document out, resumable."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from service import archive
from service.analysis.pipeline import Analyzer
from service.archive import ArchiveError, Job, finished_ids, read_documents, run
from service.cli import main
from service.serialize import response_document

TEXTS = {
    "a": "Analysts suggest the regime is reportedly desperate.",
    "b": "Officials said on Monday that the talks had failed.",
    "empty": "   ",
    "c": "The brutal crackdown is undoubtedly a disaster, critics claim.",
    "d": "It's rumored by some outlets that troops may have joined the conflict.",
}


def _write_jsonl(path: Path, items: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in items.items()),
                    encoding="utf-8")
    return path


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _no_timing(doc: dict[str, Any]) -> dict[str, Any]:
    return {**doc, "meta": {k: v for k, v in doc["meta"].items() if k != "elapsed_ms"}}


def test_jsonl_in_order_with_per_document_errors(analyzer: Analyzer, tmp_path: Path) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", TEXTS)
    out = tmp_path / "out.jsonl"
    counts = run(analyzer, source, out, Job(), processes=1, progress=False)
    lines = _lines(out)
    assert [line["id"] for line in lines] == list(TEXTS)
    assert lines[2] == {"id": "empty", "error": {"status": 422, "detail": "the text is empty"}}
    expected = response_document(analyzer, analyzer.analyze(TEXTS["a"]), "codepoint", "a", 0.0)
    assert _no_timing(lines[0]) == _no_timing(expected)
    assert counts["written"] == 5 and counts["skipped"] == 0


def test_resume_skips_finished_documents_and_drops_a_torn_line(
        analyzer: Analyzer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", TEXTS)
    out = tmp_path / "out.jsonl"
    run(analyzer, _write_jsonl(tmp_path / "first.jsonl", {"a": TEXTS["a"]}), out, Job(),
        processes=1, progress=False)
    with out.open("a", encoding="utf-8") as fh:
        fh.write('{"id": "b", "meta": {"serv')  # an interrupted write
    seen: list[str] = []
    original = archive.analyse_chunk

    def spy(chunk: list[tuple[str, str]]) -> list[tuple[str, int, str]]:
        seen.extend(doc_id for doc_id, _ in chunk)
        return original(chunk)

    monkeypatch.setattr(archive, "analyse_chunk", spy)
    counts = run(analyzer, source, out, Job(), processes=1, progress=False)
    assert seen == ["b", "empty", "c", "d"]
    assert counts["skipped"] == 1
    assert [line["id"] for line in _lines(out)] == list(TEXTS)


def test_worker_processes_keep_the_input_order(analyzer: Analyzer, tmp_path: Path) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", TEXTS)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run(analyzer, source, one, Job(batch_size=1), processes=1, progress=False)
    run(analyzer, source, two, Job(batch_size=1), processes=2, progress=False)
    assert [_no_timing(x) if "meta" in x else x for x in _lines(one)] == [
        _no_timing(x) if "meta" in x else x for x in _lines(two)]


def test_folder_of_text_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("Second.", encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text("First.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    assert list(read_documents(tmp_path)) == [("b.txt", "Second."), ("sub/a.txt", "First.")]


@pytest.mark.parametrize("line", ['{"id": 1}', "not json", '["a", "b"]', '{"text": "no id"}'])
def test_a_bad_input_line_is_named(tmp_path: Path, line: str) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "text": "fine"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(ArchiveError, match=r"in\.jsonl:2:"):
        list(read_documents(source))


def test_resume_refuses_a_foreign_output_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("hello\n", encoding="utf-8")
    with pytest.raises(ArchiveError, match="out.jsonl:1"):
        finished_ids(out)


def test_cli_archive_mode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", {"a": TEXTS["a"], "b": TEXTS["b"]})
    out = tmp_path / "out.jsonl"
    assert main(["analyze", str(source), "-o", str(out), "--no-progress",
                 "--processes", "1"]) == 0
    assert [line["id"] for line in _lines(out)] == ["a", "b"]
    assert main(["analyze", str(source), "-o", str(out), "--no-progress"]) == 0
    assert "0 documents analysed, 2 already done" in capsys.readouterr().err
