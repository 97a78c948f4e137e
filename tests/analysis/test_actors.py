"""The actors table (actors.json): a country's names, demonyms and capital are one actor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rhetoric_lexicons import DIRECTORY
from service.analysis.actors import ActorTable
from service.analysis.model import Analysis, EntityFraming

ACTORS = DIRECTORY / "actors.json"
#: The G20's member countries (the EU and the African Union are members but no country).
G20 = ["Argentina", "Australia", "Brazil", "Canada", "China", "France", "Germany", "India",
       "Indonesia", "Italy", "Japan", "Mexico", "Russia", "Saudi Arabia", "South Africa",
       "South Korea", "Turkey", "United Kingdom", "United States"]


def _rows(analysis: Analysis) -> dict[str, EntityFraming]:
    return {e.name: e for e in analysis.entities}


def _row_of(analysis: Analysis, mention: str) -> EntityFraming:
    """Return the one row holding a mention whose text is ``mention``."""
    rows = [e for e in analysis.entities if mention in {m.text for m in e.mentions}]
    assert len(rows) == 1, f"{mention!r} is in {[e.name for e in rows]}"
    return rows[0]


@pytest.mark.parametrize(("seed", "name", "members"), [
    ("seed_000", "North Korea", ["North Korea", "North Korean", "North Korea’s"]),
    ("seed_000", "Russia", ["Russia", "Russian"]),
    ("seed_000", "Ukraine", ["Ukraine", "Ukrainians"]),
    ("seed_001", "North Korea", ["North Korea", "North Korean", "DPRK"]),
    ("seed_001", "United States", ["the United States", "U.S."]),
    ("seed_001", "Russia", ["Russia", "Russian"]),
    ("seed_001", "Ukraine", ["Ukraine", "Ukrainian"]),
])
def test_seed_actor_forms_are_one_row(analyzer, request, seed, name, members):
    analysis = analyzer.analyze(request.getfixturevalue(seed))
    row = _rows(analysis)[name]
    assert row.label == "GPE"
    for text in members:
        assert _row_of(analysis, text) is row, text


def test_seed_000_pyongyang_government_is_north_korea(analyzer, seed_000):
    # "it is likely the Pyongyang government will appropriate those earnings"
    analysis = analyzer.analyze(seed_000)
    assert _row_of(analysis, "Pyongyang").name == "North Korea"
    assert "Pyongyang" not in _rows(analysis)


def test_seed_001_dprk_is_no_organisation(analyzer, seed_001):
    analysis = analyzer.analyze(seed_001)
    assert "DPRK" not in _rows(analysis)
    assert _row_of(analysis, "KPA").name == "KPA"  # the army is not the country


@pytest.mark.parametrize(("text", "name", "members"), [
    ("Iranian drones struck the port on Sunday, and Iran denied any role in the attack.",
     "Iran", ["Iranian", "Iran"]),
    ("Israeli troops entered the town on Monday, and Israel said the operation would last "
     "weeks.", "Israel", ["Israeli", "Israel"]),
    ("Chinese coast guard ships blocked the resupply mission, and China said the Philippines "
     "had provoked it.", "China", ["Chinese", "China"]),
    ("Nigerian soldiers freed 40 hostages, the Nigerian army said, adding that Nigeria would "
     "press on.", "Nigeria", ["Nigerian", "Nigeria"]),
    ("The United Arab Emirates will host the talks, the UAE foreign ministry said, and "
     "Emirati officials arrived on Monday.",
     "United Arab Emirates", ["The United Arab Emirates", "UAE", "Emirati"]),
    ("The U.K. will send more aid, Britain's foreign minister said, and British troops will "
     "stay; the United Kingdom has given $3 billion.",
     "Britain", ["U.K.", "Britain", "British", "the United Kingdom"]),
    ("Saudi officials met Saudi Arabia's king.", "Saudi Arabia", ["Saudi", "Saudi Arabia's"]),
    ("Turkish envoys met Türkiye's minister and Turkey's president.",
     "Türkiye", ["Turkish", "Türkiye", "Turkey"]),
    ("America has long backed Taiwan, and the United States sold it jets; America will not "
     "stop, Taiwanese officials said.", "America", ["America", "the United States"]),
])
def test_names_abbreviations_and_demonyms_of_a_country_are_one_row(analyzer, text, name,
                                                                  members):
    analysis = analyzer.analyze(text)
    row = _rows(analysis)[name]
    assert row.label == "GPE"
    for member in members:
        assert _row_of(analysis, member) is row, member


@pytest.mark.parametrize(("text", "mention", "name"), [
    # A full name is shown over an abbreviation even when it is rarer.
    ("The U.S. embassy said U.S. citizens should leave, and the United States would help "
     "them.", "U.S.", "United States"),
    # Among full names, the most frequent ("America" twice, "the United States" once).
    ("America has long backed Taiwan, and the United States sold it jets; America will not "
     "stop.", "the United States", "America"),
    # An abbreviation over a demonym.
    ("American officials said the U.S. would not send troops.", "American", "U.S."),
])
def test_a_merged_row_shows_its_most_frequent_full_name(analyzer, text, mention, name):
    assert _row_of(analyzer.analyze(text), mention).name == name


def test_demonyms_alone_are_one_row_and_keep_their_label(analyzer):
    analysis = analyzer.analyze(
        "Russian troops advanced, and Russians fled the border town, Russian media said.")
    row = _row_of(analysis, "Russians")
    assert (row.name, row.label) == ("Russian", "NORP")
    assert _row_of(analysis, "Russian") is row


def test_an_abbreviation_read_as_an_organisation_is_a_country(analyzer):
    analysis = analyzer.analyze("The DPRK fired a ballistic missile on Monday, the South "
                                "Korean military said.")
    assert _row_of(analysis, "DPRK").label == "GPE"


def test_a_loaded_term_on_a_demonym_goes_to_the_country(analyzer):
    analysis = analyzer.analyze(
        "The brutal North Korean regime sent troops, and North Korea denied it.")
    assert _rows(analysis)["North Korea"].loaded_terms == ("brutal",)


@pytest.mark.parametrize(("text", "capital", "country"), [
    ("Moscow denied the claims on Tuesday. Russia has denied such reports before.",
     "Moscow", "Russia"),
    ("Beijing said it would retaliate, and China's foreign ministry warned Manila.",
     "Beijing", "China"),
    ("Sanctions imposed by Washington hit the banks, and the United States would go "
     "further.", "Washington", "United States"),
])
def test_a_capital_acting_as_its_government_joins_the_country(analyzer, text, capital,
                                                               country):
    assert _row_of(analyzer.analyze(text), capital).name == country


@pytest.mark.parametrize(("text", "capital"), [
    # A place, not a government: a preposition's object, or the owner of a mayor.
    ("Talks continued in Moscow on Tuesday, and Russia said nothing more.", "Moscow"),
    ("Moscow's mayor said Russia would rebuild the bridge.", "Moscow"),
    # The country is not named otherwise: the capital keeps its own row.
    ("Moscow denied the claims on Tuesday.", "Moscow"),
])
def test_a_capital_as_a_place_keeps_its_own_row(analyzer, text, capital):
    assert _row_of(analyzer.analyze(text), capital).name == capital


def test_a_capital_splits_between_government_and_place(analyzer):
    analysis = analyzer.analyze(
        "Moscow denied the claims, while talks continued in Moscow. Russia said nothing more.")
    rows = _rows(analysis)
    assert [m.text for m in rows["Russia"].mentions] == ["Moscow", "Russia"]
    assert [m.start for m in rows["Moscow"].mentions] == [analysis.text.rindex("Moscow")]


@pytest.mark.parametrize(("text", "apart", "country"), [
    # A longer name containing a form is another actor.
    ("Mexican officials said Mexico would send water to New Mexico, where New Mexico "
     "officials welcomed it.", "New Mexico", "Mexico"),
    ("Latin American leaders met U.S. officials, and American diplomats said.",
     "Latin American", "U.S."),
])
def test_other_names_are_not_merged(analyzer, text, apart, country):
    analysis = analyzer.analyze(text)
    assert _row_of(analysis, apart).name == apart
    assert apart not in {m.text for m in _rows(analysis)[country].mentions}


def test_korean_alone_joins_neither_korea(analyzer):
    # "Korean" alone is either Korea, the peninsula or the language: it is in no entry.
    analysis = analyzer.analyze(
        "Korean families remain divided between North Korea and South Korea, and North Korean "
        "and South Korean officials met.")
    rows = _rows(analysis)
    assert _row_of(analysis, "North Korean") is rows["North Korea"]
    assert _row_of(analysis, "South Korean") is rows["South Korea"]
    assert rows["Korean"].label == "NORP"


def test_an_organisation_named_for_a_country_keeps_its_row_and_label(analyzer):
    analysis = analyzer.analyze("The Russian Orthodox Church blessed the troops, and Russian "
                                "officials praised Russia's clergy.")
    church = _row_of(analysis, "The Russian Orthodox Church")
    assert (church.name, church.label) == ("Russian Orthodox Church", "ORG")
    assert _row_of(analysis, "Russian") is _rows(analysis)["Russia"]


def test_a_person_named_like_a_country_is_not_merged(analyzer):
    analysis = analyzer.analyze("Michael Jordan visited Amman, where Jordanian fans cheered. "
                                "Jordan signed autographs.")
    assert _row_of(analysis, "Jordan").name == "Michael Jordan"
    assert _row_of(analysis, "Jordanian").name == "Jordanian"


# The data file.

@pytest.fixture(scope="module")
def data() -> dict:
    return json.loads(ACTORS.read_text(encoding="utf-8"))


def test_every_entry_is_documented(data):
    assert data["description"] and data["version"]
    metonymy = data["capital_metonymy"]
    assert metonymy["note"] and metonymy["source"] and metonymy["government_nouns"]
    for spec in data["actors"]:
        assert set(spec) == {"name", "aliases", "abbreviations", "demonyms", "capitals",
                             "note", "source"}, spec
        assert spec["name"] and spec["note"] and spec["source"], spec["name"]
        forms = [*spec["aliases"], *spec["abbreviations"], *spec["demonyms"],
                 *spec["capitals"]]
        assert all(isinstance(f, str) and f.strip() for f in forms), spec["name"]


def test_the_file_covers_the_countries_in_the_news(data):
    names = {spec["name"] for spec in data["actors"]}
    assert len(names) >= 60
    assert set(G20) <= names
    assert {"Ukraine", "North Korea", "Iran", "Israel", "Palestine", "Syria", "Sudan"} <= names


def test_every_form_belongs_to_exactly_one_country(data):
    table = ActorTable.load(ACTORS)
    fields = {"aliases": "name", "abbreviations": "abbreviation", "demonyms": "demonym",
              "capitals": "capital"}
    for spec in data["actors"]:
        assert table.form(spec["name"]) == (spec["name"], "name")
        for field, kind in fields.items():
            for form in spec[field]:
                assert table.form(form) == (spec["name"], kind), form


@pytest.mark.parametrize("form", ["Korea", "Korean", "Koreans", "Congo", "Congolese",
                                  "New Mexico", "Kremlin", "Jerusalem", "Brussels"])
def test_ambiguous_forms_are_in_no_entry(form):
    assert ActorTable.load(ACTORS).form(form) is None


def test_matching_ignores_case_accents_full_stops_and_hyphens():
    table = ActorTable.load(ACTORS)
    assert table.form("US") == table.form("u.s.") == ("United States", "abbreviation")
    assert table.form("Turkiye") == ("Turkey", "name")
    assert table.form("Port au Prince") == ("Haiti", "capital")


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "actors.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_form_in_two_countries_is_refused_with_its_line(tmp_path, data):
    north, south = (dict(s) for s in data["actors"] if s["name"] in {"North Korea",
                                                                     "South Korea"})
    north["demonyms"] = [*north["demonyms"], "Korean"]
    south["demonyms"] = [*south["demonyms"], "korean"]
    path = _write(tmp_path, {**data, "actors": [north, south]})
    line = path.read_text(encoding="utf-8").splitlines().index('      "name": "South Korea",')
    with pytest.raises(ValueError, match=rf"actors.json:{line + 1}: 'korean' is already a "
                                         r"form of North Korea"):
        ActorTable.load(path)


@pytest.mark.parametrize(("change", "reason"), [
    ({"source": None}, "missing"),
    ({"note": ""}, "note must be a non-empty string"),
    ({"colour": "red"}, "unknown keys"),
    ({"aliases": ["the Ukraine"]}, "leading 'the'"),
    ({"demonyms": "Ukrainian"}, "must be a list"),
])
def test_a_bad_entry_is_refused(tmp_path, data, change, reason):
    spec = {**next(s for s in data["actors"] if s["name"] == "Ukraine"), **change}
    spec = {k: v for k, v in spec.items() if v is not None}
    with pytest.raises(ValueError, match=reason):
        ActorTable.load(_write(tmp_path, {**data, "actors": [spec]}))


@pytest.mark.parametrize("content", [None, '{"actors": [', b"\xff\xfe"])
def test_an_unreadable_file_is_refused_naming_it(tmp_path, content):
    path = tmp_path / "actors.json"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(ValueError, match=r"actors\.json: "):
        ActorTable.load(path)
