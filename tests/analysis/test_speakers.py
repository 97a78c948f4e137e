"""Speakers: which attribution names who says each quotation."""

from __future__ import annotations

import pytest

from service.analysis.model import Quote
from service.analysis.speakers import _continues


def _speakers(analyzer, text):
    a = analyzer.analyze(text)
    return [(q.text.strip("“”\""), None if q.speaker is None else
             a.attributions[q.speaker].source.text) for q in a.quotes]


def _voices(analyzer, text):
    a = analyzer.analyze(text)
    return [(s.voice, s.attribution_index) for s in a.sentences], a


def test_a_quotation_over_paragraphs_keeps_its_speaker(analyzer):
    text = ('The president spoke on Friday. He said: "We will rebuild every road.\n\n'
            '"We will not stop until the work is done."')
    _, a = _voices(analyzer, text)
    assert len(a.quotes) == 2
    assert a.quotes[0].speaker is not None
    assert a.quotes[1].speaker == a.quotes[0].speaker


def test_a_quotation_with_no_attribution_has_no_speaker(analyzer):
    _, a = _voices(analyzer, 'The "reform" passed on Monday after a long night.')
    assert [q.speaker for q in a.quotes] == [None]


def test_continuation_needs_an_unclosed_quote_and_a_paragraph_break():
    text = '"We will rebuild.\n\n"We will not stop."'
    first = Quote(0, 17, text[0:17], 0)
    second = Quote(19, len(text), text[19:], 1)
    assert _continues(text, first, second)
    closed = Quote(0, 17, '"We will rebuild"', 0)
    assert not _continues(text, closed, second)
    assert not _continues(text.replace("\n\n", "  "), first, Quote(19, len(text), "", 0))


@pytest.mark.parametrize("text", [
    "But that's probably not Russia's aim, he said. \"They want us to fight among ourselves.\"",
    "The hotels will go back to being hotels, she says. “Others may see more value in it.”",
    "Many families struggle to keep up, she notes. “We are one paycheck away from trouble.”",
    # ... also opening the next paragraph
    "The former senator said the deal should start in the House.\n\n\"Here's what I'm "
    "worried about: a deal coming out of the Senate.\"",
])
def test_a_quotation_after_a_paraphrase_is_the_paraphrased_speakers(analyzer, text):
    a = analyzer.analyze(text)
    assert len(a.quotes) == 1 and a.quotes[0].speaker is not None
    assert a.attributions[a.quotes[0].speaker].text in {"said", "says", "notes"}


def test_a_quotation_after_a_demand_is_not_the_demanders(analyzer):
    a = analyzer.analyze("Conservatives pushed Republicans to call for defunding the law. "
                         "\"The whole thing was a joke from the beginning.\"")
    assert len(a.quotes) == 1 and a.quotes[0].speaker is None


def test_a_follow_on_quotation_in_the_same_paragraph_keeps_its_speaker(analyzer):
    _, a = _voices(analyzer, '"This is a crisis," he said. "We need help now, and we need it '
                             'from Washington."')
    assert len(a.quotes) == 2 and a.quotes[0].speaker is not None
    assert a.quotes[1].speaker == a.quotes[0].speaker


def test_a_quotation_attributed_in_its_last_paragraph_gets_the_speaker_back(analyzer):
    _, a = _voices(analyzer, '"We heard shots and ran. Then everything went quiet.\n\n'
                             '"I will never forget it," she added.')
    assert [q.speaker for q in a.quotes] == [0, 0]


def test_a_second_speaker_who_labels_gets_the_quotation(analyzer):
    # "Smith said ... but Jones called it 'x'": the label is Jones's, not Smith's.
    a = analyzer.analyze("Smith said the plan would work, but Jones called it "
                         "\u201ca fantasy.\u201d")
    (quote,) = a.quotes
    assert quote.speaker is not None
    speaker = a.attributions[quote.speaker]
    assert speaker.source is not None and speaker.source.text == "Jones"


@pytest.mark.parametrize("text", [
    # After a quotation of two sentences: the next sentence is the one after its end.
    "“This is a crisis. It is getting worse,” the mayor said. “We need help now.”",
    # A quotation that opens the next paragraph, with no attribution of its own.
    "“This is a crisis,” the mayor said.\n\n“We need help now.”\n\nThe council met.",
])
def test_a_follow_on_quotation_keeps_the_speaker(analyzer, text):
    assert _speakers(analyzer, text)[-1] == ("We need help now.", "the mayor")


def test_a_quotation_two_paragraphs_on_is_nobodys(analyzer):
    text = ("“This is a crisis,” the mayor said.\n\nThe council met on Monday.\n\n"
            "“We need help now.”")
    assert _speakers(analyzer, text)[-1] == ("We need help now.", None)


