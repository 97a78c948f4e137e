"""Phrase scope: the phrase a loaded term characterises, highlighted in its place."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

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

