"""Archive mode on Dask: a real LocalCluster of two worker processes, small inputs.

The parts, read in order, must be the lines single-process archive mode writes; a rerun
skips the parts already written; a worker killed mid-run loses nothing and duplicates
nothing; each worker builds the analyzer once.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from service import cli
from service.analysis.pipeline import Analyzer
from service.archive import ArchiveError, Job, run
from service.archive.cluster import MANIFEST, connect, run_dask
from service.archive.partitions import PART, worker_state
from service.config import Settings
from tests.conftest import SEEDS

pytest.importorskip("distributed", reason="dask[distributed] is not installed "
                    "(scripts/bootstrap.sh installs it)")
pa = pytest.importorskip("pyarrow", reason="pyarrow is not installed")
import pyarrow.parquet as pq  # noqa: E402

OUTLETS = ("Daily Ledger", "Evening Post", "Harbor Times")


def _rows() -> list[dict[str, Any]]:
    """Return the seed articles' paragraphs as documents with metadata, and one empty text."""
    paragraphs = [p for path in sorted(SEEDS.glob("*.txt"))
                  for p in path.read_text(encoding="utf-8").split("\n") if len(p.split()) > 12]
    rows = [{"id": f"p{i:02d}", "outlet": OUTLETS[i % 3], "date": f"2024-0{1 + i % 4}-15",
             "text": text} for i, text in enumerate(paragraphs)]
    rows.insert(3, {"id": 7, "outlet": "Evening Post", "date": "2024-02-01", "text": "   "})
    return rows


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def _no_timing(line: dict[str, Any]) -> dict[str, Any]:
    line.get("meta", {}).pop("elapsed_ms", None)
    return line


