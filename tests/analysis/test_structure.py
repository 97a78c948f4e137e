"""Layout roles: headings, bylines, datelines, references and teasers are not body text."""

from __future__ import annotations

import pytest

from service.analysis.structure import newsroom_mark, op_ed_mark, role


def _role_of(text: str, sentence: str) -> str:
    start = text.index(sentence)
    return role(text, start, start + len(sentence))


@pytest.mark.parametrize(("text", "sentence", "expected"), [
    ("The vote passed.\n\nPOLITICAL WIN\n\nThe mayor smiled.", "POLITICAL WIN", "heading"),
    ("Merkel's long goodbye\n\nShe left office.", "Merkel's long goodbye", "heading"),
    ("It passed.\n\nWhat now?\n\nThe bill goes back.", "What now?", "heading"),
    # An explainer's question crosshead; a question going on from the text is the writer's.
    ("It passed.\n\nWhat has the reaction been to the ruling?\n\nCritics spoke.",
     "What has the reaction been to the ruling?", "heading"),
    ("It passed.\n\nBut how much of it should we believe?\n\nLittle.",
     "But how much of it should we believe?", "body"),
    # A longer title capitalised headline-style, a question too.
    ("Trump Is Another Republican Striking A Blow For The Way Things Used To Be\n\nIt is.",
     "Trump Is Another Republican Striking A Blow For The Way Things Used To Be", "heading"),
    ("Caught Between A Turkey Leg And A Political Diatribe?\n\nWe can help.",
     "Caught Between A Turkey Leg And A Political Diatribe?", "heading"),
    ("By Jane Smith and Tom Lee\n\nThe council met.", "By Jane Smith and Tom Lee", "byline"),
    ("LONDON (Reuters) —\n\nPrices rose.", "LONDON (Reuters) —", "dateline"),
    ("Read more: The budget explained\n\nPrices rose.", "Read more: The budget explained",
     "teaser"),
    ("It fell.\n\nSEE ALSO: McCain blasts Putin: ‘Old KGB Colonel’\n\nPrices rose.",
     "McCain blasts Putin: ‘Old KGB Colonel’", "teaser"),
    # A first line that ends in a headline with no stop: the dek and the headline.
    ("Boehner's office would not comment. Boehner pitches millionaire tax hike\n\nThe "
     "Speaker has proposed a tax rise.", "Boehner pitches millionaire tax hike", "heading"),
    ("Boehner's office would not comment. Boehner pitches millionaire tax hike\n\nThe "
     "Speaker has proposed a tax rise.", "Boehner's office would not comment.", "teaser"),
    ("The Speaker has proposed a tax rise. It passed.\n\nMore came later.",
     "The Speaker has proposed a tax rise.", "body"),
    ("100,000 people chose a plan, the official said. Source: ACA site enrollment surge"
     "\n\nMore signed up.", "Source: ACA site enrollment surge", "heading"),
    # A headline with a colon that the parser splits; a label glued to a link's headline;
    # not a transcript's turn.
    ("He left.\n\nLondon Mayor: Trump a 'global threat'\n\nKhan spoke.",
     "Trump a 'global threat'", "heading"),
    ("He left.\n\nRussia investigation:Michael Cohen offered $50,000 to rig two polls, "
     "report says\n\nKhan spoke.", "Russia investigation:Michael Cohen offered $50,000 to "
     "rig two polls, report says", "teaser"),
    ("He left.\n\nLESTER HOLT: Very quickly. And then what?\n\nKhan spoke.",
     "And then what?", "body"),
    ("Prices rose.\n[2] Reuters, \"Prices\", https://example.org/x", "[2] Reuters, \"Prices\", "
     "https://example.org/x", "reference"),
    ("Advertisement\n\nPrices rose.", "Advertisement", "teaser"),
    # A crosshead quoting the story: a phrase in quotation marks on its own line.
    ("It passed.\n\n'Not some pushover'\n\nHe met senators.", "'Not some pushover'",
     "heading"),
    ("It passed.\n\n‘Unify the vote’\n\nHe met senators.", "‘Unify the vote’", "heading"),
    # A site's promotion of its other pages: a hub's link, a podcast, a section.
    ("Prices rose.\n\nFull Coverage: Politics", "Full Coverage: Politics", "teaser"),
    ("Prices rose.\n\nCatch up on the 2020 election campaign with AP experts on our weekly "
     "politics podcast, “Ground Game.”", "Catch up on the 2020 election campaign with AP "
     "experts on our weekly politics podcast, “Ground Game.”", "teaser"),
    ("Prices rose.\n\nGet more pure politics at ABCNews.com/Politics and a lighter take",
     "Get more pure politics at ABCNews.com/Politics and a lighter take", "teaser"),
    ("(CNN)\n\nPrices rose.", "(CNN)", "dateline"),
    # A run-in label on a line of its own.
    ("It passed.\n\nStill Debating:\n\nThe bill goes back.", "Still Debating:", "heading"),
    ("It passed.\n\nA Bit Of Background:\n\nThe bill is old.", "A Bit Of Background:",
     "heading"),
    # ... and before a quotation that names its own speaker: the label does not introduce it.
    ("It passed.\n\nStill Debating:\n\n“I haven't decided,” said Jane Doe, a voter.",
     "Still Debating:", "heading"),
    ("New York (CNN Business)\n\nPrices rose.", "New York (CNN Business)", "dateline"),
    ("Story highlights The Fed raised rates; markets fell\n\nPrices rose.",
     "Story highlights The Fed raised rates; markets fell", "teaser"),
    # A dateline or a run-in label that opens the line of the first sentence.
    ("Washington (CNN) The State Department will not fire them.\n\nIt said so.",
     "Washington (CNN)", "dateline"),
    ("It passed.\n\nCORRECTION: An earlier version misstated the date.",
     "CORRECTION:", "heading"),
    ("It passed.\n\nEDITOR'S NOTE: This story has been updated.", "EDITOR'S NOTE:",
     "heading"),
    ("Prices rose.\n\nSlideshow (2 Images)\n\nThey fell.", "Slideshow (2 Images)", "teaser"),
    # A teaser's headline in capitals, split at its colon: both parts.
    ("It passed.\n\nKARL ROVE: THE PRIMARY FROM HELL IS COMING OUR WAY\n\nIt did.",
     "THE PRIMARY FROM HELL IS COMING OUR WAY", "heading"),
    # A related-links box: the label on its line and every headline under it, in
    # sentence case, bulleted or two short sentences.
    ("It passed.\n\nREAD MORE:\n\nMueller now investigating Trump Jr.'s meeting\n\n"
     "President Trump on Russia meddling: Putin told me he didn't do it\n\nIt did.",
     "President Trump on Russia meddling: Putin told me he didn't do it", "teaser"),
    ("It passed.\n\nRelated:\n\n• Videos from Election Day 2014\n\n"
     "• Does money buy better politicians?\n\nIt did.",
     "• Does money buy better politicians?", "teaser"),
    ("It passed.\n\nRelated:\n\nTrump cites false jobs data\n\nHiring slowdown? Some "
     "economists think it's happening\n\nThe order will stop short of a moratorium.",
     "Some economists think it's happening", "teaser"),
    # A label in capitals over a headline-style title is a crosshead or a link's headline.
    ("It passed.\n\nFAITHWIRE: Sy Rogers, Famous Leader in Christian Sexuality, Dies at 63"
     "\n\nIt did.", "Sy Rogers, Famous Leader in Christian Sexuality, Dies at 63", "heading"),
    # A line that ends with its link's label; a call to click; a chart's source line.
    ("It passed.\n\nFive things we learned from the James Comey interview Read more\n\nIt did.",
     "Five things we learned from the James Comey interview Read more", "teaser"),
    ("It passed.\n\nBrody interviewed him in 2008. Click here to see it.\n\nIt did.",
     "Click here to see it.", "teaser"),
    ("It passed.\n\nFOR CBN NEWS CONTINUING COVERAGE ON COVID-19, CLICK HERE.",
     "FOR CBN NEWS CONTINUING COVERAGE ON COVID-19, CLICK HERE.", "teaser"),
    ("It passed.\n\nTrump's Tweet The dollar's move was huge Source: Bloomberg\n\nIt did.",
     "Trump's Tweet The dollar's move was huge Source: Bloomberg", "caption"),
])
def test_structure_gets_its_role(text, sentence, expected):
    assert _role_of(text, sentence) == expected


