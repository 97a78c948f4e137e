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

import dataclasses
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from spacy.tokens import Doc, Token

from service.analysis.colons import QUOTATION_COLON, colon_speaker, framed
from service.analysis.evidence import FOUND, credits_a_finding
from service.analysis.frames import (
    DASHES,
    after_a_quotation,
    credited,
    names_a_source,
    opens_a_line,
    owner,
    says_something,
)
from service.analysis.implicit import judged, question_of, question_put
from service.analysis.kinds import consistent_kinds, source_kind
from service.analysis.model import Attribution, SourceSpan
from service.analysis.naming import for_to, label_of, regarded, regards_as
from service.analysis.newsroom import aside, credit_line, the_writers_aside
from service.analysis.parallel import SPEECH, joining
from service.analysis.polls import IN_A_POLL, poll_preposition
from service.analysis.reporting import (
    as_frame,
    clause_of,
    content_clauses,
    end_char,
    frame_edges,
    frames_quotation,
    hypothetical,
    interrupted,
    measures,
    parenthetical,
    reports,
    unrealised,
)
from service.analysis.rules import after_a_closing_mark, is_speaker
from service.analysis.segments import Segments
from service.analysis.sources import name_before, object_of, source_phrase, speaker
from service.analysis.transcripts import ENTRY_ID as HEADLINE_COLON
from service.analysis.unsaid import unsaid
from service.categories import ATTRIBUTION, HEDGE
from service.lexicon.match import Hit

#: Speakers who speak of their own words or thoughts: the writer ("I think", "as we
#: reported") or a quoted speaker ("'I said no,' she said"), whose quotation the
#: outer cue already attributes.
_FIRST_AND_SECOND_PERSON = frozenset({"i", "we", "you", "me", "us", "myself", "ourselves",
                                     "yourself", "yourselves"})
_VERB_CUES = frozenset({"neutral_verb", "loaded_verb"})
_OWN = _FIRST_AND_SECOND_PERSON | {"my", "our", "your"}
#: The lexicon entry of "see X as Y": its content is the view (:func:`naming.regarded`).
SEES_AS = "attribution.verb.sees_as"
#: The lexicon entry of verbs that label ("called the deal a disaster", "views it as").
CALLED = "attribution.verb.called"
#: Subjects of idioms that predict or judge with no one's words: "history will show",
#: "time will tell", "experience shows" (Merriam-Webster, "time will tell"); and ideas that
#: "oppose" or "reject" only figuratively ("claims on behalf of the common good do not
#: oppose claims on behalf of liberty").
_NO_WITNESSES = frozenset({"history", "time", "experience", "hindsight", "claim", "argument",
                           "principle", "idea"})