def _parts(folder: Path) -> list[dict[str, Any]]:
    """Return the lines of every part, in part order."""
    names = sorted(p.name for p in folder.glob("part-*.jsonl"))
    return [_no_timing(json.loads(line)) for name in names
            for line in (folder / name).read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    rows = _rows()
    assert len(rows) >= 10
    return rows


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A LocalCluster of two worker processes, one thread each, for the module."""
    with connect("local", 2) as client:
        yield client


@pytest.fixture(scope="module")
def expected(analyzer: Analyzer, rows: list[dict[str, Any]],
             tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """The lines single-process archive mode writes for ``rows``."""
    return single_process_lines(analyzer, rows, tmp_path_factory.mktemp("single"))


def single_process_lines(analyzer: Analyzer, rows: list[dict[str, Any]],
                         folder: Path) -> list[dict[str, Any]]:
    """Run single-process archive mode on ``rows`` (a local file) and return its lines."""
    output = folder / "results.jsonl"
    run(analyzer, _write_jsonl(folder / "in.jsonl", rows), output, Job(), processes=1,
        progress=False)
    return [_no_timing(json.loads(line)) for line in output.read_text("utf-8").splitlines()]


def test_parts_are_the_lines_of_single_process_archive_mode(
        client: Any, rows: list[dict[str, Any]], expected: list[dict[str, Any]],
        tmp_path: Path) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", rows)
    blocksize = source.stat().st_size // 5 + 1
    counts = run_dask(client, str(source), str(tmp_path / "out"), Settings.from_env(), Job(),
                      blocksize=blocksize, progress=False)
    assert counts["partitions"] == counts["parts_written"] >= 3
    assert counts["errors"] == 1 and counts["written"] == len(rows)
    assert len(counts["workers"]) == 2  # both workers analysed partitions
    got = _parts(tmp_path / "out")
    assert [line["id"] for line in got] == [str(r["id"]) for r in rows]
    assert got == expected
    assert got[3]["error"]["status"] == 422 and got[3]["metadata"]["outlet"] == "Evening Post"
    # Each worker process built the analyzer once, for all its partitions.
    states = client.run(worker_state)
    assert [s["loads"] for s in states.values()] == [1, 1]


def test_a_fsspec_url_and_a_parquet_table_give_the_same_lines(
        client: Any, rows: list[dict[str, Any]], expected: list[dict[str, Any]],
        tmp_path: Path) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", rows)
    run_dask(client, source.as_uri(), (tmp_path / "from-url").as_uri(), Settings.from_env(),
             Job(), blocksize=source.stat().st_size // 3 + 1, progress=False)
    assert _parts(tmp_path / "from-url") == expected
    table = pa.Table.from_pylist([{**r, "id": str(r["id"])} for r in rows])
    folder = tmp_path / "table.parquet"
    folder.mkdir()
    pq.write_table(table.slice(0, 6), folder / "a.parquet")
    pq.write_table(table.slice(6), folder / "b.parquet")
    counts = run_dask(client, str(folder / "*.parquet"), str(tmp_path / "from-parquet"),
                      Settings.from_env(), Job(), progress=False)
    assert counts["partitions"] == 2
    assert _parts(tmp_path / "from-parquet") == expected


def test_a_rerun_skips_the_finished_parts(client: Any, rows: list[dict[str, Any]],
                                          tmp_path: Path) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out"
    blocksize = source.stat().st_size // 4 + 1
    first = run_dask(client, str(source), str(out), Settings.from_env(), Job(),
                     blocksize=blocksize, progress=False)
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.glob("part-*")}
    (out / PART.format(1)).unlink()
    again = run_dask(client, str(source), str(out), Settings.from_env(), Job(),
                     blocksize=blocksize, progress=False)
    assert (again["skipped"], again["parts_written"]) == (first["partitions"] - 1, 1)
    after = {p.name: p.stat().st_mtime_ns for p in out.glob("part-*")}
    assert after.keys() == before.keys()
    for name, (mtime, _) in before.items():
        if name != PART.format(1):
            assert after[name] == mtime, f"{name} was written again"
    assert [_no_timing(json.loads(x)) for x in (out / PART.format(1)).read_bytes().splitlines()
            ] == [_no_timing(json.loads(x)) for x in before[PART.format(1)][1].splitlines()]
    # Cut otherwise, the same folder is refused: its parts would not be these partitions.
    with pytest.raises(ArchiveError, match="another cut"):
        run_dask(client, str(source), str(out), Settings.from_env(), Job(),
                 blocksize=blocksize * 2, progress=False)


def test_a_repeated_id_is_refused_before_any_part_is_written(
        client: Any, rows: list[dict[str, Any]], tmp_path: Path) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", [*rows, {**rows[0], "text": "Again."}])
    with pytest.raises(ArchiveError, match='id "p00" at .*partition 0 line 1, .*partition'):
        run_dask(client, str(source), str(tmp_path / "out"), Settings.from_env(), Job(),
                 blocksize=source.stat().st_size // 3 + 1, progress=False)
    assert not list((tmp_path / "out").glob("part-*"))


def test_the_command_runs_on_a_scheduler_address(
        client: Any, rows: list[dict[str, Any]], expected: list[dict[str, Any]],
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", rows)
    address = client.scheduler.address
    assert address.startswith("tcp://")
    assert cli.main(["analyze", str(source), "--dask", address, "-o", str(tmp_path / "out"),
                     "--partition-size", "4KiB", "--no-progress"]) == 0
    assert "documents analysed" in capsys.readouterr().err
    assert _parts(tmp_path / "out") == expected
    assert json.loads((tmp_path / "out" / MANIFEST).read_text())["blocksize"] == 4096
    assert cli.main(["analyze", str(source), "--dask", address]) == 2
    assert "give both" in capsys.readouterr().err


def test_a_local_cluster_leaves_port_8787_to_others() -> None:
    # Another cluster (or anything else) on the scheduler's default HTTP port must not
    # stop or warn a second one: distributed warns "Port 8787 is already in use".
    import socket

    taken = socket.socket()
    try:
        taken.bind(("127.0.0.1", 8787))
        taken.listen()
    except OSError:
        pass  # already held by something else: the case under test all the same
    try:
        with connect("local", 1) as local:
            port = local.scheduler_info()["services"]["dashboard"]
    finally:
        taken.close()
    assert port != 8787


def test_a_killed_worker_loses_nothing_and_writes_nothing_twice(
        client: Any, rows: list[dict[str, Any]], expected: list[dict[str, Any]],
        tmp_path: Path) -> None:
    # Last in the module: it leaves the cluster with a replaced worker.
    source = _write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out"
    blocksize = source.stat().st_size // 8 + 1
    result: dict[str, Any] = {}

    def work() -> None:
        try:
            result["counts"] = run_dask(client, str(source), str(out), Settings.from_env(),
                                        Job(), blocksize=blocksize, progress=False)
        except BaseException as exc:  # reported below
            result["error"] = exc

    thread = threading.Thread(target=work)
    thread.start()
    victim = None
    deadline = time.monotonic() + 120
    while victim is None and time.monotonic() < deadline and thread.is_alive():
        for address, keys in client.processing().items():
            if any("analyse_partition" in str(key) for key in keys):
                victim = address
                break
        time.sleep(0.05)
    assert victim is not None, "no partition was ever seen running"
    pid = client.run(os.getpid, workers=[victim])[victim]
    os.kill(pid, signal.SIGKILL)
    thread.join(timeout=300)
    assert "error" not in result, result.get("error")
    counts = result["counts"]
    assert counts["parts_written"] == counts["partitions"] >= 5
    got = _parts(out)
    assert [line["id"] for line in got] == [str(r["id"]) for r in rows]  # once each, in order
    assert got == expected
    # A temporary file the killed worker left is hidden; nothing else is beside the parts.
    assert {p.name for p in out.iterdir() if not p.name.startswith(".")} == {
        MANIFEST, *(PART.format(i) for i in range(counts["partitions"]))}
    # The nanny started a new worker in place of the killed one; it built its analyzer once.
    deadline = time.monotonic() + 60
    while len(client.scheduler_info()["workers"]) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    states = client.run(worker_state)
    assert pid not in {s["pid"] for s in states.values()}
    assert all(s["loads"] == 1 for s in states.values())