@pytest.mark.parametrize(("text", "title"), [
    ("Graham told CNN’s “State of the Union” that the bill would pass.", "State of the Union"),
    ("The so-called “Gang of Eight” met on Monday, Senator Roe said.", "Gang of Eight"),
    ("Roe said on “Fox News Sunday” that the vote was close.", "Fox News Sunday"),
])
def test_a_quoted_title_has_no_speaker(analyzer, text, title):
    assert _speakers(analyzer, text) == [(title, None)]


def test_a_short_quotation_of_words_keeps_its_speaker(analyzer):
    # Said words, not a title: lower case, or after a verb of saying.
    assert _speakers(analyzer, "Roe called the bill “a disgrace,” aides said.")[0][1] is not None


def test_an_interviewers_question_is_not_the_previous_speakers(analyzer):
    text = ("“We are proud of our schools,” DeVos said. “Now, has that happened in Michigan?” "
            "Stahl responded. “I hope so,” DeVos said.")
    assert [s for _, s in _speakers(analyzer, text)] == ["DeVos", "Stahl", "DeVos"]


@pytest.mark.parametrize(("text", "title"), [
    # American style sets the comma or full stop inside the marks.
    ("Sanders spoke on “Fox News Sunday,” his aides said.", "Fox News Sunday,"),
    ("He spoke to CNN’s “State of the Union.” Then he left.", "State of the Union."),
])
def test_a_quoted_title_with_its_punctuation_has_no_speaker(analyzer, text, title):
    assert (title, None) in _speakers(analyzer, text)


def test_a_frame_after_the_next_quotation_is_that_quotations(analyzer):
    text = "The vote failed. “Not again.” “They said no to us,” she added."
    assert _speakers(analyzer, text) == [("Not again.", None), ("They said no to us,", "she")]


def test_a_quotation_in_an_aside_is_the_asides_speaker(analyzer):
    # The non-restrictive clause is the writer's note on the president: its "called ...
    # a 'hoax'" is the president's, not Tillerson's, though Tillerson's content holds it.
    text = ('Tillerson said he would not contradict the president, who has called climate '
            'change a "hoax," on the issue.')
    assert _speakers(analyzer, text) == [("hoax,", "the president, who")]


def test_a_frame_in_a_when_clause_after_the_quotation_is_not_its_speaker(analyzer):
    text = ('"The projections are long-term," Earnest said yesterday. "That\'s why the '
            'president was demonstrating urgency" when he spoke about the outbreak.')
    assert [s for _, s in _speakers(analyzer, text)] == ["Earnest", "Earnest"]
    # Inside the clause, the quotation is its frame's.
    assert _speakers(analyzer, 'When he said "we will win," the crowd cheered.') == [
        ("we will win,", "he")]


def test_a_frame_the_parse_set_apart_names_the_speaker_and_keeps_its_voice(analyzer):
    # '"...!" / Name lamented in a note to us.': a verb of manner frames the quotation
    # before it, its sentence is the frame (quoted voice, not the writer's narration), and a
    # quotation right after the frame goes on with the same speaker.
    text = ("The shop stayed shut for weeks. “We were just approved!” Sarah Manski of "
            "Ascendant Spirits lamented in a note to us. “Now we wait again.” The shop "
            "reopened in March.")
    name = "Sarah Manski of Ascendant Spirits"
    assert _speakers(analyzer, text) == [("We were just approved!", name),
                                         ("Now we wait again.", name)]
    voices, a = _voices(analyzer, text)
    frame = next(i for i, s in enumerate(a.sentences) if s.text.startswith("Sarah Manski"))
    assert voices[frame] == ("quoted", a.quotes[0].speaker)
    assert voices[-1] == ("writer", None)


def test_a_quotation_closed_by_a_comma_takes_no_earlier_speaker(analyzer):
    # Its frame follows it: when the frame's verb is not one the lexicon knows, the
    # quotation has no speaker rather than the previous one's.
    text = ('"Percentage of the time?" Pierson responded. "A hundred percent of the time we '
            'would advise the President." "You would advise the President," Chaffetz '
            'specified.')
    speakers = dict(_speakers(analyzer, text))
    assert speakers["A hundred percent of the time we would advise the President."] == "Pierson"
    assert speakers["You would advise the President,"] is None


def test_the_speaker_after_a_closed_quotation_is_the_name_alone(analyzer):
    text = "The rally ended late. “Make America great again!” Trump tweeted on Monday."
    assert _speakers(analyzer, text) == [("Make America great again!", "Trump")]


def test_a_frame_set_apart_may_open_with_a_long_name(analyzer):
    # The frame starts at its source, however long the name and its place before the cue.
    text = ("The shop stayed shut. \u201cNone of our labels are getting approved!\u201d Sarah "
            "Manski of Ascendant Spirits Inc. in Santa Barbara, Calif., lamented in a note to us.")
    assert _speakers(analyzer, text) == [
        ("None of our labels are getting approved!",
         "Sarah Manski of Ascendant Spirits Inc. in Santa Barbara, Calif.")]
