"""Parse texts paragraph by paragraph, reusing the parses of paragraphs seen recently.

An editor's plugin sends the whole draft again at every pause in typing, and between two
sends usually one paragraph has changed. Each paragraph is therefore parsed on its own and
its parse kept (serialised, in a bounded least-recently-used cache); the document's parse
is the paragraphs' parses joined with :meth:`spacy.tokens.Doc.from_docs`, so only the
paragraphs that changed are parsed again. Whether a paragraph's parse comes from the cache
or not, the result is the same: every text is always parsed as its paragraphs.

A paragraph ends at a blank line, or at a line break after a sentence's last character
(".", "?", a closing quote and the like), and at a line that is a list item or a heading
(short, with no full stop, above a much longer line). A line break inside a sentence, as
in text wrapped at a fixed width, joins the lines.
The parser reads sentences, and the token-to-vector layer sees only a few tokens either
side, so parsing paragraphs apart changes the parse only across paragraph breaks, where no
sentence runs on.

The model reads a typographic apostrophe (U+2019, as most news text is set) worse than the
ASCII one it was trained on: in "it’s" it tags "’s" as a verb with the lemma "’", and it
attaches "n’t" as punctuation, not negation. Each paragraph is therefore parsed with its
single quotation marks written as ASCII apostrophes (one character for one, so every offset
stays the same) and its annotation then put back on the tokens as written. Invisible format
characters (a soft hyphen in "bru\u00adtal", a zero-width space) are likewise left out of
what the parser reads, then put back inside the token they touch, so that they neither
split a word nor mislead the parse, and an entry found by its lemma ("brutal",
"reportedly") still finds the word. An entry matched on written words ("power grab",
"according to") still misses a word with one inside it.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from service.analysis.namecards import blanked
from service.paragraph_breaks import PARAGRAPH_BREAK

#: Names how texts are parsed, for caches of parses made elsewhere (``rhetoric evaluate``).
PARSE_MODE = "paragraphs-9"
#: A line and its line break.
_LINE = re.compile(r"[^\n]*\n|[^\n]+")
#: A list item's marker at the start of a line; "- " counts only in a run of items.
_BULLET = re.compile(r"[*•▪◦‣·]\s")
_DASH_ITEM = re.compile(r"-\s")
#: A heading line is at most this long, and at most this share of the line after it.
_HEADING_CHARS = 100
_HEADING_SHARE = 0.6
#: How a sentence may open besides a capital letter.
_SENTENCE_OPENERS = frozenset("\"“‘'(")
#: A heading does not end in the middle of a sentence: after a comma, a dash, a stop word.
_NOT_A_HEADING_END = frozenset(",-–—/&(")
#: What the cache keeps of a parse: no tensor (the analysis never reads it) and no
#: user data, so an entry is a few kilobytes for a paragraph.
_EXCLUDE = ["tensor", "user_data"]
#: Typographic single quotation marks and apostrophes, read as the ASCII apostrophe.
_APOSTROPHES = str.maketrans({"\u2018": "'", "\u2019": "'"})
#: Invisible format characters (Unicode category Cf) that editors' copy carries inside or
#: beside words: soft hyphens from hyphenating layout tools, zero-width spaces and joiners,
#: direction marks, word joiners, byte-order marks. The parser reads the text without them.
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                       "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff")
_INVISIBLE_RE = re.compile("[" + "".join(sorted(_INVISIBLE)) + "]")
#: What a parse's annotation is made of, apart from the sentence starts the heads imply.
_ANNOTATION = [TAG, POS, MORPH, LEMMA, ENT_IOB, ENT_TYPE]


def paragraphs(text: str) -> list[str]:
    """Split ``text`` into paragraphs that join back into it exactly.

    Each paragraph keeps the whitespace after it, so ``"".join(paragraphs(text)) == text``.
    Besides the breaks above, a line ends a paragraph when it is a list item or the next
    line is one ("* ", "- ", "• "), or when it is a heading: short, with no final
    punctuation, before a line that starts a sentence and is much longer (a headline or
    standfirst above a body written one paragraph to a line). In hard-wrapped copy the
    lines of a paragraph are about as long as each other, so they stay joined.
    """
    out: list[str] = []
    start = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        end = match.end()
        if match.start() > start and end < len(text):
            out.extend(_lines_apart(text[start:end]))
            start = end
    out.extend(_lines_apart(text[start:]))
    return out


def _lines_apart(paragraph: str) -> list[str]:
    """Split a paragraph after each heading line and around list items (see paragraphs)."""
    if "\n" not in paragraph.rstrip():
        return [paragraph]
    lines = _LINE.findall(paragraph)
    parts = [[lines[0]]]
    for before, line in zip(lines, lines[1:], strict=False):
        if _apart(before.strip(), line.strip()):
            indent = len(line) - len(line.lstrip())
            parts[-1].append(line[:indent])  # a paragraph keeps the white space after it
            parts.append([line[indent:]])
        else:
            parts[-1].append(line)
    return ["".join(part) for part in parts]


def _apart(before: str, after: str) -> bool:
    """Return whether a line break between two lines ends a paragraph (see paragraphs)."""
    if not before or not after:
        return False
    if _BULLET.match(before) or _BULLET.match(after):
        return True
    if _DASH_ITEM.match(before) and _DASH_ITEM.match(after):
        return True  # "- " marks items only in a run of them: alone it may be a dash
    last = before.rsplit(None, 1)[-1].lower()
    return (len(before) <= _HEADING_CHARS and len(before) <= _HEADING_SHARE * len(after)
            and (after[0].isupper() or after[0] in _SENTENCE_OPENERS)
            and before[-1] not in _NOT_A_HEADING_END and last not in STOP_WORDS)


def as_written(doc: Doc, text: str) -> Doc | None:
    """Return ``doc``'s annotation on the tokens of ``text``, of which ``doc`` read a respelling.

    The respelling has the same length (apostrophes, a name card as blank space) or lacks
    invisible format characters, which then join the token they touch ("bru\u00adtal",
    "reportedly\u200b"). Returns None if ``text`` cannot be laid on ``doc``'s tokens.
    """
    spaces = [bool(t.whitespace_) for t in doc]
    if len(doc.text) == len(text):
        bounds = [(t.idx, t.idx + len(t)) for t in doc]
        for i, token in enumerate(doc[:-1]):
            if spaces[i] and not text[token.idx + len(token)].isspace():
                # A name card glued to the name ("DurhamJohn Durham..."), read as blank
                # space: the space the parser saw is the card's first character.
                spaces[i] = False
                bounds[i + 1] = (bounds[i + 1][0] - 1, bounds[i + 1][1])
    else:
        found = _bounds_as_written(doc, text)
        if found is None:
            return None
        bounds = found
    words = [text[start:end] for start, end in bounds]
    if "".join(w + " " * s for w, s in zip(words, spaces, strict=True)) != text:
        return None
    out = Doc(doc.vocab, words=words, spaces=spaces)
    attrs = _ANNOTATION + ([HEAD, DEP] if doc.has_annotation("DEP") else [SENT_START])
    out.from_array(attrs, doc.to_array(attrs))  # type: ignore[arg-type]  # uint64 array
    return out


def _bounds_as_written(doc: Doc, text: str) -> list[tuple[int, int]] | None:
    """Return each token's span in ``text``, ``doc.text`` with invisible characters put back.

    A token takes the invisible characters right after it, and those right before it that
    the token before did not take.
    """
    kept = [i for i, ch in enumerate(text) if ch not in _INVISIBLE]
    if len(kept) != len(doc.text) or not len(doc):
        return None
    bounds = []
    taken = 0
    for token in doc:
        start, end = kept[token.idx], kept[token.idx + len(token) - 1] + 1
        while start > taken and text[start - 1] in _INVISIBLE:
            start -= 1
        while end < len(text) and text[end] in _INVISIBLE:
            end += 1
        bounds.append((start, end))
        taken = end
    return bounds


def readable(text: str) -> str:
    """Return ``text`` as the parser reads it: ASCII apostrophes, no invisible characters.

    A site's name card (:mod:`.namecards`) is read as blank space.
    """
    text = blanked(text).translate(_APOSTROPHES)
    return _INVISIBLE_RE.sub("", text) if _INVISIBLE_RE.search(text) else text


#: Suffixes that peel a footnote mark glued to the word before it ("brutal.[2]",
#: "militaries.”[4]", "Benelli[1]") into "[", "2", "]", as a spaced mark already is:
#: after the default "]", the number after a "[", then the "[" itself.
_REFERENCE_MARK_SUFFIXES = (r"(?<=\[)\d{1,3}$", r"\[$",
                            # A dash set close against a closing quotation mark
                            # ('"..."― Name'): the mark and the dash are two tokens.
                            "(?<=[\u201d\"])[\u2015\u2014]$")


def split_reference_marks(nlp: Language) -> Language:
    """Make ``nlp``'s tokenizer split a footnote mark glued to a word; return ``nlp``.

    Without this, "brutal.[2]" is the tokens "brutal.[2" and "]": the word matches no
    entry and the mark is not seen (text copied from Wikipedia is full of them). A dash
    glued to a closing quotation mark ('."― Carla Sanchez', a credit line) is split
    off it the same way.
    """
    tokenizer: Any = nlp.tokenizer
    search = tokenizer.suffix_search
    pattern = search.__self__.pattern if search is not None else ""
    if _REFERENCE_MARK_SUFFIXES[0] not in pattern:
        tokenizer.suffix_search = re.compile(
            "|".join(p for p in (pattern, *_REFERENCE_MARK_SUFFIXES) if p)).search
    return nlp


def pipe_as_written(nlp: Language, texts: Sequence[str], batch_size: int,
                    n_process: int = 1) -> Iterator[Doc]:
    """Parse ``texts`` with ``nlp.pipe`` as :func:`readable` spells them, annotating ``texts``.

    A text that cannot be laid on the tokens of its readable spelling is parsed as written.
    """
    plain = [readable(text) for text in texts]
    for text, read, doc in zip(texts, plain, nlp.pipe(plain, batch_size=batch_size,
                                                      n_process=n_process), strict=True):
        written = doc if read == text else as_written(doc, text)
        yield written if written is not None else nlp(text)


class ParseCache:
    """A bounded, thread-safe map from a paragraph's text to its serialised parse.

    A parse is stored the second time its paragraph is seen ("cache on second hit", as
    CDNs admit objects): serialising costs about 0.7 ms a paragraph, a few percent of an
    article's analysis, and one-off texts (an archive audit, a single check) would pay it
    for nothing, while a draft sent again and again is parsed twice, then reused.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[str, bytes] = OrderedDict()
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, text: str) -> bytes | None:
        """Return the stored parse of ``text`` (marking it recently used), or None."""
        with self._lock:
            data = self._entries.get(text)
            if data is None:
                self.misses += 1
                return None
            self._entries.move_to_end(text)
            self.hits += 1
            return data

    def clear(self) -> None:
        """Forget every stored parse and every paragraph seen."""
        with self._lock:
            self._entries.clear()
            self._seen.clear()

    def admits(self, text: str) -> bool:
        """Return whether ``text`` was seen before (store its parse); else remember it."""
        if self.size <= 0:
            return False
        with self._lock:
            if text in self._seen:
                del self._seen[text]
                return True
            self._seen[text] = None
            while len(self._seen) > self.size:
                self._seen.popitem(last=False)
            return False

    def put(self, text: str, data: bytes) -> None:
        """Store the parse of ``text``, dropping the least recently used beyond the size."""
        if self.size <= 0:
            return
        with self._lock:
            self._entries[text] = data
            self._entries.move_to_end(text)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)


