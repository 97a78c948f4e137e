"""Embedded posts: the poster's words are quoted and credited; the signature is a credit."""

from __future__ import annotations

from datetime import date

import pytest

from service.analysis.embeds import find_embeds

TRUMP = "— Donald J. Trump (@realDonaldTrump) June 3, 2017"


@pytest.mark.parametrize(("text", "post", "name", "handle"), [
    (f"He tweeted:\n\nWe need the Travel Ban! {TRUMP}\n\nThe court disagreed.",
     "We need the Travel Ban!", "Donald J. Trump", "@realDonaldTrump"),
    # A link before the signature is part of the post; an en dash or "--" signs it too.
    ("Ok.\n\nA crack on Old Sonoma Road pic.twitter.com/jfsPVvofOg – Elizabeth Weise "
     "(@eweise) August 25, 2014\n\nMore.",
     "A crack on Old Sonoma Road pic.twitter.com/jfsPVvofOg", "Elizabeth Weise", "@eweise"),
    ("Ok.\n\nSo sad. https://t.co/abc -- Jane Roe (@jroe) May 1, 2020",
     "So sad. https://t.co/abc", "Jane Roe", "@jroe"),
    # A display name with a group in brackets.
    ("Ok.\n\nOur fellow citizens are not the enemy. #BeBetter — GEN(R) Martin E. Dempsey "
     "(@Martin_Dempsey) June 1, 2020\n\nJust this week.",
     "Our fellow citizens are not the enemy. #BeBetter", "GEN(R) Martin E. Dempsey",
     "@Martin_Dempsey"),
])
def test_a_signature_credits_the_post_before_it(text, post, name, handle):
    (embed,) = find_embeds(text)
    assert embed.post is not None and embed.post.text == post
    assert text[embed.post.start:embed.post.end] == post
    assert embed.name.text == name and embed.handle == handle
    assert embed.signature.text.endswith(str(embed.date.year))


@pytest.mark.parametrize("text", [
    # A dash and a date, no handle: the writer's own sentence.
    "The vote passed — Senator Jane Roe, March 3, 2017, was absent.",
    "The council met — on March 3, 2017 — and voted.",
    # A handle with no date: an author's note, not a signature.
    "Ok.\n\n— Jedediah Britton-Purdy (@JedediahSPurdy) is a professor of law.",
    # A hyphen is no signature's dash ("Tim Murtaugh - Text TRUMP" is a name).
    "Ok.\n\nWe won - Jane Roe (@jroe) May 1, 2020",
    # A date that runs on into a sentence is no signature's.
    "Ok.\n\nHe wrote — Jane Roe (@jroe) May 1, 2020.",
])
def test_no_signature_no_post(text):
    assert find_embeds(text) == ()


def test_the_embeds_report_link_is_part_of_the_signature():
    text = ("Ok.\n\nWrong is wrong. — Tomi Lahren (@TomiLahren) May 29, 2018 Report\n\n"
            "Fox News host Sean Hannity said.")
    (embed,) = find_embeds(text)
    assert embed.signature.text.endswith("2018 Report")
    assert embed.post is not None and embed.post.text == "Wrong is wrong."


def test_the_bbcs_skip_link_before_a_post_is_not_the_posters_words():
    text = ("Ok.\n\nSkip Twitter post by @BuzzFeedBen We stand by our reporting. "
            "\u2014 Ben Smith (@BuzzFeedBen) January 19, 2019 Report\n\nHe said.")
    (embed,) = find_embeds(text)
    assert embed.post is not None and embed.post.text == "We stand by our reporting."
    # The link alone is no post.
    alone = "Ok.\n\nSkip Twitter post by @jroe \u2014 Jane Roe (@jroe) May 1, 2020\n\nOk."
    (embed,) = find_embeds(alone)
    assert embed.post is None


def test_a_signature_alone_on_its_line_credits_no_words():
    text = ("Cuomo said testing still needs help.\n\n—QuickTake by Bloomberg (@QuickTake) "
            "April 17, 2020\n\nOn Monday.")
    (embed,) = find_embeds(text)
    assert embed.post is None and embed.name.text == "QuickTake by Bloomberg"


def test_a_posts_blank_lines_join_its_paragraphs_within_the_posts_length():
    post = "Our children’s futures are on the line.\n\n\n\nSo rest assured — I will NEVER GIVE UP!"
    text = (f"Moore wrote to supporters.\n\nHe is a judge.\n\n{post} — Judge Roy Moore "
            "(@MooreSenate) November 9, 2017\n\nThe auditor agreed.")
    (embed,) = find_embeds(text)
    assert embed.post is not None and embed.post.text == post


