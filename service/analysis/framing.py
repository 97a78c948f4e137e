"""Entity framing: each named actor's mentions, sentiment and the loaded terms applied to it."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from service.analysis.actors import ActorTable, country_rows, move_capitals, name_key
from service.analysis.labels import FRAMED_LABELS
from service.analysis.model import EntityFraming, Finding, Mention, Sentiment
from service.analysis.segments import Segments

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
    named by :func:`~service.analysis.actors.country_rows` and labelled GPE when a name
    or abbreviation of the country is among them (demonyms alone keep their label); its
    capital joins the row only where it stands for the government
    (:func:`~service.analysis.actors.move_capitals`). An actor's loaded terms are those
    the parse applies to one of its mentions (:func:`framed_actors`), not every term in
    the sentences that mention it.
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
        key = name_key(name)
        groups[key].append(ent)
        label_votes[key][ent.label_] += 1
        if not _in_headline(ent, segments):
            in_body.add(key)
    labels = {key: votes.most_common(1)[0][0] for key, votes in label_votes.items()}
    countries = country_rows(groups, labels, actors)
    move_capitals(groups, countries, actors)
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
        full = [s for s in spans if name_key(names[s.start_char]) == key]
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
