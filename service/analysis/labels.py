"""Sets of spaCy entity labels (OntoNotes 5, as en_core_web_sm predicts), one per use.

Each set is named for what the analysis asks of an entity, since the same label means a
different thing to each question: a GPE names a source, is a country form, and is a
reporting cue.
"""

from __future__ import annotations

#: Labels of a named source: an attribution's speaker with one of them is "named", and a
#: passive whose agent carries one is attributed ("criticised by Amnesty International").
NAMED_SOURCE_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
#: Labels of the actors whose mentions entity framing groups
#: (:func:`service.analysis.framing.entity_framing`).
FRAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
#: Labels a country's forms are matched under: the country (GPE, or LOC), its people or
#: adjective (NORP), and abbreviations the small model reads as organisations ("DPRK",
#: "UAE"). PERSON is left out: "Jordan", "Chad" and "Georgia" are also given names.
COUNTRY_FORM_LABELS = frozenset({"GPE", "LOC", "NORP", "ORG"})
#: Labels of named actors and places: the opinion cue ``named_entity``, a sign of
#: reporting (a PERSON is tested first, for the cue ``person``).
NAMED_ENTITY_CUE_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT",
                                     "LAW"})
#: Labels of a figure: the opinion cue ``number``.
NUMBER_LABELS = frozenset({"CARDINAL", "PERCENT", "MONEY", "QUANTITY"})
#: Labels of a time: the opinion cues ``date`` and ``vague_time``.
TIME_LABELS = frozenset({"DATE", "TIME"})
#: Labels of when words were said: "told Bloomberg in May", "said in the debate"
#: (:mod:`service.analysis.occasions`). Not a place: "believes in America".
SETTING_LABELS = frozenset({"DATE", "TIME", "EVENT"})
#: Labels of a place a credit line names: "Julie Hirschfeld Davis reported from Midway
#: Atoll" says where the reporter worked, not what anyone said
#: (:mod:`service.analysis.newsroom`).
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
