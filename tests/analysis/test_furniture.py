"""Page furniture's patterns: each finds its page's furniture and leaves running text alone."""

from __future__ import annotations

import pytest

from service.analysis.furniture import BAR_CREDIT, CREDIT, FOOT_CREDIT, SIGN_UP, in_highlights


@pytest.mark.parametrize(("pattern", "line", "found"), [
    (CREDIT, "Residents line up for water. (Photo: Jane Doe, AP)", True),
    (CREDIT, "The photo (taken in 2019) shows the senator.", False),
    (BAR_CREDIT, "The cuts are real. | Jane Doe/POLITICO Cuts threaten seats", True),
    (BAR_CREDIT, "Sales rose 3 percent | a record", False),
    (SIGN_UP, "Write to him at jdoe@example.org.", True),
    (SIGN_UP, "Residents can write to him at City Hall.", False),
])
def test_a_pattern_finds_its_furniture(pattern, line, found):
    assert bool(pattern.search(line)) is found


def test_a_partners_notice_is_a_foot_credit():
    assert FOOT_CREDIT.match("This article originally appeared on GlobalPost.")
    assert not FOOT_CREDIT.match("The article appeared to anger the senator.")


def test_a_highlights_box_runs_to_the_first_full_sentence():
    text = "Story highlights A\n\nB is next\n\nThe story starts.\n\nC is later\n"
    assert in_highlights(text, text.index("B is"), "B is next")
    assert not in_highlights(text, text.index("C is"), "C is later")
