"""Turn lexicon hits into findings: loaded language, hedges and boosters."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence, Set

from spacy.tokens import Doc, Span, Token

from service.analysis.model import Finding
from service.analysis.segments import Segments
from service.lexicon.match import Hit

#: Entity labels that name a source: a passive whose agent carries one is attributed.
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
#: Dependencies of a word that modifies another ("brutal crackdown", "deeply flawed").
_MODIFIERS = frozenset({"amod", "compound", "advmod", "nmod"})
#: Dependencies of a verb's subject.
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
#: Dependents that give a verb content: an object or a clause ("date the text", "hold that").
_CONTENT = frozenset({"dobj", "ccomp", "xcomp", "oprd", "dative"})
#: Attribution types that are verbs of saying ("said", "claimed").
_REPORTING_VERBS = frozenset({"neutral_verb", "loaded_verb"})
#: Entry types that find a source ("officials", "some analysts").
_SOURCE_TYPES = frozenset({"unnamed_source", "vague_source"})
#: Pronouns that stand for a thing or a fact, never for a speaker of an inference.
_THINGS = frozenset({"it", "this", "that", "these", "those", "which", "what"})
#: Hedge types that hide who holds a view; dropped when the text names the holder.
SOURCE_HIDING = frozenset({"attribution_shield", "vague_source"})
#: Determiners that keep a noun phrase indefinite ("by some critics", "by many").
_VAGUE_DETERMINERS = frozenset({"some", "many", "several", "various", "certain", "most",
                                "numerous", "few", "others", "other"})
#: Focusing adverbs that turn a "not" into "and more": "not just a brutal crackdown" says
#: it was one (Quirk et al. 1985, §8.116, restrictive focusing subjuncts).
_FOCUSING = frozenset({"just", "only", "merely", "simply", "solely"})


def is_negated(span: Span) -> bool:
    """Return whether ``span`` is negated: a "not"/"never" on it or its head, or a "no".

    A negation that is part of the term ("no doubt", "it is not clear") does not count,
    and a verb's negation does not negate its subject ("many may not speak Russian").

    A modifier is negated with the predicate it modifies: "It is not a brutal crackdown"
    (the negation sits on "is", the copula of "crackdown") and "There was no brutal
    crackdown" (a determiner "no" on the noun) both negate "brutal"; "the brutal
    crackdown did not end" negates the ending, not "brutal"; "not just a brutal
    crackdown" negates nothing.
    """
    root = span.root
    heads = set(span)
    if root.dep_ not in _SUBJECTS:
        heads.add(root.head)
    if root.dep_ in _MODIFIERS and root.head.dep_ in {"attr", "acomp", "oprd"}:
        heads.add(root.head.head)  # the copula of the phrase it modifies
    return any((child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"))
               and not span.start <= child.i < span.end  # "no doubt", "not clear" are the term
               and not (child.dep_ == "neg" and _focuses(child))
               for tok in heads for child in tok.children)


def _focuses(negation: Token) -> bool:
    """Return whether a "not" opens "not just/only/merely X", which asserts X and more."""
    doc = negation.doc
    return negation.i + 1 < len(doc) and doc[negation.i + 1].lower_ in _FOCUSING


def names_its_source(span: Span) -> bool:
    """Return whether a source-hiding hedge in fact names its source.

    "Was criticised by Amnesty International" or "is considered by the ministry to be"
    has a definite agent, so the view is attributed and is no weasel; "is considered by
    some" or "was praised by critics" keeps its agent vague. A group tied to a named
    organisation ("Goldman Sachs analysts say") is likewise attributed, unless a vague
    quantifier keeps it open ("some Pentagon officials"); an organisation the group is
    "of" is its subject, not its name ("critics of Social Security claim").

    References: Wikipedia, Manual of Style/Words to watch (unsupported attributions).
    """
    for token in span:
        for child in token.children:
            if child.dep_ == "agent":
                agents = [t for t in child.children if t.dep_ == "pobj"]
                if any(not _is_vague(agent) for agent in agents):
                    return True
            if (child.dep_ in {"compound", "poss"} and child.ent_type_ == "ORG"
                    and not _has_vague_determiner(token) and not _is_of_object(token)):
                return True
    return False


def _is_of_object(token: Token) -> bool:
    return token.dep_ == "pobj" and token.head.lower_ == "of"


def _is_vague(noun: Token) -> bool:
    if noun.lower_ in _VAGUE_DETERMINERS:
        return True
    if noun.pos_ == "PROPN" or noun.ent_type_ in NAMED_LABELS or noun.pos_ == "PRON":
        return False
    if _has_vague_determiner(noun):
        return True
    # A bare plural ("by critics", "by analysts") names no one; "the ministry" does.
    return noun.tag_ in {"NNS", "NNPS"} and not any(
        c.dep_ in {"det", "poss"} for c in noun.children)


def _has_vague_determiner(noun: Token) -> bool:
    return any(c.dep_ in {"det", "amod", "nummod"} and c.lower_ in _VAGUE_DETERMINERS
               for c in noun.children)


def is_comparative(span: Span) -> bool:
    """Return whether a one-word hedge is graded by a comparative ("more likely to").

    "Smokers are more likely to fall ill" compares two likelihoods; it states a finding
    rather than hedging one.
    """
    return len(span) == 1 and any(
        child.dep_ == "advmod" and child.tag_ == "RBR" for child in span[0].children)


def is_graded(span: Span) -> bool:
    """Return whether a vague quantifier is graded or questioned ("so many", "how many").

    A graded quantifier intensifies or asks; it does not approximate a number.
    """
    first = span[0]
    return any(child.dep_ == "advmod" and child.i < first.i for child in first.children)


#: Loaded-language types highlighted alone; every other loaded-language finding covers
#: the phrase its term characterises. A doubt label ("so-called", "purported") is the
#: doubt itself, not the name that follows it.
UNWIDENED_TYPES = frozenset({"doubt_label"})
#: How far (in tokens) a loaded modifier may sit from the word it modifies and still be
#: widened to it: "brutal crackdown", "brutal military crackdown", not a clause away.
_SCOPE_REACH = 4
#: How far apart coordinated adjectives may be: "amoral, unfair, or vicious".
_COORD_REACH = 4
#: Dependents that make an adjective a predicate with its own complement.
_COMPLEMENTS = frozenset({"xcomp", "prep", "ccomp", "advcl"})
#: How many words a bare "of" complement may have: "abuse of power", "of international law".
_OF_REACH = 2


def phrase_scope(span: Span) -> Span:
    """Return the phrase a loaded term characterises: the term with what it modifies.

    An editor judges "brutal crackdown" or "utterly insane", not "brutal" or "insane"
    alone, and the propaganda-technique annotations of Da San Martino et al. (2019) mark
    loaded language the same way, as the phrase. Rules, from the term's syntactic head:

    - a degree modifier directly before the term and modifying it joins ("utterly
      insane", "outright insane");
    - an attributive adjective, or a noun used as a modifier, reaches through the noun it
      modifies ("brutal crackdown", "circus atmosphere");
    - a manner adverb reaches the adjective, adverb or verb it modifies a few tokens on
      ("ominously clear", "shamelessly exploited", "blatantly anti-war");
    - a loaded noun takes the adjectives and compounds before it ("regime thugs",
      "wicked deceivers" from "deceivers");
    - coordinated adjectives, and bare nouns coordinated with a loaded noun, are one
      description ("amoral, unfair, or vicious", "filth and corruption"; not "thugs
      and their lawyers", nor an adjective with its own complement: only "alarming" in
      "alarming and hard to predict");
    - the noun of the phrase takes a bare "of" complement of a word or two ("brazen
      abuse of power"), not one with its own determiner ("abuse of the system");
    - a hyphenated word is whole ("soft-peddled", not "peddled");
    - scare quotes around exactly the phrase belong to it ("an ‘expert’"), and a quoted
      word inside it keeps both marks ("brutal “regime”").

    The phrase never leaves the term's sentence and never reaches more than a few tokens.
    """
    doc, root = span.doc, span.root
    lo, hi = span.start, span.end - 1
    sent = root.sent
    before = doc[lo - 1] if lo > sent.start else None
    if before is not None and before.head.i == root.i and _is_degree(before):
        lo = before.i
    anchor = root
    if _is_adjectival(root):
        # Coordinated adjectives are one description of what the first modifies:
        # "excessive and brutal force", "amoral, unfair, or vicious people".
        anchor, last = _coordinated(root)
        lo, hi = min(lo, anchor.i), max(hi, last)
    head = anchor.head
    within = 0 < head.i - hi <= _SCOPE_REACH and all(
        head in tok.ancestors for tok in doc[hi + 1:head.i])
    modifies_noun = anchor.dep_ in {"amod", "compound"} and head.pos_ in {"NOUN", "PROPN"}
    modifies_word = root.pos_ == "ADV" and root.dep_ == "advmod" and (
        head.pos_ in {"ADJ", "ADV", "VERB"})
    if within and (modifies_noun or modifies_word):
        hi = head.i
    if root.pos_ in {"NOUN", "PROPN"}:
        for child in root.lefts:
            if child.dep_ in {"amod", "compound"} and root.i - child.i <= _SCOPE_REACH:
                lo = min(lo, child.i)
        for child in root.rights:
            if child.dep_ == "conj" and child.pos_ == root.pos_ and (
                    child.i - root.i <= _COORD_REACH) and not any(
                    c.dep_ in {"det", "poss"} for c in child.lefts):
                hi = max(hi, child.i)
    hi = max(hi, _bare_of_complement(doc[hi], root))
    lo, hi = _whole_words(doc, max(lo, sent.start), min(hi, sent.end - 1), sent)
    if lo > sent.start and hi < sent.end - 1 and _quotes(doc[lo - 1], doc[hi + 1]) and (
            not doc[lo - 1].whitespace_ and not doc[hi].whitespace_):
        lo, hi = lo - 1, hi + 1
    if sum(t.is_quote for t in doc[lo:hi + 1]) % 2:  # a quotation mark without its pair
        if hi < sent.end - 1 and doc[hi + 1].is_quote:
            hi += 1  # 'brutal “regime”', not 'brutal “regime'
        elif lo > sent.start and doc[lo - 1].is_quote:
            lo -= 1
    return doc[lo:hi + 1]


def _coordinated(adjective: Token) -> tuple[Token, int]:
    """Return the first adjective coordinated with ``adjective`` and the last one's index.

    Conjuncts are followed a few tokens at a time, and one with its own complement is a
    predicate of its own ("hard to predict" in "alarming and hard to predict").
    """
    first = adjective
    while first.dep_ == "conj" and _is_adjectival(first.head) and (
            0 < first.i - first.head.i <= _COORD_REACH):
        first = first.head
    last, todo = first.i, [first]
    while todo:
        for child in todo.pop().rights:
            if child.dep_ == "conj" and _is_adjectival(child) and (
                    child.i - child.head.i <= _COORD_REACH) and not _has_complement(child):
                last = max(last, child.i)
                todo.append(child)
    return first, last


def _bare_of_complement(noun: Token, root: Token) -> int:
    """Return the last index of a bare "of" complement right after the phrase's noun.

    "Brazen abuse of power" and "flagrant violation of international law" name one
    thing; a complement with its own determiner ("abuse of the system") is a separate
    phrase, and so is one longer than a short noun phrase. Returns ``noun.i`` when none.
    """
    if noun.pos_ != "NOUN" or noun not in (root, root.head):
        return noun.i
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == noun.i + 1:
            for obj in prep.children:
                words = list(obj.subtree)
                if obj.dep_ == "pobj" and words[0].i == prep.i + 1 and (
                        len(words) <= _OF_REACH) and not any(
                        c.dep_ in {"det", "poss"} for c in obj.children):
                    return words[-1].i
    return noun.i


def _is_degree(token: Token) -> bool:
    """Return whether a modifier grades its head: an adverb, or an adjective on an adjective.

    The tagger often reads the degree word of "outright insane" or "real stupid" as an
    adjective, attached as an adverbial or adjectival modifier of the adjective it grades.
    """
    if token.dep_ == "advmod":
        return token.pos_ in {"ADV", "ADJ"}
    return token.dep_ == "amod" and token.pos_ == "ADJ" and token.head.pos_ == "ADJ"


def _has_complement(adjective: Token) -> bool:
    """Return whether an adjective takes its own complement ("hard to predict", "free of").

    Such an adjective is a predicate of its own, not one more word of a description:
    "alarming and hard to predict" joins two judgements, and only "alarming" is loaded.
    """
    return any(child.dep_ in _COMPLEMENTS for child in adjective.rights)


def _whole_words(doc: Doc, lo: int, hi: int, sent: Span) -> tuple[int, int]:
    """Return ``lo``, ``hi`` widened to whole hyphenated words ("4-page", "soft-peddled")."""
    while lo > sent.start and not doc[lo - 1].whitespace_ and "-" in {
            doc[lo - 1].text, doc[lo].text}:
        lo -= 1
    while hi < sent.end - 1 and not doc[hi].whitespace_ and "-" in {
            doc[hi].text, doc[hi + 1].text}:
        hi += 1
    return lo, hi


def _quotes(left: Token, right: Token) -> bool:
    """Return whether two tokens are an opening and a closing quotation mark."""
    opens = left.is_quote and (left.is_left_punct or not left.is_right_punct)
    closes = right.is_quote and (right.is_right_punct or not right.is_left_punct)
    return opens and closes


def _is_adjectival(token: Token) -> bool:
    """Return whether a token describes: an adjective or a participle ("baffling")."""
    return token.pos_ == "ADJ" or token.tag_ in {"VBG", "VBN"}


def is_surname(span: Span) -> bool:
    """Return whether ``span`` is a person's name after its first word ("Michael Savage")."""
    return all(t.ent_type_ == "PERSON" and t.ent_iob_ == "I" and t.pos_ == "PROPN"
               and t.is_title for t in span)


def takes_a_thing(verb: Token) -> bool:
    """Return whether a verb of saying is used in another sense: with a thing as object.

    "The storm claimed the lives of 30 people" and "the group claimed responsibility" take
    something; "claimed that the figures were wrong", "claims to have seen" and "as he
    claimed" say something.
    """
    if any(child.dep_ in {"ccomp", "xcomp", "parataxis"} for child in verb.children):
        return False
    return any(child.dep_ == "dobj" and child.pos_ in {"NOUN", "PROPN", "NUM"}
               for child in verb.children)


def is_a_source(span: Span, reporting: Set[int]) -> bool:
    """Return whether a vague group is named as the source of a view.

    It is when the match holds its verb ("some experts believe"), or the group is the
    subject of a reporting verb ("many analysts said"), of a verb with an object or a
    clause ("most scholars date the text to 300 BC") or of an adjective with one ("many
    economists are convinced that"), or the agent of a passive ("is disputed by some
    historians"). "Many people died in the flood", "some critics were arrested" or "the
    company fired some experts" names no source: the group is only a vague quantity.
    """
    if any(t.pos_ == "VERB" and t.dep_ not in {"amod", "compound"} for t in span):
        return True
    group = span.root
    while group.dep_ == "pobj" and group.head.lower_ == "of" and group.head.head.i != group.i:
        group = group.head.head  # "many of his supporters" stands or falls with "many"
    if group.dep_ == "pobj" and group.head.dep_ == "agent":
        return True
    verb = group.head
    if group.dep_ == "nsubjpass":  # "many economists are convinced that ..."
        return any(child.dep_ in {"ccomp", "xcomp"} for child in verb.children)
    return group.dep_ == "nsubj" and (verb.i in reporting or any(
        child.dep_ in _CONTENT and verb.pos_ == "VERB" or _holds_a_view(child)
        for child in verb.children))


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def is_speaker(noun: Token, sources: Set[int]) -> bool:
    """Return whether a subject can speak: a named entity, a personal pronoun, a source.

    "Officials", "some analysts" (found by the source entries), "Zelenskyy" and "she"
    speak; "the figures", "it" and "this" are evidence.
    """
    if noun.ent_type_ in NAMED_LABELS or noun.i in sources:
        return True
    return noun.tag_ == "PRP" and noun.lower_ not in _THINGS


def _holds_a_view(word: Token) -> bool:
    """Return whether a predicate adjective takes content: "convinced that", not "poor"."""
    return word.dep_ == "acomp" and any(
        child.dep_ in {"ccomp", "xcomp", "prep"} for child in word.children)


def context_rules(hits: list[Hit]) -> list[Hit]:
    """Return the hits that survive the context rules of their category and sense.

    The rules run before overlaps are resolved (:meth:`service.lexicon.LexiconSet.find`), so
    a hit dropped here leaves its words to a shorter reading of them.
    """
    reporting = {h.span.root.i for h in hits if h.entry.category == "attribution"
                 and h.entry.type in _REPORTING_VERBS}
    sources = {t.i for h in hits if h.entry.type in _SOURCE_TYPES for t in h.span
               if t.pos_ in {"NOUN", "PROPN", "PRON"}}
    return [hit for hit in hits if keeps(hit, reporting, sources)]


def keeps(hit: Hit, reporting: Set[int], sources: Set[int]) -> bool:
    """Return whether a hit survives the context rules of its category and sense.

    ``reporting`` holds the token indices of the document's reporting verbs, ``sources``
    those of the nouns that source lexicon entries found ("officials", "some analysts").
    """
    entry = hit.entry
    if is_surname(hit.span):
        return False  # a name, not a word about its bearer; "Crooked Hillary" starts one
    if entry.sense == "saying" and takes_a_thing(hit.span.root):
        return False
    if entry.sense == "source" and not is_a_source(hit.span, reporting):
        return False
    subject = _subject(hit.span.root)
    if entry.sense == "evidence" and subject is not None and is_speaker(subject, sources):
        return False  # "officials indicated that" reports speech, not an inference
    if entry.sense == "speech" and subject is not None and subject.lower_ in _THINGS:
        return False  # "it indicates that": "it" is the evidence, not a speaker
    if entry.category != "hedge":
        return True
    if entry.type in SOURCE_HIDING:
        return not names_its_source(hit.span)
    if entry.type == "speculative":
        return not is_comparative(hit.span)
    if entry.type == "approximator":
        return not is_graded(hit.span)
    return True


def findings(hits: list[Hit], segments: Segments) -> tuple[Finding, ...]:
    """Describe each hit with its sentence, quotation and negation context."""
    out = []
    for hit in hits:
        term, entry = hit.span, hit.entry
        widen = entry.category == "loaded_language" and entry.type not in UNWIDENED_TYPES
        span = phrase_scope(term) if widen else term
        start, end = span.start_char, span.end_char
        out.append(
            Finding(
                start=start,
                end=end,
                text=span.text,
                category=entry.category,
                type=entry.type,
                entry_id=entry.id,
                sentence_index=segments.sentence_of(start),
                note=entry.note,
                source=entry.source,
                quoted=segments.in_quote(term.start_char, term.end_char),
                negated=is_negated(term),
                term_start=term.start_char,
                term_end=term.end_char,
                term_text=term.text,
            )
        )
    return tuple(out)


def attribute(items: tuple[Finding, ...], reported: Sequence[tuple[int, int, int]],
              segments: Segments) -> tuple[Finding, ...]:
    """Tie each finding whose term lies in reported content to the innermost such cue.

    ``reported`` holds (start, end, attribution index) character ranges
    (:func:`service.analysis.attribution.reported_content`); each finding looks only at
    the ranges of its own sentence.
    """
    if not reported:
        return items
    by_sentence: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for start, end, index in reported:
        for k in range(segments.sentence_of(start), segments.sentence_of(end - 1) + 1):
            by_sentence[k].append((start, end, index))
    out = []
    for item in items:
        holders = [(end - start, index)
                   for start, end, index in by_sentence[segments.sentence_of(item.term_start)]
                   if start <= item.term_start and item.term_end <= end]
        out.append(dataclasses.replace(item, attribution_index=min(holders)[1])
                   if holders else item)
    return tuple(out)
