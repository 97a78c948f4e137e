"""Page furniture as it scrapes to text: teasers, sign-ups, widgets, captions and credits.

The patterns :mod:`service.analysis.structure` gives a sentence its ``role`` by (see there
for the roles): what a news page sets around the story and a scrape copies into it, each
with the page it was seen on. They are kept apart from the roles' logic so that a new
site's furniture is one pattern here.
"""

from __future__ import annotations

import re

TEASER = re.compile(
    r"(?:read more|related(?: (?:stories|articles|coverage|content))?|see also|also read"
    r"|read next|recommended(?: for you)?|more from|watch|listen|click here|sign up"
    r"|subscribe|follow (?:us|him|her|them)|share this|advertisement|story continues"
    r"|continue reading|read the (?:full|rest)|get the latest|full coverage"
    # Fox's related-links box: "More On This..."
    r"|more on this"
    # A gallery's widget, as Reuters pages scrape to text: "Slideshow (2 Images)".
    r"|slideshow)\b", re.IGNORECASE)
#: A link's label and a colon: "Read: ...", "Check out: ...", "MORE: ...", "ALERT: ...".
LINK_LABEL = re.compile(r"(?:read|check out|more|alert|also see|see also|photos?|videos?"
                         r"|go deeper)\s*:",
                         re.IGNORECASE)
BYLINE = re.compile(
    r"(?:by|written by|reporting by|additional reporting by|editing by|compiled by)\s+"
    r"[A-Z]|contributing\s*:\s*[A-Z]", re.IGNORECASE)
DATELINE = re.compile(r"[A-Z][A-Z.,'’ -]{1,40}(?:\([^()\n]{2,30}\))?\s*[-–—]+"
                       # An agency's credit standing alone, after a place or not: "(CNN)".
                       r"|(?:[A-Z][\w.,'’ -]{1,40})?\((?:CNN|CNN Business|Reuters|AP|AFP)\)"
                       r"\s*[-–—]*")
SIGN_UP = re.compile(r"\b(?:delivered (?:\w+ ){0,2}to your inbox|by signing up|sign up for our"
                      r"|subscribe to our|select a newsletter|our privacy policy"
                      r"|thank you for subscribing|newsletter sign up|you may opt[- ]out"
                      r"|verify (?:that )?you(?:'|’)re not a robot"
                      # "Want FOX News First in your inbox every day?", "Get USA TODAY's
                      # Daily Briefing in your inbox"; "Contact us at editors@time.com."
                      r"|(?:get|want)\b[^.?!\n]{0,60}\bin your inbox"
                      # A site's promotion of its other pages and shows: "Get more pure
                      # politics at ABCNews.com/Politics", "Catch up on ... our weekly
                      # politics podcast"
                      r"|get more [^.?!\n]{0,60}\bat [\w. ]{2,30}\.com"
                      r"|catch up on\b[^\n]{0,120}\bpodcast"
                      r"|subscribe (?:now|to the [\w' ]{1,40} newsletter)|vote here"
                      r"|visit [\w'’ ]{1,40} homepage for more"
                      # A site's footer: "Send a tip to the news team at NR."
                      r"|send (?:us )?(?:a |your )?(?:news )?tips?\b"
                      r"|read or share this story"
                      r"|(?:contact|e-?mail|write to|reach) (?:us|him|her|them|me)\b[^\n]{0,80}@\w+"
                      r"|let us know\b[^\n]{0,80}@\w+"
                      # A call for readers' comments: "Sound off in the comments below."
                      r"|(?:sound off|leave a comment|share your (?:thoughts|views)"
                      r"|(?:tell|let) us what you think)\b[^\n]{0,40}\bcomments?)\b",
                      re.IGNORECASE)
#: USA TODAY's video player: "CLOSE <the video's caption> (April 5) AP, AP" on one line.
VIDEO_CLOSE = re.compile(r"CLOSE (?=[A-Z\"“'‘])")
#: A link set in the running text in brackets: "( Also on POLITICO: Ryan: Biden is
#: ‘desperate’)", "( PHOTOS: Joe Biden over the years)", "(RELATED: ...)".
INLINE_LINK = re.compile(r"\(\s*(?:(?i:also (?:on|see|read)) [A-Z][\w.]+|PHOTOS?|VIDEO|RELATED"
                          r"|READ(?: MORE)?|WATCH|SEE ALSO|MORE)\s*:[^()\n]{0,200}\)")