#: What "tell" takes as its object when it reports no words: "told lies", "tell the truth"
#: (Merriam-Webster, "tell" sense 2a: to relate in detail; with "lie" or "truth" a verdict on
#: what was said, not the words).
_UNTOLD = frozenset({"lie", "truth", "falsehood", "untruth", "fib"})


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
    first_line_end = segments.text.find("\n")
    if first_line_end < 0:
        first_line_end = len(segments.text)  # one line: all of it is the headline
    out = []
    for hit in hits[ATTRIBUTION.name]:
        kind = hit.entry.type
        if kind not in _VERB_CUES and kind != "according_to":
            continue
        span = hit.span
        entry_id = hit.entry.id
        head: Token | None
        start = end = None
        if kind == "according_to" and len(span) > 1 and span[-1].orth_ == ":":
            # A headline's colon ("Ryan: FBI decision defies explanation") or a
            # transcript's ("WALLACE: Let's start"): the colon is the cue, the name
            # before it the source.
            if opens_a_line(span[0]) and not _bulleted(span[0]) and names_a_source(
                    span[:-1], names) and says_something(span[-1], first_line_end):
                head, span = span[:-1].root, span[-1:]
            elif (head := colon_speaker(span[-1], speakers, segments)) is not None:
                span, entry_id = span[-1:], QUOTATION_COLON  # "- Carl Bialik: "...""
            else:
                continue
        elif entry_id == QUOTATION_COLON:
            # 'Then she challenged him: "..."': the colon is the cue (colons.py).
            if (head := colon_speaker(span[0], speakers, segments)) is None:
                continue
            span = span[:1]
        elif kind == "according_to" and span[0].text[-1:] in DASHES:
            # A quotation credited with a dash ('"..." ― Sonya Herridge').
            if not after_a_quotation(span[0]) or not names_a_source(span[1:], names):
                continue
            head, span = span[1:].root, span[:1]
            start = end = span.end_char
            start -= 1
        elif entry_id == IN_A_POLL:
            # "Clinton led Sanders 64-27 in an NBC News poll": the "in" is the cue.
            if (preposition := poll_preposition(span.root)) is None:
                continue
            head, span = span.root, doc[preposition.i:preposition.i + 1]
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
            if head is not None and segments.in_quote(head.idx, end_char(head)) and (
                    not segments.in_quote(span.start_char, span.end_char)):
                # The speaker stands outside the words quoted ('"The fact that ...," ”
                # McDaniel says'), whatever the parse made of them; a title in quotation
                # marks ('"Selling Snake Oil" found') may be the source.
                head = name_before(verb) or head
            if head is not None and head.lower_ in (_FIRST_AND_SECOND_PERSON | {"it"}) and (
                    head.lower_ != "it" or verb.dep_ == "xcomp"):
                continue  # "I think", "as we reported", "it is fair to say": the writer's
            if unrealised(verb) or unsaid(verb, hit.entry.id) or the_writers_aside(verb) or (
                    credit_line(verb)):
                # "Now tell us", "requires candidates to disclose", "without saying",
                # "It's worth noting that", "X contributed reporting": no one else's words
                continue
            if any(child.dep_ == "prt" and child.i >= span.end for child in verb.children):
                continue  # "called off the talks", "showed up": another verb
            if entry_id == FOUND and (head is None or not credits_a_finding(
                    verb, head, is_speaker(head, speakers))):
                continue  # "a video shows", "the deal showed that": a scene, an inference
            if head is not None and head.lemma_.lower() in _NO_WITNESSES:
                continue  # "History will show that ...", "time will tell": no one's words
            if verb.lower_ == "told" and head is not None and head.lower_ == "all" and (
                    head.i == verb.i - 1 and verb.i + 1 < len(doc) and doc[verb.i + 1].is_punct):
                continue  # "All told, ...": everything counted (Merriam-Webster, "all told")
            if verb.lemma_ == "tell" and any(c.dep_ == "dobj" and c.lemma_ in _UNTOLD and not any(
                    g.dep_ in {"acl", "ccomp"} for g in c.children) for c in verb.children):
                continue  # "told many more lies", "told the truth": a verdict, no words
            if hit.entry.sense == "saying" and (head is None or hypothetical(verb)):
                # "the shift is expected to remake the industry", "if they hope to close
                # the gap": no one's view
                continue
            if hit.entry.sense == "label":
                if head is None or not regards_as(verb):
                    continue  # "witnesses saw the man run away": sight, not a view
            elif hit.entry.sense == "frame":
                if head is None or not frames_quotation(verb, segments):
                    continue  # "prices continued to rise": no one's words
            elif not (hit.entry.sense == "evidence" and measures(verb, head)) and not reports(
                    verb, head, kind, segments, span, bare=not hit.entry.sense,
                    aims=hit.entry.sense == "target"):
                continue
        source = source_phrase(doc, head, span, covered) if head is not None else None
        if source is not None and head is not None and span.text == ":" and (
                head.pos_ == "NOUN" and head.lower_ in names):
            # A headline's name the tagger read as a noun: the document names it in full.
            source = dataclasses.replace(source, kind="named")
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
                entry_id=entry_id,
                sentence_index=segments.sentence_of(span.start_char),
                source=source,
            )
        )
    # A verb of saying frames the quotation itself ('Cruz joked: "..."', '"...," one of
    # them said'), and a headline's or transcript's colon is already the cue.
    verbs = {a.start for a in out
             if a.type in _VERB_CUES and not segments.in_quote(a.start, a.end)}
    taken = {a.start for a in out if a.entry_id != QUOTATION_COLON}
    colons = {a.start: doc.char_span(a.start, a.end) for a in out if a.entry_id == QUOTATION_COLON}
    out = [a for a in out if a.entry_id != QUOTATION_COLON or a.start not in taken and not (
        (colon := colons[a.start]) is not None and framed(colon[0], segments, verbs))]
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

    def quoted(a: Attribution) -> bool:
        return a.text != ":" and segments.in_quote(a.start, a.end)

    def nested(a: Attribution) -> bool:
        # Only in the content of a cue that stands: a cue inside a quotation makes no
        # frame after the quotation its own ('"He says what everyone wants to say,"
        # Moody said').
        n = bisect_right(starts, a.start)
        if a.type not in _VERB_CUES or n == 0 or reach[n - 1] < a.end:
            return False
        return any(found[k] is not a and inside(a, found[k]) and not inside(found[k], a)
                   and not quoted(found[k]) and not relayed(a, found[k]) for _, _, k in spans[:n])

    def relayed(a: Attribution, b: Attribution) -> bool:
        # "X said ..., state media reported": a frame after the words, on the verb of
        # saying itself, relays a source with a name of its own, who stays the speaker
        # (PARC 3.0: nested attribution); not a cue in a clause inside those words.
        if not (b.start > a.end and a.entry_id in SPEECH and a.source is not None
                and a.source.kind != "pronoun" and a.content is not None
                and a.end <= a.content.start and a.content.end <= b.start):
            return False
        inner, outer = (doc.char_span(x.start, x.end, alignment_mode="expand") for x in (a, b))
        return inner is not None and outer is not None and (
            inner.root.head == outer.root or outer.root.head == inner.root)

    def goes_on(a: Attribution) -> bool:
        cue = doc.char_span(a.start, a.end, alignment_mode="expand")
        verb = cue.root if cue is not None else None
        return verb is not None and (verb.dep_ == "parataxis" or verb.dep_ in {
            "conj", "advcl"} and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
            or leads(verb) or a.entry_id in SPEECH and joining(verb) is not None
            or frames_the_quotation_before(verb))

    return tuple(a for a in found if not quoted(a) and (not nested(a) or goes_on(a)
                                                         or aside(doc, a)))


