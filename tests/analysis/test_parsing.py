"""Paragraph-wise parsing and the paragraph parse cache (service/analysis/parsing.py)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from service.analysis.parsing import (
    ParseCache,
    as_written,
    paragraphs,
    parse_stream,
    parse_texts,
    split_reference_marks,
)
from service.analysis.pipeline import Analyzer
from service.render import analysis_to_dict


@pytest.mark.parametrize(("text", "expected"), [
    ("One. Two.\nThree.", ["One. Two.\n", "Three."]),
    ("One.\n\n* * *\n\nTwo.", ["One.\n\n", "* * *\n\n", "Two."]),
    ("A heading\n\nBody text here.", ["A heading\n\n", "Body text here."]),
    ("He said:\n“Go.”\nThen left.", ["He said:\n", "“Go.”\n", "Then left."]),
    # A line wrapped inside a sentence, and a heading without a full stop, stay joined.
    ("The minister said on\nMonday it was over.", ["The minister said on\nMonday it was over."]),
    ("Troops sent to Russia\nThey began.", ["Troops sent to Russia\nThey began."]),
    # A headline above a body written one paragraph to a line, and list items, stand apart.
    ("Brutal crackdown in capital\nOfficials said on Tuesday that police had arrested 40.",
     ["Brutal crackdown in capital\n", "Officials said on Tuesday that police had arrested 40."]),
    ("* Brutal\n* Shameful\n* very bad", ["* Brutal\n", "* Shameful\n", "* very bad"]),
    ("- Brutal\n- Shameful", ["- Brutal\n", "- Shameful"]),
    # Not headings: a line cut after a comma or a stop word, or a lone dash.
    ("Officials said,\nThe war is over and the troops are coming home by Christmas.",
     ["Officials said,\nThe war is over and the troops are coming home by Christmas."]),
    ("Prices rose by\nTwelve per cent in the year to March, the statistics office said.",
     ["Prices rose by\nTwelve per cent in the year to March, the statistics office said."]),
    ("The war\n- which began in 2022, it seems to everyone -\ngoes on.",
     ["The war\n- which began in 2022, it seems to everyone -\ngoes on."]),
    ("Ends.\r\n\r\n  Next one.  \n", ["Ends.\r\n\r\n  ", "Next one.  \n"]),
    ("\n\nLeading blank lines.\nAnd more.", ["\n\nLeading blank lines.\n", "And more."]),
    ("", [""]),
])
def test_paragraphs(text: str, expected: list[str]) -> None:
    assert paragraphs(text) == expected


@given(st.text(alphabet=st.sampled_from(list("ab .?\n\r\t”A*-")), max_size=60))
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


_CURLY = [
    "It’s plausible that they’re right, but he isn’t sure.",
    "We’ve said we’ll go; I’d say it’s Kim’s army, and the ‘witch hunt’ goes on.\nThey don’t.",
    "Officials said the troops weren’t told, and it’s unclear whether they’ll fight.",
]


def _annotation(doc: Doc) -> list[tuple]:
    return [(t.idx, len(t), t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i,
             t.is_sent_start, t.ent_iob_, t.ent_type_) for t in doc]


@pytest.mark.parametrize("text", _CURLY)
def test_typographic_apostrophes_are_read_as_ascii_ones(nlp, text: str) -> None:
    ascii_text = text.replace("’", "'").replace("‘", "'")
    with nlp.memory_zone():
        doc = next(parse_texts(nlp, [text]))
        plain = next(parse_texts(nlp, [ascii_text]))
        assert doc.text == text
        assert [t.text for t in doc] == [text[t.idx:t.idx + len(t)] for t in plain]
        assert _annotation(doc) == _annotation(plain)
        # What the change is for: the model alone mistags the typographic forms.
        assert any(t.lemma_ in {"be", "not", "will", "have", "would"}
                   for t in doc if "’" in t.text)


def test_typographic_apostrophes_give_the_analysis_of_ascii_ones(analyzer: Analyzer) -> None:
    text = " ".join(_CURLY)
    ascii_text = text.replace("’", "'").replace("‘", "'")
    curly, plain = _plain(analyzer, text), _plain(analyzer, ascii_text)
    spans = ("loaded_language", "hedges", "boosters", "attributions")
    for key in spans:
        assert [(f["start"], f["end"], f["entry_id"]) for f in curly[key]] == \
            [(f["start"], f["end"], f["entry_id"]) for f in plain[key]], key
    assert [f["text"] for f in curly["hedges"]] == \
        [text[f["start"]:f["end"]] for f in curly["hedges"]]
    # "It’s plausible", "it’s unclear whether": hedges the model alone would miss.
    assert sum(f["type"] == "speculative" for f in curly["hedges"]) >= 2


def test_as_written_copies_sentence_starts_without_a_parse(nlp) -> None:
    doc = Doc(nlp.vocab, words=["It", "'s", "here", ".", "Go", "."],
              spaces=[False, True, False, True, False, False],
              sent_starts=[True, False, False, False, True, False])
    out = as_written(doc, "It’s here. Go.")
    assert out.text == "It’s here. Go." and [t.text for t in out][1] == "’s"
    assert [s.text for s in out.sents] == ["It’s here.", "Go."]


STRAY = [
    # (text, the sentences an editor sees)
    ('He called the plan "a total disaster."\n',
     ['He called the plan "a total disaster."']),
    ('He called the plan "a total disaster."\n\nThe vote is on Monday.',
     ['He called the plan "a total disaster."', "The vote is on Monday."]),
    # A scene break between paragraphs is no stray mark: nothing joins across a line break.
    ("One.\n\n* * *\n\nTwo.", ["One.", "* * *", "Two."]),
    ("\u2018We will not be bullied,\u2019 the minister said. \u2018It is a disgrace.\u2019",
     ["\u2018We will not be bullied,\u2019 the minister said.",
      "\u2018It is a disgrace.\u2019"]),
]


@pytest.mark.parametrize(("text", "sentences"), STRAY)
def test_a_stray_quotation_mark_joins_its_sentence(analyzer, text, sentences):
    analysis = analyzer.analyze(text)
    assert [s.text for s in analysis.sentences] == sentences
    for quote in analysis.quotes:
        sentence = analysis.sentences[quote.sentence_index]
        assert sentence.start <= quote.start < quote.end <= sentence.end


REFERENCE_MARKS = [
    # (text, the sentences an editor sees)
    # A footnote mark belongs to the sentence it sources, not to the next one.
    ("The army is one of the largest.\u201d [2] North Korea is reportedly receiving aid.",
     ["The army is one of the largest.\u201d [2]", "North Korea is reportedly receiving aid."]),
    # A mark that opens a line with a web address starts a reference-list entry: one
    # sentence to its line end, whatever breaks the line.
    ('Prices rose. [4]\n\n[4] Reuters, "What Are Its Capabilities and How Strong Are They?"'
     " Reuters, October 25, 2024, https://www.reuters.com/world/.\nNext line.",
     ["Prices rose. [4]",
      '[4] Reuters, "What Are Its Capabilities and How Strong Are They?" Reuters, October 25,'
      " 2024, https://www.reuters.com/world/.", "Next line."]),
    ("[1] Reuters, https://www.reuters.com/a.\rThe regime is brutal. Officials said so.",
     ["[1] Reuters, https://www.reuters.com/a.", "The regime is brutal.", "Officials said so."]),
    # A numbered paragraph is no reference entry: its sentences stay apart.
    ("[1] The Security Council met on Monday. It condemned the brutal attack.",
     ["[1] The Security Council met on Monday.", "It condemned the brutal attack."]),
    # A mark glued to its sentence, as text copied from Wikipedia has it.
    ("The crackdown was brutal.[2] Officials said it ended.",
     ["The crackdown was brutal.[2]", "Officials said it ended."]),
    ("It was one of the largest militaries.\u201d[4][5] \u201cThe war is over,\u201d he said.",
     ["It was one of the largest militaries.\u201d[4][5]",
      "\u201cThe war is over,\u201d he said."]),
]


@pytest.mark.parametrize(("text", "sentences"), REFERENCE_MARKS)
def test_a_reference_mark_stays_with_its_sentence(analyzer, text, sentences):
    assert [s.text for s in analyzer.analyze(text).sentences] == sentences


@pytest.mark.parametrize(("text", "words"), [
    ("The crackdown was brutal.[2] Officials", ["brutal", ".", "[", "2", "]", "Officials"]),
    ("militaries.\u201d[4] Next", ["militaries", ".", "\u201d", "[", "4", "]", "Next"]),
    ("Cardinal Benelli[1] said", ["Cardinal", "Benelli", "[", "1", "]", "said"]),
    ("[4][5] Notes", ["[", "4", "]", "[", "5", "]", "Notes"]),
])
def test_a_glued_reference_mark_is_split_from_its_word(analyzer, text, words):
    tokens = [t.text for t in analyzer.nlp(text)]
    assert tokens[-len(words):] == words


def test_a_word_with_a_glued_mark_is_still_found(analyzer):
    found = analyzer.analyze("The crackdown was brutal.[2] Officials said so.").loaded_language
    assert [(f.term_text, f.start, f.end) for f in found] == [("brutal", 18, 24)]


def test_splitting_reference_marks_twice_changes_nothing(analyzer):
    before = analyzer.nlp.tokenizer.suffix_search
    split_reference_marks(analyzer.nlp)
    assert analyzer.nlp.tokenizer.suffix_search.__self__.pattern == before.__self__.pattern


def test_a_line_of_marks_keeps_its_bounded_sentences(analyzer):
    text = "\U0001F600" * 900  # no letter at all: sentences stay as the parse bounds them
    analysis = analyzer.analyze(text)
    assert len(analysis.sentences) > 1
    assert "".join(s.text for s in analysis.sentences) == text


QUOTES = [
    # (text, the quotations found). British house style quotes in single marks:
    ("\u2018We will not be bullied by these thugs,\u2019 the minister said.",
     ["\u2018We will not be bullied by these thugs,\u2019"]),
    # Apostrophes inside stay inside.
    ("\u2018We don\u2019t know Kim\u2019s plan,\u2019 she said.",
     ["\u2018We don\u2019t know Kim\u2019s plan,\u2019"]),
    # A quotation within a quotation is part of it, not a second one.
    ("\u201cHe told me \u2018no\u2019 twice,\u201d she said.",
     ["\u201cHe told me \u2018no\u2019 twice,\u201d"]),
    # A quotation running on into the next paragraph: no closing mark at the break.
    ("“The crackdown was brutal.\n\n“We were terrified,” she said.",
     ["“The crackdown was brutal.", "“We were terrified,”"]),
    ("“An opening mark never closed.\n\nThe next paragraph is plain.", []),
    ("\u201cThe crackdown was brutal.  \r\n\r\n\u201cWe were terrified,\u201d she said.",
     ["\u201cThe crackdown was brutal.", "\u201cWe were terrified,\u201d"]),
    # A quotation inside another is part of it, whichever marks each uses.
    ("\u2018These thugs told me \u201cno\u201d twice,\u2019 he said.",
     ["\u2018These thugs told me \u201cno\u201d twice,\u2019"]),
    # Apostrophes alone quote nothing.
    ("In the \u201990s the players\u2019 union grew.", []),
]


@pytest.mark.parametrize(("text", "quotes"), QUOTES)
def test_quotation_marks_quote(analyzer, text, quotes):
    assert [q.text for q in analyzer.analyze(text).quotes] == quotes


def test_loaded_word_in_single_quotes_is_the_speakers(analyzer):
    analysis = analyzer.analyze("\u2018These thugs will not win,\u2019 the minister said.")
    assert [(f.term_text, f.quoted) for f in analysis.loaded_language] == [("thugs", True)]
    assert analysis.sentences[0].label == "reporting"


INVISIBLE = [
    # Soft hyphens from a hyphenating layout tool, zero-width spaces and joiners, a BOM.
    "Officials said the bru\u00adtal crackdown re\u00adportedly continued.",
    "Officials said the brutal\u200b crackdown reportedly\u200b continued.",
    "\ufeffOfficials\u200c said the brutal crackdown reportedly continued.\ufeff",
]


@pytest.mark.parametrize("text", INVISIBLE)
def test_invisible_characters_change_no_finding(analyzer, text):
    clean = "Officials said the brutal crackdown reportedly continued."

    def found(t: str) -> list[tuple[str, str]]:
        a = analyzer.analyze(t)
        return [(f.entry_id, f.type) for f in (*a.loaded_language, *a.hedges)] + [
            (x.entry_id, x.source.kind if x.source else "") for x in a.attributions]
    assert found(text) == found(clean)
    analysis = analyzer.analyze(text)
    assert len(analysis.sentences) == 1
    for f in (*analysis.loaded_language, *analysis.hedges):
        assert text[f.start:f.end] == f.text


@pytest.mark.parametrize("text", ["\u200b", "word \u200b", "x\u200b\u200b \u200b\u200by"])
def test_invisible_characters_that_touch_no_word_keep_the_text_whole(nlp, text):
    # They cannot join a token (or there is none): the text is parsed as written.
    (doc,) = parse_texts(nlp, [text])
    assert doc.text == text
