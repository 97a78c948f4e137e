"""Every opinion cue has an editor's description, kept as data and returned with each reason.

A cue the model can weigh without a description fails here, naming it: adding a cue (a
sentence encoder's score, say) means adding one entry to
``rhetoric_lexicons/cue_descriptions.json``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from rhetoric_lexicons import DIRECTORY
from service.analysis.context import CONTEXT_CUE
from service.analysis.pipeline import OPINION_MODEL_FILE
from service.categories import CATEGORIES
from service.cue_descriptions import FILE, describe_cue, descriptions
from service.render import analysis_to_dict
from tests.conftest import SEED_000, SEED_001

ROOT = Path(__file__).resolve().parent.parent
FEATURES = json.loads((DIRECTORY / OPINION_MODEL_FILE).read_text(encoding="utf-8"))["features"]


def emitted_cue_names() -> set[str]:
    """Every cue name service/analysis/cues.py writes as a literal, besides the categories'."""
    source = (ROOT / "service" / "analysis" / "cues.py").read_text(encoding="utf-8")
    names = set(re.findall(r'_(?:tok|span)_cue\(\s*"([a-z_]+)"', source))
    names |= set(re.findall(r'return "([a-z_]+)"', source))
    return names | {c.cue for c in CATEGORIES} | {CONTEXT_CUE}


def test_every_feature_of_the_opinion_model_has_a_description():
    missing = sorted(set(FEATURES) - set(descriptions()))
    assert not missing, f"{FILE} has no description for the model's cues {missing}"


def test_every_cue_the_analysis_names_has_a_description():
    names = emitted_cue_names()
    assert {"copular_judgement", "fragment", "length", "person", "loaded_term"} <= names
    missing = sorted(names - set(descriptions()))
    assert not missing, f"{FILE} has no description for {missing}"


def test_descriptions_are_words_with_the_technical_name_in_brackets():
    for cue, text in descriptions().items():
        assert text[0].islower() or text[0] in "“", (cue, text)
        assert re.fullmatch(r".+ \([a-z][a-zA-Z :,-]+\)", text), (cue, text)
        assert "_" not in text, (cue, text)


def test_the_lookup_reads_the_data_so_a_new_cue_is_one_entry(tmp_path):
    data = json.loads((DIRECTORY / FILE).read_text(encoding="utf-8"))
    data["cues"]["a_new_cue"] = "sees something new (new cue)"
    path = tmp_path / FILE
    path.write_text(json.dumps(data), encoding="utf-8")
    assert descriptions(path)["a_new_cue"] == "sees something new (new cue)"
    assert describe_cue("encoder").startswith("how the whole sentence reads to a model")
    assert describe_cue("no_such_cue") == "no such cue"  # never raises; the tests above catch it


def test_each_reason_of_an_analysis_carries_its_description(analyzer):
    seen = set()
    for seed in (SEED_000, SEED_001):
        document = analysis_to_dict(analyzer.analyze(seed.read_text(encoding="utf-8")))
        for sentence in document["sentences"]:
            for reason in sentence["reasons"]:
                assert reason["description"] == descriptions()[reason["cue"]]
                seen.add(reason["cue"])
    assert len(seen) >= 10