#: Marks of a list's items: "•Washington: On Friday, the Newseum will host ..." is an
#: item's label, a place, not a source (contrast "Ryan: FBI decision defies explanation").
_BULLETS = frozenset("•·▪●*")


def _bulleted(token: Token) -> bool:
    return token.text[:1] in _BULLETS or token.i > 0 and token.nbor(-1).text in _BULLETS


def frames_the_quotation_before(verb: Token) -> bool:
    """Return whether a verb with its subject right after a closing mark frames that quote.

    '"You winning?" she said, but Kevin was drifting off, ... Melanie said yes': the
    parser hangs the first frame inside the second's words, but "she said" is the frame
    of the quotation before it (The Chicago Manual of Style, 17th ed., 13.14).
    """
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    return bool(subjects) and verb.i - subjects[0].right_edge.i <= 2 and (
        after_a_closing_mark(subjects[0].left_edge))


def leads(verb: Token) -> bool:
    """Return whether a frame with its own speaker and clause precedes the frame it hangs on.

    "He said he had not seen the episode, and when asked ..., he said, 'I hope not'": the
    parser made the first frame the second's complement, but the second reports words of
    its own after it, and each speaker's words are their own. "Sources said the talks had
    collapsed, the newspaper reported" reports the first frame: it stays nested.
    """
    head = verb.head
    return verb.dep_ == "ccomp" and head.i > verb.i and any(
        c.dep_ == "nsubj" for c in verb.children) and any(
        c.dep_ == "ccomp" for c in content_clauses(verb)) and any(
        c.dep_ in {"ccomp", "parataxis"} and c.i > head.i for c in head.children)


