"""Findings: when "show" and "find" credit what follows to their source."""

from __future__ import annotations

import pytest

from service.analysis.evidence import RECORDS, records_showing
from tests.analysis.credits import credited


@pytest.mark.parametrize(("text", "expected"), [
    # A poll, a survey, records, data: what they show or found is their finding.
    ("A Washington Post poll last week showed Moore ahead by three points.",
     [("showed", "A Washington Post poll")]),
    ("Court papers showed how David Pecker offered to help Trump.",
     [("showed", "Court papers")]),
    ("Reuters/Ipsos polling data shows union workers now view Democrats more favorably.",
     [("shows", "Reuters/Ipsos polling data")]),
    ("An independent survey of 151 pharmacies found some contraceptives were missing.",
     [("found", "An independent survey of 151 pharmacies")]),
    # A capitalised plural the tagger reads as a name, and polls counted by "a series of".
    ("Records show that the plane was delivered in November.", [("show", "Records")]),
    ("An abrupt shift in tone came after a series of consecutive polls showed Carson had "
     "overtaken Trump in Iowa.",
     [("showed", "a series of consecutive polls")]),
    # A jury's or a court's finding, and "it" for a study named before.
    ("A jury found her guilty of murder.", [("found", "A jury")]),
    # A study's authors and a pollster report their findings.
    ("The authors found that voters in districts hit by imports chose other candidates.",
     [("found", "The authors")]),
    ("The study was published Monday. It also found that wages fell.", [("found", "It")]),
    # A participle on a record: the record is the source.
    ("With polls showing them vying for the lead, both campaigns spent heavily.",
     [("showing", "polls")]),
    # A picture backs a claim opened by "that".
    ("Video shows that Crutcher had his hands in the air.", [("shows", "Video")]),
])
def test_a_finding_is_credited_to_its_record(analyzer, text, expected):
    assert credited(analyzer, text, content=False) == expected


@pytest.mark.parametrize("text", [
    # A scene a picture depicts.
    "A video, however, shows the officer firing eight times.",
    "This May 29, 2019 file photo shows special counsel Robert Mueller speaking.",
    # The writer's inference.
    "The Carrier deal showed that Trump has authoritarian instincts.",
    # Coming upon something, or feeling it.
    "A bike was found in the back of the truck.",
    "These populations found assimilation more difficult than others.",
    "They found that the house had burned down.",
    "Researchers have not found that the drug works.",
])
def test_no_finding_is_credited_to_a_scene_or_an_inference(analyzer, text):
    assert credited(analyzer, text, content=False) == []


def test_a_participle_on_a_picture_has_no_record(nlp):
    doc = nlp("She posted a video showing him at the dentist.")
    showing = next(t for t in doc if t.lower_ == "showing")
    assert showing.dep_ == "acl"
    assert records_showing(showing) is None
    assert "poll" in RECORDS and "video" not in RECORDS