@pytest.mark.parametrize(("text", "sentence"), [
    # A sentence in running text, even a short one.
    ("The vote passed. It was close.\n\nNext.", "It was close."),
    # A one-line paragraph that ends as a sentence does.
    ("No injuries were reported.\n\nThe fire is out.", "No injuries were reported."),
    # A longer one-line question is more often the writer's own.
    ("It passed.\n\nWhy should anyone trust a council that ignores its voters?\n\nNo.",
     "Why should anyone trust a council that ignores its voters?"),
    # "By" opening a sentence of running text.
    ("By noon the streets were empty.\n\nIt rained.", "By noon the streets were empty."),
    # The first words of a line that are no dateline or label in capitals.
    ("He said: Yes, we will. Then he left.", "He said: Yes, we will."),
    # A transcript's speaker in capitals, then words in running case.
    ("TAPPER: Do you think he has campaigned well?\n\nFALLIN: I do.",
     "Do you think he has campaigned well?"),
    # After a related-links box, the first paragraph that ends as a sentence does.
    ("It passed.\n\nREAD MORE:\n\nThe Senate vote\n\nThe bill now goes to the House, "
     "where it faces a tougher fight.",
     "The bill now goes to the House, where it faces a tougher fight."),
    # A source's trade at a story's foot, with no dash to set it apart as the author's note.
    ("It passed.\n\nSmith is a senior fellow at the Brookings Institution.",
     "Smith is a senior fellow at the Brookings Institution."),
    ("Read more about the plan here. It passed.", "Read more about the plan here."),
    ("It passed.\n\nREAD MORE:\n\nThe Senate vote\n\nShe added: \u201cWe are not going "
     "anywhere.\u201d\n\nThe vote comes next week.",
     "She added: \u201cWe are not going anywhere.\u201d"),
    # "Click here" where no one asks the reader to: a report of it, a company's name.
    ("It passed.\n\nThe office urged customers to click here. It did.",
     "The office urged customers to click here."),
    ("It passed.\n\nClick Here Labs, a startup in Austin, raised $5 million. It did.",
     "Click Here Labs, a startup in Austin, raised $5 million."),
    # A list item with a hyphen at the foot, and a paragraph that opens with the word
    # "Copyright": no author's note, no notice.
    ("It passed.\n\n- The Senate is expected to vote next week.",
     "- The Senate is expected to vote next week."),
    ("It passed.\n\nCopyright lawsuits have surged as publishers fight the companies, "
     "lawyers said.", "Copyright lawsuits have surged as publishers fight the companies, "
     "lawyers said."),
])
def test_body_text_stays_body(text, sentence):
    assert _role_of(text, sentence) == "body"


