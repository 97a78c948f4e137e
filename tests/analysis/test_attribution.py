"""Attribution: reporting cues, their sources and whether each source is named."""

from __future__ import annotations

import pytest

from service.analysis.model import Attribution
from service.analysis.pipeline import Analyzer


def attributions(analyzer: Analyzer, text: str) -> tuple[Attribution, ...]:
    return analyzer.analyze(text).attributions


def summary(found: tuple[Attribution, ...]) -> set[tuple[str, str, str | None, str | None]]:
    return {(a.text, a.type, a.source.text if a.source else None,
             a.source.kind if a.source else None) for a in found}


SEED_ATTRIBUTIONS = [
    ("seed_000", ("reported", "neutral_verb", "South Korean media", "vague")),
    ("seed_000", ("confirmed", "neutral_verb", "U.S. officials", "unnamed")),
    ("seed_000", ("suggest", "neutral_verb", "Analysts", "vague")),
    ("seed_001", ("allege", "loaded_verb", "some outlets", "vague")),
    ("seed_001", ("rumored", "loaded_verb", "some outlets", "vague")),
    ("seed_001", ("speculated", "loaded_verb", "the media", "vague")),
    ("seed_001", ("According to", "according_to",
                  "a November 5th article by Michael Dorgan and Caitlin McFall in Fox News",
                  "named")),
]


@pytest.mark.parametrize(("seed", "expected"), SEED_ATTRIBUTIONS)
def test_seed_attributions(analyzer, request, seed, expected):
    found = summary(attributions(analyzer, request.getfixturevalue(seed)))
    assert expected in found, found


def test_seed_boasts_is_not_speech(analyzer, seed_001):
    assert "boasts" not in {a.text for a in attributions(analyzer, seed_001)}


def test_seed_cue_inside_a_quotation_is_the_quoted_writers(analyzer, seed_001):
    # "Zelenskyy said" stands inside the quotation of the Fox News article: the
    # writer's attribution is "According to ... Fox News", which credits the whole quote.
    found = attributions(analyzer, seed_001)
    assert "said" not in {a.text for a in found}
    (according,) = [a for a in found if a.text == "According to"]
    assert according.content is not None and "Zelenskyy said" in according.content.text


def test_source_offsets_point_at_the_source(analyzer, seed_000):
    for a in attributions(analyzer, seed_000):
        if a.source is not None:
            assert seed_000[a.source.start:a.source.end] == a.source.text
        assert seed_000[a.start:a.end] == a.text


