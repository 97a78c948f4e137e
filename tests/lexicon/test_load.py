"""Loading lexicon files: headers and TOML syntax, house lexicons, the version."""

from __future__ import annotations

import shutil

import pytest

from rhetoric_lexicons import DIRECTORY
from service.api import create_app
from service.config import Settings
from service.lexicon.errors import LexiconError
from service.lexicon.load import load_entries
from tests.lexicon.files import GOOD, write


def test_bad_header_and_toml_syntax(tmp_path):
    write(tmp_path / "a", GOOD, category="gossip")
    with pytest.raises(LexiconError, match=r"x\.toml:1: needs a \[lexicon\] table"):
        load_entries(tmp_path / "a")
    bad = tmp_path / "b"
    bad.mkdir()
    (bad / "y.toml").write_text("[lexicon\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"y\.toml"):
        load_entries(bad)


def test_unknown_top_level_table(tmp_path):
    write(tmp_path / "a", "[weights]\nx = 1\n" + GOOD)
    with pytest.raises(LexiconError, match=r"x\.toml:1: unknown top-level keys \['weights'\]"):
        load_entries(tmp_path / "a")


def test_missing_directory_and_empty_directory(tmp_path):
    with pytest.raises(LexiconError, match="does not exist"):
        load_entries(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(LexiconError, match=r"no lexicon files \(\*\.toml\) found"):
        load_entries(tmp_path / "empty")


def test_house_lexicon_is_merged_and_versioned(analyzer, tmp_path):
    house = tmp_path / "house"
    write(house, GOOD)
    (house / "lexicons.toml").write_text('version = "7.1"\n', encoding="utf-8")
    settings = Settings(house_lexicon_dir=house)
    app = create_app(settings)
    body = app.test_client().post(
        "/v1/analyze", json={"text": "Officials said the zorblat faction gathered."}).get_json()
    assert body["meta"]["house_lexicon_version"].startswith("7.1+")
    found = {(f["text"], f["entry_id"]) for f in body["loaded_language"]}
    assert ("zorblat faction", "house.loaded.zorblat") in found


def test_the_version_changes_with_the_json_tables_too(tmp_path):
    copy = tmp_path / "lexicons"
    shutil.copytree(DIRECTORY, copy)
    _, before = load_entries(copy)
    table = copy / "subjectivity.json"
    table.write_text(table.read_text(encoding="utf-8") + " ", encoding="utf-8")
    _, after = load_entries(copy)
    assert before.split("+")[0] == after.split("+")[0] and before != after
