"""The Analyzer: what it refuses to build without, and how it hands findings around."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.analysis.pipeline import DEFAULT_EXCLUDE, REQUIRED_COMPONENTS, Analyzer
from service.categories import ATTRIBUTION, BOOSTER, HEDGE, LOADED_LANGUAGE


@pytest.mark.parametrize("component", sorted(REQUIRED_COMPONENTS))
def test_a_required_component_cannot_be_excluded(component: str) -> None:
    with pytest.raises(ValueError, match=component):
        Analyzer.build("en_core_web_sm", Path("/nonexistent"), exclude=(component,))


def test_the_default_exclusion_is_allowed() -> None:
    assert not REQUIRED_COMPONENTS & set(DEFAULT_EXCLUDE)


def test_each_sentence_gets_the_cues_of_its_own_findings(analyzer: Analyzer) -> None:
    text = ("Officials said the plan failed. It was a brutal crackdown. "
            "It is reportedly late. It was undoubtedly late.")
    analysis = analyzer.analyze(text)
    assert [len(getattr(analysis, c.output_key)) for c in
            (ATTRIBUTION, LOADED_LANGUAGE, HEDGE, BOOSTER)] == [1, 1, 1, 1]
    cues = [{r.cue for r in s.reasons} for s in analysis.sentences]
    table = [ATTRIBUTION.cue, LOADED_LANGUAGE.cue, HEDGE.cue, BOOSTER.cue]
    for i, cue in enumerate(table):
        assert [cue in found for found in cues] == [j == i for j in range(4)], (cue, cues)


def test_summary_rates_count_each_category(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(
        "Reportedly, it was a brutal crackdown. Analysts suggest it is reportedly late.")
    assert (len(analysis.hedges), len(analysis.loaded_language), len(analysis.boosters)) == (
        3, 1, 0)
    words = analysis.readability.words
    assert analysis.summary.hedges_per_1000_words == round(1000 * 3 / words, 2)
    assert analysis.summary.loaded_per_1000_words == round(1000 * 1 / words, 2)
    assert analysis.summary.boosters_per_1000_words == 0.0


def test_the_encoder_setting_off_scores_every_sentence_with_the_cues_alone(seed_001):
    from service.config import Settings

    settings = Settings.from_env({"RHETORIC_ENCODER": "off"})
    assert settings.encoder is False
    plain = Analyzer.from_settings(settings)
    assert plain.encoder is None
    assert plain.opinion == plain.opinion_without_encoder
    assert "encoder" not in plain.opinion.features
    sentences = plain.analyze(seed_001).sentences
    assert sentences and not any(r.cue == "encoder" for s in sentences for r in s.reasons)


def test_the_encoder_reads_the_writers_sentences_up_to_a_cap():
    from service.analysis.pipeline import ENCODER_MAX_SENTENCES, encoded

    voices = ["writer", "quoted", "writer", "reported", "writer"]
    assert encoded(voices) == {0, 2, 4}
    assert encoded(voices, cap=2) == {0, 2}
    many = encoded(["writer"] * (ENCODER_MAX_SENTENCES + 50))
    assert len(many) == ENCODER_MAX_SENTENCES and max(many) == ENCODER_MAX_SENTENCES - 1


def test_a_text_of_tiny_sentences_pays_the_encoder_for_at_most_the_cap(analyzer):
    from service.analysis.pipeline import ENCODER_MAX_SENTENCES

    calls = []
    real = type(analyzer.encoder).value

    class Counting(type(analyzer.encoder)):  # type: ignore[misc]
        def value(self, sentence: str) -> float:
            calls.append(sentence)
            return real(self, sentence)

    import dataclasses

    counting = dataclasses.replace(analyzer, encoder=Counting(**{
        f.name: getattr(analyzer.encoder, f.name) for f in dataclasses.fields(analyzer.encoder)}))
    sentences = counting.analyze("Yes. " * (ENCODER_MAX_SENTENCES + 100)).sentences
    assert len(sentences) > ENCODER_MAX_SENTENCES
    assert len(calls) == ENCODER_MAX_SENTENCES
    assert sum(any(r.cue == "encoder" for r in s.reasons) for s in sentences) <= len(calls)


def test_structure_is_labelled_structure_not_opinion(analyzer: Analyzer) -> None:
    text = ("THE BIG WIN\n\nSenators voted 52-48 on Tuesday to pass the bill.\n\n"
            "Contributing: Associated Press")
    labels = [(s.role, s.label) for s in analyzer.analyze(text).sentences]
    assert labels[0] == ("heading", "structure")
    assert labels[1] == ("body", "reporting")
    assert all(label == "structure" for role, label in labels if role != "body")