SENTENCES = [
    ("Zelenskyy said the troops had crossed the border.",
     ("said", "neutral_verb", "Zelenskyy", "named")),
    ("The deployment was confirmed by U.S. officials.",
     ("confirmed", "neutral_verb", "U.S. officials", "unnamed")),
    ("The clash was first reported by South Korean media.",
     ("reported", "neutral_verb", "South Korean media", "vague")),
    ("A source familiar with the talks said they had stalled.",
     ("said", "neutral_verb", "A source familiar with the talks", "unnamed")),
    # The outer verb is the attribution: the officials declined; "say" is its content.
    ("Officials declined to say how many soldiers died.",
     ("declined", "neutral_verb", "Officials", "unnamed")),
    ("Goldman Sachs analysts said rates would fall.",
     ("said", "neutral_verb", "Goldman Sachs analysts", "unnamed")),
    ("Kremlin spokesman Dmitry Peskov told reporters the talks were over.",
     ("told", "neutral_verb", "Kremlin spokesman Dmitry Peskov", "named")),
    ("The minister claimed the troops were volunteers.",
     ("claimed", "loaded_verb", "The minister", "other")),
    ("He admitted that the plan had failed.",
     ("admitted", "loaded_verb", "He", "pronoun")),
    ("Critics say the law goes too far.",
     ("say", "neutral_verb", "Critics", "vague")),
    ("Many businesses say borrowing costs already hurt investment.",
     ("say", "neutral_verb", "Many businesses", "vague")),
    ("According to reports, the dam burst at night.",
     ("According to", "according_to", "reports", "vague")),
    ("The ministry denied the report on Tuesday.",
     ("denied", "neutral_verb", "The ministry", "other")),
    ("Analysts pointed out that exports had fallen.",
     ("pointed out", "loaded_verb", "Analysts", "vague")),
    ('"We will win," he added.',
     ("added", "neutral_verb", "he", "pronoun")),
    # A speaker who indicates or suggests reports speech.
    ("Officials indicated that the road would reopen.",
     ("indicated", "neutral_verb", "Officials", "unnamed")),
    # Speech about a topic reports, also where the parser hangs "about" one phrase lower.
    ("The media has speculated for weeks about his health.",
     ("speculated", "loaded_verb", "The media", "vague")),
    # The parser hangs the reported clause on the source; the source stops before it.
    ("It's rumored by some outlets that thousands of troops have joined.",
     ("rumored", "loaded_verb", "some outlets", "vague")),
    ("It was rumored by some outlets that troops joined the fighting.",
     ("rumored", "loaded_verb", "some outlets", "vague")),
    # An "as" frame reports the clause it hangs on, before or after it.
    ("As the minister claimed, the data were wrong.",
     ("claimed", "loaded_verb", "the minister", "other")),
    ("The data, as officials insisted, were wrong.",
     ("insisted", "loaded_verb", "officials", "unnamed")),
    ("As Reuters reported, the talks have stalled.",
     ("reported", "neutral_verb", "Reuters", "named")),
    # Verbs of speech acts, thinking, labelling and findings (issue 18).
    ("Clinton accused Trump of lying about his taxes.",
     ("accused", "neutral_verb", "Clinton", "named")),
    ("Reporters asked whether the talks had failed.",
     ("asked", "neutral_verb", "Reporters", "other")),
    ("Bernie Sanders called for a ban on fracking.",
     ("called for", "neutral_verb", "Bernie Sanders", "named")),
    ("She described the plan as reckless.",
     ("described", "neutral_verb", "She", "pronoun")),
    ("Trump called the deal a disaster.",
     ("called", "loaded_verb", "Trump", "named")),
    ("Romney went after Trump on Wednesday over his taxes, calling it \u201cdisqualifying.\u201d",
     ("calling", "loaded_verb", "Romney", "named")),
    ("Health officials believe the true number is ten times higher.",
     ("believe", "neutral_verb", "Health officials", "unnamed")),
    ("The study found that wages fell.",
     ("found", "loaded_verb", "The study", "other")),
    # A verb joined to another takes its subject.
    ("Abbott also scaled back the plan and said it would cost less.",
     ("said", "neutral_verb", "Abbott", "named")),
    # A title first, the name in apposition: named.
    ("The region's top EPA official, political appointee Susan Hedman, said the water "
     "was safe.",
     ("said", "neutral_verb", "The region's top EPA official, political appointee Susan Hedman",
      "named")),
    # A headline's colon stands for "said".
    ("Paul Ryan: FBI Decision Defies Explanation.\n\nThe speaker spoke on Tuesday.",
     (":", "according_to", "Paul Ryan", "named")),
    ("Clinton talked about her plan for child care.",
     ("talked about", "neutral_verb", "Clinton", "named")),
    ("Republican U.S. Representative Matt Gaetz told CNN, calling the allegations very "
     "serious.",
     ("calling", "loaded_verb", "Republican U.S. Representative Matt Gaetz", "named")),
    # A bare frame: the parser set the quotation apart, or the clause runs long.
    ("A 15-year-old girl outside the venue was pepper-sprayed by another bystander, "
     "police said.",
     ("said", "neutral_verb", "police", "other")),
    # A parenthetical frame set off by commas.
    ("Greensboro, Sexton said, made him wonder who is steering the rhetoric.",
     ("said", "neutral_verb", "Sexton", "named")),
    # Speech acts and stated stances with their object.
    ("The senator expressed concern about the deal.",
     ("expressed", "neutral_verb", "The senator", "other")),
    ("The flight attendants' union endorsed Clinton on Tuesday.",
     ("endorsed", "neutral_verb", "The flight attendants' union", "other")),
    # Stated intentions and agreement, with a clause or an infinitive.
    ("Trump promised to cut taxes for the middle class.",
     ("promised", "neutral_verb", "Trump", "named")),
    ("All five senators agreed that the proposal would raise taxes.",
     ("agreed", "neutral_verb", "All five senators", "other")),
    # Hostile speech aimed at its object.
    ("Clinton mocked Trump for his tweets.",
     ("mocked", "loaded_verb", "Clinton", "named")),
    ("Sanders blasted the decision on Tuesday.",
     ("blasted", "loaded_verb", "Sanders", "named")),
    ("He was referring to the email scandal.",
     ("referring to", "neutral_verb", "He", "pronoun")),
    # A verb of saying before a colon, and a transcript's speaker.
    ("Cruz continued: the plan will fail.",
     ("continued:", "neutral_verb", "Cruz", "named")),
    ("Mike Pence spoke to Fox.\n\n\"WALLACE: Let's start with the news.",
     (":", "according_to", "WALLACE", "named")),
    # A quotation credited with a dash.
    ("\u201cHe represents our greatest shame.\u201d \u2015 Sonya Herridge",
     ("\u2015", "according_to", "Sonya Herridge", "named")),
    # ... with the dash set close against the closing mark.
    ("\u201cI\u2019m so ashamed to be an American.\u201d\u2015 Carla Sanchez.",
     ("\u2015", "according_to", "Carla Sanchez", "named")),
    # A headline's colon after a name the tagger read as a noun, named in full below.
    ("Sanders: Clinton needs to get away from the personality stuff.\n\nBernie Sanders "
     "offered advice on Friday.", (":", "according_to", "Sanders", "named")),
    # Nouns of saying with their owner and their words.
    ("Trump's claim that there have been thousands of shootings was rated true.",
     ("claim", "according_to", "Trump", "named")),
    ("The ministry's statement that the talks had failed surprised no one.",
     ("statement", "according_to", "The ministry", "other")),
    # A label in quotation marks after the object; a poll's measurement as its object;
    # a characterising verb with its label.
    ("She called his executive actions \u201ca crucial step forward.\u201d",
     ("called", "loaded_verb", "She", "pronoun")),
    ("A Fox News poll shows Sanders with 47 percent.",
     ("shows", "loaded_verb", "A Fox News poll", "named")),
    ("Polling averages show Clinton with a lead in the low single digits.",
     ("show", "loaded_verb", "Polling averages", "other")),
    # A quoted label inside the object's phrase: a headline's way.
    ("Bill Clinton calls Obamacare \u2018crazy system\u2019 during campaign stop.",
     ("calls", "loaded_verb", "Bill Clinton", "named")),
    ("Sanders has cast the Clintons as part of the establishment.",
     ("cast", "loaded_verb", "Sanders", "named")),
    # A name with its title in apposition before a verb the parser left without subject.
    ("\u201cThere is a severe disconnect,\u201d Flynn, a top Trump surrogate, said Thursday.",
     ("said", "neutral_verb", "Flynn, a top Trump surrogate", "named")),
    # Of two subjects the parser gave a verb, the one next to it speaks; a party and
    # state in parentheses close.
    ("He wants a diverse delegation. People like Scott, he said.",
     ("said", "neutral_verb", "he", "pronoun")),
    ("The lead sponsor of the bill, Sen. Jack Reed (D-R.I.), said he hopes others will "
     "come around.", ("said", "neutral_verb", "Sen. Jack Reed (D-R.I.)", "named")),
    # A participle after a preposition speaks with its clause's subject; a source that
    # did not answer a request for comment was asked.
    ("Trump doubled down on Monday after saying that the election was rigged.",
     ("saying", "neutral_verb", "Trump", "named")),
    ("The Trump campaign did not immediately respond to requests for comment.",
     ("respond", "neutral_verb", "The Trump campaign", "named")),
    # A relative clause the parser did not hang on its noun: the noun speaks.
    ("They turned to the Chicago Police Department which reported \u201c2,521 shooting "
     "incidents\u201d in the city.",
     ("reported", "neutral_verb", "the Chicago Police Department which", "named")),
    # A relative pronoun is kept with the source it stands for.
    ("The rules are simple, said Mr. Kamin, who emphasized that the plan would help.",
     ("emphasized", "loaded_verb", "Mr. Kamin, who", "named")),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_cue_source_and_kind(analyzer, text, expected):
    found = summary(attributions(analyzer, text))
    assert expected in found, found


@pytest.mark.parametrize("text", [
    "North Korea's military boasts one of the largest forces in the world.",
    "The striker added three goals in the second half.",
    # "Add" with an object adds a thing, not words.
    "Tillerson has managed to add some nuance to the cartoon image of him.",
    "Tillerson has managed to add some nuance to the image of him as best buddies with one "
    "of America's adversaries.",
    # A stance in the future tense is the writer's forecast.
    "Senators will want to know how Tillerson perceives the difference.",
    "It indicates nothing.",
    # "It" and "this" are the evidence an inference is drawn from, not speakers.
    "Firstly, it indicates that Russia is short of men.",
    "This suggests that the plan failed.",
    "The army maintained its positions overnight.",
    # "As" frames with no speaker, or with an object of their own, report nothing.
    "As noted above, the data were wrong.",
    "As he claimed the prize, the crowd cheered.",
    "As the storm claimed more lives, aid arrived.",
    # A time, not a frame: the verb has a phrase of its own.
    "As the senator testified on Tuesday, the crackdown continued outside.",
    "As the opposition leader pleaded with the crowd, the police charged.",
    # A comparison, not a frame: the clause says the opposite of what was claimed.
    "The crackdown was not as widespread as officials claimed.",
    "They sent as many troops as officials claimed.",
    # Calling someone on the phone, finding a thing: no label, no clause.
    "He called the police.",
    "Publications should think harder about what they have to do.",
    "Police found the body on Tuesday.",
    # The writer, or a quoted speaker, speaking of their own words or thoughts.
    "I think the plan will fail.",
    "We believe the figures are wrong.",
    # The same words in another sense: a phone call, a report or a question with no
    # source, a thing declined or promised, a gust that blasts, a judge's dismissal.
    "She made a phone call to the White House.",
    "The report was released on Monday.",
    "The question is whether the dam will hold.",
    "His question went unanswered for a week.",
    "Sales declined sharply in March.",
    "The company declined the offer.",
    "A gust of wind blasted through the valley.",
    "The dash \u2015 a long one \u2015 is a mark.",
    "My claim that the plan works is old.",
    # An expectation no one holds, a resemblance, a byline after a quotation, a caption.
    "The shift is expected to remake the global industry.",
    "The killings echoed those of 55 inmates who died in May.",
    "\u201cWe need to run on our agenda.\u201d\n\n\u2014Rebecca Ballhaus contributed to this "
    "article.",
    "FILE PHOTO: Saudi Arabia's Crown Prince Mohammed bin Salman attends a meeting.",
    # Casting a vote, considering a bill, a poll with no object: no label, nothing measured.
    "The senator cast his vote on Tuesday.",
    "The committee will consider the bill next week.",
    "New York City is considering a new measure to help freelancers.",
    "The rule, which can slow investigations but is intended to limit any chilling "
    "effect, stands.",
    # A tally or a list's item after a name and a colon in the body: no one's words.
    "Delegate update.\n\nBernie Sanders won Montana.\n\nSanders: 1,547.",
    # Set off by commas but acting on an object: the content, not a frame; a subject
    # set off by a comma from its verb.
    "The jetliner, a new Boeing 737, showed unstable vertical speed after takeoff, and "
    "the crew turned back.",
    "There were a few votes for other names. GOP Majority Leader Eric Cantor, frequently "
    "mentioned as a potential rival, received votes from three House Republicans.",
    # The writer's own asides, a newsroom's credit lines, speech no one made.
    "It's worth noting that this is the first time in American history.",
    "It goes without saying that raising taxes is anathema to Republicans.",
    "Julie Hirschfeld Davis reported from Midway Atoll.",
    "Bryant Rousseau and Caryn Wilson contributed reporting.",
    "The bank did not know how to respond to the charges.",
    # A clause as subject states a fact.
    "That two American cable news hosts would so blithely sign up with a network Russia has "
    "financed says something about the extreme cynicism of the times.",
    "Firefighters responded to a call about smoke on Main Street.",
    # A label before a headline's colon, not a name.
    "Exclusive: The Senate will vote on the bill on Tuesday.",
    "Update: The road has reopened after the crash.",
    # Idioms of judgement with no one's words.
    "History will show that the deal was a mistake.",
    "Only time will tell whether the truce holds.",
])
def test_no_attribution_where_the_verb_is_not_speech(analyzer, text):
    assert attributions(analyzer, text) == ()


def test_the_same_role_keeps_its_kind_across_the_document(analyzer):
    text = ("Sources said the talks had stalled. Some sources said the deal was off.")
    kinds = {a.source.text: a.source.kind for a in attributions(analyzer, text) if a.source}
    assert kinds == {"Sources": "unnamed", "Some sources": "unnamed"}, kinds


def test_agentless_passive_has_no_source(analyzer):
    found = attributions(analyzer, "It was reported that the dam had burst.")
    assert [(a.text, a.source) for a in found] == [("reported", None)]


REPORTED = [
    # (text, finding text, the text of the cue that reports it, or None)
    ("The figures were alarming, the ministry said.", "alarming", "said"),
    ("The ministry said the figures were alarming.", "alarming", "said"),
    ("According to officials, the crackdown was brutal.", "brutal", "According to"),
    ("Officials said the troops may have joined.", "may have joined", "said"),
    ("He claimed to have seen a brutal crackdown.", "brutal crackdown", "claimed"),
    ("As the minister claimed, the brutal crackdown continued.", "brutal crackdown", "claimed"),
    ("The brutal crackdown, as officials insisted, continued.", "brutal crackdown", "insisted"),
    ("The brutal crackdown continued, as officials admitted.", "brutal crackdown", "admitted"),
    # The writer's own words, and a source's description, are no reported content.
    ("The crackdown was brutal.", "brutal", None),
    ("The brutal regime said the talks had stalled.", "brutal regime", None),
    ("According to officials, the talks stalled; the crackdown was brutal.", "brutal", None),
]


@pytest.mark.parametrize(("text", "finding", "cue"), REPORTED)
def test_a_finding_in_reported_content_names_its_cue(analyzer, text, finding, cue):
    analysis = analyzer.analyze(text)
    (item,) = [f for f in (*analysis.loaded_language, *analysis.hedges, *analysis.boosters)
               if f.text == finding]
    index = item.attribution_index
    assert (analysis.attributions[index].text if index is not None else None) == cue


@pytest.mark.parametrize("text", [
    "The senator is calling it quits after 2016.",
    "The workers called it a day at noon.",
])
def test_call_it_quits_is_no_attribution(analyzer, text):
    assert analyzer.analyze(text).attributions == ()


def test_a_cue_inside_reported_words_is_the_sources(analyzer):
    found = attributions(analyzer, "Dayton told reporters that he thinks Clinton would win.")
    assert [a.text for a in found] == ["told"]


def test_a_cue_inside_a_quotation_is_the_quoted_speakers(analyzer):
    text = "\u201cI believe they think we don\u2019t like them,\u201d Graham said."
    assert [(a.text, a.source.text if a.source else None)
            for a in attributions(analyzer, text)] == [("said", "Graham")]


def test_a_quotation_dash_credits_the_quotation_before_it(analyzer):
    text = "\u201cDuring the debate Trump said Hispanics live in hell.\u201d \u2015 Pamela Padilla"
    (dash,) = attributions(analyzer, text)
    assert dash.source is not None and dash.source.text == "Pamela Padilla"
    assert dash.content is not None and dash.content.text.startswith("\u201cDuring the debate")


def test_a_verb_that_goes_on_from_another_is_the_speakers_next_act(analyzer):
    # The parse may hang "called" inside what Rendell said; it is his next act.
    text = ("Rendell said he had battled walking pneumonia in his campaigns and called it "
            "a common ailment.")
    assert {a.text for a in attributions(analyzer, text)} >= {"said", "called"}


@pytest.mark.parametrize(("text", "cue"), [
    ("Donald Trump is demanding President Barack Obama make a pledge not to pardon "
     "Hillary Clinton.", "demanding"),
    ("Beck encouraged Americans to join him in a fast.", "encouraged"),
])
def test_demands_and_encouragement_with_their_content(analyzer, text, cue):
    found = {a.text: a for a in attributions(analyzer, text)}
    assert cue in found and found[cue].content is not None


@pytest.mark.parametrize(("text", "content"), [
    ("Critics have called for his resignation.", "his resignation"),
    ("The mayor called on Congress to act.", "Congress to act"),
    # A for-to clause: the parse hangs "for" on the clause, not on the verb.
    ("Donald Trump has called for the strongholds in Syria to be hit even harder.",
     "the strongholds in Syria to be hit even harder"),
])
def test_a_demand_called_for_is_its_content(analyzer, text, content):
    found = {a.text: a for a in attributions(analyzer, text)}
    called = found.get("called for") or found.get("called on")
    assert called is not None and called.content is not None
    assert called.content.text == content


def test_what_was_said_before_its_frame_is_no_frame_of_its_own(analyzer):
    # Set off by commas like a parenthetical frame, but "decline to its 2007 level" is
    # the words said, not a speaker's frame.
    text = ("If the cuts are put into effect, military spending would decline to its 2007 "
            "level, said Todd Harrison, a senior fellow for defense budget studies.")
    assert [a.text for a in attributions(analyzer, text)] == ["said"]


@pytest.mark.parametrize(("text", "expected"), [
    # The parser joins the frame to the quotation's verb: the name before it speaks.
    ("\u201cWe were tremendously wrong to not have confronted him from the beginning,\u201d "
     "Ramos, 58, told AFP in an interview in Mexico City on Monday.", ("told", "Ramos, 58")),
    # A quotation over two sentences, its frame told someone in May.
    ("\u201cIt is going to be a close race. I think that\u2019s fine, and people who are "
     "giving to her understand that,\u201d Lasry told Bloomberg Politics in May.",
     ("told", "Lasry")),
    # A frame that interrupts the quotation tells its hearer.
    ("\u201cWhat I fundamentally believe,\u201d former Education Secretary Arne Duncan told "
     "The New York Times in 2012, \u201cis that the only way to end poverty is through "
     "education.\u201d", ("told", "former Education Secretary Arne Duncan")),
    # A verb of saying inside the quotation does not swallow the frame after it.
    ("''He says what everyone else wants to say but they're too scared to say,'' Steve "
     "Moody, a small-business owner, said at Mr. Trump's rally on Tuesday.",
     ("said", "Steve Moody, a small-business owner")),
    ("''Wow, what a great idea,'' she said in Iowa earlier this year.", ("said", "she")),
    # The verb before its speaker, read as part of a name.
    ("Said Ellis: \u201cI don\u2019t get the sense she\u2019s the least bit interested in "
     "tax reform.\u201d", ("Said", "Ellis")),
])
def test_frames_the_parser_misplaces(analyzer, text, expected):
    found = [(a.text, a.source.text if a.source else None) for a in attributions(analyzer, text)]
    assert expected in found, found


def test_two_frames_with_their_own_words_both_stand(analyzer):
    # The parser made the first frame the second's complement.
    text = ("He said he had not seen the violent episode in Fayetteville, and when asked "
            "whether he was encouraging his supporters' fury, he said, ''I hope not.''")
    assert [a.text for a in attributions(analyzer, text)].count("said") == 2


@pytest.mark.parametrize("text", [
    "She believes in \u201cfreedom\u201d and in the rule of law.",
    # A place after "in" is what is believed in, not where words were said.
    "She believes in America and its \u201cexceptional\u201d destiny.",
])
def test_believing_in_something_beside_a_quotation_is_no_speech(analyzer, text):
    assert attributions(analyzer, text) == ()


@pytest.mark.parametrize(("text", "cue", "content"), [
    ("Mr. Quiros was accused of using $50 million for personal expenses.", "accused",
     "using $50 million for personal expenses"),
    ("Peacekeepers have been blamed for introducing cholera to Haiti.", "blamed",
     "introducing cholera to Haiti"),
])
def test_an_agentless_charge_is_an_attribution_with_no_source(analyzer, text, cue, content):
    analysis = analyzer.analyze(text)
    (found,) = analysis.attributions
    assert (found.text, found.source) == (cue, None)
    # No one is named to credit the charge to: its words stay the writer's.
    assert found.content is None
    start = text.index(content)
    (sentence,) = analysis.sentences
    assert sentence.voice == "writer" and sentence.start <= start < sentence.end


def test_an_agentless_charge_takes_no_quotation_of_its_sentence(analyzer):
    text = "The senator was criticized for her vote, which she called \u201ca mistake.\u201d"
    found = {a.text: a for a in attributions(analyzer, text)}
    assert found["criticized"].source is None and found["criticized"].content is None
    assert found["called"].content is not None


@pytest.mark.parametrize("text", [
    # A fall, not a refusal.
    "After that the rate would decline by four percentage points each year.",
    "Obama's approval rating remains strong, though it has declined slightly from 58 "
    "percent to 55 percent.",
])
def test_a_decline_that_is_a_fall_is_no_attribution(analyzer, text):
    assert "declined" not in [a.text for a in attributions(analyzer, text)]
    assert "decline" not in [a.text for a in attributions(analyzer, text)]


def test_a_report_of_what_sources_said_keeps_them_inside_it(analyzer):
    # The later frame reports nothing after it: the earlier one is its content, and the
    # source it relays stays the speaker of the words, nested inside (PARC 3.0).
    text = "Sources said the talks had collapsed, the newspaper reported."
    said, reported = attributions(analyzer, text)
    assert (said.text, reported.text) == ("said", "reported")
    assert reported.content is not None and said.content is not None
    assert reported.content.text.startswith("Sources said")
    assert said.content.text == "the talks had collapsed"


def test_a_relayed_quotation_is_its_speakers(analyzer):
    text = ("Iran's Foreign Ministry said the move \"crossed all red lines of conduct in the "
            "international community and is a violation of international law,\" state media "
            "reported. RIA quoted Deputy Minister Sergei Ryabkov as saying: \"We refuse.\"")
    analysis = analyzer.analyze(text)
    names = [analysis.attributions[q.speaker].source.text for q in analysis.quotes
             if q.speaker is not None and analysis.attributions[q.speaker].source]
    assert names == ["Iran's Foreign Ministry", "Deputy Minister Sergei Ryabkov"]
    assert analysis.sentences[0].voice == "quoted"


def test_a_passive_with_no_charge_is_no_attribution(analyzer):
    assert attributions(analyzer, "The senator was roundly criticized on Twitter.") == ()


def test_the_clause_before_a_closing_frame_is_its_content(analyzer):
    text = ("A 15-year-old girl outside the venue was pepper-sprayed by another bystander, "
            "police said.")
    (said,) = attributions(analyzer, text)
    assert said.content is not None and said.content.text.startswith("A 15-year-old girl")


@pytest.mark.parametrize("text", [
    # "to" left without its object: the speech was referred to before, by the writer.
    "The Secretary of the Treasury, in the speech just referred to, tells what they are: "
    "\u201cthe income and inheritance taxes.\u201d",
])
def test_a_stranded_preposition_reports_nothing(analyzer, text):
    assert "referred to" not in [a.text for a in attributions(analyzer, text)]


def test_an_intention_before_another_is_no_frame_of_its_own(analyzer):
    # Only a frame that reports a clause stands beside the one it hangs on.
    text = "They do not want to redistribute wealth; they want only to prey upon it."
    assert [a.text for a in attributions(analyzer, text)] == ["want"]


def test_a_frame_right_after_its_quotation_is_its_own_even_inside_another(analyzer):
    # The parser hangs "she said" inside Melanie's words; it frames the quotation before it.
    text = ("“You winning?” she said, but Kevin was drifting off again, and as Trump went "
            "on, Melanie said yes, over and over again.")
    found = [(a.text, a.source.text if a.source else None)
             for a in analyzer.analyze(text).attributions]
    assert ("said", "she") in found and ("said", "Melanie") in found


def test_a_cue_in_a_non_restrictive_clause_is_the_writers_aside(analyzer):
    text = "Smith said the mayor, who has denied any wrongdoing, would testify on Monday."
    assert [a.text for a in attributions(analyzer, text)] == ["said", "denied"]
    text = "Smith said the mayor who denied the charges would testify."
    assert [a.text for a in attributions(analyzer, text)] == ["said"]


def test_quoted_as_saying_credits_the_one_quoted(analyzer):
    found = attributions(analyzer, "The minister was quoted as saying that talks had failed.")
    assert [(a.text, a.source.text if a.source else None, a.content.text if a.content else None)
            for a in found] == [("was quoted as saying", "The minister", "that talks had failed")]


@pytest.mark.parametrize("text", [
    "Now, one might argue that the policy changes are not in the national interest.",
    "Saying that you can't support changing a policy would create a bizarre paralysis.",
    "(It's worth noting that claims on behalf of the common good do not necessarily oppose "
    "claims on behalf of individual liberty; one might believe that liberty is a good.)",
])
def test_the_writers_imagined_speaker_is_no_attribution(analyzer, text):
    assert attributions(analyzer, text) == ()


def test_a_second_predicate_after_the_quotation_is_the_speakers(analyzer):
    text = ('The Kentucky Republican said Obama "should have kept his mouth shut" and called '
            'the criticism "a little bit classless."')
    found = {a.text: (a.source.text if a.source else None, a.content.text if a.content else None)
             for a in attributions(analyzer, text)}
    assert found["said"] == ("The Kentucky Republican", 'Obama "should have kept his mouth shut"')
    assert found["called"] == ("The Kentucky Republican", '"a little bit classless."')
    text = 'She said the plan "would fail" and predicted a vote.'
    found = {a.text: a.content.text if a.content else None for a in attributions(analyzer, text)}
    assert found == {"said": 'the plan "would fail"', "predicted": None}


@pytest.mark.parametrize(("text", "cue", "source"), [
    # A finite verb joined to a bare, modal or plural verb cannot share its subject.
    ('The plan recommends that officials consider a travel ban and urges a "unified '
     'message."', "urges", "The plan"),
    ("He said the plan would cost $5 billion and called it a disaster.", "called", "He"),
])
def test_a_finite_verb_joined_to_an_unlike_one_goes_on_from_the_frame(analyzer, text, cue,
                                                                       source):
    found = {a.text: a.source.text if a.source else None for a in attributions(analyzer, text)}
    assert found[cue] == source


@pytest.mark.parametrize(("text", "cue", "source", "content"), [
    # A passive label with its agent: the label is the agent's words (the parser may hang
    # "by" inside the label's phrase).
    ("The plan was described as reckless by Democrats.", "described", "Democrats", "reckless"),
    ('The deal was hailed as a "game changer" by supporters.', "hailed", "supporters",
     'a "game changer"'),
    ("The policies have been widely criticized as unnecessarily cruel by many California "
     "leaders.", "criticized", "many California leaders", "unnecessarily cruel"),
])
def test_a_passive_label_is_its_agents(analyzer, text, cue, source, content):
    found = {a.text: (a.source.text if a.source else None, a.content.text if a.content else None)
             for a in attributions(analyzer, text)}
    assert found[cue][0] == source
    assert found[cue][1] in {content, f"as {content}"}  # with its "as" where a clause holds it


@pytest.mark.parametrize("text", [
    "The plan was described as reckless.",
    # The "by" of a verb inside the label is that verb's agent, not the label's.
    "The attention has been widely cited as a key reason why Allen was defeated by Webb.",
])
def test_a_passive_label_without_its_own_agent_credits_no_one(analyzer, text):
    assert not any(a.source for a in attributions(analyzer, text))


def test_a_list_items_label_is_no_headline_colon(analyzer):
    text = ('Elsewhere:\n\n•Washington: On Friday, the Newseum will host "JFK Remembrance Day," '
            "which includes a rebroadcast.")
    assert attributions(analyzer, text) == ()
    headline = "Paul Ryan: FBI Decision Defies Explanation"
    assert [a.text for a in attributions(analyzer, headline)] == [":"]


@pytest.mark.parametrize(("text", "content"), [
    ("The mayor said the city would rebuild, promising new homes for every family.",
     "the city would rebuild"),
    ("President Trump signaled Friday that protesters will have a tougher time in Oklahoma, "
     "lobbing a preemptive strike at people who stir things up.",
     "that protesters will have a tougher time in Oklahoma"),
])
def test_a_closing_participle_is_the_writers_account_not_the_content(analyzer, text, content):
    (attribution,) = analyzer.analyze(text).attributions
    assert attribution.content is not None and attribution.content.text == content
