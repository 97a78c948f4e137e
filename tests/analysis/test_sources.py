"""Sources: who speaks for a reporting cue, and what kind of source it is."""

from __future__ import annotations

import pytest

from service.analysis.pipeline import Analyzer
from service.analysis.sources import speaker


def sources(analyzer: Analyzer, text: str) -> dict[str, tuple[str, str] | None]:
    return {a.text: (a.source.text, a.source.kind) if a.source else None
            for a in analyzer.analyze(text).attributions}


@pytest.mark.parametrize(("text", "cue", "expected"), [
    # A verb joined to another shares its subject.
    ("Abbott also scaled back the plan and said it would cost less.", "said",
     ("Abbott", "named")),
    # A title first and the name in apposition, or the name first and its title after.
    ("The region's top EPA official, political appointee Susan Hedman, said the water "
     "was safe.", "said",
     ("The region's top EPA official, political appointee Susan Hedman", "named")),
    ("In a panel discussion in Washington, Marc H. Morial, the chief executive of the "
     "National Urban League, forcefully told a young woman that she should vote.", "told",
     ("Marc H. Morial, the chief executive of the National Urban League", "named")),
    # The possessor of a noun of saying, without its "'s".
    ("Trump's claim that there have been thousands of shootings was rated true.", "claim",
     ("Trump", "named")),
    # A passive's agent.
    ("The deployment was confirmed by U.S. officials.", "confirmed",
     ("U.S. officials", "unnamed")),
    # A dateline the parse hung on the speaker is the story's, not the source's.
    ("WASHINGTON (Reuters) - U.S. Treasury Secretary Steven Mnuchin said on Tuesday that "
     "the plan would pass.", "said", ("U.S. Treasury Secretary Steven Mnuchin", "named")),
    ("WASHINGTON (AP) \u2014 A career official in the White House security office says "
     "dozens of people were granted security clearances.", "says",
     ("A career official in the White House security office", "unnamed")),
    # A source in capitals with no dash stays whole.
    ("NATO said on Tuesday that the plan would pass.", "said", ("NATO", "named")),
    # A speaker in a relative clause keeps its "who", not the clause's words before the
    # verb; a clause set off by commas is not the speaker's name.
    ("Two Republican senators who this week said they would be hesitant to vote were "
     "satisfied.", "said", ("Two Republican senators who", "other")),
    ("Mr. Kamin, who emphasized that he was speaking for himself, said the plan was sound.",
     "said", ("Mr. Kamin", "named")),
    # A restrictive clause describes the source: it stays.
    ("Officials who declined to be named said the talks had stalled.", "said",
     ("Officials who declined to be named", "unnamed")),
    # Words floating before the verb are not the speaker's; a share keeps its sign.
    ("The president all but admitted his proposal faced little chance of passing.",
     "admitted", ("The president", "other")),
    ("Fifty percent said the climate is changing, and 26% said it is not.", "said",
     ("26%", "other")),
    # A text described by its words speaks for itself.
    ("The ministry issued a statement saying the talks had collapsed.", "saying",
     ("a statement", "other")),
    # A light verb hands its act to the noun: the verb's subject makes the claim.
    ("Fiorina made the claim that small business owners are being crushed.", "claim",
     ("Fiorina", "named")),
    # A participle after a comma that the parse hung on a "that" clause, or one hung on a
    # gerund, has the main clause's subject; one after a subordinate "As" clause keeps
    # that clause's.
    ("Mr. Schumer also rejected talk from the White House that they could reprogram "
     "funds, saying Congress isn't going to fund the wall by any means.", "saying",
     ("Mr. Schumer", "named")),
    ("As Democrats renewed their demands for a special counsel, arguing that the "
     "department could not be trusted, Republicans stood firm.", "arguing",
     ("Democrats", "named")),
    # The one quoted speaks, not the agency that quotes.
    ("RIA news agency quoted Deputy Foreign Minister Sergei Ryabkov as saying the talks "
     "would go on.", "saying", ("Deputy Foreign Minister Sergei Ryabkov", "named")),
    # An absolute clause set off by its comma: the "with" noun speaks; a "with" of the
    # verb's own ("agreed with Kaufman, saying") leaves the subject the speaker.
    ("The proposal roiled the debate, with Sen. Richard Durbin — Democrats' chief "
     "negotiator — saying his party was prepared to walk away.", "saying",
     ("Sen. Richard Durbin — Democrats' chief negotiator", "named")),
    ("Board member Jane Rosen agreed with Kaufman, saying she found the practice "
     "inappropriate.", "saying", ("Board member Jane Rosen", "named")),
    # An adjective whose "to" clause is an act done: the copula's subject speaks.
    ("Press secretary Josh Earnest was careful to say that Comey is a man of integrity.",
     "say", ("Press secretary Josh Earnest", "named")),
    # The interviewer in a phrase before the verb is not the speaker after the comma.
    ("In an interview with Faithwire, the Los Angeles Dream Center co-founder said the "
     "meals would continue.", "said", ("the Los Angeles Dream Center co-founder", "named")),
    # An inverted frame with a title the parser read as a modifier of the name.
    ("The aide spoke first. “He has set the standard,” added spokesman Brian Fallon.",
     "added", ("spokesman Brian Fallon", "named")),
])
def test_source_of_a_cue(analyzer, text, cue, expected):
    assert sources(analyzer, text)[cue] == expected