def test_a_line_longer_than_the_reach_is_body():
    text = "x" * 1000 + " Short line"
    assert role(text, 1001, len(text)) == "body"


def test_structure_stays_out_of_the_opinion_share(analyzer):
    text = ("BREAKING NEWS\n\nThe council approved the budget on Monday, officials said.\n\n"
            "Read more: Budget coverage")
    a = analyzer.analyze(text)
    roles = [s.role for s in a.sentences]
    assert roles[0] == "heading" and roles[-1] == "teaser"
    assert sum(a.summary.voices.values()) == roles.count("body")


@pytest.mark.parametrize(("line", "expected"), [
    ("FILE PHOTO: The Supreme Court stands in Washington, U.S., May 14, 2018. "
     "REUTERS/Joshua Roberts", "caption"),
    ("Media playback is unsupported on your device Media caption A law professor outlines "
     "the case", "caption"),
    ("President Trump speaks in the Rose Garden. (AP Photo/Evan Vucci)", "caption"),
    # A photo's caption toggle and credit lines as NPR's and AP's pages carry them.
    ("Enlarge this image toggle caption Carlos Barria/AP Carlos Barria/AP", "caption"),
    ("Carlos Barria /AP", "caption"),
    ("Paul Hackett/Reuters/Landov", "caption"),
    ("(AP Photo)", "caption"),
    ("(Kent Porter/The Press Democrat via AP)", "caption"),
    ("Thank you for subscribing.", "teaser"),
    ("Get the Monitor Stories you care about delivered to your inbox. By signing up, you "
     "agree to our Privacy Policy.", "teaser"),
    ("Want more commentary like this delivered straight to your inbox? Sign up.", "teaser"),
    ("**Want FOX News First in your inbox every day? Sign up here.**", "teaser"),
    ("Contact us at editors@time.com.", "teaser"),
    # CNN's video player: a video's caption.
    ("JUST WATCHED Haass: Tillerson 'home alone' at State Replay More Videos ... MUST WATCH "
     "Haass: Tillerson 'home alone' at State 01:26", "caption"),
    # USA TODAY's video player; a site's footer; Fox's related-links box.
    ("CLOSE As the president headed to the border, protesters gathered. (April 5) AP, AP",
     "caption"),
    ("Send a tip to the news team at NR.", "teaser"),
    ("More On This...", "teaser"),
    ("MORE:Kennedy Assassination", "teaser"),
    ("Read: Stock market carves out fresh records", "teaser"),
    ("PHOTOS: Best concealed carry handguns", "teaser"),
    ("Click to share on Twitter (Opens in new window)", "teaser"),
    ("- Follow the Ticker on Twitter: @PoliticalTicker", "teaser"),
    ("Subscribe now for as little as $1 a month!", "teaser"),
    ("Visit Business Insider's homepage for more stories.", "teaser"),
    ("(Pixabay)", "caption"),
    ("Check out: Why tariffs set up the market for a fall", "teaser"),
    ("Read or Share this story: https://www.usatoday.com/story/news/x/", "teaser"),
    ("Closer ties with Cuba were announced on Monday.", "body"),
    ("More than 100 people died in the flood.", "body"),
    # Running text that mentions a photo or a newsletter is body.
    ("The photo shows the senator at a rally in Ohio.", "body"),
    ("Scam emails land in your inbox every day, the FBI warned.", "body"),
    ("Let us know what you think, the mayor told residents.", "body"),
    # A photo's caption with its credit: in brackets after a colon, or after a bar with
    # the headline (Politico's pages); a partner's syndication notice; a link in brackets
    # with a space inside; an embedded post's picture link; a contributors' line.
    ("Residents line up for water on Saturday. (Photo: Jane Doe, AP)", "caption"),
    ("The cuts are real, as are the consequences. | Jane Doe/POLITICO Cuts threaten seats",
     "caption"),
    ("The memo details an investigation. | AP Photos GOP group snared in scheme", "caption"),
    ("( Full 2014 election results)", "teaser"),
    ("This article originally appeared on GlobalPost.", "byline"),
    ("GlobalPost is a USA TODAY content partner providing world news coverage.", "byline"),
    ("pic.twitter.com/LYRp5Cc6jp", "reference"),
    ("Contributing: Jane Doe in Des Moines", "byline"),
    ("A tanker is seen off Yeosu, South Korea December 29, 2017. Yonhap via REUTERS",
     "caption"),
    ("The photo: a crowd at the gate (the police said 300 people).", "body"),
    ("The 2014 results (see the full table) show a swing of 4 points.", "body"),
    # A call for readers' comments and a writer's contact line at a column's foot.
    ("Sound off in the comments below.", "teaser"),
    ("Write to him at jdoe@example.org.", "teaser"),
    ("Email her at jane.doe@example.com with your questions.", "teaser"),
    ("Residents can write to him at City Hall, the mayor said.", "body"),
    ("They sound off on the council's plan at every meeting.", "body"),
    ("She said the newsletter had 2,000 readers and would close.", "body"),
])
def test_captions_credits_and_sign_ups_are_layout(line, expected):
    text = f"The council met.\n\n{line}\n\nIt rained."
    first = line.split(". ")[0]
    assert _role_of(text, first) == expected


