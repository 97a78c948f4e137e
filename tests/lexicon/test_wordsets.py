"""Word sets: a list written once in a file's [words] table, named in its patterns."""

from __future__ import annotations

import pytest

from rhetoric_lexicons import DIRECTORY
from service.lexicon.errors import LexiconError
from service.lexicon.load import load_entries
from tests.lexicon.files import GOOD, write

SET = '''
[words]
# Words that name the faction.
factions = ["zorblat", "quux"]
'''
NAMED = GOOD.replace('phrase = "zorblat faction"',
                     'pattern = [{LOWER = {IN = "$factions"}}, {LOWER = "faction"}]')


def test_a_named_set_is_expanded_in_place(tmp_path):
    write(tmp_path / "house", SET + NAMED)
    (entry,), _ = load_entries(tmp_path / "house")
    assert entry.patterns == (({"LOWER": {"IN": ["zorblat", "quux"]}}, {"LOWER": "faction"}),)


def test_a_named_set_matches_as_if_written_out(nlp, tmp_path):
    from service.lexicon.compile import compile_lexicons

    write(tmp_path / "house", SET + NAMED)
    lexicons = compile_lexicons(nlp, tmp_path / "house")
    doc = nlp("The quux faction and the zorblat faction met.")
    assert [h.span.text for h in lexicons.raw_hits(doc)] == ["quux faction", "zorblat faction"]


# (case, file body, line of the error, reason). The header takes lines 1-2, so [words] is
# on line 4 and its first set on line 6; the [[entry]] after SET is on line 8.
BAD = [
    ("unknown set", SET + NAMED.replace("$factions", "$fractions"), 8,
     "LOWER IN names no word set '$fractions' of this file's [words] table (it has: "
     "['factions'])"),
    ("no [words] table", NAMED, 4, "names no word set '$factions'"),
    ("unused set", SET + GOOD, 6, "word set 'factions' is named by no pattern"),
    ("repeated word", SET.replace('"quux"]', '"quux", "zorblat"]') + NAMED, 6,
     "word set 'factions' repeats ['zorblat']"),
    ("empty set", SET.replace('["zorblat", "quux"]', "[]") + NAMED, 6,
     "word set 'factions' must be a non-empty list of words"),
    ("not a list", SET.replace('["zorblat", "quux"]', '"zorblat"') + NAMED, 6,
     "must be a non-empty list of words"),
    ("bad name", SET.replace("factions =", "Factions =") + NAMED.replace("$factions", "$Factions"),
     6, "word set name 'Factions' must be lower-case"),
    ("not a table", "[[words]]\nfactions = []\n" + NAMED, 3,
     "[words] must be a table of named word lists"),
]


@pytest.mark.parametrize(("case", "body", "line", "reason"), BAD, ids=[b[0] for b in BAD])
def test_bad_word_sets_fail_with_file_line_and_reason(tmp_path, case, body, line, reason):
    path = write(tmp_path / "house", body)
    with pytest.raises(LexiconError) as info:
        load_entries(tmp_path / "house")
    message = str(info.value)
    assert message.startswith(f"{path}:{line}: "), message
    assert reason in message


def test_the_built_in_vague_sources_write_each_list_once():
    text = (DIRECTORY / "hedges" / "vague_sources.toml").read_text(encoding="utf-8")
    assert text.count('"commentaries"') == 1  # the last of the crowds, once
    entries, _ = load_entries(DIRECTORY)
    some_experts = next(e for e in entries if e.id == "hedge.vague.some_experts")
    crowds = [spec["LOWER"]["IN"] for pattern in some_experts.patterns for spec in pattern
              if isinstance(spec.get("LOWER"), dict) and "commentaries" in spec["LOWER"]["IN"]]
    assert len(crowds) == 5 and len(crowds[0]) == 71
