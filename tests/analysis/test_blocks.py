"""Block quotations: a paragraph a lead-in ending with a colon sets off (analysis/blocks.py)."""

from __future__ import annotations

import pytest

from service.analysis.blocks import run_on_quotations

BLOCK = ("The employer cannot police the moral character of its workers, their political "
         "opinions or their private preferences.")
AFTER = "The case goes to trial in March."


def _voices(analyzer, text: str) -> dict[str, str]:
    analysis = analyzer.analyze(text)
    return {s.text: s.voice for s in analysis.sentences}


@pytest.mark.parametrize("lead", [
    "The tribunal disagreed. She says:",
    "The newspaper Le Monde writes:",
    "As Chief Justice Roberts explained in the ruling:",
    "In a July 11, 2013, email, the chief of staff wrote to the ambassador:",
    "Here is the full statement from the lawyer, David Pressman:",
    "Read the senator's full remarks below:",
    "According to the Los Angeles Times:",
    # A court filing's words, and a participle's lead-in whose speaker is its clause's.
    "In the lawsuit, Patel, who identifies himself as Kash, alleges:",
    "Patel stressed that the paper worked with the committee, noting in the lawsuit:",
])
def test_the_paragraph_after_a_lead_in_is_quoted(analyzer, lead):
    text = f"The ruling came on Friday.\n\n{lead}\n\n{BLOCK}\n\n{AFTER}"
    voices = _voices(analyzer, text)
    assert voices[BLOCK] == "quoted"
    assert voices[AFTER] == "writer"  # only the one paragraph: where a block ends is unsaid
    analysis = analyzer.analyze(text)
    assert any(q.text == BLOCK for q in analysis.quotes)


def test_the_lead_ins_speaker_is_the_blocks(analyzer):
    text = f"The ruling came on Friday.\n\nThe newspaper Le Monde writes:\n\n{BLOCK}\n\n{AFTER}"
    analysis = analyzer.analyze(text)
    quote = next(q for q in analysis.quotes if q.text == BLOCK)
    assert quote.speaker is not None
    attribution = analysis.attributions[quote.speaker]
    assert attribution.source is not None and "Le Monde" in attribution.source.text
    assert attribution.content is not None and attribution.content.text == BLOCK


@pytest.mark.parametrize(("lead", "block"), [
    # The writer's own words follow a first-person lead-in, a picture, a point of one's own.
    ("I am in an ornery mood, so let's just say he lied about his trade agenda:", BLOCK),
    ("Senator Tim Scott tweeted a photo early Saturday:", BLOCK),
    ("It's worth noting:", BLOCK),
    ("The reasons are simple:", BLOCK),
    # A teaser and the headline it points to; a list; a short label; a link.
    ("READ MORE:", "Trump says patience is over with the North Korean regime"),
    ("He listed his demands:", "1. The employer cannot police the moral character of its "
                               "workers."),
    ("She told reporters:", "No comment at this time."),
    ("The company said in a statement:", "https://example.com/statement/2019 has the "
                                          "full text of the statement."),
])
def test_no_block_without_a_quoted_texts_lead_in(analyzer, lead, block):
    text = f"The ruling came on Friday.\n\n{lead}\n\n{block}\n\n{AFTER}"
    analysis = analyzer.analyze(text)
    first = next(s for s in analysis.sentences if block.startswith(s.text[:20]))
    assert first.voice != "quoted", first.text
    assert not any(q.start <= first.start < q.end for q in analysis.quotes)


def test_a_block_in_quotation_marks_is_one_quotation(analyzer):
    text = f"The ruling came on Friday.\n\nShe says:\n\n\u201c{BLOCK}\u201d\n\n{AFTER}"
    analysis = analyzer.analyze(text)
    assert [q.text for q in analysis.quotes] == [f"\u201c{BLOCK}\u201d"]


def test_a_colon_inside_a_paragraph_sets_off_nothing(analyzer):
    text = f"The ruling came on Friday. She says: it is wrong.\n\n{BLOCK}\n\n{AFTER}"
    assert _voices(analyzer, text)[BLOCK] == "writer"


