"""Paragraph-wise parsing and the paragraph parse cache (service/analysis/parsing.py)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.analysis.parsing import ParseCache, paragraphs, parse_stream, parse_texts
from service.analysis.pipeline import Analyzer
from service.serialize import analysis_to_dict


@pytest.mark.parametrize(("text", "expected"), [
    ("One. Two.\nThree.", ["One. Two.\n", "Three."]),
    ("A heading\n\nBody text here.", ["A heading\n\n", "Body text here."]),
    ("He said:\n“Go.”\nThen left.", ["He said:\n", "“Go.”\n", "Then left."]),
    # A line wrapped inside a sentence, and a heading without a full stop, stay joined.
    ("The minister said on\nMonday it was over.", ["The minister said on\nMonday it was over."]),
    ("Troops sent to Russia\nThey began.", ["Troops sent to Russia\nThey began."]),
    ("Ends.\r\n\r\n  Next one.  \n", ["Ends.\r\n\r\n  ", "Next one.  \n"]),
    ("\n\nLeading blank lines.\nAnd more.", ["\n\nLeading blank lines.\n", "And more."]),
    ("", [""]),
])
def test_paragraphs(text: str, expected: list[str]) -> None:
    assert paragraphs(text) == expected


@given(st.text(alphabet=st.sampled_from(list("ab .?\n\r\t”")), max_size=60))
@settings(max_examples=300, deadline=None)
def test_paragraphs_join_back_exactly(text: str) -> None:
    parts = paragraphs(text)
    assert "".join(parts) == text
    assert all(parts[1:]) and all(not p[:1].isspace() for p in parts[1:])


def test_a_parse_is_stored_the_second_time_its_paragraph_is_seen() -> None:
    cache = ParseCache(2)
    assert not cache.admits("a")
    assert cache.admits("a")
    assert not cache.admits("a")  # admitted once; seen afresh after that
    assert not any(cache.admits(t) for t in "bcd")
    assert not cache.admits("b")  # "b" was forgotten: only the last two are remembered
    assert not ParseCache(0).admits("a") and not ParseCache(0).admits("a")


def test_cache_is_bounded_and_least_recently_used_goes_first() -> None:
    cache = ParseCache(2)
    cache.put("a", b"1")
    cache.put("b", b"2")
    assert cache.get("a") == b"1"  # "b" is now the least recently used
    cache.put("c", b"3")
    assert len(cache) == 2
    assert cache.get("b") is None
    assert (cache.get("a"), cache.get("c")) == (b"1", b"3")
    assert (cache.hits, cache.misses) == (3, 1)
    off = ParseCache(0)
    off.put("a", b"1")
    assert len(off) == 0 and off.get("a") is None


def test_joined_parse_keeps_text_offsets_and_sentences(nlp, seed_001: str) -> None:
    with nlp.memory_zone():
        doc = next(parse_texts(nlp, [seed_001]))
        assert doc.text == seed_001
        assert all(doc.text[t.idx:t.idx + len(t)] == t.text for t in doc)
        starts = {s.start_char for s in doc.sents}
        # Every paragraph starts a sentence.
        offset = 0
        for part in paragraphs(seed_001):
            assert offset in starts
            offset += len(part)
        assert doc.has_annotation("DEP") and doc.has_annotation("ENT_IOB")


def _plain(analyzer: Analyzer, text: str) -> dict:
    return analysis_to_dict(analyzer.analyze(text))


def test_cached_paragraphs_give_the_same_analysis(analyzer: Analyzer, seed_000: str,
                                                   seed_001: str) -> None:
    cached = dataclasses.replace(analyzer, cache=ParseCache(64))
    cold = _plain(analyzer, seed_001)
    first = _plain(cached, seed_001)
    assert len(cached.cache) == 0  # seen once: nothing stored yet
    second = _plain(cached, seed_001)
    assert len(cached.cache) == len(paragraphs(seed_001))  # seen twice: stored
    hits = cached.cache.hits
    third = _plain(cached, seed_001)
    assert cached.cache.hits - hits == len(paragraphs(seed_001))  # every paragraph reused
    assert cold == first == second == third
    # An edited draft: only the changed paragraph is parsed again, and the result is what
    # a fresh analysis of the edited text gives.
    parts = paragraphs(seed_001)
    i = next(i for i, part in enumerate(parts) if "Putin" in part)
    parts[i] = parts[i].replace("Putin", "the Kremlin", 1)
    edited = "".join(parts)
    misses = cached.cache.misses
    assert _plain(cached, edited) == _plain(analyzer, edited)
    assert cached.cache.misses - misses == 1
    # Paragraphs shared between texts are reused across them.
    both = seed_000 + "\n" + seed_001
    assert _plain(cached, both) == _plain(analyzer, both)


def test_parsing_in_worker_processes_gives_the_same_parses(nlp) -> None:
    texts = ["One. Two.\nThree here.", "A heading\n\nBody text.", "Solo."] * 2
    with nlp.memory_zone():
        one = [d.to_json() for d in parse_stream(nlp, texts)]
        two = [d.to_json() for d in parse_stream(nlp, texts, n_process=2)]
    assert one == two
    assert [d["text"] for d in one] == texts
