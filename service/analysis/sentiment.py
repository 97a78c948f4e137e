"""VADER sentiment per sentence and per document, and how each named actor is framed.

VADER (Hutto and Gilbert 2014) is a lexicon-and-rules scorer tuned for short
social-media text; its authors also tested it on movie and product reviews and on
sentence snippets of newspaper editorials, where it did less well than on tweets. On
news prose it reads sentiment-bearing words, not stance: a rough signal. It is
meant to score one sentence at a time: it applies negation ("isn't good") within the
three words before a sentiment word, and contrast ("but"), intensifiers and capitals
itself, so each sentence is passed to it whole. Its tokenizer knows only straight
apostrophes and quotation marks: "isn’t" with a typographic apostrophe hides the
negation and “great” with curly quotes hides the word, so typographic quotes and
apostrophes are mapped to straight ones first (the text given back is never changed).
Quoted speech is scored with its sentence, as VADER has no notion of a speaker: a
sentence quoting someone's anger scores as angry. The document score is the mean of
the sentence scores, as VADER's authors advise for multi-sentence text.
References: Hutto, C.J. and Gilbert, E.E. (2014), VADER, ICWSM-14.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span, Token
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from service.analysis.model import EntityFraming, Finding, Mention, Sentiment
from service.analysis.segments import Segments

FRAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
NEUTRAL = Sentiment(0.0, 0.0, 1.0, 0.0)


#: Typographic apostrophes and quotation marks, mapped to the ASCII ones VADER expects.
_STRAIGHTEN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                             "\u2032": "'", "\u00ab": '"', "\u00bb": '"'})


def sentence_sentiment(vader: SentimentIntensityAnalyzer, text: str) -> Sentiment:
    """Return VADER's scores for one sentence, with quotes and apostrophes made ASCII."""
    s = vader.polarity_scores(text.translate(_STRAIGHTEN))
    return Sentiment(s["compound"], s["pos"], s["neu"], s["neg"])


def mean_sentiment(scores: Sequence[Sentiment]) -> Sentiment:
    """Return the mean of sentence scores, or neutral for no sentences."""
    if not scores:
        return NEUTRAL
    n = len(scores)
    return Sentiment(
        round(sum(s.compound for s in scores) / n, 4),
        round(sum(s.pos for s in scores) / n, 4),
        round(sum(s.neu for s in scores) / n, 4),
        round(sum(s.neg for s in scores) / n, 4),
    )


#: A stretch counts as a headline (title case) when at least this share of its words of
#: four letters or more are capitalised, over at least HEADLINE_MIN_WORDS such words.
HEADLINE_TITLE_SHARE = 0.8
HEADLINE_MIN_WORDS = 4


def _name(ent: Span) -> str:
    """Return the entity's name without a leading "the" or a trailing possessive."""
    tokens = list(ent)
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct):
        tokens.pop()
    while tokens and tokens[0].lower_ == "the":
        tokens.pop(0)
    return "".join(t.text_with_ws for t in tokens).strip()


def _key(name: str) -> str:
    return name.lower().replace("’", "'").replace("-", " ")


def _is_junk(ent: Span) -> bool:
    """Return whether an entity is no actor: a web address, or no letters at all."""
    return any(t.like_url or "://" in t.text or t.lower_.startswith("www.") or "@" in t.text
               for t in ent) or not any(c.isalpha() for c in ent.text)


def _in_headline(ent: Span, segments: Segments) -> bool:
    """Return whether ``ent`` sits in a quoted title-cased stretch (a cited headline).

    The tagger reads capitalised headline words as names ("Zelensky Warns"), so such
    mentions count only for names the body text also mentions. Only quoted stretches are
    tested: a body sentence full of names ("Donald Trump ... the United States") is no
    headline.
    """
    quote = next(((a, b) for a, b in segments.quotes if a <= ent.start_char < b), None)
    if quote is None:
        return False
    region = ent.doc.char_span(quote[0], quote[1], alignment_mode="expand")
    tokens = list(region) if region is not None else list(ent)
    words = [t.text for t in tokens if t.is_alpha and len(t.text) >= 4]
    if len(words) < HEADLINE_MIN_WORDS:
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= HEADLINE_TITLE_SHARE


#: Labels a country's forms are matched under: the country (GPE, or LOC), its people or
#: adjective (NORP), and abbreviations the small model reads as organisations ("DPRK",
#: "UAE"). PERSON is left out: "Jordan", "Chad" and "Georgia" are also given names.
ACTOR_LABELS = frozenset({"GPE", "LOC", "NORP", "ORG"})
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


