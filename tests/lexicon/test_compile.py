"""Compiling entries against the pipeline: spaCy's pattern check, one-token words, ids."""

from __future__ import annotations

import pytest

from rhetoric_lexicons import DIRECTORY
from service.lexicon.compile import compile_lexicons
from service.lexicon.errors import LexiconError
from service.lexicon.load import load_entries
from tests.lexicon.files import GOOD, write

BAD = [
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


def test_duplicate_ids_across_built_in_and_house(nlp, tmp_path):
    entries, _ = load_entries(DIRECTORY)
    taken = entries[0].id
    write(tmp_path / "house", GOOD.replace("house.loaded.zorblat", taken))
    with pytest.raises(LexiconError, match="duplicate id"):
        compile_lexicons(nlp, DIRECTORY, tmp_path / "house")