@pytest.mark.parametrize(("text", "sentence"), [
    # From the review of the roles on ordinary copy: none of these is layout.
    ("Related charges were filed against two other men on Tuesday. More later.\n\nNext.",
     "Related charges were filed against two other men on Tuesday."),
    ("Listen, I understand the frustration of voters who feel ignored.\n\nThey are right.",
     "Listen, I understand the frustration of voters who feel ignored."),
    ("Watch for the Fed to raise rates again in June, economists say.\n\nNext.",
     "Watch for the Fed to raise rates again in June, economists say."),
    ("Photo ID laws have been challenged in 12 states since 2011.\n\nThe court will rule.",
     "Photo ID laws have been challenged in 12 states since 2011."),
    ("Unemployment fell to 3.5 percent in 2019.[3]\n\nIt rose later.",
     "Unemployment fell to 3.5 percent in 2019.[3]"),
    ("The plan:\n\n- Cut taxes for the middle class\n\nThat is all.",
     "- Cut taxes for the middle class"),
    ("The rate rose again in 2020 (see chart)\n\nIt fell later.",
     "The rate rose again in 2020 (see chart)"),
    # A credit or a title case needs the whole line: running text is body.
    ("The photo (AP Photo) shows the senator in 2019.\n\nNext.",
     "The photo (AP Photo) shows the senator in 2019."),
    ("He said the aid came via AP reporters in the field.\n\nNext.",
     "He said the aid came via AP reporters in the field."),
    ("The network (CNN) said it would appeal the ruling on Monday.\n\nNext.",
     "The network (CNN) said it would appeal the ruling on Monday."),
    # A quotation set as its own paragraph ends with its sentence's mark: body.
    ("The council met.\n\n“We will win.”\n\nNext.", "“We will win.”"),
    # A label needs capitals and a colon: a lead-in to a quotation is body.
    ("The council met.\n\nHe said:\n\nWe will win.", "He said:"),
    ("The council met.\n\nPractice humility:\n\nListen first.", "Practice humility:"),
    # A capitalised lead-in before a quotation introduces it.
    ("The council met.\n\nPer Fox News:\n\n“We will win.”", "Per Fox News:"),
    ("The council met.\n\nCharles Koch:\n\n“We will spend it where it works.”",
     "Charles Koch:"),
    # A lead-in that credits the block after it.
    ("The council met.\n\nAccording to the Los Angeles Times:\n\nThe vote was close.",
     "According to the Los Angeles Times:"),
    ("The council met.\n\nPer Fox:\n\n“It is over,” one source told Fox News.", "Per Fox:"),
    ("The Senate passed the bill on Tuesday and the president signed it into law on "
     "Friday\n\nNext.",
     "The Senate passed the bill on Tuesday and the president signed it into law on Friday"),
    # After a label that introduces what follows, not a link's: body.
    ("The plan has three parts:\n\nTaxes on the richest households rise by five points over "
     "the next ten years\n\nNext.",
     "Taxes on the richest households rise by five points over the next ten years"),
])
def test_ordinary_copy_is_body(text, sentence):
    assert _role_of(text, sentence) == "body"


