"""Keep the analysis linear in the text's length, whatever the text.

Two steps of the pipeline cost more than linear time on text no newsroom writes, so an
attacker could tie up a worker with a short request; both are bounded here.

Tokenization.
spaCy's tokenizer peels prefixes and suffixes off each white-space-delimited chunk one
at a time, copying the rest of the chunk each time, so a chunk made of punctuation or
emoji costs time quadratic in its length (8,000 "!" take tens of seconds; 100,000
would take hours). News text never has a chunk longer than a long URL, so chunks over
``max_run`` characters are tokenized in pieces of at most ``max_run`` characters and
the pieces joined back into one ``Doc`` whose text is exactly the input. A chunk over
``max_run`` characters is cut into pieces of ``piece`` characters, so tokenization costs
O(n * piece) at worst; text without such chunks is untouched.

Sentence length. Several analyzers do per-word work over the whole sentence (VADER's
negation and idiom checks re-lower every word of the sentence for each sentiment word),
so one 20,000-word "sentence" costs minutes. A component before the parser starts a new
sentence after ``MAX_SENTENCE_TOKENS`` tokens with no sentence-final punctuation; the
parser respects preset boundaries. Real sentences are far shorter (the seeds' longest is
under 100 tokens), so their parse is unchanged.

Cost. With both bounds, every step costs time linear in the number of tokens, and about
the same per token whatever the characters: ``rhetoric bench --cost`` measured 0.23-0.39 ms
of CPU per token for prose, emoji, punctuation, quotation marks, brackets and unpunctuated
lines alike (docs/deployment.md, Limits and cost). Characters are not what a text costs: 100,000
characters of prose are about 19,000 tokens, of "!" or emoji 100,000. The API therefore
limits a text's tokens (:func:`token_count`, ``RHETORIC_MAX_TEXT_TOKENS``) as well as its
characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from service.analysis.parsing import readable

# Tokens after which a sentence with no full stop is cut; news sentences stay far below.
MAX_SENTENCE_TOKENS = 200
SENTENCE_CAP = "rhetoric_sentence_cap"
_FINAL = frozenset({".", "!", "?", "…"})

# Longer than nearly every real token in news text (words, numbers); a chunk this long
# still costs little even if it is all punctuation (about 5 ms).
MAX_RUN = 100
# URLs in reference lists run to a few hundred characters: a chunk up to this long that
# the tokenizer's own URL pattern accepts is left whole.
MAX_URL = 2048
_TRAILING = ".,;:!?)]}\"'”’"
# Piece length for longer chunks: small enough that the quadratic cost per piece stays
# negligible (a 50-character run of apostrophes takes about 2 ms), large enough that the
# number of pieces stays low.
PIECE = 50
_CHUNK = re.compile(r"\S+")


class BoundedTokenizer:
    """Wrap a spaCy tokenizer so that no chunk it sees is longer than ``max_run``."""

    def __init__(self, tokenizer: Callable[[str], Doc], max_run: int = MAX_RUN,
                 piece: int = PIECE) -> None:
        self.tokenizer = tokenizer
        self.max_run = max_run
        self.piece = min(piece, max_run)
        self.url_match: Callable[[str], Any] | None = getattr(tokenizer, "url_match", None)

    def __call__(self, text: str) -> Doc:
        pieces = self.pieces(text)
        if len(pieces) == 1:
            return self.tokenizer(text)
        return Doc.from_docs([self.tokenizer(piece) for piece in pieces],
                             ensure_whitespace=False)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        """Tokenize a stream of texts."""
        for text in texts:
            yield self(text)

    def pieces(self, text: str) -> list[str]:
        """Cut ``text`` inside over-long chunks only; the pieces concatenate to ``text``."""
        if max(map(len, text.split()), default=0) <= self.max_run:
            return [text]
        cuts = [0]
        for match in _CHUNK.finditer(text):
            start, end = match.span()
            if end - start > self.max_run and not self.is_url(match.group()):
                cuts.extend(range(start + self.piece, end, self.piece))
        cuts.append(len(text))
        return [text[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]

    def is_url(self, chunk: str) -> bool:
        """Return whether ``chunk`` is a URL of sensible length, give or take a closing
        bracket, quote or full stop (at most three: more would be peeled one by one)."""
        if self.url_match is None or len(chunk) > MAX_URL:
            return False
        stem = chunk.rstrip(_TRAILING)
        return len(chunk) - len(stem) <= 3 and bool(self.url_match(stem))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tokenizer, name)


def _likely_start(doc: Doc, i: int) -> bool:
    """Return whether ``doc[i]`` opens a sentence as a writer would: a capital letter or a
    digit, or an opening quotation mark or bracket right before one (a straight quote
    opens only after white space: after a word it closes)."""
    word = doc[i]
    if word.is_punct:
        opening = word.is_left_punct and (not word.is_right_punct
                                          or (i > 0 and bool(doc[i - 1].whitespace_)))
        if not opening or word.whitespace_ or i + 1 >= len(doc):
            return False
        word = doc[i + 1]
    first = word.text[:1]
    return first.isupper() or first.isdigit()


@Language.component(SENTENCE_CAP)
def cap_sentences(doc: Doc) -> Doc:
    """Start a sentence so that none the parser sees is longer than ``2 * MAX_SENTENCE_TOKENS``.

    A likely sentence start follows sentence-final punctuation (and any closing quotes,
    brackets or white space after it) and opens as a sentence does
    (:func:`_likely_start`; "Life.During" in copy that lost its spaces counts). ``run``
    counts tokens since the last likely or preset start: after ``MAX_SENTENCE_TOKENS``
    with none, a start is preset. ``since`` counts tokens since the last preset start:
    once it passes ``MAX_SENTENCE_TOKENS``, the next likely start is preset too, where the
    parser starts a sentence anyway (the first 300 articles of the AllSides corpus,
    15,032 sentences, parse to exactly the same sentences as with the count reset at
    every full stop and line break). Without that second count nothing bounded what the
    parser read between likely starts it did not take ("😀! 😀! ..."), and the analysis of
    a sentence costs more than linear time in its length.
    """
    run = since = 0
    after_final = False
    for i, token in enumerate(doc):
        if run >= MAX_SENTENCE_TOKENS:
            token.is_sent_start = True
            run = since = 0
        elif after_final and not token.is_space and _likely_start(doc, i):
            if since >= MAX_SENTENCE_TOKENS:
                token.is_sent_start = True
                since = 0
            run = 0
        run += 1
        since += 1
        if token.text in _FINAL:
            after_final = True
        elif not (token.is_space or token.is_punct):
            after_final = False
    return doc


def token_count(nlp: Language, text: str) -> int:
    """Return how many tokens the parser reads in ``text`` (what analysis time is linear in).

    A token has at least one character, so a text of at most ``n`` characters has at most
    ``n`` tokens; callers need count only longer texts. Tokenizing is about 3 ms per
    1,000 characters, a few percent of the analysis.
    """
    return len(nlp.tokenizer(readable(text)))


def bound(nlp: Language, max_run: int = MAX_RUN) -> Language:
    """Bound the tokenizer and the sentence length of ``nlp`` (once); return ``nlp``."""
    if not isinstance(nlp.tokenizer, BoundedTokenizer):
        nlp.tokenizer = BoundedTokenizer(nlp.tokenizer, max_run)
    if SENTENCE_CAP not in nlp.pipe_names:
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(SENTENCE_CAP, before="parser")
        else:
            nlp.add_pipe(SENTENCE_CAP, first=True)
    return nlp
