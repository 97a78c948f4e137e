"""The table of categories agrees with the contract, the lexicon files, the model and the page.

A new category must be added everywhere it shows: each test names the place that is
missing it.
"""

from __future__ import annotations

import ast
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from rhetoric_lexicons import DIRECTORY
from service import categories
from service import lexicon as lexicon_module
from service.analysis import model
from service.analysis.pipeline import OPINION_MODEL_FILE
from service.categories import BY_NAME, CATEGORIES, FINDING_CATEGORIES, Category

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = yaml.safe_load((ROOT / "service" / "openapi.yaml").read_text(encoding="utf-8"))[
    "components"]["schemas"]
KINDS_JS = ROOT / "service" / "static" / "js" / "kinds.js"
#: Kinds of mark on the page that are no lexicon category: sources and quotations are
#: read off the parse, not matched by a lexicon; approximate figures are the hedges
#: category's approximators, shown apart ("about 400 acres" states a range).
OTHER_PAGE_KINDS = frozenset({"source", "quote", "approx"})


def _items(output_key: str) -> dict[str, Any]:
    """Return the schema of one item of a response list."""
    ref = SCHEMAS["AnalyzeResponse"]["properties"][output_key]["items"]["$ref"]
    schema: dict[str, Any] = SCHEMAS[ref.rsplit("/", 1)[-1]]
    return schema


def page_kinds() -> list[str]:
    """Return the keys of ``KINDS`` in kinds.js, read as text."""
    source = KINDS_JS.read_text(encoding="utf-8")
    block = re.search(r"export const KINDS = \[(.*?)\n\];", source, re.S)
    assert block, f"{KINDS_JS}: no KINDS array"
    return re.findall(r'\{\s*key:\s*"([^"]+)"', block.group(1))


def test_every_name_is_unique_within_its_column() -> None:
    for column in ("name", "folder", "output_key", "cue", "page_kind"):
        values = [getattr(c, column) for c in CATEGORIES]
        assert len(values) == len(set(values)), column
    assert set(BY_NAME) == {c.name for c in CATEGORIES}
    assert set(FINDING_CATEGORIES) <= set(CATEGORIES)


@pytest.mark.parametrize("category", CATEGORIES, ids=lambda c: c.name)
def test_the_contract_lists_the_category(category: Category) -> None:
    response = SCHEMAS["AnalyzeResponse"]
    assert category.output_key in response["required"], "AnalyzeResponse.required"
    item = _items(category.output_key)
    assert category.type_key in item["required"], f"{category.output_key}[].{category.type_key}"
    assert "enum" in item["properties"][category.type_key]
    assert "entry_id" in item["required"], "a category's findings name their lexicon entry"


@pytest.mark.parametrize("category", CATEGORIES, ids=lambda c: c.name)
def test_the_contract_types_are_the_lexicon_types(category: Category) -> None:
    listed = set(_items(category.output_key)["properties"][category.type_key]["enum"])
    types = set(lexicon_module.CATEGORIES[category.name])
    if category in FINDING_CATEGORIES:
        assert listed == types
    else:  # source entries of attribution find speakers, not reporting cues
        assert listed <= types


def test_every_list_of_lexicon_findings_in_the_contract_is_a_category() -> None:
    lists = {key for key, spec in SCHEMAS["AnalyzeResponse"]["properties"].items()
             if spec.get("type") == "array" and "entry_id" in _items(key)["properties"]}
    assert lists == {c.output_key for c in CATEGORIES}


def test_summary_rates_are_the_categories_rates() -> None:
    rates = {key for key in SCHEMAS["Summary"]["properties"] if key.endswith("_per_1000_words")}
    assert rates == {c.summary_key for c in CATEGORIES if c.summary_key is not None}
    assert rates <= set(SCHEMAS["Summary"]["required"])
    assert {c.summary_key for c in FINDING_CATEGORIES} == rates  # every finding has a rate


def test_the_result_types_hold_each_category() -> None:
    analysis = set(model.Analysis.__dataclass_fields__)
    summary = set(model.Summary.__dataclass_fields__)
    for category in CATEGORIES:
        assert category.output_key in analysis, f"Analysis.{category.output_key}"
        if category.summary_key is not None:
            assert category.summary_key in summary, f"Summary.{category.summary_key}"


def test_the_lexicon_knows_every_category() -> None:
    assert set(lexicon_module.CATEGORIES) == set(BY_NAME)


def test_each_folder_holds_its_category_and_nothing_else() -> None:
    folders: dict[str, set[str]] = {}
    for path in sorted(DIRECTORY.rglob("*.toml")):
        if path.name == "lexicons.toml":
            continue
        header = tomllib.loads(path.read_text(encoding="utf-8"))["lexicon"]
        folders.setdefault(path.parent.name, set()).add(header["category"])
    assert folders == {c.folder: {c.name} for c in CATEGORIES}


def test_every_cue_is_a_feature_of_the_opinion_model() -> None:
    features = json.loads((DIRECTORY / OPINION_MODEL_FILE).read_text(encoding="utf-8"))[
        "features"]
    missing = [c.cue for c in CATEGORIES if c.cue not in features]
    assert not missing, f"{OPINION_MODEL_FILE} has no weight for {missing}"


def test_the_page_marks_every_category_and_nothing_unknown() -> None:
    kinds = page_kinds()
    assert kinds, KINDS_JS
    ours = {c.page_kind for c in CATEGORIES}
    assert ours <= set(kinds), f"kinds.js lacks {sorted(ours - set(kinds))}"
    assert set(kinds) - ours == OTHER_PAGE_KINDS, "a kind of kinds.js is in no category"


def test_the_table_imports_nothing_from_service() -> None:
    tree = ast.parse(Path(categories.__file__).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom)}
    assert not [name for name in imported if name.split(".")[0] == "service"]


def test_roles_and_voices_agree_between_the_model_the_contract_and_the_page():
    """A new layout role or voice must reach the contract and the page's labels."""
    from service.analysis.model import ROLES, VOICES

    sentence = SCHEMAS["Sentence"]["properties"]
    assert tuple(sentence["role"]["enum"]) == ROLES
    assert tuple(sentence["voice"]["enum"]) == VOICES
    assert tuple(SCHEMAS["Summary"]["properties"]["voices"]["required"]) == VOICES
    page = (ROOT / "service" / "static" / "js" / "voice.js").read_text(encoding="utf-8")
    block = re.search(r"ROLE_LABELS = \{(.*?)\};", page, re.S)
    assert block is not None
    assert set(re.findall(r"(\w+):", block.group(1))) == set(ROLES)
    voices = re.search(r"VOICE_LABELS = \{(.*?)\};", page, re.S)
    assert voices is not None
    assert set(re.findall(r"(\w+):", voices.group(1))) == set(VOICES)
