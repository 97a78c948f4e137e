"""Sentences and quotation regions of a parsed document, and their offset look-ups."""

from __future__ import annotations

import pytest

from service.analysis.segments import Segments, find_quotes, is_reference_mark, segment


def test_quoted_within_finds_every_quotation_overlapping_a_range(analyzer):
    text = ('He said “no” twice. “We will not go,” she said, and "never" again. '
            'Nothing quoted here. “One” and “two”.')
    segments = segment(analyzer.nlp(text))
    assert len(segments.quotes) == 5
    for start in range(len(text)):
        for end in range(start + 1, len(text) + 1):
            overlaps = any(s < end and start < e for s, e in segments.quotes)
            assert segments.quoted_within(start, end) == overlaps, (start, end)


def test_look_ups_by_offset() -> None:
    segments = Segments(sentences=(), starts=(0, 10, 25), quotes=((3, 8), (12, 20)))
    assert [segments.sentence_of(c) for c in (0, 9, 10, 24, 25, 99)] == [0, 0, 1, 1, 2, 2]
    assert segments.in_quote(3, 8) and segments.in_quote(13, 19)
    assert not segments.in_quote(2, 5) and not segments.in_quote(8, 12)
    assert segments.quoted_within(7, 13) and not segments.quoted_within(8, 12)


def test_sentences_are_trimmed_and_cover_the_text(nlp) -> None:
    text = "  The talks failed.\n\nBoth sides left.  "
    segments = segment(nlp(text))
    assert [s.text for s in segments.sentences] == ["The talks failed.", "Both sides left."]
    assert segments.starts == (2, 21) and segments.text == text


def test_a_stray_closing_mark_joins_its_sentence(nlp) -> None:
    text = 'He called it "a disaster." Then he left.'
    segments = segment(nlp(text))
    assert [s.text for s in segments.sentences] == ['He called it "a disaster."', "Then he left."]


def test_a_sentence_opening_in_lower_case_joins_the_one_before(nlp) -> None:
    text = ("The plan stalled, said House Budget Committee Chairman Paul Ryan (R., Wis.) after "
            "the meeting with Mr. Obama. Talks go on.")
    segments = segment(nlp(text))
    assert segments.sentences[0].text.endswith("after the meeting with Mr. Obama.")
    assert segments.sentences[-1].text == "Talks go on."


def test_a_web_address_in_lower_case_stays_apart(nlp) -> None:
    text = "Read the full story here. http://abcn.ws/1aahIHs"
    segments = segment(nlp(text))
    assert segments.sentences[-1].text == "http://abcn.ws/1aahIHs"


@pytest.mark.parametrize(("text", "quoted"), [
    ("She said “we will win” and left.", ["“we will win”"]),
    ('She said "we will win" and left.', ['"we will win"']),
    # A quotation inside another is part of the outer one; an apostrophe is no mark.
    ("He said “they called it ‘a farce’ at once” and left.",
     ["“they called it ‘a farce’ at once”"]),
    ("The players’ union said ‘no’ to Kim’s plan.", ["‘no’"]),
    ("No quotation at all.", []),
    # Mixed marks, as scraped copy has them: each quotation closes at its own mark.
    ('"He makes his own decisions.” Cohen said. "I do not know," he added.',
     ['"He makes his own decisions.”', '"I do not know,"']),
    ('It issued a “diversity visa" to him. “Yes,” he said.', ['“diversity visa"', '“Yes,”']),
    # A straight pair inside a curly one, opening a word, stays inside.
    ('“He said "no" to me,” she said.', ['“He said "no" to me,”']),
    # Two closing single marks for a closing double one; a single quotation's closing
    # mark before them stays inside.
    ("“It is not an ideal administration,’’ says Halevy. “It is problematic.”",
     ["“It is not an ideal administration,’’", "“It is problematic.”"]),
    ("“He said, ‘Floridians deserve better.’’’ The ad ran.",
     ["“He said, ‘Floridians deserve better.’’’"]),
    # Two straight apostrophes closing a straight double mark, as old wire feeds set it;
    # the apostrophe of "didn't" stays inside.
    ('"I am here today,\'\' Comey said. "We didn\'t know.\'\' He left.',
     ['"I am here today,\'\'', '"We didn\'t know.\'\'']),
    # Inches are no closing mark.
    ('The 6\'2\'\' center scored 20. "We played hard," he said.', ['"We played hard,"']),
    # Where apostrophes open a quotation too, they pair with each other (LexisNexis).
    ("''Wow,'' she said. A \"so-called\" plan.", ["''Wow,''", '"so-called"']),
    # A mark glued at a paragraph break the scrape lost opens when the next mark closes
    # (a quotation running on into the lost paragraph is one), closes when the next opens,
    # and closes before a paragraph that opens with a speaker's frame.
    ('He said it. "It is bad.\"We will fight," he said. "Go."',
     ['"It is bad."We will fight,"', '"Go."']),
    ('Not me," he said."By law," she said.', ['"By law,"']),
    ('"It is over."Paul said the deal died."It is."',
     ['"It is over."', '"It is."']),
    ('"It ended."That was Monday. He left "at once" then.', ['"It ended."', '"at once"']),
    # A quotation running on over two lost breaks: the next glued mark closes it.
    ('"It is bad."We know it."Rubio, a senator, said the deal died."No," he said.',
     ['"It is bad."We know it."', '"No,"']),
    # A sentence opening "As X said" is no speaker's frame; a mark after a single closing
    # mark and a space closes.
    ('"It is bad."As Einstein said, we fail."Yes," he said.',
     ['"It is bad."As Einstein said, we fail."Yes,"']),
    # A quotation running on past a crosshead in capitals the page set inside it.
    ('Trump said. "We stand with them.\n\nSANDERS ACKNOWLEDGES IT\n\n"Here, we are '
     'alarmed," Trump continued.',
     ['"We stand with them.', '"Here, we are alarmed,"']),
    ('He said "call it \'a party,\' " Politico reports."Yes," he said.',
     ['"call it \'a party,\' "', '"Yes,"']),
])
def test_quotations(nlp, text: str, quoted: list[str]) -> None:
    doc = nlp(text)
    segments = segment(doc)
    assert [text[a:b] for a, b in segments.quotes] == quoted
    assert [q.text for q in find_quotes(doc, segments)] == quoted


def test_a_reference_mark_is_a_bracketed_number(nlp) -> None:
    doc = nlp("Troops arrived [2] on Monday and [a] later.")
    marks = [t.text for t in doc if is_reference_mark(doc, t.i)]
    assert marks == ["2"]
