"""The countries of ``actors.json`` and how their forms become one actor.

A country goes by many forms: its name ("North Korea"), aliases, abbreviations ("DPRK"),
demonyms ("North Korean") and its capital ("Pyongyang"), which may stand for its
government. :class:`ActorTable` reads and validates the file; :func:`country_rows` and
:func:`move_capitals` merge the forms a text uses into one row of entity framing
(:mod:`service.analysis.framing`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span

from service.analysis.labels import COUNTRY_FORM_LABELS

#: Kinds of country form, by the field of ``actors.json`` that lists them; a merged row's
#: displayed name is its most frequent form of the first kind the text uses.
FORM_KINDS = {"name": "name", "aliases": "name", "abbreviations": "abbreviation",
              "demonyms": "demonym", "capitals": "capital"}
_KIND_RANK = {"name": 0, "abbreviation": 1, "demonym": 2}
_ACTOR_FIELDS = frozenset({*FORM_KINDS, "note", "source"})
#: Dependencies of a verb's object or complement: a capital that is the subject of such a
#: verb acts ("Moscow denied the claims", "Beijing said it would respond", "Kyiv refused
#: to sign"); one of an intransitive verb is often the place ("Kyiv came under fire").
_COMPLEMENT_DEPS = frozenset({"dobj", "ccomp", "xcomp"})


def name_key(name: str) -> str:
    """Return the key mentions of a name are grouped by: lower case, hyphens as spaces."""
    return name.lower().replace("’", "'").replace("-", " ")


def _form_key(name: str) -> str:
    """Return the matching key of a country form: no case, accents, full stops or hyphens."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(name_key(plain).replace(".", "").split())


@dataclass(frozen=True)
class ActorTable:
    """The countries of ``actors.json``: each form's country and kind, by matching key."""

    forms: Mapping[str, tuple[str, str]]
    government_nouns: frozenset[str]

    @classmethod
    def load(cls, path: Path) -> ActorTable:
        """Read and validate the file; a bad file raises ValueError naming it (and the line)."""
        try:
            text = path.read_text(encoding="utf-8")
            data = json.loads(text)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{path}: {exc}") from exc
        metonymy = data.get("capital_metonymy") if isinstance(data, dict) else None
        if not isinstance(metonymy, dict) or not isinstance(data.get("actors"), list):
            raise ValueError(f"{path}: needs an 'actors' list and a 'capital_metonymy' object")
        nouns = metonymy.get("government_nouns")
        if not (metonymy.get("note") and metonymy.get("source") and isinstance(nouns, list)):
            raise ValueError(f"{path}: capital_metonymy needs note, source, government_nouns")
        forms: dict[str, tuple[str, str]] = {}
        for i, spec in enumerate(data["actors"]):
            where = f"{path}:{_line_of(text, spec)}"
            if not isinstance(spec, dict):
                raise ValueError(f"{where}: actor {i} is not an object")
            if missing := sorted(_ACTOR_FIELDS - set(spec)):
                raise ValueError(f"{where}: missing {missing}")
            if unknown := sorted(set(spec) - _ACTOR_FIELDS):
                raise ValueError(f"{where}: unknown keys {unknown}")
            for key in ("name", "note", "source"):
                if not isinstance(spec[key], str) or not spec[key].strip():
                    raise ValueError(f"{where}: {key} must be a non-empty string")
            for field_name, kind in FORM_KINDS.items():
                values = [spec[field_name]] if field_name == "name" else spec[field_name]
                if not isinstance(values, list):
                    raise ValueError(f"{where}: {field_name} must be a list")
                for form in values:
                    if not isinstance(form, str) or not _form_key(form):
                        raise ValueError(f"{where}: {field_name}: {form!r} is not a name")
                    if form.lower().startswith("the "):
                        raise ValueError(f"{where}: {form!r}: entity names are matched "
                                         "without a leading 'the'")
                    key = _form_key(form)
                    if key in forms:
                        raise ValueError(f"{where}: {form!r} is already a form of "
                                         f"{forms[key][0]}")
                    forms[key] = (spec["name"], kind)
        return cls(forms, frozenset(str(n).lower() for n in nouns))

    def form(self, name: str) -> tuple[str, str] | None:
        """Return the country ``name`` is a form of and the form's kind, or None."""
        return self.forms.get(_form_key(name))


def _line_of(text: str, spec: object) -> int:
    """Return the line of an actor entry's name in the file text (1 if not found)."""
    name = spec.get("name") if isinstance(spec, dict) else None
    if not isinstance(name, str):
        return 1
    found = re.search(r'"name"\s*:\s*' + re.escape(json.dumps(name, ensure_ascii=False)), text)
    return text.count("\n", 0, found.start()) + 1 if found else 1


def country_rows(groups: dict[str, list[Span]], labels: dict[str, str],
                 actors: ActorTable) -> dict[str, str]:
    """Map each key naming a country (not by its capital) to the key of the country's row.

    The row goes under the most frequent full name the text uses ("United States" over
    "U.S."), else the most frequent abbreviation, else demonym; ties go to the earliest.
    """
    members: dict[str, list[str]] = defaultdict(list)
    kinds: dict[str, str] = {}
    for key in groups:
        found = actors.form(key)
        if found is None or found[1] == "capital" or labels[key] not in COUNTRY_FORM_LABELS:
            continue
        members[found[0]].append(key)
        kinds[key] = found[1]
    rows: dict[str, str] = {}
    for keys in members.values():
        target = min(keys, key=lambda k: (_KIND_RANK[kinds[k]], -len(groups[k]),
                                          groups[k][0].start_char))
        rows.update((k, target) for k in keys)
    return rows


def move_capitals(groups: dict[str, list[Span]], rows: dict[str, str],
                  actors: ActorTable) -> None:
    """Move capital mentions that stand for the government into their country's row.

    Only when the text names the country by another form too (so the country has a row),
    and only mentions labelled GPE that :func:`_acts_as_government`.
    """
    row_of = {}
    for key, target in rows.items():
        found = actors.form(key)
        if found is not None:
            row_of[found[0]] = target
    for key in list(groups):
        found = actors.form(key)
        if found is None or found[1] != "capital" or found[0] not in row_of:
            continue
        acting = {s.start_char for s in groups[key]
                  if s.label_ == "GPE" and _acts_as_government(s, actors.government_nouns)}
        if not acting:
            continue
        groups[row_of[found[0]]].extend(s for s in groups[key] if s.start_char in acting)
        rest = [s for s in groups[key] if s.start_char not in acting]
        if rest:
            groups[key] = rest
        else:
            del groups[key]


def _acts_as_government(ent: Span, government_nouns: frozenset[str]) -> bool:
    """Return whether a capital mention stands for its government, by the parse.

    It does as the subject of a verb with an object or complement ("Moscow denied the
    claims"), a passive's agent ("imposed by Washington"), or the owner of a government
    noun ("the Pyongyang government", "Moscow's leadership"); not as a preposition's
    object ("in Moscow") or the owner of anything else ("Moscow's mayor").
    References: Lakoff and Johnson 1980, Metaphors We Live By, ch. 8 (the place for the
    institution).
    """
    root = ent.root
    while root.dep_ == "conj" and root.head != root:  # "Washington and Moscow signed"
        root = root.head
    if root.dep_ in {"poss", "compound"}:
        return root.head.lemma_.lower() in government_nouns
    if root.dep_ == "pobj":
        return root.head.dep_ == "agent"
    if root.dep_ == "nsubj" and root.head.pos_ == "VERB":
        return any(c.dep_ in _COMPLEMENT_DEPS for c in root.head.children)
    return False