@pytest.mark.parametrize("mark", ["1.", "12)", "•"])
def test_a_list_number_split_off_as_a_sentence_is_no_sentence_to_label(mark):
    text = f"The five races to watch.\n\n{mark} Warren needs a win in the state.\n\nNext."
    start = text.index(mark)
    assert role(text, start, start + len(mark)) == "heading"
    assert role(text, start + len(mark) + 1, text.index("\n\nNext")) == "body"


def test_a_text_of_one_line_is_body(analyzer):
    a = analyzer.analyze("The government is lying to you")
    assert [s.role for s in a.sentences] == ["body"]
    assert sum(a.summary.voices.values()) == 1


@pytest.mark.parametrize(("text", "expected"), [
    ("WASHINGTON (Reuters) - The Senate passed the bill on Tuesday.", True),
    ("BRUSSELS, March 4 (Reuters) - EU ministers agreed on Tuesday.", True),
    ("NEW YORK — Stocks fell on Monday.", True),
    ("WASHINGTON—President Trump on Friday chose a nominee.", True),
    ("COLORADO SPRINGS, Colo. -- The fire spread overnight.", True),
    ("Washington (AP) — The House voted on Monday.", True),
    ("The vote passed.\n\n(Reporting by Jane Doe; Editing by Tom Lee)", True),
    ("The vote passed.\n\nAssociated Press writer Tom Lee in Boston contributed.", True),
    ("The vote passed.\n\n—Jane Doe contributed to this article.", True),
    # Photo captions above the story: the dateline after them opens it.
    ("A voter receives his sticker in Los Angeles on Monday, March 2, 2020. Major changes "
     "to the way people vote have advocates on edge. (AP Photo/Richard Vogel)\n\n"
     "SACRAMENTO, Calif. (AP) — The candidates are racing toward Super Tuesday.", True),
    # A hyphenated opening word is no dateline, nor a credit with no place.
    ("U.S.-China talks resumed on Monday.", False),
    ("(CNN) -- First, let's be clear: no one can blame voters.", False),
    ("NATO allies met in Brussels.", False),
    ("I have never trusted the council. It contributed nothing.", False),
])
def test_a_dateline_or_a_wire_credit_is_a_newsroom_mark(text, expected):
    assert newsroom_mark(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Taxes are too high.\n\nJane Doe is a columnist for the Daily Planet.", True),
    ("Taxes are too high.\n\nSteven Greenhut is Western region director for the R Street "
     "Institute. Write to him at sg@example.org.", True),
    ("Taxes are too high.\n\nThe views expressed in this commentary are the author's own.",
     True),
    ("Taxes are too high.\n\nThe views expressed in this video are solely those of John Roe.",
     True),
    ("Taxes are too high.\n\nThis column first appeared in the Orange County Register.", True),
    ("ANALYSIS/OPINION:\n\nOverlooked in the controversy is one fact.", True),
    ("Opinion: The council has lost its way.", True),
    # An opinion page's note above the piece.
    ("Editor's note: Jane Doe is a CNN contributor. The opinions expressed in this "
     "commentary are solely hers.\n\nTaxes are too high.", True),
    ("The opinions expressed by columnists are their own and do not necessarily represent "
     "the views of Townhall.com.\n\nTaxes are too high.", True),
    # Opinions in a report's first lines are no note.
    ("The opinions expressed by voters in the poll were mixed, the survey found.", False),
    ("Editor's note: This story has been updated with the final vote count.\n\nIt passed.",
     False),
    # A source described in the last paragraph of a report is no author note.
    ("Jane Doe is a columnist for the Daily Planet. She met the mayor on Monday, "
     "officials said, and the two spoke for an hour about the budget, the schools "
     "and the new bridge.\n\nThe council will vote on the plan next week.", False),
    ("The council will vote on the plan next week, the mayor said.", False),
    ("Opinion polls show the race is close, the survey's authors said.", False),
])
def test_an_op_eds_op_ed_mark_is_found_at_either_end(text, expected):
    assert op_ed_mark(text) is expected


