"""Article-level summary: the genre model on opinion columns and wire-style reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.analysis.summary import GENRE_FEATURES, GenreModel, genre_features
from service.config import Settings

# Wire-style reports written for these tests: dateline, attribution, figures, no comment.
WIRE = [
    """BRUSSELS, March 4 (Reuters) - European Union finance ministers agreed on Tuesday to \
extend a freeze on fuel duties until the end of the year, the bloc's rotating presidency said \
in a statement.
The measure, first introduced in 2022, will cost member states an estimated 12 billion euros \
in lost revenue, according to figures published by the European Commission.
Ministers from 24 of the 27 member states voted in favour, while Hungary, Poland and Slovakia \
abstained, two diplomats familiar with the talks told Reuters.
"This decision gives households and businesses the certainty they need for the coming \
months," Belgian Finance Minister Vincent Van Peteghem told reporters after the meeting.
The Commission had proposed in January that the freeze end in June. A spokesperson for the \
Commission declined to comment on the outcome.
Fuel prices in the euro zone rose 3.1% in February from a year earlier, Eurostat data showed \
last week.
""",
    """Firefighters contained a brush fire that burned about 400 acres near the town of \
Redding, California, on Sunday, officials said.
The fire started shortly after 2 p.m. near a highway rest area and spread quickly in dry, \
windy conditions, according to the California Department of Forestry and Fire Protection.
About 150 residents were ordered to evacuate, and two homes and a barn were destroyed, the \
department said in an update on Monday morning.
No injuries were reported. The cause of the fire is under investigation.
Evacuation orders were lifted at 6 a.m. on Monday, Shasta County Sheriff Michael Johnson said \
at a news conference.
Last year, wildfires in the state burned more than 1.2 million acres, according to state \
figures.
""",
    """The city council voted 7-2 on Wednesday to approve a $45 million budget for road \