@pytest.mark.parametrize("lead", [
    "GQ added that the reason for the party's success was candidates like her:",
    "Recent polling continues to show support for the law underwater by double digits:",
    "Here's a roundup of what else people are saying about the state of affairs:",
    "Update at 11:40 a.m. ET. Still Making Opening Statements:",
    "Our original post follows:",
    # A post, a thread or a picture was embedded in the page and lost in the scrape: the
    # paragraph after the lead-in is the writer's.
    "Trump would then turn on Ryan in a series of tweets:",
    "The group's founder posted this Twitter thread on March 24, 2020:",
    "A screenshot of the tweet shows the label that Twitter applied:",
    "This is how the polls looked in January:",
    # An ordinary verb with its object, an aside in brackets.
    "Several other groups have also continued negotiations on separate tracks:",
    "The ruling (as the paper noted) turned on the second clause:",
])
def test_a_lead_in_that_opens_the_writers_next_point_sets_off_nothing(analyzer, lead):
    text = f"The ruling came on Friday.\n\n{lead}\n\n{BLOCK}\n\n{AFTER}"
    assert _voices(analyzer, text)[BLOCK] != "quoted"


def test_a_paragraph_ending_with_a_colon_is_a_lead_in_not_a_block(analyzer):
    block = BLOCK[:-1] + ", and it said so in these words:"
    text = f"The ruling came on Friday.\n\nShe says:\n\n{block}\n\n{AFTER}"
    assert _voices(analyzer, text)[block] != "quoted"


RUN_ON = ('"The attacks changed the course of history. "They changed the meaning of national '
          'security and shifted our priorities. "While we remain committed to other work, '
          'the prevention of terrorism takes precedence."')


def test_a_quotation_run_on_over_lost_paragraph_breaks_is_one(analyzer):
    text = f"He detailed the changes in 2003:\n\n{RUN_ON}\n\n{AFTER}"
    analysis = analyzer.analyze(text)
    assert [q.text for q in analysis.quotes] == [RUN_ON]
    voices = {s.text: s.voice for s in analysis.sentences}
    assert voices['"They changed the meaning of national security and shifted our '
                  'priorities.'] == "quoted"
    assert voices[AFTER] == "writer"


@pytest.mark.parametrize("line", [
    # A frame after a dropped closing mark: the words between are not all quoted.
    '"It was a long day for all of us, says Allen, a nurse. "We are tired and we want rest."',
    # Two quotations side by side, each closed.
    '"We will not pay for it." "We will not negotiate over it either."',
    # A line that does not end with a mark.
    '"It was a long day for all of us. "We are tired and we want to rest," she said.',
])
def test_no_run_on_quotation_without_the_shape(analyzer, line):
    assert run_on_quotations(f"The council met.\n\n{line}\n\n{AFTER}") == []


POST = "I am heartbroken by the violence in our city tonight, and we must stand together."


@pytest.mark.parametrize(("lead", "quoted"), [
    # One person's post, its text in the first person.
    ("The Labour leader, Jeremy Corbyn, tweeted:", True),
    ("Theresa May, the prime minister, said on Twitter:", True),
    # A series or a thread, or no person.
    ("Jeremy Corbyn then posted a series of tweets:", False),
    ("The campaign tweeted:", False),
])
def test_one_persons_post_in_the_first_person_is_quoted(analyzer, lead, quoted):
    text = f"The ruling came on Friday.\n\n{lead}\n\n{POST}\n\n{AFTER}"
    assert (_voices(analyzer, text)[POST] == "quoted") is quoted


def test_a_post_lead_in_before_the_writers_words_sets_off_nothing(analyzer):
    # No first person: the post itself was an embed the scrape lost.
    text = f"The ruling came on Friday.\n\nJeremy Corbyn tweeted:\n\n{BLOCK}\n\n{AFTER}"
    assert _voices(analyzer, text)[BLOCK] != "quoted"
