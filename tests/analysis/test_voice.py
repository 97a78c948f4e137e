"""Voice: the writer's words, quoted words and reported words; content spans and speakers."""

from __future__ import annotations

import pytest

from service.analysis.model import Attribution, SourceSpan, TextSpan
from service.analysis.segments import segment
from service.analysis.voice import credited_by_sentence, sentence_voices


def _voices(analyzer, text):
    a = analyzer.analyze(text)
    return [(s.voice, s.attribution_index) for s in a.sentences], a


def test_a_quoted_sentence_is_the_speakers_and_names_its_speaker(analyzer):
    text = '"I want to bring our soldiers back home," Trump said.'
    voices, a = _voices(analyzer, text)
    assert voices == [("quoted", 0)]
    assert a.quotes[0].speaker == 0
    assert a.attributions[0].source.text == "Trump"
    assert "I want to bring our soldiers back home" in a.attributions[0].content.text


def test_reported_speech_is_credited_to_its_source(analyzer):
    text = ("Health officials believe the true number of infections is about 10 times higher, "
            "the ministry said.")
    voices, a = _voices(analyzer, text)
    assert voices[0][0] == "reported"
    content = a.attributions[voices[0][1]].content
    assert content is not None and "true number" in content.text


def test_the_writers_own_sentence_stays_the_writers(analyzer):
    voices, a = _voices(analyzer, "The council met on Monday and approved the budget.")
    assert voices == [("writer", None)]
    assert a.summary.voices == {"writer": 1, "quoted": 0, "reported": 0}


def test_a_noun_of_saying_leaves_its_sentence_the_writers(analyzer):
    # The claim is Obama's; the judgement of it is the writer's.
    text = "Obama’s claim that history was on his side on immigration is arguably false."
    voices, a = _voices(analyzer, text)
    assert voices == [("writer", None)]
    claim = next(x for x in a.attributions if x.text == "claim")
    assert claim.content is not None and "history was on his side" in claim.content.text


@pytest.mark.parametrize("text", [
    "Herndon's view is that America needs a straight-talking president.",
    "The White House's position is that the president did nothing wrong.",
])
def test_a_view_equated_with_its_clause_is_reported(analyzer, text):
    voices, a = _voices(analyzer, text)
    assert voices[0][0] == "reported"
    assert a.attributions[voices[0][1]].text in {"view", "position"}


def test_a_view_of_a_place_is_no_attribution(analyzer):
    _, a = _voices(analyzer, "From the hotel, his view of the river was stunning.")
    assert not a.attributions


@pytest.mark.parametrize("text", [
    "There were enough Democrats to pass it, so nobody objected when the presiding officer, "
    "New York Democrat Charles Rangel, called for a voice vote rather than a roll call vote.",
    "When the mayor said the budget would be cut, the crowd booed.",
])
def test_a_report_in_an_adverbial_clause_leaves_the_sentence_the_writers(analyzer, text):
    voices, a = _voices(analyzer, text)
    assert voices == [("writer", None)] and a.attributions


def test_an_as_frame_still_makes_the_sentence_reported(analyzer):
    voices, _ = _voices(analyzer, "As the minister said, the figures were alarming and the "
                                  "plan had failed.")
    assert voices[0][0] == "reported"


def test_a_frame_with_a_short_clause_keeps_the_writers_voice(analyzer):
    # Most letters are the writer's own: the reported clause is a small part.
    text = ("After a long and bitter debate that ran late into the night over the city's "
            "budget and its priorities, the mayor said no.")
    voices, _ = _voices(analyzer, text)
    assert voices[0][0] == "writer"


@pytest.mark.parametrize(("text", "voice"), [
    ('"It was a brutal crackdown on peaceful people," the minister said.', "quoted"),
    ("The regime's crackdown was brutal and cruel, the minister said.", "reported"),
])
def test_findings_carry_their_voice(analyzer, text, voice):
    a = analyzer.analyze(text)
    found = a.loaded_language + a.hedges + a.boosters
    assert found, "expected a finding in the reported words"
    assert {f.voice for f in found} == {voice}


def test_a_writers_loaded_word_is_the_writers(analyzer):
    a = analyzer.analyze("The regime's brutal crackdown continued.")
    assert a.loaded_language and {f.voice for f in a.loaded_language} == {"writer"}


def test_sentence_voice_counts_letters_not_tokens(analyzer):
    doc = analyzer.nlp("It rained. Officials said the storm would pass.")
    segments = segment(doc)
    start = segments.text.index("the storm")
    att = Attribution(start=segments.text.index("said"), end=segments.text.index("said") + 4,
                      text="said", type="neutral_verb", entry_id="x", sentence_index=1,
                      source=SourceSpan(11, 20, "Officials", "unnamed"),
                      content=TextSpan(start, len(segments.text) - 1,
                                       segments.text[start:-1]))
    credited = credited_by_sentence([att], segments)
    assert credited == [[], [0]]
    assert sentence_voices(segments, [att], [], credited) == [("writer", None), ("reported", 0)]