def test_a_subjectless_verb_after_no_name_has_no_source(analyzer):
    # Nothing that names a person or an organisation stands before "said".
    found = sources(analyzer, "It was reported that the dam had burst.")
    assert found == {"reported": None}


def test_the_same_role_keeps_its_kind_across_the_document(analyzer):
    text = "Sources said the talks had stalled. Some sources said the deal was off."
    found = [(a.source.text, a.source.kind) for a in analyzer.analyze(text).attributions
             if a.source]
    assert found == [("Sources", "unnamed"), ("Some sources", "unnamed")]


@pytest.mark.parametrize(("text", "expected"), [
    # Quotative inversion: the parser reads the speaker as the verb's object.
    ('"Why now?" asked a spokesman for the ministry.', ("a spokesman", "unnamed")),
    ('"How many times has that happened?" asked Chaffetz.', ("Chaffetz", "named")),
])
def test_the_speaker_after_an_inverted_frame(analyzer, text, expected):
    assert sources(analyzer, text)["asked"] == expected


def test_a_participle_after_a_quoted_title_has_no_inverted_speaker(analyzer):
    text = ('Lynch spoke to the Post\'s project on "Women in Power," answering questions '
            'about her career.')
    found = sources(analyzer, text)
    assert found.get("answering") != ("questions about her career", "other")
    assert found["answering"] == ("Lynch", "named")  # the clause's subject, as before


def test_an_inverted_speaker_is_the_name_not_the_clause_after_it(analyzer):
    text = ("\u201cCould Reagan be sitting right here?\u201d asked the president, to which "
            "Kissinger simply replied: \u201cInconceivable.\u201d")
    found = {a.text: a.source.text for a in analyzer.analyze(text).attributions if a.source}
    assert found["asked"] == "the president"


def test_all_told_is_everything_counted(analyzer):
    assert sources(analyzer, "All told, the storm destroyed 300 homes in the county.") == {}
    # "all" as the speakers: they told someone something.
    assert "told" in sources(analyzer, "All told reporters that the plan would pass.")


def test_telling_lies_or_the_truth_reports_no_words(analyzer):
    assert sources(analyzer, "He told many, many more lies.") == {}
    assert sources(analyzer, "She told the truth about the fire.") == {}
    # The truth as what was said: someone's words follow.
    assert "told" in sources(analyzer, "He told reporters the truth was that the fund was empty.")


@pytest.mark.parametrize(("text", "expected"), [
    # The anonymous-source formula with "those" (it was a pronoun).
    ("Those close to him say he will run again.", ("Those close to him", "unnamed")),
    ("Those familiar with the talks said a deal was near.",
     ("Those familiar with the talks", "unnamed")),
])
def test_a_source_identified_by_role_is_unnamed(analyzer, text, expected):
    (source,) = [s for s in sources(analyzer, text).values() if s is not None]
    assert source == expected



@pytest.mark.parametrize("text", [
    "A super PAC supporting Clinton bought $2 million of airtime.",
    "The company made a profit last year.",
])
def test_a_stance_or_a_thing_made_is_no_speech(analyzer, text):
    assert sources(analyzer, text) == {}


def test_a_participle_takes_a_text_not_any_noun_as_its_speaker(analyzer):
    from spacy.tokens import Doc

    from service.analysis.sources import speaker

    # "a statement saying ..." and "time saying ...", each participle hung on its noun.
    words = ["a", "statement", "saying", "no", "and", "time", "saying", "yes"]
    heads = [1, 1, 1, 2, 1, 4, 5, 6]
    deps = ["det", "ROOT", "acl", "dobj", "cc", "conj", "acl", "dobj"]
    tags = ["DT", "NN", "VBG", "UH", "CC", "NN", "VBG", "UH"]
    pos = ["DET", "NOUN", "VERB", "INTJ", "CCONJ", "NOUN", "VERB", "INTJ"]
    lemmas = ["a", "statement", "say", "no", "and", "time", "say", "yes"]
    doc = Doc(analyzer.nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos,
              lemmas=lemmas)
    found = speaker(doc[2], set())
    assert found is not None and found.i == 1
    assert speaker(doc[6], set()) is None