#: A quotation's credit on the line after it, after a dash: "-- Charles Krauthammer on
#: “Special Report with Bret Baier.”" (The Chicago Manual of Style, 17th ed., 13.36: the
#: source of an epigraph or block quotation, on a line of its own after a dash).
DASH_CREDIT = re.compile(r"(?:--|—|–) ?[A-Z]")
DASH_CREDIT_WORDS = 20
#: A quotation's credit without a dash, the writer's name and the publication after the
#: closing mark or on the next line: "... by opposing impeachment.” Edward B. Foley,
#: Politico" (a round-up of columns, as The Flip Side sets each excerpt's source).
_NAME_WORD = r"[A-Z][\w.'’-]*"
QUOTE_CREDIT = re.compile(
    rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|and|&|de|van|von|der|la|al|bin))*,\s+{_NAME_WORD}"
    rf"(?:\s+(?:{_NAME_WORD}|of|the|and|&|on))*")
QUOTE_CREDIT_WORDS = 10
#: CNN's video player, as its pages scrape to text: "JUST WATCHED <title> Replay More
#: Videos ... MUST WATCH <title> 01:26", a video's caption.
VIDEO_WIDGET = re.compile(r"JUST WATCHED\b.{0,300}?\bMUST WATCH\b")
CAPTION_OPENS = re.compile(r"(?:(?:file photo|photo|caption)\s*:|(?:image caption|media caption"
                            r"|image copyright|media playback is unsupported"
                            r"|enlarge this image|(?:toggle|hide) caption)\b)", re.IGNORECASE)
CREDIT = re.compile(r"(?:\(\s*(?:AP|AFP|Reuters|Getty)?\s*Photo(?:graph)?\s*"
                     r"(?:(?:/|by|:)[^()]{1,60})?\)"
                     r"|\bvia (?:AP|AFP|Associated Press|Reuters|REUTERS|Getty Images)\)?"
                     r"|\b(?:REUTERS|AFP|AP|EPA|XINHUA|Getty Images|Bloomberg)/[A-Z][\w .'-]{1,40}"
                     r"|\bAFP/Getty Images|\bGetty Images|\((?:Pixabay|iStock|Shutterstock)\)"
                     # A photographer and the agency after a slash, as a line of its own
                     # or ending a caption ("Carlos Barria /AP", "Paul Hackett/Reuters/Landov").
                     r"|\b[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3} ?/ ?(?:AP|AFP|Reuters|Landov|EPA"
                     r"|Bloomberg|Associated Press|ITAR-TASS)"
                     r"(?: ?/ ?[A-Z][\w-]*(?: [A-Z][\w-]*)?){0,2})\W*$")
#: A credit or a copyright notice on a line of its own, at a story's foot: "Associated
#: Press writer Jane Doe contributed to this report.", "Fingerhut reported from
#: Washington.", "Copyright 2014 The Associated Press. All rights reserved. This material
#: may not be published, broadcast, rewritten or redistributed." (AP Stylebook, "credit
#: lines"; the notice wire copy carries).
FOOT_CREDIT = re.compile(
    # A broadcaster's notice in brackets: "(TM and © Copyright 2014 CBS Radio Inc. ...)".
    r"(?i:\(?(?:TM and )?(?:copyright\s+(?:©\s*)?\d{4}|©)|all rights reserved\b"
    r"|this material may not be published\b)"
    r"|[A-Z][^\n]{0,200}\bcontributed (?:to this (?:report|story|article)|reporting)\b"
    r"|(?!(?:He|She|They|We|I|It) )[A-Z][\w.'’-]*(?: (?:and )?[A-Z][\w.'’-]*){0,3}"
    r" reported from [A-Z][\w.'’-]*(?:,? [A-Z][\w.'’-]*){0,3}\.$"
    # A partner's syndication notice: "This article originally appeared on GlobalPost.",
    # "GlobalPost is a USA TODAY content partner ... produced independently of USA TODAY."
    r"|(?i:(?:this (?:article|story|post) )?(?:originally|first) (?:appeared|ran|was published)"
    r" (?:on|in|at) )|[A-Z][^\n]{0,60}\bis an? [\w ]{0,30}\bcontent partner\b")
CREDIT_WORDS = 50
#: A sign-up form scrapes to one long line of its prompts ("Newsletter Sign Up ... Invalid
#: email address. Please re-enter. You must select a newsletter to subscribe to. ...
#: Thank you for subscribing."): a line with two of them is a form, however long.
SIGN_UP_WORDS, FORM_WORDS = 60, 150
#: A page's widgets as they scrape to text: "Loading...", an app promotion, an audio
#: player's promotion with its running time ("... Listen · 3:47 3:47", as NPR's pages
#: carry it), a share bar ("Share Tweet Post Email"), a line sending the reader to the
#: outlet's social accounts ("Follow us on Twitter @CNNOpinion. Join us on
#: Facebook.com/CNNOpinion.").
WIDGET = re.compile(r"loading\W*$|download the [^\n]{1,40} app\b"
                     r"|[^\n]*\blisten\s*·\s*\d{1,2}:\d{2}|listen to (?:this )?article\b"
                     r"|(?:this article )?share tweet (?:post )?email\b"
                     # A page's share buttons and markup scraped to text: "Click to share
                     # on Twitter (Opens in new window)", 'poster="http://...'.
                     r"|[^\n]*\(opens in (?:a )?new window\)|[a-z-]+=\"https?://[^\n]*"
                     r"|(?:(?:follow|join|like|find) (?:us|him|her|them|me|the [\w ]{1,30}) on"
                     r"|read [^\n]{1,40}(?:'|’)s new)"
                     r" (?:twitter|facebook|instagram|flipboard)\b[^\n]{0,120}"
                     r"(?:@\w+|\.com/\w+|magazine)\W*$", re.IGNORECASE)
