"""Transcripts: each "SPEAKER: words" turn is the speaker's quotation, credited to the label."""

from __future__ import annotations

import pytest

from service.analysis.pipeline import Analyzer
from service.analysis.transcripts import find_turns

INTERVIEW = (
    "Senator Jane Roe spoke with Amy Goodman on Tuesday after the vote.\n\n"
    "AMY GOODMAN: Welcome to the program. Why did you vote against the bill?\n\n"
    "SEN. JANE ROE: It was a bad bill. It cuts what families need.\n\n"
    "It also raises the deficit.\n\n"
    "REPORTER: Will the president sign it?\n\n"
    "ROE: I expect he will.\n\n"
    "Roe later flew home to Ohio."
)


def _turns(analyzer: Analyzer, text: str) -> list[tuple[str, str, str]]:
    return [(t.name.text, t.kind, t.words.text)
            for t in find_turns(analyzer.nlp(text), text)]


def test_each_turn_is_the_labels_words(analyzer: Analyzer) -> None:
    assert _turns(analyzer, INTERVIEW) == [
        ("AMY GOODMAN", "named", "Welcome to the program. Why did you vote against the bill?"),
        # A turn runs on through the paragraphs before the next label.
        ("SEN. JANE ROE", "named",
         "It was a bad bill. It cuts what families need.\n\nIt also raises the deficit."),
        ("REPORTER", "unnamed", "Will the president sign it?"),
        # The last turn ends with its paragraph: the writer takes over after it.
        ("ROE", "named", "I expect he will."),
    ]


def test_the_sentences_of_a_turn_are_quoted_and_spoken_by_the_label(
        analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(INTERVIEW)
    voices = {s.text: (s.voice, s.attribution_index) for s in analysis.sentences}
    assert voices["Roe later flew home to Ohio."] == ("writer", None)
    spoken = {}
    for text in ("It was a bad bill.", "It also raises the deficit.", "I expect he will."):
        sentence = next(s for s in analysis.sentences if text in s.text)
        assert sentence.voice == "quoted", sentence
        assert sentence.attribution_index is not None
        source = analysis.attributions[sentence.attribution_index].source
        assert source is not None
        spoken[text] = source.text
    assert spoken == {"It was a bad bill.": "SEN. JANE ROE",
                      "It also raises the deficit.": "SEN. JANE ROE",
                      "I expect he will.": "ROE"}
    # The parse's "SEN." sentence joins the turn it opens.
    assert not any(s.text == "SEN." for s in analysis.sentences)
    quote = next(q for q in analysis.quotes if q.text.startswith("It was a bad bill."))
    assert quote.speaker is not None
    attribution = analysis.attributions[quote.speaker]
    assert attribution.text == ":" and attribution.content is not None
    assert attribution.content.text == quote.text


@pytest.mark.parametrize("text", [
    # Sections of a fact check, teasers and column names name no one.
    "MYTH: Checks do not work.\n\nFACT: They do, says the FBI.\n\nTHE FACTS: Both sides agree.",
    "Police said on Monday that the roads were closed.\n\n"
    "READ: The storm that closed the roads\n\nRELATED: How to prepare",
    # One speaker's line is a headline's colon, not a transcript.
    "Amy Goodman reported from Ohio.\n\nGOODMAN: The polls close at 7.\n\nThen it rained.",
    # Labels in lower case are not a transcript's.
    "Amy Goodman spoke.\n\nAmy Goodman: hello.\n\nAmy Goodman: goodbye.",
])
def test_no_transcript(analyzer: Analyzer, text: str) -> None:
    assert _turns(analyzer, text) == []


def test_a_label_in_any_script_ends_the_turn_before_it(analyzer: Analyzer) -> None:
    text = ("Amy Goodman and Juan González hosted.\n\n"
            "AMY GOODMAN: We begin in Ohio.\n\nJUAN GONZÁLEZ: Right.\n\n"
            "AMY GOODMAN: Welcome.")
    assert _turns(analyzer, text) == [("AMY GOODMAN", "named", "We begin in Ohio."),
                                      ("JUAN GONZÁLEZ", "named", "Right."),
                                      ("AMY GOODMAN", "named", "Welcome.")]


def test_a_full_name_that_speaks_twice_in_a_transcript_is_a_speaker(analyzer: Analyzer) -> None:
    # The host is named only in capitals; the guest is named in the text.
    text = ("We are joined by John Koza, who chairs the campaign.\n\n"
            "AMY GOODMAN: Welcome. What happened?\n\nJOHN KOZA: The law failed.\n\n"
            "AMY GOODMAN: Why?\n\nJOHN KOZA: Nobody voted.")
    assert [name for name, _, _ in _turns(analyzer, text)] == [
        "AMY GOODMAN", "JOHN KOZA", "AMY GOODMAN", "JOHN KOZA"]


def test_a_fact_checks_verdict_is_the_writers_own(analyzer: Analyzer) -> None:
    text = ("Donald Trump and Hillary Clinton debated on Monday.\n\n"
            "TRUMP: Crime is up everywhere.\n\nTHE FACTS: It is down in most cities.\n\n"
            "CLINTON: We created jobs.\n\nTHE FACTS: Most of them were part-time.")
    turns = _turns(analyzer, text)
    assert [name for name, _, _ in turns] == ["TRUMP", "CLINTON"]
    # A turn ends at the next label, a speaker's or not.
    assert [words for _, _, words in turns] == ["Crime is up everywhere.", "We created jobs."]


def test_questions_and_answers_are_the_writers_own(analyzer: Analyzer) -> None:
    # An explainer's or an advice column's "Q:" and "A:" name no one: whose words they
    # are the labels do not say, and most often they are the writer's.
    text = ("Ask the Expert.\n\nQ: Should I refinance now?\n\nA: Rates are falling, so "
            "wait.\n\nQ: What about my car loan?\n\nA: Pay it off first.")
    assert _turns(analyzer, text) == []
    voices = {s.voice for s in analyzer.analyze(text).sentences}
    assert voices == {"writer"}


def test_a_surname_after_its_full_name_is_the_same_speaker(analyzer):
    # Labels in capitals only, which the tagger names no person in: each full name
    # speaks once and then by surname, as transcripts shorten a name.
    text = ("Clinton camp declines to debate\n\n"
            "KATE BOULDUAN: Why not debate?\n\n"
            "JOEL BENENSON: This is a man who said he'd never run a negative ad, ever.\n\n"
            "BOULDUAN: You guys, back in January, argued about debates.\n\n"
            "BENENSON: Senator Sanders doesn't get to decide when we debate.")
    turns = [(a.source.text, text[a.content.start:a.content.end])
             for a in analyzer.analyze(text).attributions if a.text == ":"]
    assert turns == [("KATE BOULDUAN", "Why not debate?"),
                     ("JOEL BENENSON", "This is a man who said he'd never run a negative ad, "
                                       "ever."),
                     ("BOULDUAN", "You guys, back in January, argued about debates."),
                     ("BENENSON", "Senator Sanders doesn't get to decide when we debate.")]


def test_one_recurring_label_alone_is_no_transcript(analyzer):
    # Two paragraphs under the same capitalised label, and no other speaker.
    text = ("Markets\n\nBREAKING NEWS: Stocks fell on Monday.\n\n"
            "BREAKING NEWS: Bonds rose on Tuesday.")
    assert [a for a in analyzer.analyze(text).attributions if a.text == ":"] == []
