"""An entry's schema: each malformed entry is refused with its file:line and the reason."""

from __future__ import annotations

import pytest

from service.lexicon.errors import LexiconError
from service.lexicon.load import load_entries
from tests.lexicon.files import GOOD, write

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
    ("pattern not a list", GOOD.replace('phrase = "zorblat faction"', 'pattern = "zorblat"'),
     "pattern must be a list of token tables"),
]


@pytest.mark.parametrize(("name", "body", "reason"), BAD, ids=[b[0] for b in BAD])
def test_bad_entries_fail_with_file_line_and_reason(tmp_path, name, body, reason):
    path = write(tmp_path / "house", "# a comment line\n" + body)
    with pytest.raises(LexiconError) as info:
        load_entries(tmp_path / "house")
    message = str(info.value)
    assert message.startswith(f"{path}:5: "), message  # [[entry]] is on line 5
    assert reason in message


def test_a_good_entry_keeps_its_provenance(tmp_path):
    path = write(tmp_path / "house", GOOD)
    (entry,), _ = load_entries(tmp_path / "house")
    assert (entry.id, entry.category, entry.type) == (
        "house.loaded.zorblat", "loaded_language", "name_calling")
    assert entry.where == f"{path}:4"
    assert entry.phrases == ("zorblat faction",)
    assert entry.examples == ("The zorblat faction struck again.",)


ALTERNATIVE = ('alternatives = [{ words = ["zorblat faction"], use = ["group"], '
               'guide = "AP Stylebook" }]')
BAD_ALTERNATIVES = [
    ("no guide", 'alternatives = [{ use = ["group"] }]', "alternatives.guide must name"),
    ("no wording", 'alternatives = [{ use = [], guide = "AP Stylebook" }]',
     "alternatives.use must hold at least one"),
    ("a word the entry does not match",
     'alternatives = [{ words = ["zorblats"], use = ["group"], guide = "AP Stylebook" }]',
     "alternatives.words ['zorblats'] are not words this entry matches"),
    ("unknown key", 'alternatives = [{ use = ["group"], guide = "AP", weight = 1 }]',
     "alternatives: unknown keys ['weight']"),
    ("not a list", 'alternatives = "group"', "alternatives must be a non-empty list"),
]


@pytest.mark.parametrize(("name", "line", "reason"), BAD_ALTERNATIVES,
                         ids=[b[0] for b in BAD_ALTERNATIVES])
def test_bad_alternatives_fail_with_file_line_and_reason(tmp_path, name, line, reason):
    path = write(tmp_path / "house", "# a comment line\n" + GOOD + line + "\n")
    with pytest.raises(LexiconError) as info:
        load_entries(tmp_path / "house")
    assert str(info.value).startswith(f"{path}:5: ")
    assert reason in str(info.value)


def test_alternatives_belong_to_loaded_language_only(tmp_path):
    body = GOOD.replace('"name_calling"', '"certainty"') + ALTERNATIVE + "\n"
    write(tmp_path / "house", body, category="booster")
    with pytest.raises(LexiconError, match="alternatives go with"):
        load_entries(tmp_path / "house")


def test_an_alternative_fits_the_words_it_is_for(tmp_path):
    body = GOOD.replace('phrase = "zorblat faction"', 'lemma = ["zorblat", "quux"]') + (
        'alternatives = [{ words = ["zorblat"], use = ["group", "party"], guide = "AP" },'
        ' { use = ["faction"], guide = "BBC" }]\n')
    write(tmp_path / "house", body)
    (entry,), _ = load_entries(tmp_path / "house")
    assert [(a.use, a.guide) for a in entry.alternatives_for(["zorblat"], "Zorblats")] == [
        (("group", "party"), "AP"), (("faction",), "BBC")]
    assert [a.guide for a in entry.alternatives_for(["quux"], "quux")] == ["BBC"]