@pytest.mark.parametrize(("line", "expected"), [
    # Credits and copyright notices at a story's foot: the desk's, not the writer's.
    ("Associated Press writer Jane Doe contributed to this report.", "byline"),
    ("Fox News' Gregg Re and The Associated Press contributed to this report.", "byline"),
    ("Fingerhut reported from Washington.", "byline"),
    ("Copyright 2014 The Associated Press. All rights reserved.", "byline"),
    ("Copyright © 2019 The Washington Times, LLC.", "byline"),
    ("(TM and © Copyright 2014 CBS Radio Inc. and its relevant subsidiaries. All Rights "
     "Reserved. The Associated Press contributed to this report.)", "byline"),
    # A syndicated columnist's note after a dash: any trade, or the address to write to.
    ("— Max C. Eden is a senior fellow at the Manhattan Institute.", "byline"),
    ("— Charles Krauthammer’s email address is letters@charleskrauthammer.com.", "byline"),
    ("LISTEN TO ARTICLE 2:43 SHARE THIS ARTICLE Share Tweet Post Email", "teaser"),
    # A page's widgets.
    ("Loading...", "teaser"),
    ("Download the Yahoo News app to customize your experience.", "teaser"),
    ("Politics Former FBI Director Comey Speaks Listen · 3:47 3:47", "teaser"),
    ("THIS ARTICLE Share Tweet Post Email", "teaser"),
    ("Join us on Facebook.com/CNNOpinion. Follow us on Twitter @CNNOpinion.", "teaser"),
    ("Follow us on Twitter @CNNOpinion.", "teaser"),
    ("Read CNNOpinion's new Flipboard magazine.", "teaser"),
    ("Follow him on Twitter @jdoe.", "teaser"),
    # A sign-up form scraped to one line, longer than a sign-up line: two of its prompts.
    ("Newsletter Sign Up Continue reading the main story Please verify you're not a robot by "
     "clicking the box. Invalid email address. Please re-enter. You must select a newsletter "
     "to subscribe to. Sign Up You will receive emails containing news content , updates and "
     "promotions from The New York Times. You may opt-out at any time. You agree to receive "
     "occasional updates and special offers for The New York Times's products and services. "
     "Thank you for subscribing. An error has occurred. Please try again later. View all New "
     "York Times newsletters.", "teaser"),
    # Running text that only looks like them.
    ("He reported from Kabul for a decade before he joined the paper.", "body"),
    ("Follow us on Twitter, where we argue about everything.", "body"),
    ("Supporters were told to follow him on Twitter @jdoe for updates.", "body"),
    # One sign-up phrase in a long paragraph of running text stays body.
    ("The paper said readers who subscribe to our newsletter can opt out, and the publisher "
     + "said in a statement that the change " + "would affect thousands of readers " * 8
     + "across the state.", "body"),
    ("Smith said he had been loading the truck when the storm hit.", "body"),
])
def test_credits_and_widgets_at_a_storys_foot(line, expected):
    text = "The council voted on Tuesday to raise the budget by 3 percent.\n\n" + line
    start = text.index(line)
    assert role(text, start, start + len(line.split(". ")[0]) + 1) == expected


