"""The ``rhetoric`` command line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

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
