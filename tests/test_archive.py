"""Archive mode: JSONL or a folder in, one JSON line per document out, resumable."""

from __future__ import annotations

import io
import json
import os
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from service import archive
from service.analysis.pipeline import Analyzer
from service.archive import (
    ArchiveError,
    Document,
    Job,
    finished_ids,
    read_documents,
    run,
    runner,
)
from service.cli import main
from service.problems import MalformedRequest
from service.render import (
    SUMMARY_ATTRIBUTION,
    SUMMARY_FINDING,
    SUMMARY_QUOTE,
    SUMMARY_SENTENCE,
    response_document,
    summary_shape,
)
from tests.contract import SPEC_PATH

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
    assert lines[2] == {"id": "empty", "error": {
        "type": "urn:rhetoric:problem:validation-error", "title": "Request validation failed",
        "status": 422, "detail": "the text is empty"}}
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

    def spy(chunk: list[Document]) -> list[tuple[str, int, str, str | None]]:
        seen.extend(document.id for document in chunk)
        return original(chunk)

    monkeypatch.setattr(runner, "analyse_chunk", spy)
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
    assert list(read_documents(tmp_path)) == [("b.txt", "Second.", {}), ("sub/a.txt", "First.", {})]


@pytest.mark.parametrize("line", [
    '{"id": 1}', "not json", '["a", "b"]', '{"text": "no id"}',
    '{"id": true, "text": "x"}', '{"id": {"x": 1}, "text": "x"}', '{"id": 1.5, "text": "x"}',
    '{"id": "\\ud83d", "text": "x"}',
])
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
    assert "0 documents analysed, 0 with an error line, 2 already done" in capsys.readouterr().err


def _batch_error_schema() -> dict[str, Any]:
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return dict(spec["components"]["schemas"]["BatchError"])


def _assert_error_line(line: dict[str, Any], doc_id: str, status: int) -> None:
    """Check an error line: the id and a batch endpoint error without its ``index``."""
    assert set(line) == {"id", "error"} and line["id"] == doc_id
    jsonschema.validate({**line["error"], "index": 0}, _batch_error_schema())
    assert line["error"]["status"] == status


