"""Match compiled lexicons on a parsed document, and resolve overlapping hits.

:meth:`LexiconSet.raw_hits` returns every match; :func:`resolve_overlaps` keeps, per
category, the longest of overlapping hits. The analysis filters the raw hits with its
context rules between the two, so that a hit a rule drops leaves its words to a shorter
reading; the lexicon package knows nothing of those rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy
from spacy.attrs import IS_SPACE, LEMMA
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from service.lexicon.plain import PlainPatterns
from service.lexicon.schema import CATEGORIES, Entry
from service.lexicon.view import joins_words, words_only


@dataclass(frozen=True)
class Hit:
    """An entry matched on the token range ``[start, end)`` of a document."""

    entry: Entry
    span: Span


@dataclass
class LexiconSet:
    """All entries of the built-in and house lexicons, compiled against one pipeline."""

    entries: dict[str, Entry]
    version: str
    house_version: str | None
    _matcher: Matcher = field(repr=False)
    _phrases: PhraseMatcher = field(repr=False)
    _lemmas: dict[str, list[Entry]] = field(repr=False, default_factory=dict)
    _plain: PlainPatterns = field(repr=False, default_factory=lambda: PlainPatterns([]))

    def raw_hits(self, doc: Doc) -> list[Hit]:
        """Return every entry match in ``doc`` before overlaps are resolved.

        White space beyond one ASCII space between two words (a line break in hard-wrapped
        copy, a double space, a non-breaking space before the last word of a paragraph)
        is a token of its own, and would split "hands down" or "according to" in two.
        Entries are therefore matched as if such white space were one space, and each hit
        then spans the original tokens, white space included. A paragraph break still
        separates: nothing matches across it.
        """
        joins = {i for i in numpy.flatnonzero(doc.to_array(IS_SPACE)).tolist()
                 if joins_words(doc[i])}
        if not joins:
            return self._hits(doc)
        words = [i for i in range(len(doc)) if i not in joins]
        view = words_only(doc, words)
        return [Hit(h.entry, doc[words[h.span.start]:words[h.span.end - 1] + 1])
                for h in self._hits(view)]

    def _hits(self, doc: Doc) -> list[Hit]:
        """Return every entry match in ``doc``, token by token as it stands."""
        strings = doc.vocab.strings
        hits = []
        # As spaCy's Matcher does within one call, report a (key, start, end) only once.
        seen: set[tuple[str, int, int]] = set()
        # Every built-in pattern is plain; the Matcher keeps what a house lexicon adds.
        for match_id, start, end in (self._matcher(doc) if len(self._matcher) else ()):
            seen.add((strings[match_id], start, end))
            hits.append(Hit(self.entries[strings[match_id]], doc[start:end]))
        for key in self._plain.matches(doc):
            if key not in seen:
                seen.add(key)
                hits.append(Hit(self.entries[key[0]], doc[key[1]:key[2]]))
        hits += [Hit(self.entries[strings[match_id]], doc[start:end])
                 for match_id, start, end in self._phrases(doc)]
        # Look each distinct lemma up once, by its hash, and build only matching Tokens.
        found: dict[int, list[Entry]] = {}
        for i, lemma in enumerate(doc.to_array(LEMMA).tolist()):
            entries = found.get(lemma)
            if entries is None:
                entries = found[lemma] = self._lemmas.get(strings[lemma].lower(), [])
            for entry in entries:
                if not entry.pos or doc[i].pos_ in entry.pos or (
                        "VERB" in entry.pos and acts_as_verb(doc[i])):
                    hits.append(Hit(entry, doc[i : i + 1]))
        return hits


def acts_as_verb(token: Token) -> bool:
    """Return whether the parse uses a word it tagged as a noun as a clause's verb.

    "But Trump claims that he should be the exception": the tagger read "claims" as a
    plural noun, but the parser gave it a subject and a clause complement, which only a
    verb has (a noun's clause is an ``acl``, "the claim that ..."). Headlines, which
    drop the words that tell a verb from a noun, are where this happens most.
    """
    if token.pos_ not in {"NOUN", "PROPN"}:
        return False
    deps = {child.dep_ for child in token.children}
    return "nsubj" in deps and "ccomp" in deps


def resolve_overlaps(hits: Iterable[Hit]) -> dict[str, list[Hit]]:
    """Return the hits of each category, overlaps resolved longest-first, in text order.

    Give it the raw hits after any filtering, so that a hit a filter drops leaves its words
    to a shorter reading: the analysis's context rules run first, and "some critics"
    arrested are no source but still a vague quantity.
    """
    by_category: dict[str, list[Hit]] = {c: [] for c in CATEGORIES}
    for hit in hits:
        by_category[hit.entry.category].append(hit)
    resolved: dict[str, list[Hit]] = {}
    for category, found in by_category.items():
        owner = {(h.span.start, h.span.end): h for h in sorted(found, key=_priority)}
        kept = filter_spans([h.span for h in found])
        resolved[category] = sorted(
            (owner[(s.start, s.end)] for s in kept), key=lambda h: h.span.start
        )
    return resolved


def _priority(hit: Hit) -> tuple[int, str]:
    # Later dict assignment wins, so sort the preferred hit for a range last:
    # pattern entries (context rules) over plain phrases, then by id for stability.
    return (0 if hit.entry.phrases else 1, hit.entry.id)