def test_a_paragraph_past_the_posts_length_is_the_writers():
    writer = ("European Council President Donald Tusk sounds like he is one step from crooning "
              "some Al Green to the next Briton he spots on the street, and says so.")
    post = "I appeal to the British citizens: Stay with us. We need you."
    text = (f"Ok.\n\nA paragraph.\n\n{writer}\n\n\n\n{post} — Donald Tusk (@eucopresident) "
            "June 20, 2016\n\nMore.")
    (embed,) = find_embeds(text)
    assert embed.post is not None and embed.post.text == post
    assert embed.date == date(2016, 6, 20)


def test_a_post_never_reaches_back_over_the_signature_before_it():
    text = (f"Ok.\n\nFirst post. {TRUMP}\n\n\n\nSecond post. — Jane Roe (@jroe) May 1, 2020"
            "\n\nMore.\n\nAnd more.")
    first, second = find_embeds(text)
    assert first.post is not None and first.post.text == "First post."
    assert second.post is not None and second.post.text == "Second post."


def test_a_line_longer_than_any_post_gives_only_its_last_sentence():
    writer = "The writer has much to say about this. " * 20
    text = f"{writer}Then he posted. We need the ban! {TRUMP} And so on."
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == " " and text[i - 1] in ".!"]
    (embed,) = find_embeds(text, starts)
    assert embed.post is not None
    assert embed.post.text == "We need the ban!"
    # Without sentence bounds no start is known: the signature credits no words.
    (embed,) = find_embeds(text)
    assert embed.post is None


def test_a_post_is_quoted_and_spoken_by_its_poster(analyzer):
    text = ("The president hyped fears:\n\nWe need to be smart, vigilant and tough. We need "
            f"the Travel Ban as an extra level of safety! pic.twitter.com/abc {TRUMP}\n\n"
            "The court disagreed, officials said.")
    result = analyzer.analyze(text)
    by_text = {s.text: s for s in result.sentences}
    signature = by_text[TRUMP]
    assert signature.role == "caption"
    (post,) = [q for q in result.quotes if q.text.startswith("We need to be smart")]
    assert post.text.endswith("pic.twitter.com/abc")
    poster = result.attributions[post.speaker]
    assert (poster.text, poster.type) == ("—", "according_to")
    assert poster.source is not None
    assert (poster.source.text, poster.source.kind) == ("Donald J. Trump", "named")
    assert poster.content is not None and poster.content.text == post.text
    for sentence in ("We need to be smart, vigilant and tough.",
                     "We need the Travel Ban as an extra level of safety!"):
        assert by_text[sentence].voice == "quoted"
        assert by_text[sentence].attribution_index == post.speaker
    assert by_text["The court disagreed, officials said."].voice == "reported"
    # The attributions stay in text order, the reported ones credited to their own cue.
    assert [a.start for a in result.attributions] == sorted(a.start for a in result.attributions)
    reported = by_text["The court disagreed, officials said."]
    assert result.attributions[reported.attribution_index].text == "said"


def test_a_loaded_word_in_a_post_is_the_posters(analyzer):
    text = ("Ok, he wrote.\n\nThe radical left is a disgrace and a total disaster! "
            f"{TRUMP}\n\nThe vote is Tuesday.")
    result = analyzer.analyze(text)
    inside = [f for f in result.loaded_language if "disgrace" in f.text or "radical" in f.text]
    assert inside and all(f.voice == "quoted" for f in inside)


def test_a_text_without_posts_is_read_as_before(analyzer):
    text = "The council met — on March 3, 2017 — and voted.\n\nIt passed."
    result = analyzer.analyze(text)
    assert [s.role for s in result.sentences] == ["body", "body"]
    assert result.quotes == ()


def test_the_signature_names_the_poster_over_a_lead_in(analyzer):
    text = ("Ok.\n\nThe mayor tweeted:\n\nWe will rebuild the bridge by June. — Jane Roe "
            "(@MayorRoe) May 1, 2020\n\nIt passed.")
    result = analyzer.analyze(text)
    (post,) = result.quotes
    speaker = result.attributions[post.speaker]
    assert speaker.source is not None and speaker.source.text == "Jane Roe"
    assert speaker.entry_id == "attribution.quotation_dash"