def test_a_lone_surrogate_costs_only_its_document(analyzer: Analyzer, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id": "ok1", "text": "Officials said the talks failed."}\n'
        '{"id": "sur", "text": "The minister said \\ud83d the plan failed."}\n'
        '{"id": "ok2", "text": "Critics claim it is a disaster."}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    counts = run(analyzer, source, out, Job(), processes=1, progress=False)
    lines = _lines(out)
    assert [line["id"] for line in lines] == ["ok1", "sur", "ok2"]
    _assert_error_line(lines[1], "sur", 422)
    assert "surrogate" in lines[1]["error"]["detail"]
    assert "sentences" in lines[0] and "sentences" in lines[2]
    assert counts["written"] == 3 and counts["errors"] == 1 and counts["analysed"] == 2


def test_an_analyzer_failure_costs_only_its_document(
        analyzer: Analyzer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    original = Analyzer.analyze_doc

    def fragile(self: Analyzer, doc: Any, parse_seconds: float = 0.0) -> Any:
        if "POISON" in doc.text:
            raise RuntimeError("the analyzer broke")
        return original(self, doc, parse_seconds)

    monkeypatch.setattr(Analyzer, "analyze_doc", fragile)
    items = {"a": TEXTS["a"], "bad": "Officials said POISON was found.", "b": TEXTS["b"]}
    source = _write_jsonl(tmp_path / "in.jsonl", items)
    out = tmp_path / "out.jsonl"
    counts = run(analyzer, source, out, Job(), processes=1, progress=False)
    lines = _lines(out)
    assert [line["id"] for line in lines] == ["a", "bad", "b"]
    _assert_error_line(lines[1], "bad", 500)
    assert "RuntimeError: the analyzer broke" in lines[1]["error"]["detail"]
    expected = response_document(analyzer, analyzer.analyze(TEXTS["b"]), "codepoint", "b", 0.0)
    assert _no_timing(lines[2]) == _no_timing(expected)
    assert counts["errors"] == 1
    assert "bad: the analysis failed: RuntimeError" in capsys.readouterr().err


def test_resume_counts_an_error_line_as_done(
        analyzer: Analyzer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "Officials said the talks failed."}\n'
                      '{"id": "sur", "text": "Bad \\udc00 text."}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run(analyzer, source, out, Job(), processes=1, progress=False)
    seen: list[str] = []
    monkeypatch.setattr(runner, "analyse_chunk",
                        lambda chunk: seen.extend(document.id for document in chunk) or [])
    counts = run(analyzer, source, out, Job(), processes=1, progress=False)
    assert seen == [] and counts["skipped"] == 2
    assert [line["id"] for line in _lines(out)] == ["a", "sur"]


def test_unreadable_files_in_a_folder_get_error_lines(
        analyzer: Analyzer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    (folder / "dir.txt").mkdir(parents=True)
    (folder / "a.txt").write_text("Officials said the talks failed.", encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Café owners said prices rose.".encode("latin-1"))
    (folder / "broken.txt").symlink_to(tmp_path / "nonexistent")
    (folder / "dir.txt" / "in.txt").write_text("Critics claim it failed.", encoding="utf-8")
    (folder / "._a.txt").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    out = tmp_path / "out.jsonl"
    counts = run(analyzer, folder, out, Job(), processes=1, progress=False)
    lines = _lines(out)
    assert [line["id"] for line in lines] == ["a.txt", "broken.txt", "dir.txt/in.txt",
                                              "latin1.txt"]
    _assert_error_line(lines[1], "broken.txt", 400)
    _assert_error_line(lines[3], "latin1.txt", 400)
    assert "not valid UTF-8 (byte 0xE9" in lines[3]["error"]["detail"]
    assert "sentences" in lines[0] and "sentences" in lines[2]
    assert counts["errors"] == 2
    err = capsys.readouterr().err
    assert "skipped 1 macOS metadata file" in err
    assert "warning: latin1.txt: the file is not valid UTF-8" in err
    assert "warning: broken.txt: cannot read the file" in err


def test_a_jsonl_line_that_is_not_utf8_gets_an_error_line(
        analyzer: Analyzer, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"id": "a", "text": "Officials said the talks failed."}\n'
                       b'{"id": "latin", "text": "Caf\xe9 owners said prices rose."}\n'
                       b'{"id": "b", "text": "Critics claim it failed."}\n')
    out = tmp_path / "out.jsonl"
    counts = run(analyzer, source, out, Job(), processes=1, progress=False)
    lines = _lines(out)
    assert [line["id"] for line in lines] == ["a", "latin", "b"]
    _assert_error_line(lines[1], "latin", 400)
    assert "line 2 is not valid UTF-8 (byte 0xE9" in lines[1]["error"]["detail"]
    assert counts["errors"] == 1


def test_folder_keeps_crlf_so_offsets_index_the_file(analyzer: Analyzer, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    raw = b"Officials met on Monday.\r\n\r\nCritics claim it is undoubtedly a disaster.\r\n"
    (folder / "a.txt").write_bytes(raw)
    assert list(read_documents(folder)) == [("a.txt", raw.decode("utf-8"), {})]
    out = tmp_path / "out.jsonl"
    run(analyzer, folder, out, Job(), processes=1, progress=False)
    (line,) = _lines(out)
    spans = line["boosters"] + line["hedges"]
    assert spans
    for span in spans:
        assert raw.decode("utf-8")[span["start"]:span["end"]] == span["text"]


def _dup_input(tmp_path: Path) -> Path:
    source = tmp_path / "dup.jsonl"
    source.write_text('{"id": "a", "text": "Officials said the talks failed."}\n'
                      '{"id": "b", "text": "Critics claim it is undoubtedly a disaster."}\n'
                      '{"id": "a", "text": "A different story that shares the id."}\n',
                      encoding="utf-8")
    return source


def test_duplicate_ids_are_refused_before_anything_is_written(
        analyzer: Analyzer, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with pytest.raises(ArchiveError, match=r'dup\.jsonl:3: id "a" is already used at '
                                           r'.*dup\.jsonl:1'):
        run(analyzer, _dup_input(tmp_path), out, Job(), processes=1, progress=False)
    assert not out.exists()


def test_a_run_interrupted_between_duplicates_cannot_lose_the_second(
        analyzer: Analyzer, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    # What an earlier run stopped after the first "a" would have left.
    run(analyzer, _write_jsonl(tmp_path / "first.jsonl", {"a": "Officials said the talks failed."}),
        out, Job(), processes=1, progress=False)
    before = out.read_bytes()
    with pytest.raises(ArchiveError, match='id "a"'):
        run(analyzer, _dup_input(tmp_path), out, Job(), processes=1, progress=False)
    assert out.read_bytes() == before


def test_an_integer_id_collides_with_its_string(analyzer: Analyzer, tmp_path: Path) -> None:
    source = tmp_path / "coll.jsonl"
    source.write_text('{"id": 1, "text": "Officials said the talks failed."}\n'
                      '{"id": "1", "text": "Critics claim it failed."}\n', encoding="utf-8")
    with pytest.raises(ArchiveError, match=r'coll\.jsonl:2: id "1" is already used'):
        run(analyzer, source, tmp_path / "out.jsonl", Job(), processes=1, progress=False)


def test_resume_reads_the_output_line_by_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    filler = "x" * 50_000
    with out.open("w", encoding="utf-8") as fh:
        for i in range(100):  # 5 MB, like 100 long results
            fh.write(json.dumps({"id": f"d{i}", "meta": {}, "filler": filler},
                                separators=(",", ":")) + "\n")
    tracemalloc.start()
    try:
        done = finished_ids(out)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert done == {f"d{i}" for i in range(100)}
    assert peak < 1_000_000


def test_default_processes_follow_the_cpu_affinity(monkeypatch: pytest.MonkeyPatch) -> None:
    if not hasattr(os, "sched_getaffinity"):
        pytest.skip("no CPU affinity on this platform")
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3})
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    assert archive.default_processes() == 1


def test_stdin_with_output_is_read_as_jsonl(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    body = "".join(json.dumps({"id": k, "text": TEXTS[k]}) + "\n" for k in ("a", "b"))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(body.encode("utf-8"))))
    out = tmp_path / "out.jsonl"
    assert main(["analyze", "-", "-o", str(out), "--no-progress", "--processes", "1"]) == 0
    assert [line["id"] for line in _lines(out)] == ["a", "b"]
    assert capsys.readouterr().out == ""


def test_stdin_errors_name_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"id": 1, "text": "x"}\nno\n')))
    out = tmp_path / "out.jsonl"
    assert main(["analyze", "-", "-o", str(out), "--no-progress", "--processes", "1"]) == 2
    assert "<stdin>:2: not JSON" in capsys.readouterr().err
    assert not out.exists()


def test_an_unreadable_file_is_read_as_its_problem(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xff")
    ((doc_id, text, metadata),) = read_documents(tmp_path)
    assert doc_id == "a.txt" and isinstance(text, MalformedRequest) and metadata == {}
    assert text.detail == "the file is not valid UTF-8 (byte 0xFF at offset 0)"


def test_a_second_run_into_the_same_output_is_refused_while_the_first_writes(
        analyzer: Analyzer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import fcntl

    source = _write_jsonl(tmp_path / "in.jsonl", TEXTS)
    out = tmp_path / "out.jsonl"
    out.write_text("", encoding="utf-8")
    # Another run holds the output: an flock on its own open file, as _claim takes it.
    with out.open("a", encoding="utf-8") as other:
        fcntl.flock(other.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(ArchiveError, match="another run is writing this file"):
            run(analyzer, source, out, Job(), processes=1, progress=False)
        assert out.read_bytes() == b""
        assert main(["analyze", str(source), "-o", str(out), "--no-progress"]) == 2
        assert "another run is writing this file" in capsys.readouterr().err
        assert out.exists()  # the other run's file stays
    # Once the other run has ended, the same command runs (and resumes) as usual.
    counts = run(analyzer, source, out, Job(), processes=1, progress=False)
    assert counts["written"] == len(TEXTS)
    assert [line["id"] for line in _lines(out)] == list(TEXTS)


def test_the_output_lock_is_released_when_a_run_fails(
        analyzer: Analyzer, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with pytest.raises(ArchiveError, match='id "a"'):
        run(analyzer, _dup_input(tmp_path), out, Job(), processes=1, progress=False)
    source = _write_jsonl(tmp_path / "in.jsonl", {"a": "Officials said the talks failed."})
    assert run(analyzer, source, out, Job(), processes=1, progress=False)["written"] == 1


def test_a_run_into_dev_null_takes_no_lock(analyzer: Analyzer, tmp_path: Path) -> None:
    import fcntl

    source = _write_jsonl(tmp_path / "in.jsonl", {"a": "Officials said the talks failed."})
    # A lock on /dev/null would be global: two benchmark runs would refuse each other.
    with open(os.devnull, "a") as other:
        fcntl.flock(other.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        counts = run(analyzer, source, Path(os.devnull), Job(), processes=1, progress=False)
    assert counts["written"] == 1


def test_a_run_stopped_before_writing_leaves_no_empty_output(
        analyzer: Analyzer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "plan", interrupted)
    out = tmp_path / "out.jsonl"
    source = _write_jsonl(tmp_path / "in.jsonl", {"a": "Officials said the talks failed."})
    with pytest.raises(KeyboardInterrupt):
        run(analyzer, source, out, Job(), processes=1, progress=False)
    assert not out.exists()


# Metadata and the summary shape.

QUOTED = 'The plan is "a total disaster," the minister said, and it will surely fail.'


def _write_rows(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def _walk_keys(value: Any) -> set[str]:
    """Return every key of every object inside ``value``."""
    if isinstance(value, dict):
        return set(value).union(*(_walk_keys(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_walk_keys(v) for v in value))
    return set()


METADATA_ROWS: list[dict[str, Any]] = [
    {"id": "a", "outlet": "Reuters", "date": "2020-01-02", "text": TEXTS["a"],
     "author": None, "tags": ["world", "x"], "extra": {"n": 1, "f": 0.5}, "words": 7},
    {"id": 2, "text": TEXTS["b"]},  # no metadata: no metadata field
    {"id": "empty", "text": "   ", "outlet": "AP", "date": ""},
    {"outlet": "Salon", "title": "Ünïcode “title”", "text": QUOTED, "id": "q"},
]


def test_metadata_comes_back_as_given(analyzer: Analyzer, tmp_path: Path) -> None:
    source = _write_rows(tmp_path / "in.jsonl", METADATA_ROWS)
    out = tmp_path / "out.jsonl"
    run(analyzer, source, out, Job(), processes=1, progress=False)
    lines = _lines(out)
    assert [line["id"] for line in lines] == ["a", "2", "empty", "q"]
    assert lines[0]["metadata"] == {"outlet": "Reuters", "date": "2020-01-02", "author": None,
                                    "tags": ["world", "x"], "extra": {"n": 1, "f": 0.5},
                                    "words": 7}
    assert list(lines[0]["metadata"]) == ["outlet", "date", "author", "tags", "extra", "words"]
    assert list(lines[0])[:3] == ["id", "metadata", "meta"]  # the id first, for resuming
    assert "metadata" not in lines[1]
    assert lines[2] == {"id": "empty", "metadata": {"outlet": "AP", "date": ""}, "error": {
        "type": "urn:rhetoric:problem:validation-error", "title": "Request validation failed",
        "status": 422, "detail": "the text is empty"}}
    assert lines[3]["metadata"] == {"outlet": "Salon", "title": "Ünïcode “title”"}
    expected = response_document(analyzer, analyzer.analyze(TEXTS["a"]), "codepoint", "a", 0.0)
    assert _no_timing({k: v for k, v in lines[0].items() if k != "metadata"}) == _no_timing(
        expected)
    assert all("text" not in line.get("metadata", {}) for line in lines)


def test_metadata_survives_a_resume(analyzer: Analyzer, tmp_path: Path) -> None:
    source = _write_rows(tmp_path / "in.jsonl", METADATA_ROWS)
    out = tmp_path / "out.jsonl"
    run(analyzer, _write_rows(tmp_path / "first.jsonl", METADATA_ROWS[:1]), out, Job(),
        processes=1, progress=False)
    with out.open("a", encoding="utf-8") as fh:
        fh.write('{"id":"2","metadata":{"outl')  # an interrupted write
    assert finished_ids(out) == {"a"}
    counts = run(analyzer, source, out, Job(), processes=1, progress=False)
    assert counts["skipped"] == 1 and counts["written"] == 3
    lines = _lines(out)
    assert [line["id"] for line in lines] == ["a", "2", "empty", "q"]
    assert [line.get("metadata") for line in lines] == [
        {k: v for k, v in row.items() if k not in ("id", "text")} or None
        for row in METADATA_ROWS]


def test_metadata_that_cannot_be_written_gets_an_error_line(
        analyzer: Analyzer, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id": "sur", "text": "Officials said so.", "outlet": "AP", "author": "\\ud83d"}\n'
        f'{{"id": "big", "text": "Officials said so.", "n": {2 ** 70}, "date": "2021"}}\n'
        '{"id": "ok", "text": "Officials said so.", "outlet": "AP"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    counts = run(analyzer, source, out, Job(), processes=1, progress=False)
    sur, big, ok = _lines(out)
    assert sur["metadata"] == {"outlet": "AP"} and big["metadata"] == {"date": "2021"}
    for line, name in ((sur, "author"), (big, "n")):
        assert line["error"]["status"] == 400 and f'"{name}"' in line["error"]["detail"]
        _assert_error_line({k: v for k, v in line.items() if k != "metadata"}, line["id"], 400)
    assert ok["metadata"] == {"outlet": "AP"} and "summary" in ok
    assert counts["errors"] == 2


def test_the_summary_shape_keeps_what_the_docs_say(analyzer: Analyzer, tmp_path: Path) -> None:
    texts = {"a": TEXTS["a"], "c": TEXTS["c"], "d": TEXTS["d"], "q": QUOTED}
    out = tmp_path / "out.jsonl"
    run(analyzer, _write_jsonl(tmp_path / "in.jsonl", texts), out, Job(shape="summary"),
        processes=1, progress=False)
    lines = _lines(out)
    fulls = [response_document(analyzer, analyzer.analyze(t), "codepoint", k, 0.0)
             for k, t in texts.items()]
    for line, full in zip(lines, fulls, strict=True):
        assert list(line) == ["id", "meta", "summary", "sentences", "loaded_language",
                              "hedges", "boosters", "attributions", "quotes"]
        assert line["summary"] == full["summary"]
        assert "reasons" not in _walk_keys(line) and "text" not in _walk_keys(line)
        assert [set(s) for s in line["sentences"]] == [set(SUMMARY_SENTENCE)] * len(
            full["sentences"])
        for key, type_key in (("loaded_language", "category"), ("hedges", "type"),
                              ("boosters", "type")):
            for kept, whole in zip(line[key], full[key], strict=True):
                assert kept == {k: whole[k] for k in (*SUMMARY_FINDING, type_key)} | (
                    {"term": {"start": whole["term"]["start"], "end": whole["term"]["end"]}}
                    if key == "loaded_language" else {})
        for kept, whole in zip(line["attributions"], full["attributions"], strict=True):
            assert {k: kept[k] for k in SUMMARY_ATTRIBUTION} == {
                k: whole[k] for k in SUMMARY_ATTRIBUTION}
            assert kept["source"] == (None if whole["source"] is None else {
                k: whole["source"][k] for k in ("start", "end", "kind")})
            assert kept["content"] == (None if whole["content"] is None else {
                k: whole["content"][k] for k in ("start", "end")})
        assert line["quotes"] == [{k: q[k] for k in SUMMARY_QUOTE} for q in full["quotes"]]
    # The texts hold every kind of finding, so each part of the shape was checked.
    for key in ("loaded_language", "hedges", "boosters", "attributions", "quotes"):
        assert any(line[key] for line in lines), key
    assert any(q["speaker"] is not None for line in lines for q in line["quotes"])
    assert any(a["source"] and a["content"] for line in lines for a in line["attributions"])


def test_a_mixed_run_in_the_summary_shape(analyzer: Analyzer, tmp_path: Path) -> None:
    """Metadata or none, results and error lines, two workers, resumed after a stop."""
    rows = [*METADATA_ROWS,
            {"id": "sur", "text": "Bad \udc00 text.", "section": "opinion"},
            {"id": "c", "text": TEXTS["c"], "outlet": "Fox", "date": "2019-05-06"},
            {"id": "d", "text": TEXTS["d"]}]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    out, full = tmp_path / "summary.jsonl", tmp_path / "full.jsonl"
    run(analyzer, source, full, Job(batch_size=1), processes=1, progress=False)
    partial = tmp_path / "first.jsonl"
    partial.write_text("".join(json.dumps(row) + "\n" for row in rows[:3]), encoding="utf-8")
    run(analyzer, partial, out, Job(batch_size=1, shape="summary"), processes=1,
        progress=False)
    counts = run(analyzer, source, out, Job(batch_size=1, shape="summary"), processes=2,
                 progress=False)
    assert counts["skipped"] == 3 and counts["written"] == 4 and counts["errors"] == 1
    got = _lines(out)
    assert [line["id"] for line in got] == ["a", "2", "empty", "q", "sur", "c", "d"]
    assert [_no_timing(x) if "meta" in x else x for x in got] == [
        _no_timing(summary_shape(x)) if "meta" in x else x for x in _lines(full)]
    assert got[4]["metadata"] == {"section": "opinion"} and got[4]["error"]["status"] == 422
    assert got[5]["metadata"] == {"outlet": "Fox", "date": "2019-05-06"}
    assert "metadata" not in got[6]