repairs over the next three years.
Under the plan, the city will resurface 120 miles of streets and replace 30 traffic signals, \
Public Works Director Ana Ruiz said.
Council members Tom Harris and Lisa Chen voted against the measure, saying the money should \
come from the state's transportation fund.
The budget takes effect on July 1. Work on the first 40 miles is scheduled to begin in \
August, according to the city's website.
Mayor David Park said in a statement that the vote was "a long overdue investment" in the \
city's infrastructure.
""",
]


def _model(tmp_path: Path, **changes) -> Path:
    data = {"intercept": 0.0, "opinion_at": 0.55, "reporting_below": 0.45,
            "said_cues": ["said", "according to"],
            "opinion_prior": {"news_report": 0.12, "opinion_piece": 0.66, "fitted": 0.5},
            "features": {name: {"weight": 0.0, "center": 0.0, "scale": 1.0}
                         for name in GENRE_FEATURES}}
    data.update(changes)
    path = tmp_path / "genre_model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(("probability", "expected"), [
    (0.0, "reporting"), (0.4499, "reporting"), (0.45, "mixed"), (0.5499, "mixed"),
    (0.55, "opinion"), (1.0, "opinion")])
def test_genre_thresholds(tmp_path, probability, expected):
    assert GenreModel.load(_model(tmp_path)).genre(probability) == expected


def test_genre_probability_is_the_logistic_of_the_standardised_features(tmp_path):
    features = {name: {"weight": 0.0, "center": 0.0, "scale": 1.0} for name in GENRE_FEATURES}
    features["writer_opinion"] = {"weight": 2.0, "center": 0.25, "scale": 0.5}
    model = GenreModel.load(_model(tmp_path, intercept=-1.0, features=features))
    values = dict.fromkeys(GENRE_FEATURES, 0.0) | {"writer_opinion": 0.5}
    assert model.probability(values) == pytest.approx(0.5)  # -1 + 2 * (0.5 - 0.25) / 0.5 = 0


def test_a_genre_model_missing_a_feature_is_refused(tmp_path):
    path = _model(tmp_path)
    data = json.loads(path.read_text())
    del data["features"]["loaded"]
    path.write_text(json.dumps(data))
    with pytest.raises(ValueError, match="missing"):
        GenreModel.load(path)


def test_a_genre_model_without_said_cues_is_refused(tmp_path):
    path = _model(tmp_path)
    data = json.loads(path.read_text())
    del data["said_cues"]
    path.write_text(json.dumps(data))
    with pytest.raises(ValueError, match="said_cues"):
        GenreModel.load(path)


def test_the_shipped_genre_model_records_what_it_was_fitted_on():
    data = json.loads((Settings.from_env().lexicon_dir / "genre_model.json").read_text())
    assert "AllSides" in data["fitted_on"] and data["rows"]["opinion"] > 0
    assert 0 < data["cross_validated"]["auc"] <= 1
    GenreModel.load(Settings.from_env().lexicon_dir / "genre_model.json")


@pytest.mark.parametrize("seed", ["seed_000", "seed_001"])
def test_opinion_columns_come_out_opinion(analyzer, seed, request):
    summary = analyzer.analyze(request.getfixturevalue(seed)).summary
    assert summary.genre == "opinion", summary.opinion_share


@pytest.mark.parametrize("text", WIRE)
def test_wire_reports_come_out_reporting(analyzer, text):
    analysis = analyzer.analyze(text)
    assert analysis.summary.genre == "reporting", [
        (s.text, s.opinion_score) for s in analysis.sentences if s.label == "opinion"]


def test_opinion_share_counts_the_writers_body_sentences(analyzer, seed_001):
    analysis = analyzer.analyze(seed_001)
    body = [s for s in analysis.sentences if s.role == "body"]
    mine = [s for s in body if s.voice == "writer" and s.label == "opinion"]
    assert analysis.summary.opinion_share == pytest.approx(len(mine) / len(body), abs=1e-4)
    assert sum(analysis.summary.voices.values()) == len(body)


@pytest.mark.parametrize("text", [WIRE[0], "seed_000", "seed_001"])
def test_genre_follows_the_genre_model(analyzer, text, request):
    if text.startswith("seed_"):
        text = request.getfixturevalue(text)
    a = analyzer.analyze(text)
    values = genre_features(a.text, a.sentences, a.attributions, a.loaded_language,
                            a.summary.words, analyzer.genre.said_cues)
    probability = analyzer.genre.probability(values)
    assert a.summary.genre_score == pytest.approx(probability, abs=1e-4)
    assert a.summary.genre == analyzer.genre.genre(probability)


def test_a_quoted_opinion_is_not_the_writers(analyzer):
    text = ('"This is a disgraceful, shameful betrayal of every family in this city," '
            "the mayor said on Monday.")
    sentence = analyzer.analyze(text).sentences[0]
    assert sentence.voice == "quoted"
    assert analyzer.analyze(text).summary.opinion_share == 0.0


@pytest.mark.parametrize("text", ["...", "\U0001F600", "?!"])
def test_a_text_with_no_word_is_mixed(analyzer, text):
    summary = analyzer.analyze(text).summary
    assert summary.words == 0
    assert summary.genre == "mixed"


def test_a_dateline_is_part_of_the_wire_reports_first_sentence(analyzer):
    text = ("WASHINGTON (Reuters) - The Senate passed the bill on Tuesday by a vote of 62 to "
            "38, officials said.")
    analysis = analyzer.analyze(text)
    assert [s.text for s in analysis.sentences] == [text]
    assert analysis.summary.genre == "reporting"


def _features(analyzer, text: str) -> dict[str, float]:
    a = analyzer.analyze(text)
    return genre_features(a.text, a.sentences, a.attributions, a.loaded_language,
                          a.summary.words, analyzer.genre.said_cues)


def test_a_dateline_and_a_wire_credit_are_read_as_newsroom_marks(analyzer):
    body = WIRE[1]
    assert _features(analyzer, body)["newsroom"] == 0.0
    assert _features(analyzer, "REDDING, Calif. (AP) — " + body)["newsroom"] == 1.0
    assert _features(analyzer, body + "\n(Reporting by Jane Doe; Editing by Tom Lee)\n")[
        "newsroom"] == 1.0


def test_the_shipped_model_reads_a_dateline_as_reporting_and_an_op_ed_mark_as_opinion(
        analyzer):
    body = WIRE[1]
    plain = analyzer.analyze(body).summary.genre_score
    assert analyzer.analyze("REDDING, Calif. (AP) — " + body).summary.genre_score < plain
    note = body + "\nJane Doe is a columnist for the Redding Record.\n"
    assert _features(analyzer, note)["op_ed_mark"] == 1.0
    assert analyzer.analyze(note).summary.genre_score > plain


def test_said_is_the_share_of_body_sentences_attributing_with_say_or_according_to(analyzer):
    text = ("The council met on Monday, the mayor said.\n\n"
            "The plan costs $4 million, according to the city.\n\n"
            "Critics argued the plan was rushed.\n\n"
            "The vote is on Friday.")
    values = _features(analyzer, text)
    # "argued" is an attribution but not one of the neutral said cues.
    assert values["said"] == pytest.approx(2 / 4)


def test_sources_count_the_running_texts_attributions_only(analyzer):
    text = ("The senator said the vote would be close, officials said.\n\n"
            "More:Top Democrats warn Trump against obstruction ahead of the hearing\n\n"
            "The vote is on Tuesday.")
    analysis = analyzer.analyze(text)
    teaser = [s.index for s in analysis.sentences if s.role == "teaser"]
    assert teaser and any(a.sentence_index in teaser for a in analysis.attributions)
    counted = sum(analysis.summary.sources.values())
    in_body = [a for a in analysis.attributions
               if a.source is not None and a.sentence_index not in teaser]
    assert counted == len(in_body) > 0