def _form_key(name: str) -> str:
    """Return the matching key of a country form: no case, accents, full stops or hyphens."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(_key(plain).replace(".", "").split())


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


def _country_rows(groups: dict[str, list[Span]], labels: dict[str, str],
                  actors: ActorTable) -> dict[str, str]:
    """Map each key naming a country (not by its capital) to the key of the country's row.

    The row goes under the most frequent full name the text uses ("United States" over
    "U.S."), else the most frequent abbreviation, else demonym; ties go to the earliest.
    """
    members: dict[str, list[str]] = defaultdict(list)
    kinds: dict[str, str] = {}
    for key in groups:
        found = actors.form(key)
        if found is None or found[1] == "capital" or labels[key] not in ACTOR_LABELS:
            continue
        members[found[0]].append(key)
        kinds[key] = found[1]
    rows: dict[str, str] = {}
    for keys in members.values():
        target = min(keys, key=lambda k: (_KIND_RANK[kinds[k]], -len(groups[k]),
                                          groups[k][0].start_char))
        rows.update((k, target) for k in keys)
    return rows


def _move_capitals(groups: dict[str, list[Span]], rows: dict[str, str],
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


def _merge_targets(groups: dict[str, list[Span]], labels: dict[str, str]) -> dict[str, str]:
    """Map a short name to the one full person name containing its words.

    "Kim" goes into "Kim Jong-Un", "Putin" into "Vladimir Putin"; a short name two
    different full names contain ("Kim" with "Kim Jong-Un" and "Kim Yo-jong") stays apart.
    """
    merged: dict[str, str] = {}
    people = [(k, k.split()) for k in groups if labels[k] == "PERSON"]
    for key in groups:
        words = key.split()
        if labels[key] not in {"PERSON", "ORG", "NORP"}:
            continue
        candidates = [k for k, full in people
                      if k != key and len(full) > len(words) and _contains(full, words)]
        if len(candidates) == 1:
            merged[key] = candidates[0]
    return merged


def _contains(words: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(words[i:i + n] == part for i in range(len(words) - n + 1))


def entity_framing(
    doc: Doc,
    segments: Segments,
    sentiments: Sequence[Sentiment],
    loaded: Sequence[Finding],
    actors: ActorTable,
) -> tuple[EntityFraming, ...]:
    """Group entity mentions by actor, merging short forms ("Kim") into full names.

    Possessives merge with the base name ("North Korea’s" is "North Korea"); web
    addresses are dropped, and names seen only inside title-cased headlines too. A
    country's forms in ``actors`` are one row ("North Korea", "North Korean", "DPRK"),
    named by :func:`_country_rows` and labelled GPE when a name or abbreviation of the
    country is among them (demonyms alone keep their label); its capital joins the row
    only where it stands for the government (:func:`_move_capitals`). An actor's loaded
    terms are those the parse applies to one of its mentions (:func:`framed_actors`),
    not every term in the sentences that mention it.
    """
    groups: dict[str, list[Span]] = defaultdict(list)
    in_body: set[str] = set()
    label_votes: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[int, str] = {}  # each mention's name, by its first character
    for ent in doc.ents:
        if ent.label_ not in FRAMED_LABELS or _is_junk(ent):
            continue
        name = names[ent.start_char] = _name(ent)
        if not name:
            continue
        key = _key(name)
        groups[key].append(ent)
        label_votes[key][ent.label_] += 1
        if not _in_headline(ent, segments):
            in_body.add(key)
    labels = {key: votes.most_common(1)[0][0] for key, votes in label_votes.items()}
    countries = _country_rows(groups, labels, actors)
    _move_capitals(groups, countries, actors)
    body = set(in_body)
    for key, target in countries.items():
        found = actors.form(target)
        if found is not None and found[1] in {"name", "abbreviation"}:
            labels[target] = "GPE"
        if key in in_body:
            body.add(target)
    merged = _merge_targets({k: v for k, v in groups.items() if k not in countries}, labels)
    merged.update((k, t) for k, t in countries.items() if k != t)
    final: dict[str, list[Span]] = defaultdict(list)
    for key, spans in groups.items():
        target = merged.get(key, key)
        if key in in_body or target in body:
            final[target].extend(spans)
    actor_of = {t.i: key for key, spans in final.items() for s in spans for t in s}
    terms_of: dict[str, list[str]] = defaultdict(list)
    for f in loaded:
        for key in framed_actors(doc, f, actor_of):
            terms_of[key].append(f.term_text)
    out = []
    for key, spans in final.items():
        spans.sort(key=lambda s: s.start_char)
        full = [s for s in spans if _key(names[s.start_char]) == key]
        idx = sorted({segments.sentence_of(s.start_char) for s in spans})
        mean = sum(sentiments[i].compound for i in idx) / len(idx) if idx else 0.0
        terms = tuple(dict.fromkeys(terms_of[key]))
        out.append(
            EntityFraming(
                name=names[(full[0] if full else spans[0]).start_char],
                label=labels[key],
                mentions=tuple(Mention(s.start_char, s.end_char, s.text) for s in spans),
                sentiment_mean=round(mean, 4),
                loaded_terms=terms,
            )
        )
    out.sort(key=lambda e: (-len(e.mentions), e.name))
    return tuple(out)


#: Dependencies of a word that modifies the noun it hangs on: "brutal war" (amod),
#: "Brutal Putin" (compound: the tagger reads a capitalised adjective as a name). nmod is
#: left out: en_core_web_sm gives it to misparsed objects ("offers Kim unique advantages").
_MODIFIER_DEPS = frozenset({"amod", "compound"})
#: Dependencies of the owner of a noun: "Russia's desperation" (poss), "the Kim regime"
#: (compound), "the North Korean regime" (amod). "of" phrases are left out: "the brutal
#: invasion of Ukraine" names the victim, not the owner.
_OWNER_DEPS = frozenset({"poss", "compound", "amod"})
#: Place labels whose compound names where or to whom, not who: "the brutal Ukraine
#: invasion", "the Gaza war" (a person's or group's compound owns: "the Kim regime").
_PLACES = frozenset({"GPE", "LOC", "FAC"})
#: Dependencies of a predicate: "Putin is a thug" (attr), "the regime was brutal" (acomp).
_PREDICATE_DEPS = frozenset({"attr", "acomp"})
_NOMINALS = frozenset({"NOUN", "PROPN"})
_VERBS = frozenset({"VERB", "AUX"})


def framed_actors(doc: Doc, finding: Finding, actor_of: dict[int, str]) -> list[str]:
    """Return the actors (keys of ``actor_of``, by token index) a loaded term is applied to.

    The term is applied to an actor only when the parse links them: the actor owns or
    modifies the noun the term describes ("Russia's desperation", "Putin's brutal war",
    "the brutal Kim regime"); the term modifies a mention or stands in apposition to it
    ("Brutal Putin", "Kim, a brutal dictator"); or the actor is the subject of a
    copula whose predicate holds the term ("Putin is a thug", "the Kim regime was
    brutal"), of a verb whose manner adverb is the term ("Russia brutally invaded"), or
    of a loaded verb ("Putin slaughtered civilians"; a passive's agent counts, its
    subject does not). Anything else leaves the term unassigned: a term is never spread
    over the sentence.
    """
    span = doc.char_span(finding.term_start, finding.term_end, alignment_mode="expand")
    if span is None:
        return []
    inside = {t.i for t in span}
    keys: list[str] = []
    for token in _described(span.root):
        owners = [c for c in token.children if c.dep_ in _OWNER_DEPS
                  and not (c.dep_ == "compound" and c.ent_type_ in _PLACES)]
        for candidate in (token, *owners):
            key = actor_of.get(candidate.i)
            if key is not None and candidate.i not in inside and key not in keys:
                keys.append(key)
    return keys


def _described(root: Token) -> list[Token]:
    """Return the tokens a term rooted at ``root`` describes: nouns, subjects and agents."""
    # A degree adverb and a coordinated adjective stand for the adjective they go with.
    while root.dep_ == "advmod" and root.head.pos_ in {"ADJ", "ADV"} and root.head != root:
        root = root.head
    while root.dep_ == "conj" and root.pos_ == "ADJ" and root.head.pos_ == "ADJ":
        root = root.head
    if root.dep_ in _MODIFIER_DEPS and root.head.pos_ in _NOMINALS and root.head != root:
        nouns = [root.head]
    elif root.dep_ in _PREDICATE_DEPS and root.head.pos_ in _VERBS:
        return [*([root] if root.pos_ in _NOMINALS else []), *_subjects(root.head)]
    elif root.dep_ == "advmod" and root.head.pos_ in _VERBS:
        return _subjects(root.head)
    elif root.pos_ == "VERB":
        return _subjects(root)
    elif root.pos_ in _NOMINALS:
        nouns = [root]
    else:
        return []
    out = []
    for noun in nouns:
        out.append(noun)
        if noun.dep_ == "appos":  # "Kim, a brutal dictator"
            out.append(noun.head)
        out.extend(c for c in noun.children if c.dep_ == "appos")  # "the dictator Kim"
        if noun.dep_ == "attr" and noun.head.pos_ in _VERBS:  # "Putin is a brutal thug"
            out.extend(_subjects(noun.head))
    return out


def _subjects(verb: Token) -> list[Token]:
    """Return who does ``verb`` or is its predicate: its subject, or a passive's agent.

    A verb with no subject of its own takes that of the verb it is coordinated with or
    the complement of ("invaded Ukraine and brutally crushed dissent", "seems to be a
    thug"); a relative pronoun stands for the noun its clause modifies ("Putin, who is
    a thug"); coordinated subjects all count ("Putin and Kim are thugs").
    """
    while True:
        found = [c for c in verb.children if c.dep_ == "nsubj"]
        found += [g for c in verb.children if c.dep_ == "agent"
                  for g in c.children if g.dep_ == "pobj"]
        if not found and verb.dep_ == "acl" and verb.tag_ == "VBG":
            found = [verb.head]  # "troops slaughtering civilians"; not "civilians slaughtered"
        if found or verb.dep_ not in {"conj", "xcomp"} or verb.head == verb:
            break
        verb = verb.head
    out = []
    for subject in found:
        if subject.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
            subject = verb.head
        out.append(subject)
        out.extend(c for c in subject.conjuncts)
    return out