@pytest.mark.parametrize(("text", "sentence", "expected"), [
    # A link in brackets inside the story: "( Also on POLITICO: ...)", "(RELATED: ...)".
    ("Biden spoke.\n\n( Also on POLITICO: Ryan: Biden is ‘desperate’)\n\nHe left.",
     "( Also on POLITICO:", "teaser"),
    ("Biden spoke on Tuesday. ( PHOTOS: Joe Biden over the years)\n\nHe left.",
     "( PHOTOS: Joe Biden over the years)", "teaser"),
    ("The senator voted no. (RELATED: Omar Praises Trump)\n\nHe left.",
     "(RELATED: Omar Praises Trump)", "teaser"),
    ("The senator voted no (the bill passed).\n\nHe left.", "The senator voted no", "body"),
    # A live story's time stamp and a section break on lines of their own.
    ("Events:\n\n5:35 p.m.\n\nThe polls closed.", "5:35 p.m.", "heading"),
    ("Events:\n\nUpdated at 11:56 a.m.\n\nThe polls closed.", "Updated at 11:56 a.m.",
     "heading"),
    ("Events:\n\n• • •\n\nThe polls closed.", "• • •", "heading"),
    ("Events:\n\nThe polls closed at 8:00 p.m. on Tuesday.\n\nIt rained.",
     "The polls closed at 8:00 p.m. on Tuesday.", "body"),
    # A list item that is only its label and a colon.
    ("Events:\n\n•Arlington, Va.:\n\nWreaths will be laid.", "•Arlington, Va.:", "heading"),
    ("Events:\n\n• Wreaths will be laid at the grave.\n\nIt rained.",
     "• Wreaths will be laid at the grave.", "body"),
    # A block quotation's credit after a dash, on the line after it.
    ('The speech ended so:\n\n"Government is the problem."\n\n-- Ronald Reagan, 1981\n\nIt did.',
     "-- Ronald Reagan, 1981", "caption"),
    ("The vote was close.\n\n-- Smith voted no.\n\nIt did.", "-- Smith voted no.", "body"),
    # A round-up's credit after each excerpt, without a dash: the writer and the paper,
    # after the closing mark or on the next line; not a sentence after a quotation.
    ("“The plan fails the poor.” Max Boot, Washington Post\n\n“It works.” Jane Doe, CNN",
     "Max Boot, Washington Post", "caption"),
    ("Two views.\n\n“The plan fails the poor.”\n\nEditorial Board, Wall Street Journal\n\n"
     "More.", "Editorial Board, Wall Street Journal", "caption"),
    ("“The plan fails,” he said. Then Smith, the mayor, left.\n\nMore.",
     "Then Smith, the mayor, left.", "body"),
])
def test_links_in_brackets_and_a_quotations_credit(text, sentence, expected):
    assert _role_of(text, sentence) == expected