@pytest.mark.parametrize(("text", "expected"), [
    # A negative quantifier names no one who spoke: no attribution at all (unsaid.py), the
    # clause is the writer's, and a participle with no speaker neither.
    ("No official said the plan would fail.", {}),
    ("Nobody said it would be easy.", {}),
    ("Yet no environmentalist hoping to influence voters can afford to ignore this point.",
     {}),
    # A number after "No" names an office or a rank ("No 10", "the world No 1").
    ("No 10 said the plan would go ahead.", {"said": ("No 10", "other")}),
    # A comparison of number is a count of speakers, not a negation.
    ("No fewer than 40 senators said they would vote no.",
     {"said": ("No fewer than 40 senators", "other")}),
])
def test_a_negative_quantifier_is_no_speaker(analyzer, text, expected):
    assert sources(analyzer, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A text's words framed by "read", the text as source, inverted or not.
    ('"I am still Sanders," it read.', {"read": ("it", "pronoun")}),
    ('"We grow stronger," read the email.', {"read": ("the email", "other")}),
    # The tagger's base-form "read" with an auxiliary is no inverted frame.
    ('"Stop," she said. Please read the book.', {"said": ("she", "pronoun")}),
    # An inverted subject the parser read as an attribute.
    ('"Go," continued the senator.', {"continued": ("the senator", "other")}),
    # Reading aloud or reading the news frames no quotation.
    ("As the judge read his decision, Santilli smiled.", {}),
])
def test_a_text_speaks_through_read(analyzer, text, expected):
    assert sources(analyzer, text) == expected


def test_the_name_after_a_frame_set_off_by_commas_speaks(analyzer):
    text = 'The rules, writes Milbank, leave many reporters under "exceptions."'
    assert sources(analyzer, text)["writes"] == ("Milbank", "named")


def test_a_participle_opening_the_sentence_has_the_clauses_subject(analyzer):
    text = "Saying that he had been misquoted, the senator left."
    assert sources(analyzer, text)["Saying"] == ("the senator", "other")


@pytest.mark.parametrize(("text", "cue", "expected"), [
    # "Signaled" and "cautioned" report what a speaker made known.
    ("President Trump signaled Friday that protesters will have a tougher time.", "signaled",
     ("President Trump", "named")),
    ("The Fed signaled it would raise rates.", "signaled", ("The Fed", "named")),
    ("They cautioned that the figures could change.", "cautioned", ("They", "pronoun")),
    # Speech acts: detailing, commending, reassuring.
    ("News reports have detailed that some groups got a pass.", "detailed",
     ("News reports", "vague")),
    ("Mr. Obama commended the graduates for their service.", "commended",
     ("Mr. Obama", "named")),
    ("He tried to reassure investors that the data was safe.", "reassure", ("He", "pronoun")),
])
def test_signal_and_caution_report_a_speaker(analyzer, text, cue, expected):
    assert sources(analyzer, text)[cue] == expected


def test_a_sign_signals_no_words_and_a_telephone_is_no_speaker(analyzer):
    # Something that is a sign of something speaks for no one.
    assert "signals" not in sources(analyzer, "The move signals that the bank is worried.")
    # The means of a passive "by": how, not who.
    found = sources(analyzer, "The poll of 1,014 adults questioned by telephone was "
                              "conducted June 28-July 1.")
    assert found.get("questioned") is None


def test_a_video_players_close_button_is_not_part_of_the_source(analyzer):
    text = ("The bill passed.\n\nCLOSE Senate Majority Leader Mitch McConnell says President "
            "Donald Trump is prepared to sign the bill. (Feb. 14) AP\n\nIt rained.")
    assert sources(analyzer, text)["says"] == ("Senate Majority Leader Mitch McConnell", "named")


def test_a_verb_the_parser_hung_on_the_sentences_noun_has_that_noun_as_speaker(analyzer):
    # The parser reads "accused" as a modifier of "letter", the sentence's root.
    analysis = analyzer.analyze("The letter accused Trump of deliberately undermining the probe.")
    (accused,) = analysis.attributions
    assert accused.source is not None and accused.source.text == "The letter"
    (finding,) = analysis.loaded_language
    assert finding.voice == "reported"  # the letter's charge, not the writer's


@pytest.mark.parametrize(("text", "word", "speaks"), [
    ("Press secretary Josh Earnest was careful to say that the plan was sound.", "say",
     "Earnest"),
    # A disposition or a wish is no act of speech: its adjective's subject does not speak.
    ("Romney was afraid to mention his signature achievement.", "mention", None),
    ("The White House is eager to tell a different story before the midterms.", "tell", None),
])
def test_an_adjectives_to_clause_speaks_only_for_an_act_done(nlp, text, word, speaks):
    verb = next(t for t in nlp(text) if t.text == word)
    head = speaker(verb, set())
    assert (head.text if head is not None else None) == speaks


def test_a_capitalised_participle_after_a_quotation_frames_nothing(analyzer):
    text = ("The rally ended. \u201cThis will not end well.\u201d Noted economist Paul Krugman "
            "disagreed with the forecast.")
    assert [q.speaker for q in analyzer.analyze(text).quotes] == [None]
