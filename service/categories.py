"""The lexicon categories, each with every name it goes by: one table, read everywhere.

A category is a kind of lexicon entry (loaded language, hedge, booster, attribution).
Its entries live in one folder, its findings go out under one key of the response, they
count as one opinion cue and, for findings, one rate of the summary, and the editor page
marks them as one kind. Those names differ for historical reasons and some are public
(``openapi.yaml``), so they are not unified; they are written down once, here, and the
code looks them up. ``tests/test_categories.py`` checks the table against the contract,
the lexicon folders, the opinion model and the page (``service/static/js/kinds.js``).

This module imports nothing from ``service``: the lexicons, the analysis and the renderer
all read it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    """One lexicon category and its name in each place it appears."""

    #: The catalogue name: ``category`` in a lexicon file's ``[lexicon]`` table, an
    #: entry's category, and the name ``GET /v1/lexicons`` lists.
    name: str
    #: The folder of its lexicon files under ``rhetoric_lexicons/``.
    folder: str
    #: The response key of its list of findings (``AnalyzeResponse`` in openapi.yaml).
    output_key: str
    #: The field of each listed item that holds the entry's type; loaded language calls
    #: it ``category``, a name the contract keeps.
    type_key: str
    #: The opinion cue a finding of the category gives its sentence (``Reason.cue``, a
    #: feature of ``opinion_model.json``).
    cue: str
    #: The summary's rate of findings per 1,000 words; None for a category without one.
    summary_key: str | None
    #: The kind of mark on the editor page (``KINDS`` in ``static/js/kinds.js``).
    page_kind: str


LOADED_LANGUAGE = Category(
    name="loaded_language", folder="loaded_language", output_key="loaded_language",
    type_key="category", cue="loaded_term", summary_key="loaded_per_1000_words",
    page_kind="loaded")
HEDGE = Category(
    name="hedge", folder="hedges", output_key="hedges", type_key="type", cue="hedge",
    summary_key="hedges_per_1000_words", page_kind="hedge")
BOOSTER = Category(
    name="booster", folder="boosters", output_key="boosters", type_key="type", cue="booster",
    summary_key="boosters_per_1000_words", page_kind="booster")
ATTRIBUTION = Category(
    name="attribution", folder="attribution", output_key="attributions", type_key="type",
    cue="attribution", summary_key=None, page_kind="attribution")

#: Every category, in the order of the response's lists.
CATEGORIES: tuple[Category, ...] = (LOADED_LANGUAGE, HEDGE, BOOSTER, ATTRIBUTION)
#: The categories whose hits become findings (:class:`service.analysis.model.Finding`);
#: attribution hits become attributions instead.
FINDING_CATEGORIES: tuple[Category, ...] = (LOADED_LANGUAGE, HEDGE, BOOSTER)
#: Each category by its catalogue name.
BY_NAME: dict[str, Category] = {c.name: c for c in CATEGORIES}
