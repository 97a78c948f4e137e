"""Sources of attributions: who speaks for a reporting cue, and what kind of source it is.

The speaker is read off the parse: the agent of a passive ("confirmed by U.S. officials"),
else the subject ("Zelenskyy said"), else the subject of the verb it depends on
("officials declined to say", "scaled back the plan and said", "..., calling it"), else
the noun a relative clause hangs on ("a report that said"). The source phrase is then
classified and kept consistent across the document (:mod:`.kinds`).

References: AP Stylebook and Reuters Handbook of Journalism (attribution, anonymous
sources); Pareti 2016, PARC 3.0 (the source of an attribution relation).
"""

from __future__ import annotations

from collections.abc import Mapping, Set

from spacy.tokens import Doc, Span, Token

from service.analysis.blocks import SAYING
from service.analysis.evidence import records_showing
from service.analysis.kinds import source_kind
from service.analysis.model import SourceSpan
from service.analysis.naming import passive_label
from service.analysis.parallel import after_its_quotation
from service.analysis.rules import after_a_closing_mark
from service.analysis.segments import DASH_TOKENS

_SUBJECT = frozenset({"nsubj", "nsubjpass", "csubj"})
#: Pronouns that stand for a clause or an idea, never for a speaker ("it" may be a company).
_NON_SPEAKERS = frozenset({"that", "which", "this", "these", "what", "there", "nobody"})
_RELATIVE, _MAX_SOURCE_TOKENS = frozenset({"that", "which", "who", "whom"}), 14
#: Adjectives whose "to" clause names an act done, its subject the speaker: "was careful
#: to say", "were quick to point out"; not "afraid to mention", "eager to tell" (a wish).
_DONE = frozenset({"careful", "quick", "swift"})
_SAYING = SAYING | {"point", "emphasize", "emphasise", "mention", "remind"}  # "point out"


#: The means of a passive cue's "by", not an agent: "questioned by telephone", "reached by
#: email" (Quirk et al. 1985, 9.48: "by" of means).
_MEANS = frozenset({"telephone", "phone", "email", "e-mail", "mail", "letter", "text", "fax",
                    "video", "videolink", "satellite", "cable"})


