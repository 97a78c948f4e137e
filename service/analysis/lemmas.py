"""Lemmas the model's lemmatizer gets wrong, set right before any lexicon reads them.

en_core_web_sm 3.8.0's rule lemmatizer strips "hopes", "hoped" and "hoping" to "hop", so
an entry that lists the verb "hope" (a stated intention: "Clinton hopes to win", "the
kingdom hopes the paper will shatter ...") never matched, and a subjectivity entry for
"hope" never counted. The corrections are spaCy's own mechanism for such exceptions, an
:class:`~spacy.pipeline.AttributeRuler`, run over every parse when it is read, so a parse
kept in a cache (the editor's paragraph cache, ``rhetoric evaluate``'s) is corrected the
same way as a fresh one.

Each correction names the written forms and the part of speech it holds for; a form is
listed here only when the shipped model lemmatizes it wrongly in running news text
(``tests/analysis/test_lemmas.py`` checks that it still does, so a newer model that gets it
right shows up).
"""

from __future__ import annotations

from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab

#: (the lemma, its part of speech, the written forms the model gives another lemma). The
#: inflections are Merriam-Webster's for each verb. "hope" is an attribution cue; "gripe",
#: "gaslight" and "carp" are verbs of contempt in the loaded-language lexicon. Three are
#: left as the model has them, since the corrected lemma would match a sense plain news
#: uses: "rage" ("raged", "raging" give "rag": "the fire raged", "the war raged on"),
#: "snipe" ("sniped" gives "snip": "a sniper was sniping at cars") and "crater"
#: ("cratered" gives "cratere": "a missile strike cratered the runway").
CORRECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("hope", "VERB", ("hopes", "hoped", "hoping")),
    ("gripe", "VERB", ("gripes", "griped", "griping")),
    ("gaslight", "VERB", ("gaslighted", "gaslighting", "gaslit")),
    ("carp", "VERB", ("carps",)),
)


def lemma_ruler(vocab: Vocab) -> AttributeRuler:
    """Return an attribute ruler that sets the lemmas of :data:`CORRECTIONS`."""
    ruler = AttributeRuler(vocab)
    for lemma, pos, forms in CORRECTIONS:
        ruler.add([[{"LOWER": {"IN": list(forms)}, "POS": pos}]], {"LEMMA": lemma})
    return ruler


def correct_lemmas(ruler: AttributeRuler, doc: Doc) -> Doc:
    """Set the corrected lemmas on ``doc`` (in place) and return it."""
    return ruler(doc)