#: A call to follow a link, as a sentence opens or ends with it: "Click here to see it.",
#: "To learn more ..., click here.", "... — Click Here Now"; a related story's headline
#: and its link, as The Guardian's pages scrape ("Five things we learned ... Read more").
CALL_TO_CLICK = re.compile(r"(?i:click here(?:\s+(?:to|for|now)\b|\W*$)"
                           r"|(?:[^\n]*[,:—–-]\s*|(?:for|to)\b[^\n]*\b)click here(?: now)?\W*$)"
                           r"|[^\n]*[^.!?\s] Read more$")
#: A chart's or a table's source line ("... pre-release Source: Bloomberg"), as a sentence.
CHART_SOURCE = re.compile(r"[^\n]*\sSource: [A-Z][^\n!?]{0,60}[^\s.!?]")
#: A summary box ("Story highlights ...", as CNN's pages open).
HIGHLIGHTS = re.compile(r"story highlights\b", re.IGNORECASE)
#: A highlights box holds at most this many bullets.
HIGHLIGHT_BULLETS = 6
SENTENCE_END = frozenset(".!?\"”’'")
CUE = re.compile(r"\([A-Z][A-Z ,'’-]{2,30}\)")
#: A link alone as a sentence: an embedded post's picture ("pic.twitter.com/LYRp5Cc6jp").
LINK_ALONE = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+")
#: A photo's caption, its credit after a bar and the headline, as Politico's pages scrape
#: to a first line: "... insurgent mentality. | Courtesy Got viral videos?", "... |
#: M.Scott Mahaskey/POLITICO Cuts threaten House seats", "... | AP Photo/seattlepi.com".
BAR_CREDIT = re.compile(r"[.?!”\"] \| (?:Courtesy\b|(?:AP|AFP|Getty|Reuters)\b"
                        r"|[A-Z][\w.' -]{1,40}/[A-Z])")


def in_highlights(text: str, first: int, line: str) -> bool:
    """Return whether a line is a bullet of a "Story highlights" box: it and the lines
    between it and the box's first line end with no sentence mark (CNN sets them so)."""
    if line[-1:] in SENTENCE_END or "highlights" not in text[:first].lower():
        return False
    before = [p.strip() for p in text[:first].split("\n") if p.strip()][-HIGHLIGHT_BULLETS:]
    for previous in reversed(before):
        if HIGHLIGHTS.match(previous):
            return True
        if previous[-1:] in SENTENCE_END:
            return False
    return False


#: A related-links box: a label on its own line ("READ MORE:", "Related:") and up to this
#: many linked headlines under it, one a line, each of at most ``LINK_WORDS`` words and
#: none ending as a sentence does (a question may: "Was the Steel Dossier the FBI's
#: 'Insurance Policy'?"); how far back the label is looked for.
LINK_LIST_LINES, LINK_WORDS, LINK_REACH = 6, 20, 600
_LIST_LABEL = re.compile(r"(?:[•*-] ?)?(?:(?:" + TEASER.pattern + r")\s*:|" + LINK_LABEL.pattern
                         + ")", re.IGNORECASE)
_LINK_MARKS = "•*- "
_CLOSING = "\"”’')"


def _link_line(line: str) -> bool:
    """Return whether a line reads as a linked headline: short, with no final full stop,
    also inside a closing mark ('She added: “We are not going anywhere.”' is the story)."""
    bare = line.lstrip(_LINK_MARKS)
    ending = bare.rstrip(_CLOSING)
    return bool(ending) and len(bare.split()) <= LINK_WORDS and ending[-1] not in ".:;,!" and (
        not (bare[0] in "\"“‘'" and bare[-1] in _CLOSING))  # a quotation of its own


def in_link_list(text: str, start: int, line: str) -> bool:
    """Return whether the line at ``start`` is a headline in a related-links box: every
    line between it and a link label's line (:data:`LINK_LIST_LINES` at most) a headline
    or a page widget ("Advertisement")."""
    if not _link_line(line):
        return False
    before = text[max(0, start - LINK_REACH):start].split("\n")[:-1]
    previous = [p.strip() for p in reversed(before) if p.strip()][:LINK_LIST_LINES]
    for paragraph in previous:
        if _LIST_LABEL.fullmatch(paragraph):
            return True
        if not (_link_line(paragraph) or TEASER.fullmatch(paragraph)):
            return False
    return False
