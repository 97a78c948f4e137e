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
