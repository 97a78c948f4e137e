"""Attribution: reporting cues, their sources, and whether each source is named.

A cue is a reporting verb ("said", "claimed") or "according to" and its kin (also a
headline's colon, "Ryan: ..."), found by the attribution lexicon. Its source is read off
the parse (:mod:`service.analysis.sources`): the speaker of a verb; for "according to"
the object, for a headline's colon the name before it. A first- or second-person speaker
("I think") speaks of itself and is no attribution. The writer's attributions are the
outermost ones (:func:`outermost`). The source is then classified:

- ``vague``: a crowd or medium with no name ("some outlets", "South Korean media");
- ``unnamed``: identified by role only ("U.S. officials", "a source familiar with");
- ``named``: a person or organisation the text names ("Zelenskyy", "Fox News");
- ``pronoun``: "he", "they"; ``other``: anything else ("the ministry").

References: AP Stylebook and Reuters Handbook of Journalism (attribution, anonymous
sources); Wikipedia, Manual of Style/Words to watch (unsupported attributions).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from spacy.tokens import Doc, Span, Token

from service.analysis.frames import (
    DASHES,
    after_a_quotation,
    credited,
    names_a_source,
    opens_a_line,
    owner,
)
from service.analysis.model import Attribution, SourceSpan
from service.analysis.rules import is_speaker
from service.analysis.segments import Segments
from service.analysis.sources import (
    consistent_kinds,
    object_of,
    source_kind,
    source_phrase,
    speaker,
)
from service.categories import ATTRIBUTION, HEDGE
from service.lexicon.match import Hit

#: Speakers who speak of their own words or thoughts: the writer ("I think", "as we
#: reported") or a quoted speaker ("'I said no,' she said"), whose quotation the
#: outer cue already attributes.
_FIRST_AND_SECOND_PERSON = frozenset({"i", "we", "you", "me", "us"})
_VERB_CUES = frozenset({"neutral_verb", "loaded_verb"})
_OWN = _FIRST_AND_SECOND_PERSON | {"my", "our", "your"}
#: Subjects of idioms that predict or judge with no one's words: "history will show",
#: "time will tell", "experience shows" (Merriam-Webster, "time will tell").
_NO_WITNESSES = frozenset({"history", "time", "experience", "hindsight"})


def attributions(
    doc: Doc, hits: dict[str, list[Hit]], segments: Segments
) -> tuple[Attribution, ...]:
    """Return each reporting cue with its source span and the kind of source."""
    source_hits = [h for h in hits[ATTRIBUTION.name]
                   if h.entry.type in {"unnamed_source", "vague_source"}]
    source_hits += [h for h in hits[HEDGE.name] if h.entry.type == "vague_source"]
    covered: dict[str, set[int]] = {"unnamed_source": set(), "vague_source": set()}
    for h in source_hits:
        covered[h.entry.type].update(range(h.span.start, h.span.end))
    verb_cues = {h.span.root.i for h in hits[ATTRIBUTION.name] if h.entry.type in _VERB_CUES}
    speakers = set().union(*covered.values())
    names = {t.lower_ for ent in doc.ents if ent.label_ == "PERSON" for t in ent}
    out = []
    for hit in hits[ATTRIBUTION.name]:
        kind = hit.entry.type
        if kind not in _VERB_CUES and kind != "according_to":
            continue
        span = hit.span
        head: Token | None
        start = end = None
        if kind == "according_to" and len(span) > 1 and span[-1].orth_ == ":":
            # A headline's colon ("Ryan: FBI decision defies explanation") or a
            # transcript's ("WALLACE: Let's start"): the colon is the cue, the name
            # before it the source.
            if not opens_a_line(span[0]) or not names_a_source(span[:-1], names):
                continue
            head, span = span[:-1].root, span[-1:]
        elif kind == "according_to" and span[0].text[-1:] in DASHES:
            # A quotation credited with a dash ('"..." ― Sonya Herridge').
            if not after_a_quotation(span[0]) or not names_a_source(span[1:], names):
                continue
            head, span = span[1:].root, span[:1]
            start = end = span.end_char
            start -= 1
        elif kind == "according_to" and span.root.pos_ == "NOUN":
            # A noun of saying with its owner and its words: "Trump's claim that ...".
            head = owner(span.root)
            if head is None or not credited(span.root) or head.lower_ in _OWN:
                continue  # "the report was released", "my claim": no one else's words
        elif kind == "according_to":
            head = object_of(span)
        else:
            verb = span.root
            head = speaker(verb, verb_cues)
            if head is not None and head.lower_ in (_FIRST_AND_SECOND_PERSON | {"it"}) and (
                    head.lower_ != "it" or verb.dep_ == "xcomp"):
                continue  # "I think", "as we reported", "it is fair to say": the writer's
            if any(child.dep_ == "prt" and child.i >= span.end for child in verb.children):
                continue  # "called off the talks", "showed up": another verb
            if hit.entry.sense == "evidence" and head is not None and is_speaker(head, speakers):
                continue  # "the party must do more to show that": a demonstration
            if head is not None and head.lemma_.lower() in _NO_WITNESSES:
                continue  # "History will show that ...", "time will tell": no one's words
            if verb.lower_ == "told" and head is not None and head.lower_ == "all" and (
                    head.i == verb.i - 1 and verb.i + 1 < len(doc) and doc[verb.i + 1].is_punct):
                continue  # "All told, ...": everything counted (Merriam-Webster, "all told")
            if hit.entry.sense == "saying" and head is None:
                continue  # "the shift is expected to remake the industry": no one's view
            if not (hit.entry.sense == "evidence" and _measures(verb, head)) and not _reports(
                    verb, head, kind, segments, span, bare=not hit.entry.sense,
                    aims=hit.entry.sense == "target"):
                continue
        source = source_phrase(doc, head, span, covered) if head is not None else None
        if source is not None and start is not None and head is not None:
            name = doc[head.i:head.i + 1] if head.i == span.end else doc[span.end:head.i + 1]
            source = SourceSpan(name.start_char, name.end_char, name.text,
                                source_kind(name, head, covered))
        start = span.start_char if start is None else start
        end = span.end_char if end is None else end
        out.append(
            Attribution(
                start=start,
                end=end,
                text=span.text[start - span.start_char:end - span.start_char],
                type=kind,
                entry_id=hit.entry.id,
                sentence_index=segments.sentence_of(span.start_char),
                source=source,
            )
        )
    roles = {h.span.root.lemma_.lower() for h in source_hits
             if h.entry.type == "unnamed_source" and len(h.span) == 1}
    return consistent_kinds(doc, out, roles)


def outermost(doc: Doc, found: Sequence[Attribution],
              segments: Segments) -> tuple[Attribution, ...]:
    """Return the attributions the writer makes: none inside a quotation or reported words.

    A cue inside a direct quotation is the quoted speaker's own reporting ('"They think
    we don't like them," Graham said'), and a cue inside the content another attribution
    a verb credits to its source is part of what that source said ("Dayton said he thinks
    Clinton would win"): the outer attribution already credits those words. "According
    to" and its kin are the writer's own devices and stand wherever the parse hangs them
    ("X told Y that ..., according to a memo"), and so does a verb that goes on from
    another with no subject of its own ("Rendell said he had battled pneumonia and called
    it a common ailment", "..., adding that"): the parse may hang it inside the content,
    but it is the speaker's next act. ``found`` carries each one's ``content``.

    References: Pareti 2016, PARC 3.0 (nested attribution relations); AP Stylebook,
    "quotations in the news" (a quotation is the speaker's words).
    """
    def inside(a: Attribution, b: Attribution) -> bool:
        return (b.type in _VERB_CUES and a.type in _VERB_CUES and b.content is not None
                and b.content.start <= a.start and a.end <= b.content.end)

    # Contents of verb cues by start, with the furthest end so far: a cue no content
    # reaches past is nested in none (one bisection), so the work stays linear.
    spans = sorted((b.content.start, b.content.end, k) for k, b in enumerate(found)
                   if b.type in _VERB_CUES and b.content is not None)
    starts = [start for start, _, _ in spans]
    reach = list(accumulate((end for _, end, _ in spans), max))

    def nested(a: Attribution) -> bool:
        n = bisect_right(starts, a.start)
        if a.type not in _VERB_CUES or n == 0 or reach[n - 1] < a.end:
            return False
        return any(found[k] is not a and inside(a, found[k]) and not inside(found[k], a)
                   for _, _, k in spans[:n])

    def goes_on(a: Attribution) -> bool:
        cue = doc.char_span(a.start, a.end, alignment_mode="expand")
        verb = cue.root if cue is not None else None
        return verb is not None and (verb.dep_ == "parataxis" or verb.dep_ in {
            "conj", "advcl"} and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children))

    return tuple(a for a in found if not (a.text != ":" and segments.in_quote(a.start, a.end))
                 and (not nested(a) or goes_on(a)))


def reported_content(doc: Doc, found: Sequence[Attribution]) -> list[tuple[int, int, int]]:
    """Return the character ranges of what each attribution reports, with its index.

    A reporting verb reports the clauses the parse hangs on it ("the ministry said [the
    figures were alarming]", "[the figures were alarming], the ministry said"); where the
    parse hangs the verb on its clause instead, nothing is reported, unless the verb is
    an "as" frame. "According to" and an "as" frame ("as the ministry said") report the
    clause they hang on, less their own phrase. Ranges of one cue do not overlap;
    a range may lie inside another cue's.
    """
    out: list[tuple[int, int, int]] = []
    for index, attribution in enumerate(found):
        cue = doc.char_span(attribution.start, attribution.end, alignment_mode="expand")
        if cue is None:
            continue
        root = cue.root
        if attribution.text in DASHES:
            # The quotation the dash follows: '"..." ― Name'.
            text = doc.text  # built from the tokens at each call: read once per cue
            close = max(text.rfind("\u201d", 0, attribution.start),
                        text.rfind('"', 0, attribution.start))
            opening = max(text.rfind("\u201c", 0, close), text.rfind('"', 0, close))
            if 0 <= opening < close and "\n\n" not in text[opening:attribution.start]:
                out.append((opening, close + 1, index))
            continue
        if attribution.type == "according_to" and root.pos_ == "NOUN":
            out += [(child.left_edge.idx, _end_char(child.right_edge), index)
                    for child in credited(root)]
            continue
        if attribution.type == "according_to" or _as_frame(root):
            # The clause the cue hangs on, less the cue's own phrase.
            clause, own = _clause_of(root.head), root
            if clause.i == root.i:
                continue
            out += [(a, b, index) for a, b in (
                (clause.left_edge.idx, own.left_edge.idx),
                (_end_char(own.right_edge), _end_char(clause.right_edge))) if a < b]
            continue
        out += [(clause.left_edge.idx, _end_char(clause.right_edge), index)
                for clause in _content_clauses(root)]
    return out


def _clause_of(token: Token) -> Token:
    """Return the verb of the clause ``token`` is in (the token itself if it is one)."""
    while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i:
        token = token.head
    return token


def _content_clauses(verb: Token) -> list[Token]:
    """Return the clauses a verb of saying reports: its ccomp and parataxis, a verbal xcomp."""
    return [child for child in verb.children if child.dep_ in {"ccomp", "parataxis"} or (
        child.dep_ == "xcomp" and child.pos_ in {"VERB", "AUX"})]


def _end_char(token: Token) -> int:
    return token.idx + len(token.text)


def _reports(verb: Token, speaker: Token | None, kind: str, segments: Segments,
             cue: Span | None = None, bare: bool = True, aims: bool = False) -> bool:
    """Return whether a reporting verb is used to report speech, not in another sense.

    It reports when it introduces content ("said that ...", a quotation), is the
    inverted frame of a quotation ("..., Zelenskyy said") or an "as" frame with a
    speaker ("as the minister claimed, ..."), stands in a sentence with a
    direct quotation, names its speaker as the agent of a passive, or has a speaker
    speak "about" something ("the media has speculated about"). A neutral verb
    with a direct object ("denied the report") reports too, unless the object is a
    count ("added three goals"). "North Korea's military boasts one of the largest
    forces" has none of these and is no attribution. A speaker who labels something
    ("called the deal a disaster", "described him as reckless", "likened it to") or a
    phrasal cue with its object ("called for a ban") reports too. With ``bare``, a neutral
    verb with its speaker and nothing it acts on reports ("... , Weaver said."); an entry
    restricted to one sense of its verb ("believe", "think") passes ``bare=False``, since
    a verb with nothing to report shows no sense ("think harder"). With ``aims``, a verb
    of hostile speech with its speaker reports its object ("Clinton mocked Trump"); the
    context rules kept it only with one.
    """
    if verb.lemma_ == "call" and any(c.lower_ in _CALL_IT_IDIOMS for c in verb.children):
        return False  # "calling it quits", "called it a day"
    if _introduces_content(verb) or _frames_content(verb):
        return True
    if speaker is not None and (_as_frame(verb) or _labels(verb) or _parenthetical(verb)):
        return True
    if speaker is not None and cue is not None and len(cue) > 1 and cue[-1].pos_ == "ADP" and any(
            child.dep_ in {"pobj", "pcomp"} for child in cue[-1].children):
        return True  # "called for a ban"
    if aims and speaker is not None:
        return True  # "Clinton mocked Trump": words aimed at their object
    if any(child.dep_ == "agent" for child in verb.children):
        return True
    if segments.quoted_within(verb.sent.start_char, verb.sent.end_char):
        # A quotation elsewhere in the sentence makes no speech of a verb about a thing:
        # "believes in freedom", "showed no signs of 'privilege'".
        return speaker is not None and not any(
            child.dep_ == "dobj" and kind == "loaded_verb"
            or child.dep_ == "prep" and child.lower_ == "in" for child in verb.children)
    if speaker is not None and _speaks_about(verb):
        return True  # "the media has speculated about ...": speech about a topic
    if bare and kind == "neutral_verb" and speaker is not None and _bare(verb):
        return True  # "'Is that all there is?' Trump said.": the frame set apart
    if kind == "neutral_verb" and speaker is not None and speaker.lower_ != "it":
        # "It indicates nothing": with only an object, "it" is a thing, not a speaker.
        return any(child.dep_ in {"dobj", "dative"} and not _is_count(child)
                   for child in verb.children)
    return False


#: Prepositions that introduce a speaker's label for an object: "described it as",
#: "likened it to".
_LABEL_PREPOSITIONS = frozenset({"as", "to"})
#: Idioms of "call it ...": to stop ("call it quits", "call it a day"), not a label.
#: Merriam-Webster, "call it a day", "call it quits".
_CALL_IT_IDIOMS = frozenset({"quits", "quit", "day", "night", "even"})


def _labels(verb: Token) -> bool:
    """Return whether the verb gives its object a label: "called the deal a disaster".

    The label is an object predicate, or an "as" or "to" phrase after a direct object
    ("described the plan as reckless", "likened the race to a referendum").
    """
    children = list(verb.children)
    if any(child.dep_ == "oprd" for child in children):
        return True
    objects = [child for child in children if child.dep_ == "dobj"]
    if any(_quoted_label(obj) for obj in objects):
        return True  # "called his actions “a crucial step forward”"
    return bool(objects) and any(
        child.dep_ == "prep" and child.lower_ in _LABEL_PREPOSITIONS and child.i > verb.i
        for child in children)


def _quoted_label(obj: Token) -> bool:
    """Return whether a quotation follows an object inside its phrase or right after it."""
    doc = obj.doc
    after = obj.right_edge.i + 1
    return any(t.is_quote and t.is_left_punct and t.i > obj.i for t in obj.subtree) or (
        after < len(doc) and doc[after].is_quote and doc[after].is_left_punct)


#: Evidence that states a measurement as its object: "a poll shows Sanders with 47
#: percent", "the survey found a one-point gap". AP Stylebook, "polls and surveys"
#: (attribute a poll's findings to the poll).
_MEASURES = frozenset({"poll", "survey", "study", "report", "data", "analysis", "research",
                       "audit", "review", "census", "figure", "record", "email", "document"})


def _measures(verb: Token, subject: Token | None) -> bool:
    """Return whether a poll, study or record shows or finds its object."""
    return subject is not None and subject.lemma_.lower() in _MEASURES and any(
        child.dep_ == "dobj" for child in verb.children)


def _parenthetical(verb: Token) -> bool:
    """Return whether the verb is a parenthetical frame: "Greensboro, Sexton said, made him".

    The parser hangs it on the clause it interrupts; commas set it off on both sides.
    """
    if verb.dep_ not in {"parataxis", "advcl", "ccomp", "conj"} or verb.head.i <= verb.i:
        return False
    doc = verb.doc
    left, right = verb.left_edge.i, verb.right_edge.i
    return ((doc[left].is_punct or left > 0 and doc[left - 1].is_punct)
            and (doc[right].is_punct or right + 1 < len(doc) and doc[right + 1].is_punct))


#: Prepositions of the time, place or means of speaking: "said in an interview",
#: "said by telephone"; "responded to the scene" is another verb.
_SPEAKING_PREPOSITIONS = frozenset({"in", "on", "at", "during", "after", "before", "by",
                                    "via", "through", "over", "from", "outside"})


def _bare(verb: Token) -> bool:
    """Return whether a verb of saying stands with its speaker and nothing it acts on.

    "Weaver said." after a quotation the parser put in a sentence of its own, "police
    said" at the end of a long clause, "said by telephone this week": a neutral verb of
    saying with a speaker and no object reports the words around it. A subordinate
    clause ("as the senator testified on Tuesday") is left to :func:`_as_frame`.
    """
    return verb.dep_ != "acl" and all(
        # "as the senator testified on Tuesday, ...": a time clause, not a frame
        child.dep_ in _FRAME_CHILDREN and child.dep_ != "mark"
        or child.dep_ in {"cc", "conj"}
        or child.dep_ == "prep" and child.lower_ in _SPEAKING_PREPOSITIONS
        for child in verb.children)


def _speaks_about(verb: Token) -> bool:
    """Return whether the verb has an "about" topic, also one the parser hung one PP lower.

    In "speculated for weeks about what ..." the parser attaches "about" to "weeks".
    """
    near = [verb] + [obj for prep in verb.children if prep.dep_ == "prep"
                     for obj in prep.children if obj.dep_ == "pobj"]
    return any(child.dep_ == "prep" and child.lower_ == "about"
               for word in near for child in word.children)


def _introduces_content(verb: Token) -> bool:
    return any(clause.pos_ in {"VERB", "AUX"} for clause in _content_clauses(verb))


def _frames_content(verb: Token) -> bool:
    """Return whether the verb follows the clause it reports ("... , he said").
    """
    head = verb.head
    return (verb.dep_ in {"conj", "parataxis", "ccomp", "advcl"} and head.i < verb.i
            and head.pos_ in {"VERB", "AUX"} and verb.i - head.i > 2
            and any(t.is_punct for t in verb.doc[head.i:verb.i])
            # "..., the majority of whom showed no signs": a verb with an object of its
            # own is a clause of its own, not a frame.
            and not any(child.dep_ == "dobj" for child in verb.children))


#: What a verb framing its clause with "as" may have beside its speaker: "As he said
#: on Tuesday" has a prepositional phrase and is as often a time ("as the senator
#: testified on Tuesday, the crowd ..."), so only bare frames count.
_FRAME_CHILDREN = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "neg", "mark", "punct",
                             "advmod", "npadvmod", "agent"})


def _as_frame(verb: Token) -> bool:
    """Return whether the verb frames its clause with "as" ("As he said, the data were ...").

    The parse hangs it on the clause it reports, before or after it ("the data, as
    officials insisted, were wrong"), or on a noun of that clause. It is no frame with
    anything of its own beyond its speaker and adverbs ("as he claimed the prize", "as
    the minister complained about the press", "as she pleaded with the crowd"), and none
    in a comparison ("not as widespread as officials claimed"). "As noted above" has no
    speaker and is left out by the caller.
    """
    head = verb.head
    if (verb.dep_ != "advcl" or head.i == verb.i or head.pos_ in {"ADJ", "ADV"}
            or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)):
        return False
    if any(child.dep_ not in _FRAME_CHILDREN for child in verb.children):
        return False
    # "as many troops as officials claimed": the first "as" makes a comparison.
    return not any(t.lower_ == "as" and t.dep_ == "advmod" and t.i < verb.i
                   for t in head.subtree)


def _is_count(noun: Token) -> bool:
    return noun.like_num or any(child.dep_ == "nummod" for child in noun.children)