def test_according_to_at_the_end_leaves_the_full_stop_out(analyzer):
    a = analyzer.analyze("The death toll rose to 42 on Monday, according to the ministry.")
    assert a.attributions[0].content.text == "The death toll rose to 42 on Monday"


@pytest.mark.parametrize("text", [
    "It's safe to say the experiment has failed miserably.",
    "It is fair to say that this administration has lied to the public.",
])
def test_fair_to_say_is_the_writers_own(analyzer, text):
    a = analyzer.analyze(text)
    assert a.attributions == () and a.sentences[0].voice == "writer"



def test_content_runs_to_the_closing_quotation_mark(analyzer):
    a = analyzer.analyze("He said the plan was \u201ca disaster for the party.\u201d")
    (said,) = a.attributions
    assert said.content is not None
    assert said.content.text == "the plan was \u201ca disaster for the party.\u201d"


@pytest.mark.parametrize(("text", "voice"), [
    # The circumstances of the saying and a description of the source frame the words:
    # from the review of 20 corpus news reports, where such sentences were the writer's.
    ('"We need help now," the mayor said Tuesday in an interview with reporters from '
     'several local television stations at City Hall.', "quoted"),
    ("Erdem Koroglu, who was working at a nearby office at the time of the explosion, "
     "told NTV television he saw several people lying on the ground.", "reported"),
    # A cue inside a clause of its own frames only that clause.
    ("The plan, which critics say will fail, passed the Senate on Tuesday after a long "
     "debate over its cost.", "writer"),
])
def test_the_cues_clause_frames_the_words(analyzer, text, voice):
    voices, _ = _voices(analyzer, text)
    assert [v for v, _ in voices] == [voice]


@pytest.mark.parametrize(("text", "voice"), [
    # A composition title in quotation marks (AP style) is no one's words.
    ('Owens played ten seasons in the NFL and is the author of "Liberalism or How to Turn '
     'Good Men into Whiners, Weenies and Wimps."', "writer"),
    ("The film “The Post That Changed Everything In Washington” opens Friday, its studio "
     "said.", "reported"),
    # Speech stays speech, in title case too when it runs into its frame.
    ("“We Will Not Back Down From This Fight,” the mayor said.", "quoted"),
    ("“We will not back down from this fight,” the mayor said.", "quoted"),
])
def test_a_quoted_title_is_not_quoted_speech(analyzer, text, voice):
    voices, _ = _voices(analyzer, text)
    assert [v for v, _ in voices] == [voice]


def test_the_cues_clause_frames_the_words_after_the_first_sentence(analyzer):
    # Document offsets, not the sentence's: the re-check found the frame rule working in
    # a text's first sentence only.
    voices, _ = _voices(analyzer, "The council met on Monday. “We need help now,” the mayor "
                                  "said Tuesday in an interview with reporters from several "
                                  "local television stations at City Hall.")
    assert [v for v, _ in voices] == ["writer", "quoted"]


def test_a_quotation_goes_to_the_nearer_of_two_frames(analyzer):
    text = ('Rep. Jane Roe said Monday on CNN\'s "New Day" that she is frustrated but added: '
            '"The real problem is that they refused to work with us."')
    analysis = analyzer.analyze(text)
    quoted = [a.text for a in analysis.attributions
              if a.content is not None and a.content.text.startswith('"The real problem')]
    assert quoted == ["added:"]


def test_a_content_that_opens_the_story_leaves_out_its_dateline(analyzer):
    # The dateline is the desk's (AP Stylebook, "datelines"), not the source's words.
    text = "WASHINGTON (Reuters) - The girl was pepper-sprayed by a bystander, police said."
    [attribution] = analyzer.analyze(text).attributions
    assert attribution.content is not None
    assert attribution.content.text == "The girl was pepper-sprayed by a bystander"


def test_a_story_that_opens_with_a_name_and_a_dash_keeps_it_in_the_content(analyzer):
    text = "NATO \u2014 the Western military alliance \u2014 will meet in Brussels, officials said."
    [attribution] = analyzer.analyze(text).attributions
    assert attribution.content is not None and attribution.content.text.startswith("NATO")


def test_a_frame_with_narration_after_it_stays_the_writers(analyzer):
    text = ("The shop stayed shut. \u201cWe were just approved!\u201d Sarah Manski said in a "
            "note to us on Monday, and the shop reopened two weeks later with a new license.")
    sentence = next(s for s in analyzer.analyze(text).sentences if s.text.startswith("Sarah"))
    assert sentence.voice == "writer"