def reported_content(doc: Doc, found: Sequence[Attribution]) -> list[tuple[int, int, int]]:
    """Return the character ranges of what each attribution reports, with its index.

    A reporting verb reports the clauses the parse hangs on it ("the ministry said [the
    figures were alarming]", "[the figures were alarming], the ministry said"); where the
    parse hangs the verb on its clause instead, nothing is reported, unless the verb is
    an "as" frame. "According to" and an "as" frame ("as the ministry said") report the
    clause they hang on, less their own phrase. Ranges of one cue do not overlap;
    a range may lie inside another cue's. A report set beside another ("X said A, and Y
    said B", :mod:`service.analysis.parallel`) ends the first one's words at its
    conjunction.
    """
    out: list[tuple[int, int, int]] = []
    cues = [doc.char_span(a.start, a.end, alignment_mode="expand") for a in found]
    beside = [(join, cue.root) for a, cue in zip(found, cues, strict=True)
              if cue is not None and a.entry_id in SPEECH
              and (join := joining(cue.root)) is not None]
    for index, (attribution, cue) in enumerate(zip(found, cues, strict=True)):
        if cue is None:
            continue
        root = cue.root
        if attribution.entry_id == QUOTATION_COLON:
            continue  # the quotation the colon introduces (voice.contents finds it)
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
            out += [(child.left_edge.idx, end_char(child.right_edge), index)
                    for child in credited(root)]
            continue
        if attribution.entry_id == SEES_AS or attribution.entry_id == CALLED and regards_as(root):
            # "Democrats see Sanders as a threat", "views the deal as a mistake": the view
            # is the object and its label.
            if (view := regarded(root)) is not None:
                out.append((*view, index))
            continue
        if question_put(root):
            out += [(c.left_edge.idx, end_char(c.right_edge), index) for c in question_of(root)]
            continue
        if attribution.source is None and judged(root):
            # "was accused of using $50 million": no one is named to credit the charge
            # to, so its words stay the writer's (implicit.py).
            continue
        if parenthetical(root):
            # The clause the frame interrupts, less the frame and the marks around it; a
            # frame beside a quotation credits the quotation (voice.contents finds it).
            left, right = frame_edges(root)
            if any(t.is_quote for t in doc[max(left - 2, 0):left]) or any(
                    t.is_quote for t in doc[right + 1:right + 3]):
                continue
            clause = clause_of(root.head)
            out += [(a, b, index) for a, b in (
                (clause.left_edge.idx, doc[max(left - 1, 0)].idx),
                (end_char(doc[min(right + 1, len(doc) - 1)]), end_char(clause.right_edge)))
                if a < b]
            continue
        if attribution.type == "according_to" or as_frame(root):
            # The clause the cue hangs on, less the cue's own phrase; a headline's colon
            # credits only the words after it ("Poll: Sanders leads Clinton"), not the
            # name it credits them to.
            clause, own = clause_of(root.head), root
            if clause.i == root.i:
                continue
            parts = [(end_char(own.right_edge), end_char(clause.right_edge))]
            if attribution.entry_id != HEADLINE_COLON:
                parts.insert(0, (clause.left_edge.idx, own.left_edge.idx))
            out += [(a, b, index) for a, b in parts if a < b]
            continue
        if len(cue) > 1 and cue[-1].dep_ in {"prep", "mark"} and cue[-1].lower_ in {"for", "on"}:
            # "called for a ban", "called on Congress to act", "called for them to go": the
            # demand is what follows the particle.
            words = cue[-1].head if for_to(cue[-1], root) else cue[-1]
            ends = [words.right_edge] + [c.right_edge for c in root.children
                                         if c.dep_ == "xcomp" and c.i > cue[-1].i]
            if words.i != cue[-1].i or any(words.children):
                out.append((doc[cue[-1].i + 1].idx, max(end_char(t) for t in ends), index))
            continue
        if root.lemma_ == "quote" and cue[-1].lemma_ == "say":
            root = cue[-1]  # "was quoted as saying that ...": what "saying" reports
        clauses = content_clauses(root) or interrupted(root)
        if not clauses and attribution.type in _VERB_CUES and (
                labelled := label_of(root)) is not None:
            out.append((*labelled, index))  # "called the allegations overblown"
            continue
        for clause in clauses:
            start, end = clause.left_edge.idx, _before_a_closing_participle(clause)
            if any(clause.i == other.i for _, other in beside):
                continue  # a report of its own, set beside this one
            out.append((start, min([end] + [j.idx for j, _ in beside if start < j.idx < end]),
                        index))
    return out


def _before_a_closing_participle(clause: Token) -> int:
    """Return where a reported clause ends: before a participle set off by a comma at its
    end, with no subject of its own ("said the city would rebuild, promising new homes"),
    or a clause of "after" or "before" with one ("said it would retaliate, after Trump set
    an ultimatum"): the writer's account of the act or its occasion, hung inside."""
    doc = clause.doc
    for t in clause.subtree:
        subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children)
        if t.dep_ == "advcl" and t.i > clause.i and (t.right_edge.i == clause.right_edge.i) and (
                doc[t.left_edge.i - 1].text == ",") and (t.tag_ == "VBG" and not subject or (
                subject and doc[t.left_edge.i].lower_ in {"after", "before"})):
            return doc[t.left_edge.i - 1].idx
    return end_char(clause.right_edge)