@pytest.mark.parametrize(("text", "sentence", "expected"), [
    ("The council met.\n\nJane Doe is a columnist for The Times and the author of three "
     "books.", "Jane Doe is a columnist", "byline"),
    ("Taxes rose.\n\nChris Stirewalt is digital politics editor for Fox News. Catch Chris "
     "Live online daily.", "Catch Chris Live online daily.", "byline"),
    # Not the writer's trade, or not at the foot: a report's own sentence.
    ("The mayor resigned.\n\nJohnson was president of the union until 2015.\n\nHe is 64.",
     "Johnson was president", "body"),
    ("Jane Doe is a columnist for The Times.\n\nShe was fired on Monday.\n\nThe paper "
     "declined to comment.\n\nIts editor left.", "Jane Doe is a columnist", "body"),
])
def test_a_contributors_note_at_the_foot_is_a_byline(text, sentence, expected):
    assert _role_of(text, sentence) == expected


def test_a_linked_headline_under_its_label_is_a_teaser():
    text = ("The debate starts at 9.\n\nSEE ALSO: VIEWER'S GUIDE:\n\nTrust and temperament "
            "key themes in Clinton, Trump debate\n\nThe candidates arrived.")
    assert _role_of(text, "Trust and temperament key themes in Clinton, Trump debate") == "teaser"
    assert _role_of(text, "The candidates arrived.") == "body"


@pytest.mark.parametrize("mark", ["• ", "- ", "— "])
def test_a_credit_line_after_a_bullet_is_a_byline(mark):
    text = f"Prices rose.\n\n{mark}Dave Boyer contributed to this report."
    assert _role_of(text, f"{mark}Dave Boyer contributed to this report.") == "byline"


def test_every_bullet_of_a_highlights_box_is_a_teaser():
    text = ("Story highlights Advocates criticize the delay\n\nNow Democrats are spreading the "
            "blame\n\nThey are likely trying to placate anger\n\nThe president postponed the "
            "action.\n\nBlame Republicans, say the party's talking points\n\nIt stalled.")
    for bullet in ("Now Democrats are spreading the blame",
                   "They are likely trying to placate anger"):
        assert _role_of(text, bullet) == "teaser"
    # The story starts at its first full sentence: the box ends there.
    assert _role_of(text, "The president postponed the action.") == "body"
    assert _role_of(text, "Blame Republicans, say the party's talking points") != "teaser"


def test_a_time_stamp_split_at_its_abbreviation_is_one_heading():
    text = "Jobs grew.\n\nUpdated at 11:46 a.m. ET\n\nThe economy added 138,000 jobs."
    assert _role_of(text, "Updated at 11:46 a.m.") == "heading"
    assert _role_of(text, "ET") == "heading"
    assert _role_of(text, "The economy added 138,000 jobs.") == "body"


def test_a_scripts_cue_and_a_numbered_items_title_are_headings():
    text = ("We made a list.\n\n1. Your Voice Is Too High\n\nWomen's voices tend to be higher."
            "\n\n(SOUNDBITE)\n\n3. Cut taxes for the middle class.\n\nGo deeper:\n\nIt rained.")
    assert _role_of(text, "Your Voice Is Too High") == "heading"
    assert _role_of(text, "(SOUNDBITE)") == "heading"
    assert _role_of(text, "Go deeper:") == "teaser"
    assert _role_of(text, "3. Cut taxes for the middle class.") == "body"
