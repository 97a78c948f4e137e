"""The words of a document as a document: white space inside a paragraph left out.

White space beyond one ASCII space between two words (a line break in hard-wrapped copy, a
double space, a non-breaking space) is a token of its own, and would split "hands down" or
"according to" in two; entries are matched on this view and their hits mapped back.
"""

from __future__ import annotations

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, POS, TAG
from spacy.tokens import Doc, Token

from service.paragraph_breaks import ends_paragraph


def joins_words(token: Token) -> bool:
    """Return whether ``token`` is white space inside a paragraph, between two words."""
    if not token.is_space or token.i == 0 or token.i == len(token.doc) - 1:
        return False
    doc = token.doc
    if doc[token.i + 1].is_sent_start:
        return False  # it ends a sentence, or a heading or list item (parsing.paragraphs)
    before = doc[token.i - 1]
    return not ends_paragraph(before.text[-1], before.whitespace_ + token.text)


#: spaCy's codes for a token's place in an entity: inside, outside (or unset), beginning.
_IOB_INSIDE, _IOB_OUTSIDE, _IOB_BEGIN = 1, frozenset({0, 2}), 3
#: The annotation entries are matched on, copied onto the words of a document.
_WORD_ATTRS = [TAG, POS, MORPH, LEMMA, NORM, ENT_IOB, ENT_TYPE, DEP]


def words_only(doc: Doc, words: list[int]) -> Doc:
    """Return the tokens ``words`` of ``doc`` as a document, a space after each that had one.

    A word's head, if it is white space, becomes the word itself; nothing an entry tests
    (the words, their tags, lemmas, labels and entity types) changes.
    """
    position = {i: k for k, i in enumerate(words)}
    spaces = [bool(doc[i].whitespace_) or (i + 1 < len(doc) and doc[i + 1].is_space)
              for i in words]
    view = Doc(doc.vocab, words=[doc[i].text for i in words], spaces=spaces)
    array = doc.to_array(_WORD_ATTRS)[words]
    iob = _WORD_ATTRS.index(ENT_IOB)
    for k in range(len(words)):  # an entity whose first token was white space starts anew
        if array[k, iob] == _IOB_INSIDE and (k == 0 or array[k - 1, iob] in _IOB_OUTSIDE):
            array[k, iob] = _IOB_BEGIN
    if doc.has_annotation("DEP"):
        heads = [position.get(doc[i].head.i, k) - k for k, i in enumerate(words)]
        array = numpy.column_stack([array, numpy.array(heads, dtype="int64").astype("uint64")])
        view.from_array([*_WORD_ATTRS, HEAD], array)  # type: ignore[arg-type]  # uint64
    else:
        view.from_array(_WORD_ATTRS[:-1], array[:, :-1])  # type: ignore[arg-type]  # uint64
    return view
