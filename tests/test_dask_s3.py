"""Archive mode on Dask with object storage: input and parts on an S3-compatible store.

scripts/object-store.sh starts moto's S3 server on a loopback port. The endpoint and the
credentials reach ``rhetoric``, its Dask workers and s3fs as a deployment passes them:
fsspec's own configuration from the environment (``FSSPEC_S3_ENDPOINT_URL``) and
botocore's variables (``AWS_ACCESS_KEY_ID``...). The parts written to ``s3://``, read in
order, must be the lines single-process archive mode writes for the same input.
"""

from __future__ import annotations

import copy
import json
import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from service import cli
from service.analysis.pipeline import Analyzer
from service.archive import Job
from service.archive.cluster import MANIFEST, connect, run_dask
from service.archive.partitions import PART
from service.config import Settings
from tests.test_dask import _no_timing, _rows, _write_jsonl, single_process_lines

pytest.importorskip("moto", reason="moto (the S3 server of scripts/object-store.sh) is not "
                    "installed; scripts/bootstrap.sh dev installs it")
s3fs = pytest.importorskip("s3fs", reason="s3fs is not installed; scripts/bootstrap.sh "
                           "installs it")
pa = pytest.importorskip("pyarrow", reason="pyarrow is not installed")
import pyarrow.parquet as pq  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BUCKET = "desk"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start the project's object store and point fsspec and botocore at it, for the module.

    The variables are set before the module's cluster starts, so its workers inherit them
    as a deployment's workers get them from their pod's environment. fsspec reads its
    variables when imported, so this process reads them again (``set_conf_env``), as
    ``rhetoric`` does when it starts.
    """
    import fsspec.config

    port = _free_port()
    state = tmp_path_factory.mktemp("object-store")
    script = [str(ROOT / "scripts" / "object-store.sh")]
    env = {**os.environ, "OBJECT_STORE_DIR": str(state)}
    subprocess.run([*script, "start", str(port)], check=True, env=env, cwd=ROOT)
    endpoint = f"http://127.0.0.1:{port}"
    saved = copy.deepcopy(fsspec.config.conf)
    try:
        with pytest.MonkeyPatch.context() as mp:
            for name, value in {"FSSPEC_S3_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "test",
                                "AWS_SECRET_ACCESS_KEY": "test",
                                "AWS_DEFAULT_REGION": "us-east-1"}.items():
                mp.setenv(name, value)
            fsspec.config.set_conf_env(fsspec.config.conf)
            s3fs.S3FileSystem.clear_instance_cache()
            s3fs.S3FileSystem().mkdir(BUCKET)
            yield endpoint
    finally:
        fsspec.config.conf.clear()
        fsspec.config.conf.update(saved)
        s3fs.S3FileSystem.clear_instance_cache()
        subprocess.run([*script, "stop"], check=True, env=env, cwd=ROOT,
                       stdout=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def s3(store: str) -> Any:
    """An s3fs file system on the store, configured by the environment only."""
    fs = s3fs.S3FileSystem()
    assert fs.storage_options["endpoint_url"] == store  # from FSSPEC_S3_ENDPOINT_URL
    return fs


@pytest.fixture(scope="module")
def client(store: str) -> Iterator[Any]:
    """A LocalCluster of one worker process, started with the store's variables set."""
    with connect("local", 1) as client:
        yield client


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    return _rows()


@pytest.fixture(scope="module")
def expected(analyzer: Analyzer, rows: list[dict[str, Any]],
             tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """The lines single-process archive mode writes for ``rows``, from a local file."""
    return single_process_lines(analyzer, rows, tmp_path_factory.mktemp("single"))


def _upload(s3: Any, rows: list[dict[str, Any]], tmp_path: Path, key: str) -> tuple[str, int]:
    """Put ``rows`` as JSONL at ``s3://BUCKET/key``; return the URL and its size in bytes."""
    local = _write_jsonl(tmp_path / "in.jsonl", rows)
    url = f"s3://{BUCKET}/{key}"
    s3.put(str(local), url)
    return url, local.stat().st_size


def _s3_parts(s3: Any, folder: str) -> list[dict[str, Any]]:
    """Return the lines of every part under ``folder``, in part order, read from the store."""
    s3.invalidate_cache()
    names = sorted(p for p in s3.ls(folder, detail=False) if p.rsplit("/", 1)[-1].startswith(
        "part-"))
    return [_no_timing(json.loads(line)) for name in names
            for line in s3.cat(name).decode("utf-8").splitlines()]


def test_the_command_reads_and_writes_object_storage_on_a_local_cluster(
        s3: Any, rows: list[dict[str, Any]], expected: list[dict[str, Any]],
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url, size = _upload(s3, rows, tmp_path, "archive/input.jsonl")
    out = f"s3://{BUCKET}/results-jsonl"
    assert cli.main(["analyze", url, "--dask", "local", "--workers", "1", "-o", out,
                     "--partition-size", str(size // 6 + 1), "--no-progress"]) == 0
    assert "documents analysed" in capsys.readouterr().err
    got = _s3_parts(s3, out)
    assert [line["id"] for line in got] == [str(r["id"]) for r in rows]
    assert got == expected
    manifest = json.loads(s3.cat(f"{out}/{MANIFEST}"))
    assert manifest["input"] == url and manifest["partitions"] >= 3
    # Every temporary part was renamed: the folder holds the record and the parts only.
    assert {p.rsplit("/", 1)[-1] for p in s3.ls(out, detail=False)} == {
        MANIFEST, *(PART.format(i) for i in range(manifest["partitions"]))}


def test_a_parquet_table_on_object_storage_gives_the_same_lines(
        s3: Any, client: Any, rows: list[dict[str, Any]], expected: list[dict[str, Any]],
        tmp_path: Path) -> None:
    table = pa.Table.from_pylist([{**r, "id": str(r["id"])} for r in rows])
    pq.write_table(table.slice(0, 6), tmp_path / "a.parquet")
    pq.write_table(table.slice(6), tmp_path / "b.parquet")
    for name in ("a.parquet", "b.parquet"):
        s3.put(str(tmp_path / name), f"s3://{BUCKET}/table/{name}")
    out = f"s3://{BUCKET}/results-parquet"
    assert cli.main(["analyze", f"s3://{BUCKET}/table/*.parquet", "--dask",
                     client.scheduler.address, "-o", out, "--no-progress"]) == 0
    assert json.loads(s3.cat(f"{out}/{MANIFEST}"))["partitions"] == 2
    assert _s3_parts(s3, out) == expected


def test_a_rerun_on_object_storage_skips_the_finished_parts(
        s3: Any, client: Any, rows: list[dict[str, Any]], expected: list[dict[str, Any]],
        tmp_path: Path) -> None:
    url, size = _upload(s3, rows, tmp_path, "rerun/input.jsonl")
    out = f"s3://{BUCKET}/results-rerun"
    blocksize = size // 6 + 1
    first = run_dask(client, url, out, Settings.from_env(), Job(), blocksize=blocksize,
                     progress=False)
    assert first["parts_written"] == first["partitions"] >= 3
    # Removed by another process (a file system of its own, not this process's cached
    # one). Run again in this process: the parts the workers wrote are seen, not this
    # process's listing of the folder from before they were written.
    s3fs.S3FileSystem(skip_instance_cache=True).rm(f"{out}/{PART.format(1)}")
    again = run_dask(client, url, out, Settings.from_env(), Job(), blocksize=blocksize,
                     progress=False)
    assert (again["skipped"], again["parts_written"]) == (first["partitions"] - 1, 1)
    assert _s3_parts(s3, out) == expected