def speaker(verb: Token, verb_cues: set[int]) -> Token | None:
    """Return the head of who is reported to speak."""
    if (passive := passive_label(verb)) is not None:
        return passive[2]  # "was described as reckless by Democrats": the parser's "by"
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    # "1,000 adults questioned by telephone": how, not who
                    return None if pobj.lemma_.lower() in _MEANS else pobj
    if verb.lemma_ == "quote" and any(c.dep_ == "prep" and c.lower_ == "as" and any(
            g.lemma_ == "say" for g in c.children) for c in verb.children):
        # "Trump was quoted as saying": the one quoted speaks (whoever quotes him)
        return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.lemma_ == "quote":
        # "RIA quoted Ryabkov as saying ...": the one quoted speaks, not the agency
        return next((c for c in verb.head.head.children if c.dep_ in {"dobj", "nsubjpass"}),
                    None)
    if any(child.dep_ == "auxpass" for child in verb.children):
        return None  # "... but is intended to limit": who intends is unsaid
    if (named := _parenthetical_speaker(verb)) is not None:
        return named
    # Of two subjects ("People like Scott, he said"), the one next to the verb speaks; at
    # the same distance the one after it, an inverted frame's ("The surpluses, said Scott
    # Pattison, are ...": the parser made both the verb's subjects).
    subjects = sorted(verb.children, key=lambda c: (abs(c.i - verb.i), c.i < verb.i))
    for child in subjects:
        if child.dep_ not in _SUBJECT:
            continue
        if child.dep_ == "nsubjpass":
            return None  # "the report was confirmed": who confirmed is unsaid
        if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
            return verb.head  # "a report that said ...": the report speaks
        if child.lower_ in {"which", "who"} and child.i > 0 and (
                verb.doc[child.i - 1].pos_ in {"PROPN", "NOUN"}):
            # "the Chicago Police Department which reported ...": a relative clause the
            # parser did not hang on its noun; the noun before the pronoun speaks.
            return verb.doc[child.i - 1]
        if child.dep_ == "csubj" and _a_fact(child):
            # "That two hosts would sign up ... says something about ...": a clause is a
            # fact, not a speaker (Merriam-Webster, "say something about": to show)
            continue
        if child.lower_ in _NON_SPEAKERS or any(
                c.dep_ == "det" and c.lower_ == "no" and not (
                    # "No 10 said", "the world No 1 said": a number, not a negation
                    c.i + 1 < len(c.doc) and c.doc[c.i + 1].is_digit)
                for c in child.children):
            # "no environmentalist hoping to ...", "nobody said": a negative quantifier
            # names no one who spoke (Merriam-Webster, "no" adjective 1: not any)
            return None
        return child
    inverted = _inverted_speaker(verb)
    if inverted is not None:
        return inverted  # '"Why now?" asked the senator': the parser read an object
    if verb.dep_ == "compound" and verb.i == verb.sent.start and verb.head.pos_ == "PROPN" and (
            verb.tag_ in {"VBD", "VBZ"}):
        # "Said Ellis: '...'": the verb first, its speaker after it (quotative inversion,
        # The Chicago Manual of Style, 17th ed., 13.14); the parser read a name.
        return verb.head
    head = verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.i < verb.i and (
            verb.lemma_.lower() in _WORDS_OF_A_TEXT) and (
            head.lemma_.lower() in _TEXTS or head.pos_ == "PROPN" or head.tag_ == "NNS"):
        # "issued a statement saying ...", "a letter warning that ...": the document or
        # people the participle describes speak. Not "a super PAC supporting Clinton",
        # "governors seeking to stem his rise": a stance or an aim is no text.
        return head
    if (record := records_showing(verb)) is not None:
        return record  # "with polls showing them vying for the lead"
    if verb.dep_ == "acl" and verb.tag_ in {"VBD", "VBZ"} and head.dep_ == "ROOT" and (
            head.i < verb.i and head.pos_ in {"NOUN", "PROPN"}):
        # "The letter accused Trump of ...": a finite verb the parser hung on the
        # sentence's noun (its root) as a modifier is the sentence's verb; the noun speaks.
        return head
    if verb.dep_ == "xcomp" and head.i != verb.i:
        # "officials declined to say", "Earnest was careful to say": the adjective's subject
        return speaker(head.head if head.dep_ == "acomp" and head.lemma_.lower() in _DONE
                       and verb.lemma_.lower() in _SAYING else head, verb_cues)
    if verb.dep_ == "amod" and verb.tag_ in {"VBD", "VBN"} and verb.text[:1].islower() and (
            after_a_closing_mark(verb)):  # not '"..." Noted economist Paul Krugman disagreed'
        while head.dep_ == "compound" and head.head.i != head.i:
            head = head.head  # '"...," added spokesman Brian Fallon': read as an adjective
        return head
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and (absolute := next((
            g for c in head.children if c.dep_ == "prep" and c.lower_ == "with"
            and 0 < c.i < verb.i and verb.doc[c.i - 1].text == "," for g in c.children
            if g.dep_ == "pobj" and all(
                t.is_punct and t.text != "," for t in verb.doc[g.right_edge.i + 1:verb.i])),
            None)) is not None:
        # "..., with Sen. Durbin - Democrats' negotiator - saying ...": an absolute clause
        # set off by its comma, not "agreed with Kaufman, saying ..."
        return absolute
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and (head.i < verb.i or not any(
            c.dep_ in {"mark", "prep"} for c in verb.children)):
        # "Romney went after Trump, calling it 'disqualifying'": a participle after its
        # clause, or opening the sentence before it ("Saying that he had been misquoted,
        # the senator left"), has that clause's subject: the main clause's where the parse
        # hung it on a "that" or "whether" clause after a comma ("X rejected talk that they
        # could move funds, saying ...") or on a gerund ("campaigned against building it
        # claiming").
        if head.i < verb.i and (head.dep_ == "pcomp" and head.head.dep_ == "prep" or any(
                c.dep_ == "mark" for c in head.children) and (
                head.dep_ in {"ccomp", "acl"} and verb.doc[verb.i - 1].text == ",")):
            return speaker(head.head.head if head.dep_ == "pcomp" else head.head, verb_cues)
        return speaker(head, verb_cues)
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.lower_ in _TIME_AND_MEANS and (
            head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"} and head.head.i < verb.i):
        # "Trump doubled down after saying that ...", "Blige sings to Clinton before
        # asking her": a participle after a preposition of time or means has its clause's
        # subject. Not "criticized him for supporting the war": the reason for the
        # criticism, no act of the subject's.
        return speaker(head.head, verb_cues)
    if after_its_quotation(verb) is not None:
        return speaker(head.head, verb_cues)  # 'said X "..." and called it': the speaker's
    if verb.dep_ == "conj" and head.i != verb.i and head.pos_ in {"VERB", "AUX"}:
        between = verb.doc[head.i + 1:verb.i]
        if head.i < verb.i and any(t.is_quote for t in between) and not any(
                t.dep_ == "cc" for t in between):
            # '"We were wrong ...," Ramos, 58, told AFP': the parser joined the frame to
            # the quotation's verb; the name before the frame speaks, not "we".
            return name_before(verb)
        # "reported by X and confirmed ...", "Abbott scaled back the plan and said ...":
        # a verb joined to another shares its subject.
        return speaker(head, verb_cues)
    if verb.tag_ in {"VBD", "VBZ", "VBP"}:
        return name_before(verb)
    return None


def _parenthetical_speaker(verb: Token) -> Token | None:
    """Return the name after a frame set off by commas: "The rules, writes Milbank, leave".

    A frame inside the sentence it reports, inverted (The Chicago Manual of Style, 17th
    ed., 13.14); the parser may take the words before it for its subject and the name
    after it for its object.
    """
    doc = verb.doc
    if verb.tag_ not in {"VBD", "VBZ"} or verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    named = next((c for c in verb.children if c.dep_ in {"dobj", "attr"} and c.i > verb.i), None)
    if named is None or not (named.pos_ == "PROPN" or named.ent_type_ == "PERSON"):
        return None
    after = named.right_edge.i + 1
    return named if after < len(doc) and doc[after].text == "," else None


def _a_fact(clause: Token) -> bool:
    """Return whether a clausal subject states a fact: "That two hosts would sign up",
    "which get answered", "Holding rates near zero". Not a name the tagger took for a
    verb ("Schilling describes himself"), nor speakers the parser put inside a participle
    ("Many Republicans clamoring for ... support the bill")."""
    deps = {child.dep_ for child in clause.children}
    return "nsubj" not in deps and bool(deps & {"mark", "dobj", "nsubjpass", "aux", "auxpass"}
                                        or clause.tag_ in {"WDT", "WP"} or any(
        child.tag_ in {"WDT", "WP"} for child in clause.children))


def _inverted_speaker(verb: Token) -> Token | None:
    """Return the speaker of a verb inverted after a quotation: '"Why now?" asked the senator'.

    After a closing quotation mark (and a comma), a verb of saying may come before its
    subject (quotative inversion: The Chicago Manual of Style, 17th ed., 13.14; AP
    Stylebook, "said": '"...," said the senator'). The parser often reads the subject as
    the verb's object; with nothing before the verb but the quotation, it is the speaker.
    """
    if verb.tag_ not in {"VBD", "VBZ", "VBP"} and not (
            # '"...," read the email': the tagger takes the past "read" for a base form
            verb.tag_ == "VB" and verb.dep_ == "ROOT" and not any(
                c.dep_ in {"aux", "auxpass"} for c in verb.children)):
        return None  # '"Women in Power," answering questions': a participle, not a frame
    if not after_a_closing_mark(verb):
        return None  # not a closing mark: one set right after the quotation's last word
    # The subject read as an object, or as an attribute ('"Go," continued the senator').
    return next((c for c in verb.children if c.dep_ in {"dobj", "attr"} and c.i > verb.i), None)


#: Links from a name to the words of its title or apposition: "Flynn, a top Trump
#: surrogate", "Marc H. Morial, the chief executive of the National Urban League".
_TITLE_LINKS = frozenset({"appos", "pobj", "prep", "compound", "amod", "poss"})


#: Prepositions before a participle that is the subject's own act: "after saying",
#: "before asking", "while speaking", "by calling".
_TIME_AND_MEANS = frozenset({"after", "before", "while", "by", "since", "upon", "when"})


def name_before(verb: Token) -> Token | None:
    """Return the name that stands right before a verb the parser left without a subject.

    In '"...," Flynn, a top Trump surrogate, said' the parser may hang the name on the
    quotation; the name (with its title in apposition) just before the verb speaks.
    """
    i = verb.i - 1
    while i >= 0 and (verb.doc[i].pos_ == "ADV" or verb.doc[i].orth_ == ","):
        i -= 1
    if i < 0 or i == verb.i - 1 and verb.doc[i].pos_ not in {"PROPN", "NOUN"}:
        return None
    token, name = verb.doc[i], None
    while True:
        if _is_a_name(token):
            name = token  # the highest name: "Morial, the chief executive of the League"
        if token.dep_ not in _TITLE_LINKS or token.head.i >= token.i:
            return name
        token = token.head


#: Verbs of saying whose participle describes a text or a speaker by its words ("a
#: statement saying", "a memo warning that", "a letter asking"): the plain reporting
#: verbs of AP style's list, not verbs of stance or intent.
_WORDS_OF_A_TEXT = frozenset({"say", "tell", "state", "declare", "announce", "warn", "claim",
                              "allege", "insist", "argue", "ask", "urge", "demand", "report",
                              "confirm", "deny", "note", "explain", "promise"})


#: Nouns of a text that says something by itself: "a statement saying", "a law saying",
#: "a letter demanding", "a BuzzFeed report alleging". Not "an apparent claim ...,
#: saying" or "lots of time saying things": a participle the parser hung on a noun that
#: writes nothing.
_TEXTS = frozenset({"statement", "report", "letter", "memo", "law", "bill", "ad", "advert",
                    "advertisement", "piece", "release", "address", "speech", "post", "tweet",
                    "video", "document", "message", "note", "email", "op-ed", "editorial",
                    "column", "article", "story", "book", "study", "poll", "survey",
                    "complaint", "lawsuit", "suit", "petition", "resolution", "ruling",
                    "filing", "brief", "sign", "banner", "leaflet", "flyer", "notice",
                    "order", "motion", "amendment", "spot", "commercial", "opinion"})


def _is_a_name(token: Token) -> bool:
    return token.ent_type_ in {"PERSON", "ORG"} and token.pos_ == "PROPN"


def object_of(span: Span) -> Token | None:
    last = span[-1]
    for child in last.children:
        if child.dep_ in {"pobj", "dobj"}:
            return child
    return None


def source_phrase(doc: Doc, head: Token, cue: Span, covered: Mapping[str, Set[int]]) -> SourceSpan:
    head = _past_dateline(doc, head, cue)
    start, end = head.left_edge.i, head.right_edge.i + 1
    if start <= cue.start and cue.end <= head.i:
        start = cue.end  # '"...," added spokesman Brian Fallon', the verb read as a modifier
    for child in head.rights:
        if child.dep_ in {"relcl", "acl"} and (
                child.left_edge.pos_ == "SCONJ" or child.left_edge.dep_ == "mark"):
            # "rumored by some outlets that troops joined": the parser hangs the reported
            # clause on the source; a complementiser "that" opens no relative clause.
            end = min(end, child.left_edge.i)
        elif child.dep_ == "relcl" and child.i != cue.root.i and (
                child.right_edge.i < cue.start and doc[child.left_edge.i - 1].text == ","):
            # "Mr. Kamin, who emphasized that he spoke for himself, said": the speaker,
            # not what the clause set off by commas says of him.
            end = min(end, child.left_edge.i)
    if _in_a_fronted_phrase(head, cue.root) and (
            appositions := [c for c in head.children if c.dep_ == "appos" and c.i > head.i]):
        # "In an interview with Faithwire, the center's co-founder said": the parser hung
        # the speaker on the interviewer; the words after the comma name who spoke
        start = min(c.left_edge.i for c in appositions)
        end = max(c.right_edge.i for c in appositions) + 1
        head = appositions[-1]  # its kind is the speaker's: "a senior Democratic aide"
    if head.dep_ == "dobj" and head.head.i == cue.root.i and head.i > cue.root.i:
        # An inverted frame's speaker ('"Why?" asked the president, to which Kissinger
        # replied'): the name and its title, not what the sentence goes on to say.
        end = min([end] + [c.left_edge.i for c in head.rights if c.dep_ == "relcl"])
    relative = [c for c in cue.root.children if c.dep_ in _SUBJECT and c.lower_ in _RELATIVE]
    if end > cue.start and start < cue.start:
        end = cue.start  # "Flynn, a top Trump surrogate, said": the name before its verb
        if cue.root.dep_ == "relcl" and cue.root.head.i == head.i and relative:
            # "Two Republican senators who this week said": the speaker and its "who",
            # not the relative clause's own words before the verb.
            end = min(end, relative[0].i + 1)
    if end - start > _MAX_SOURCE_TOKENS or (start <= cue.start and cue.end <= end):
        # Too long, or the phrase holds the cue itself ("a report that said ..."):
        # keep the noun chunk around the head.
        start, end = head.i, head.i + 1
        for chunk in doc.noun_chunks:
            if chunk.start <= head.i < chunk.end:
                start, end = chunk.start, chunk.end
                break
        if cue.root.dep_ == "relcl" and cue.root.head.i == head.i and relative:
            end = max(end, relative[0].i + 1)  # "Mr. Kamin, who emphasized": with "who"
    if start == cue.start and cue.end <= head.i:
        start, end = cue.end, min(end, head.i + 1)  # "Said Ellis: ...": the name after it
    # A site's name card after the name (:mod:`.namecards`), read as blank space: the source
    # ends at the name it follows.
    end = next((t.i for t in doc[head.i + 1:end] if t.tag_ == "_SP" and not t.is_space), end)
    while end > start + 1 and (doc[end - 1].is_punct and doc[end - 1].text != "%"
                               or doc[end - 1].is_space or doc[end - 1].dep_ == "case"
                               or _trails(doc[end - 1])):
        # "Trump's claim": the source is Trump; "26% said": the share, with its sign;
        # "The president all but admitted": the president.
        end -= 1
    marks = [t.text for t in doc[start:end]]
    if end < len(doc) and doc[end].text == ")" and marks.count("(") > marks.count(")"):
        end += 1  # "Sen. Jack Reed (D-R.I.)": the party and state close their parenthesis
    start = _after_dateline(doc, start, min(end, head.i), quotes=True)
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    span = doc[start:end]
    kind = source_kind(span, head, covered)
    return SourceSpan(span.start_char, span.end_char, span.text, kind)


def _in_a_fronted_phrase(noun: Token, verb: Token) -> bool:
    """Return whether a noun is the object in a prepositional phrase before the verb that
    the phrase's chain hangs on ("In an interview with Faithwire, ... said")."""
    token = noun
    while token.dep_ in {"pobj", "prep"} and token.head.i != token.i and token.i < verb.i:
        token = token.head
        if token.i == verb.i:
            return noun.dep_ == "pobj"
    return False


#: Words the parse may leave between a speaker and its verb: "Corker and Flake both
#: called", "The president all but admitted".
_FLOATING = frozenset({"all", "both", "each", "but"})


def _trails(token: Token) -> bool:
    """Return whether a source phrase's last word floats before the verb, not in the name."""
    return token.pos_ != "PROPN" and (token.lower_ in _FLOATING and token.dep_ in {
        "appos", "det", "advmod", "cc", "nsubj", "dep"} or token.dep_ == "cc")


#: A video player's button scraped before its caption (USA TODAY's "CLOSE"); the marks
#: that end a quotation's last sentence before its closing mark.
_PLAYER_BUTTONS, _CLOSING_PUNCTUATION = frozenset({"CLOSE"}), frozenset("!?.,")


def _after_dateline(doc: Doc, start: int, stop: int, quotes: bool = False) -> int:
    """Return where a source starts after a dateline or a quotation the parse hung on it.

    'WASHINGTON (Reuters) - U.S. Treasury Secretary Steven Mnuchin said': the dateline (AP
    Stylebook, "datelines") is not the speaker, nor is a quotation closed before the name
    ('"Make America great again!" Trump tweeted').
    """
    if quotes:  # '"Make America great again!" Trump tweeted': the name after the quotation
        start = max([start] + [t.i + 1 for t in doc[start + 1:stop] if t.is_quote and not doc[
            t.i - 1].whitespace_ and doc[t.i - 1].text in _CLOSING_PUNCTUATION])
    if start < stop and doc[start].text in _PLAYER_BUTTONS and (
            start == 0 or "\n" in doc[start - 1].text_with_ws):
        start += 1  # "CLOSE Senate Majority Leader Mitch McConnell says": a video player's
    for i in range(start, stop):
        if doc[i].text not in DASH_TOKENS:
            continue
        inside = 0
        for token in doc[start:i]:
            inside += (token.text == "(") - (token.text == ")")
            if not (token.is_upper or token.is_punct or token.is_space or inside > 0
                    or token.text == ")"):
                return start
        return i + 1 if i > start else start
    return start


def _past_dateline(doc: Doc, head: Token, cue: Span) -> Token:
    """Return the speaker where the parse took the dateline for it.

    'WASHINGTON (AP) — A career official in the White House security office says ...':
    the parser may make the place the subject; the speaker is the first noun phrase
    after the dateline's dash, before the cue.
    """
    first = head.sent.start
    after = _after_dateline(doc, first, cue.start)
    if after == first or head.i >= after:
        return head
    for chunk in doc.noun_chunks:
        if after <= chunk.start and chunk.end <= cue.start:
            return chunk.root
        if chunk.start >= cue.start:
            break
    return head
