"""The ``rhetoric`` command line."""

from __future__ import annotations

import io
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from service.cli import main
from tests.conftest import SEED_001


def test_analyze_file_prints_the_api_document(capsys, client, seed_001):
    assert main(["analyze", str(SEED_001)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["id"] == SEED_001.name
    api = client.post("/v1/analyze", json={"text": seed_001}).get_json()
    for section in ("sentences", "loaded_language", "hedges", "boosters", "attributions",
                    "quotes", "summary"):
        assert printed[section] == api[section]


def test_analyze_stdin_with_utf16_offsets(capsys, monkeypatch):
    text = "😀 Critics say the regime reportedly lied."
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    assert main(["analyze", "-", "--offset-encoding", "utf-16"]) == 0
    printed = json.loads(capsys.readouterr().out)
    units = text.encode("utf-16-le")
    for hedge in printed["hedges"]:
        assert units[2 * hedge["start"]:2 * hedge["end"]].decode("utf-16-le") == hedge["text"]
    assert printed["meta"]["offset_encoding"] == "utf-16"


def test_empty_input_is_an_error(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("  \n"))
    assert main(["analyze"]) == 2
    assert "empty" in capsys.readouterr().err


def test_installed_console_script_runs():
    script = Path(sys.executable).parent / "rhetoric"
    done = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert "analyze" in done.stdout


def test_a_crlf_file_keeps_its_offsets(capsys, tmp_path):
    raw = b"Officials met on Monday.\r\n\r\nCritics claim it is undoubtedly a disaster.\r\n"
    path = tmp_path / "a.txt"
    path.write_bytes(raw)
    assert main(["analyze", str(path)]) == 0
    printed = json.loads(capsys.readouterr().out)
    spans = printed["boosters"] + printed["hedges"]
    assert spans
    for span in spans:
        assert raw.decode("utf-8")[span["start"]:span["end"]] == span["text"]


@pytest.mark.parametrize(("content", "message"), [
    (None, "cannot read"), (b"Caf\xe9 owners said prices rose.", "not valid UTF-8")])
def test_an_unreadable_article_is_a_usage_error(capsys, tmp_path, content, message):
    path = tmp_path / "a.txt"
    if content is not None:
        path.write_bytes(content)
    assert main(["analyze", str(path)]) == 2
    assert message in capsys.readouterr().err


def _stat(pid: int) -> list[str] | None:
    """Return the fields of /proc/PID/stat after the command name, or None when gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) and int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL])
def test_a_stopped_archive_run_leaves_no_workers(tmp_path, signum):
    # Long documents, so that a worker is seconds away from the end of its chunk when the
    # signal comes: a worker that outlives its parent is still running when looked at.
    text = " ".join(["Officials said on Monday that the talks had failed, critics claim."] * 140)
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"d{i}", "text": text}) + "\n"
                              for i in range(40)), encoding="utf-8")
    script = Path(sys.executable).parent / "rhetoric"
    log = tmp_path / "stderr.txt"
    # stderr goes to a file: a pipe would only reach EOF once every worker holding it exits.
    with log.open("w", encoding="utf-8") as err:
        proc = subprocess.Popen([str(script), "analyze", str(source), "-o",
                                 str(tmp_path / "out"), "--processes", "2", "--no-progress"],
                                stderr=err)
    try:
        deadline = time.monotonic() + 120
        workers: list[int] = []
        while len(workers) < 2 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
            workers = _children(proc.pid)
        assert proc.poll() is None and len(workers) == 2, (proc.returncode, workers)
        time.sleep(0.5)
        proc.send_signal(signum)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    deadline = time.monotonic() + 1.5
    while any(_running(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [w for w in workers if _running(w)]
    if signum == signal.SIGTERM:
        err_text = log.read_text(encoding="utf-8")
        assert proc.returncode == 143, err_text
        assert "terminated (SIGTERM); run the same command again to resume" in err_text
        assert "Traceback" not in err_text


def test_the_summary_shape_of_one_article(capsys):
    from service.render import summary_shape

    assert main(["analyze", str(SEED_001)]) == 0
    full = json.loads(capsys.readouterr().out)
    assert main(["analyze", str(SEED_001), "--shape", "summary"]) == 0
    compact = json.loads(capsys.readouterr().out)
    for doc in (full, compact):
        doc["meta"].pop("elapsed_ms")
    assert compact == summary_shape(full)
    assert "reasons" not in compact["sentences"][0] and "readability" not in compact


def test_archive_metadata_and_shape_from_the_command_line(capsys, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "x", "outlet": "AP", "date": "2020-02-03",
                                  "text": "Officials said the talks had failed."}) + "\n",
                      encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["analyze", str(source), "-o", str(out), "--shape", "summary",
                 "--no-progress", "--processes", "1"]) == 0
    (line,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert line["metadata"] == {"outlet": "AP", "date": "2020-02-03"}
    assert "reasons" not in line["sentences"][0] and "summary" in line
    assert "1 documents analysed" in capsys.readouterr().err


def test_archive_mode_in_one_process_refuses_a_url_output(capsys, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "The council met."}\n', encoding="utf-8")
    assert main(["analyze", str(source), "-o", "s3://desk/results.jsonl"]) == 2
    assert "only --dask writes to one" in capsys.readouterr().err
    assert not list(tmp_path.glob("s3*")) and not Path("s3:").exists()
