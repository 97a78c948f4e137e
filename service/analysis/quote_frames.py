"""Keep a quotation that ends in "?" or "!" in one sentence with the words that credit it.

'"Who do they think they are?" Trump said of Apple.' is one sentence: a question mark or
an exclamation point inside the closing quotation mark ends the quotation, not the
sentence, when the attribution follows (The Chicago Manual of Style, 17th ed., 6.119 and
13.14; AP Stylebook, "quotation marks": the attribution after a quoted question is
lower case, '"Who?" he asked.'). The parser often starts a new sentence after the mark,
which leaves the frame ("he said to an enormous cheer") a sentence of its own with
nothing to report, and the quotation without its speaker.

A component before the parser marks the token after such a closing quotation mark as
no sentence start when the words that follow credit the quotation: a lower-case word
("he said", "asked the senator"), or up to four capitalised words and then a verb of
saying ("Trump said", "Sen. Ted Cruz asked"). The parser respects the mark. Nothing is
joined across a line break. The AllSides corpus of 5,000 articles has 738 such
quotations in 605 articles.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

QUOTE_FRAMES = "rhetoric_quote_frames"
#: Marks that end a quoted question or exclamation inside its closing quotation mark.
_ENDS = frozenset({"?", "!"})
#: Verbs of saying that may follow a name after a quotation ('"Why?" Trump asked'), as
#: written (structure.py and blocks.py look for them in a line's text too).
SAYING_FORMS = frozenset({"said", "says", "asked", "asks", "told", "tells", "added", "adds",
                          "wrote", "writes", "replied", "replies", "shouted", "yelled",
                          "exclaimed", "tweeted", "continued", "insisted", "recalled",
                          "explained", "declared", "demanded", "wondered", "joked"})
#: How many capitalised words a name before the verb may have ("Sen. Ted Cruz").
_NAME_WORDS = 4


@Language.component(QUOTE_FRAMES)
def join_quote_frames(doc: Doc) -> Doc:
    """Mark the frame after a quoted question or exclamation as part of its sentence."""
    for i in range(2, len(doc)):
        close, end = doc[i - 1], doc[i - 2]
        # A closing mark: right after the "?" or "!", with white space after it on its line.
        if (end.text in _ENDS and close.is_quote and close.text not in {"\u201c", "\u2018"}
                and not end.whitespace_ and close.whitespace_ and "\n" not in close.whitespace_
                and credits(doc, i)):
            doc[i].is_sent_start = False
    return doc


def credits(doc: Doc, i: int) -> bool:
    """Return whether the words from ``doc[i]`` credit the quotation before them."""
    first = doc[i]
    if first.is_lower and first.is_alpha:
        return True  # "he said", "asked the senator", "the mayor shouted"
    for k in range(i, min(i + _NAME_WORDS + 1, len(doc))):
        token: Token = doc[k]
        if token.lower_ in SAYING_FORMS and k > i:
            return True
        if not (token.is_title or token.is_upper or token.text in {".", "'s", "\u2019s"}):
            return False
        if "\n" in token.whitespace_:
            return False
    return False


def keep_quote_frames(nlp: Language) -> Language:
    """Add the component before the parser (once); return ``nlp``."""
    if QUOTE_FRAMES not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(QUOTE_FRAMES, before="parser")
    return nlp