def text_batches(texts: Iterable[str], size: int, max_words: int) -> Iterator[list[str]]:
    """Group ``texts`` in order into lists of at most ``size`` texts and ``max_words`` words."""
    batch: list[str] = []
    words = 0
    for text in texts:
        n = len(text.split())
        if batch and (len(batch) >= size or words + n > max_words):
            yield batch
            batch, words = [], 0
        batch.append(text)
        words += n
    if batch:
        yield batch


def parse_texts(nlp: Language, texts: Sequence[str], cache: ParseCache | None = None,
                batch_size: int = 64, n_process: int = 1,
                max_words: int = 2000) -> Iterator[Doc]:
    """Parse each text as its paragraphs and yield one joined Doc per text, in order.

    The paragraphs not in ``cache`` (each distinct one once) go through ``nlp.pipe`` in
    batches of at most ``batch_size`` paragraphs and, unless one alone is longer,
    ``max_words`` words: the parser's working memory grows with the words of a batch.
    The texts' strings are all added to the vocabulary, so call this inside the caller's
    memory zone.
    """
    pieces = [paragraphs(text) for text in texts]
    stored: dict[str, bytes] = {}
    todo: list[str] = []
    for piece in dict.fromkeys(p for parts in pieces for p in parts):
        data = cache.get(piece) if cache is not None else None
        if data is None:
            todo.append(piece)
        else:
            stored[piece] = data
    parsed: dict[str, Doc] = {}
    # Worker processes start once per nlp.pipe call, so with several they get one call.
    groups = [todo] if n_process > 1 else text_batches(todo, batch_size, max_words)
    for group in groups:
        size = min(len(group), batch_size)
        for piece, doc in zip(group, pipe_as_written(nlp, group, max(size, 1), n_process),
                              strict=True):
            doc.tensor = numpy.zeros((0,), dtype="float32")  # as a stored parse has it
            parsed[piece] = doc
            if cache is not None and cache.admits(piece):
                cache.put(piece, doc.to_bytes(exclude=_EXCLUDE))
    for parts in pieces:
        docs = [parsed[p] if p in parsed else Doc(nlp.vocab).from_bytes(stored[p])
                for p in parts]
        yield docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)


def parse_stream(nlp: Language, texts: Iterable[str], batch_size: int = 32,
                 n_process: int = 1) -> Iterator[Doc]:
    """Parse a stream of texts as :func:`parse_texts` does, ``batch_size`` texts at a time.

    With several processes the texts are read at once, so that the processes start once.
    """
    if n_process > 1:
        yield from parse_texts(nlp, list(texts), None, n_process=n_process)
        return
    for batch in minibatch(texts, batch_size):
        yield from parse_texts(nlp, batch)
