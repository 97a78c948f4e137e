"""A round-up's credit after each excerpt names the excerpt's speaker."""

from __future__ import annotations

TEXT = ("From the Left\n\n"
        "Some suggest that Congress \u201cremove him from office now.\u201d "
        "Edward B. Foley, Politico\n\n"
        "\u201cThere is enough here to support impeachment.\n\n"
        "\u201cWhether it is enough to convince Republicans is another matter.\u201d\n\n"
        "Editorial Board, Washington Post\n\n"
        "The senator said \u201cwe will see,\u201d and left.")


def test_each_excerpt_is_spoken_by_its_credit(analyzer):
    analysis = analyzer.analyze(TEXT)
    speakers = {q.text[:12]: analysis.attributions[q.speaker].source.text
                for q in analysis.quotes if q.speaker is not None}
    assert speakers["\u201cremove him "] == "Edward B. Foley"
    # The excerpt's two paragraphs are the board's, credited with the paper's name.
    assert speakers["\u201cThere is en"] == "Washington Post"
    assert speakers["\u201cWhether it "] == "Washington Post"
    credits = [a for a in analysis.attributions if a.text == ","]
    assert [a.content.text[:8] for a in credits] == ["\u201cremove ", "\u201cThere i"]
    # The credit lines are captions, and a quotation without a credit keeps its frame.
    roles = {s.text: s.role for s in analysis.sentences}
    assert roles["Edward B. Foley, Politico"] == roles["Editorial Board, Washington Post"] == (
        "caption")
    assert speakers["\u201cwe will see"] == "The senator"


def test_a_sentence_after_a_quotation_is_no_credit(analyzer):
    text = "\u201cWe will win.\u201d Then Smith, the mayor, left.\n\nMore."
    analysis = analyzer.analyze(text)
    assert not [a for a in analysis.attributions if a.text == ","]


def test_one_line_of_names_after_a_quotation_is_no_credit(analyzer):
    text = ("\u201cWe have a company that wants to do business there,\u201d Swalwell said.\n\n"
            "David Pecker, Barry Levine and Dylan Howard\n\nThe three ran the tabloid.")
    analysis = analyzer.analyze(text)
    assert not [a for a in analysis.attributions if a.text == ","]
    assert analysis.attributions[analysis.quotes[0].speaker].source.text == "Swalwell"
