"""Keep tokenization linear in the text's length, whatever the text.

spaCy's tokenizer peels prefixes and suffixes off each white-space-delimited chunk one
at a time, copying the rest of the chunk each time, so a chunk made of punctuation or
emoji costs time quadratic in its length (8,000 "!" take tens of seconds; 100,000
would take hours). News text never has a chunk longer than a long URL, so chunks over
``max_run`` characters are tokenized in pieces of at most ``max_run`` characters and
the pieces joined back into one ``Doc`` whose text is exactly the input. A chunk over
``max_run`` characters is cut into pieces of ``piece`` characters, so tokenization costs
O(n * piece) at worst; text without such chunks is untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

# Longer than nearly every real token in news text (words, numbers, most URLs); a chunk
# this long still costs little even if it is all punctuation (about 5 ms).
MAX_RUN = 100
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
            if end - start > self.max_run:
                cuts.extend(range(start + self.piece, end, self.piece))
        cuts.append(len(text))
        return [text[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tokenizer, name)


def bound_tokenizer(nlp: Language, max_run: int = MAX_RUN) -> Language:
    """Install a :class:`BoundedTokenizer` on ``nlp`` (once) and return ``nlp``."""
    if not isinstance(nlp.tokenizer, BoundedTokenizer):
        nlp.tokenizer = BoundedTokenizer(nlp.tokenizer, max_run)
    return nlp
