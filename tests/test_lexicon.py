"""The lexicon loader: validation with file:line, house lexicons, overlap resolution."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from rhetoric_lexicons import DIRECTORY
from service.api import create_app
from service.config import Settings
from service.lexicon import LexiconError, compile_lexicons, load_entries

GOOD = """
[[entry]]
id = "house.loaded.zorblat"
type = "name_calling"
phrase = "zorblat faction"
note = "A pejorative label for a group."
source = "editorial"
examples = ["The zorblat faction struck again."]
"""


def write(directory: Path, body: str, name: str = "x.toml",
          category: str = "loaded_language") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(f'[lexicon]\ncategory = "{category}"\n' + textwrap.dedent(body),
                    encoding="utf-8")
    return path


BAD = [
    ("missing note", GOOD.replace('note = "A pejorative label for a group."\n', ""),
     "missing keys ['note']"),
    ("unknown key", GOOD.replace('source = "editorial"', 'source = "editorial"\nweight = 2'),
     "unknown keys ['weight']"),
    ("wrong type", GOOD.replace('"name_calling"', '"sarcasm"'), "type 'sarcasm' is not one of"),
    ("no examples", GOOD.replace('examples = ["The zorblat faction struck again."]',
                                 "examples = []"),
     "examples must hold at least one"),
    ("two matchers", GOOD.replace('phrase = "zorblat faction"',
                                  'phrase = "zorblat faction"\nlemma = "zorblat"'),
     "give exactly one of"),
    ("pos without lemma", GOOD.replace('phrase = "zorblat faction"',
                                       'phrase = "zorblat faction"\npos = ["ADJ"]'),
     "pos goes with lemma"),
    ("bad pos", GOOD.replace('phrase = "zorblat faction"',
                             'lemma = "zorblat"\npos = ["ADJECTIVE"]'),
     "not Universal POS tags"),
    ("bad sense", GOOD.replace('phrase = "zorblat faction"',
                               'phrase = "zorblat faction"\nsense = "irony"'),
     "sense 'irony' is not one of"),
    ("bad id", GOOD.replace('"house.loaded.zorblat"',
                            '"Zorblat Faction"'), "must be dotted lower-case"),
    ("bad pattern", GOOD.replace('phrase = "zorblat faction"', 'pattern = [{NOT_AN_ATTR = "x"}]'),
     "invalid pattern"),
    # A word the tokenizer splits can never match as one token.
    ("hyphenated lemma", GOOD.replace('phrase = "zorblat faction"', 'lemma = "zorb-lat"'),
     "'zorb-lat' is 3 tokens to the tokenizer (zorb - lat)"),
    ("hyphenated value", GOOD.replace('phrase = "zorblat faction"',
                                      'pattern = [{LOWER = {IN = ["zorblat", "so-called"]}}]'),
     "'so-called' is 3 tokens"),
    ("abbreviation value", GOOD.replace('phrase = "zorblat faction"',
                                        'pattern = [{LOWER = "approx."}, {LIKE_NUM = true}]'),
     "'approx.' is 2 tokens"),
]


@pytest.mark.parametrize(("name", "body", "reason"), BAD, ids=[b[0] for b in BAD])
def test_bad_entries_fail_with_file_line_and_reason(nlp, tmp_path, name, body, reason):
    path = write(tmp_path / "house", "# a comment line\n" + body)
    with pytest.raises(LexiconError) as info:
        compile_lexicons(nlp, tmp_path / "house")
    message = str(info.value)
    assert message.startswith(f"{path}:5: "), message  # [[entry]] is on line 5
    assert reason in message


def test_a_clitic_value_is_one_token_after_a_word(nlp, tmp_path):
    # "'ve" alone splits, but "could've" and "I've" end in the token "'ve".
    write(tmp_path / "house", GOOD.replace(
        'phrase = "zorblat faction"',
        'pattern = [{LOWER = "zorblat"}, {LOWER = {IN = ["\'ve", "\u2019ve", "n\'t"]}}]'))
    assert compile_lexicons(nlp, tmp_path / "house").entries


def test_bad_header_and_toml_syntax(nlp, tmp_path):
    write(tmp_path / "a", GOOD, category="gossip")
    with pytest.raises(LexiconError, match=r"x\.toml:1: needs a \[lexicon\] table"):
        compile_lexicons(nlp, tmp_path / "a")
    bad = tmp_path / "b"
    bad.mkdir()
    (bad / "y.toml").write_text("[lexicon\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"y\.toml"):
        compile_lexicons(nlp, bad)


def test_duplicate_ids_across_built_in_and_house(nlp, tmp_path):
    entries, _ = load_entries(DIRECTORY)
    taken = entries[0].id
    write(tmp_path / "house", GOOD.replace("house.loaded.zorblat", taken))
    with pytest.raises(LexiconError, match="duplicate id"):
        compile_lexicons(nlp, DIRECTORY, tmp_path / "house")


def test_missing_directory(nlp, tmp_path):
    with pytest.raises(LexiconError, match="does not exist"):
        compile_lexicons(nlp, tmp_path / "nowhere")


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


def test_longest_match_wins_within_a_category(analyzer):
    doc = analyzer.nlp("Those who abandon the oppressive regime back home were promised safety.")
    loaded = analyzer.lexicons.find(doc)["loaded_language"]
    texts = [h.span.text for h in loaded]
    assert "oppressive regime" in texts
    assert "regime" not in texts


def test_modal_not_month(analyzer):
    doc = analyzer.nlp("In May, the treaty was signed. Troops may have joined.")
    hedges = [(h.span.text, h.entry.type) for h in analyzer.lexicons.find(doc)["hedge"]]
    modals = [text for text, kind in hedges if kind == "epistemic_modal"]
    assert any(text.startswith("may ") for text in modals), hedges
    assert not any(text.startswith("May") for text, _ in hedges), hedges


# How editors' copy separates two words: hard-wrapped lines, double spaces, CMS
# non-breaking and thin spaces, Windows line ends.
SEPARATORS = ["  ", "\n", "\r\n", "\t", "\u00a0", "\u2009"]


@pytest.mark.parametrize("space", SEPARATORS, ids=[repr(s) for s in SEPARATORS])
def test_multi_word_entries_match_across_any_white_space(analyzer, space):
    text = (f"According{space}to officials, Kim is winning, hands{space}down. "
            f"Some{space}experts say it is a power{space}grab.")
    analysis = analyzer.analyze(text)
    found = {f.text for f in (*analysis.loaded_language, *analysis.hedges,
                               *analysis.boosters, *analysis.attributions)}
    for words in ("According{s}to", "hands{s}down", "Some{s}experts say", "power{s}grab"):
        assert words.format(s=space) in found, found
    for f in (*analysis.loaded_language, *analysis.hedges, *analysis.boosters):
        assert text[f.start:f.end] == f.text


def test_a_paragraph_break_still_separates_words(analyzer):
    # "hands" ends one paragraph and "down" starts the next, with only a blank line
    # between them: no booster.
    text = "Kim had the upper hands\n\ndown the years."
    assert not analyzer.analyze(text).boosters
    assert analyzer.analyze(text.replace("\n\n", "\n")).boosters  # a wrapped line joins


def test_the_version_changes_with_the_json_tables_too(tmp_path):
    copy = tmp_path / "lexicons"
    shutil.copytree(DIRECTORY, copy)
    _, before = load_entries(copy)
    table = copy / "subjectivity.json"
    table.write_text(table.read_text(encoding="utf-8") + " ", encoding="utf-8")
    _, after = load_entries(copy)
    assert before.split("+")[0] == after.split("+")[0] and before != after
