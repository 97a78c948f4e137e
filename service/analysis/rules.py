"""Context rules: which lexicon hits stand, by their category and the sense of their entry.

An entry may be restricted to a sense (``sense`` in its lexicon file: a verb of saying,
a group named as a source, an inference from evidence, a verb that reports speech); the
parse decides whether a hit has it. Hedges that hide who holds a view are dropped when
the text names the holder, and graded or comparative ones are no hedges.
"""

from __future__ import annotations

from collections.abc import Set

from spacy.tokens import Span, Token

from service.analysis.blocks import SAYING
from service.analysis.clauses import asks_or_compares, supposed
from service.analysis.evidence import FOUND, credits_a_finding
from service.analysis.labels import NAMED_SOURCE_LABELS
from service.analysis.naming import passive_label
from service.categories import ATTRIBUTION, BOOSTER, HEDGE
from service.lexicon import Hit

#: Dependents that give a verb content: an object or a clause ("date the text", "hold that").
_CONTENT = frozenset({"dobj", "ccomp", "xcomp", "oprd", "dative"})
#: Attribution types that are verbs of saying ("said", "claimed").
_REPORTING_VERBS = frozenset({"neutral_verb", "loaded_verb"})
#: Entry types that find a source ("officials", "some analysts").
_SOURCE_TYPES = frozenset({"unnamed_source", "vague_source"})
#: Pronouns that stand for a thing or a fact, never for a speaker of an inference.
_THINGS = frozenset({"it", "this", "that", "these", "those", "which", "what"})
#: Hedge types that hide who holds a view; dropped when the text names the holder.
SOURCE_HIDING = frozenset({"attribution_shield", "vague_source"})
#: The adverbs of degree (lexicon entry), and the words after which "fully" measures
#: completeness, not degree: a kind ("fully automatic weapons") or a process carried
#: through ("fully funded", "fully vaccinated", "fully reopen"). Quirk et al. 1985: with
#: non-gradable words a maximizer expresses completeness, not emphasis.
INTENSIFIERS = "booster.intensifier.adverbs"
_COMPLETED = frozenset({
    "automatic", "autonomous", "electric", "vaccinate", "vaccinated", "immunize", "immunized",
    "fund", "funded", "operational", "functional", "implement", "implemented", "reopen",
    "reopened", "recover", "recovered", "book", "booked", "charge", "charged", "insure",
    "insured", "pay", "paid", "staff", "staffed", "furnish", "furnished", "equip",
    "equipped", "license", "licensed", "accredit", "accredited", "restore", "restored",
    "integrate", "integrated", "approve", "approved", "brief", "briefed", "inform",
    "informed", "investigate", "investigated", "comply", "complied", "clothe", "clothed"})
#: Words after which "highly" names a grade of a technical property, a set phrase of the
#: trade, not the writer's emphasis: "highly classified documents", "highly enriched
#: uranium", "a highly publicized trial", "highly contagious" (Merriam-Webster, "highly
#: classified": "highly enriched uranium" in its examples of "enriched").
_GRADED_TERMS = frozenset({
    "classified", "enriched", "publicized", "publicised", "contagious", "infectious",
    "trained", "skilled", "radioactive", "toxic", "sensitive", "processed", "concentrated",
    "specialized", "specialised", "technical", "regulated", "leveraged"})
#: Entity labels of an institution a group belongs to ("researchers at Columbia").
_PLACES = frozenset({"ORG", "GPE", "FAC"})
#: Determiners that keep a noun phrase indefinite ("by some critics", "by many").
_VAGUE_DETERMINERS = frozenset({"some", "many", "several", "various", "certain", "most",
                                "numerous", "few", "others", "other"})


def names_its_source(span: Span) -> bool:
    """Return whether a source-hiding hedge in fact names its source.

    "Was criticised by Amnesty International" or "is considered by the ministry to be"
    has a definite agent, so the view is attributed and is no weasel; "is considered by
    some" or "was praised by critics" keeps its agent vague. A group tied to a named
    organisation ("Goldman Sachs analysts say") is likewise attributed, unless a vague
    quantifier keeps it open ("some Pentagon officials"); an organisation the group is
    "of" is its subject, not its name ("critics of Social Security claim").

    References: Wikipedia, Manual of Style/Words to watch (unsupported attributions).
    """
    for token in span:
        if (passive := passive_label(token)) is not None and not _is_vague(passive[2]):
            return True  # "was described as reckless by Democrats": the parser's "by"
        for child in token.children:
            if child.dep_ == "det" and child.lower_ in {"these", "those"} and (
                    token.tag_ in {"NNS", "NNPS"}):
                return True  # "these economists argue": the ones the text just named
            if child.dep_ == "det" and child.lower_ == "the" and token.tag_ == "NNS" and any(
                    t.lower_ == token.lower_ for t in token.doc[:child.i]):
                return True  # "the researchers said": the ones named before ("researchers at")
            if token.pos_ == "NOUN" and child.dep_ == "prep" and (
                    child.lower_ in {"at", "from"}) and (
                    any(c.dep_ == "pobj" and (c.ent_type_ in _PLACES or c.pos_ == "PROPN")
                        for c in child.children)):
                return True  # "researchers at the University of Tokyo": an institution's
            if child.dep_ == "agent":
                agents = [t for t in child.children if t.dep_ == "pobj"]
                if any(not _is_vague(agent) for agent in agents):
                    return True
            if (child.dep_ in {"compound", "poss"} and child.ent_type_ == "ORG"
                    and not _has_vague_determiner(token) and not _is_of_object(token)):
                return True
    return False


def _active_it(span: Span) -> bool:
    """Return whether an "it ... said" shield is active: "It has not said where ..." is an
    organisation speaking; the shield is the passive, "it is said", "it has been said"."""
    return span[0].lower_ == "it" and not any(t.lemma_ == "be" for t in span[1:])


def _finds_itself(span: Span) -> bool:
    """Return whether a verb of the span is "find" with a reflexive object: "the situation
    many states find themselves in" is where they are, not what they found."""
    return any(t.lemma_ == "find" and any(c.dep_ == "dobj" and c.lower_.endswith(
        ("self", "selves")) for c in t.children) for t in span)


def alleged_by_someone(span: Span) -> bool:
    """Return whether a participle of alleging belongs to a definite speaker or document.

    "McCabe's lawsuit, alleging that ...", "McCabe sued in August, alleging that ...":
    the claim is the lawsuit's or McCabe's, named in the same breath, as AP style asks
    ("alleged": say who alleges it). "A report alleging ..." names no one. A finite
    "alleges" is left as it is: the Wikipedia weasel annotation (CoNLL-2010) marks "X
    alleges" as uncertain whoever X is.
    """
    verb = span.root
    if verb.pos_ != "VERB" or verb.tag_ != "VBG" or len(span) != 1:
        return False
    # The parse may give the participle its noun as subject.
    subject = _subject(verb)
    if subject is None and verb.dep_ == "acl":
        subject = verb.head  # "a lawsuit alleging": the noun the participle describes
    elif subject is None and verb.dep_ == "advcl":
        # "McCabe sued, alleging that", "McCabe's lawsuit, alleging that ..., was
        # dismissed": the clause's subject
        subject = next((c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return subject is not None and _definite(subject)


def _definite(noun: Token) -> bool:
    """Return whether a noun phrase names who speaks: a name, he/she/they, a possessor."""
    if noun.ent_type_ in NAMED_SOURCE_LABELS or noun.pos_ == "PROPN":
        return True
    if noun.tag_ == "PRP":
        return noun.lower_ in {"he", "she", "they"}
    # A possessor names the party ("McCabe's lawsuit"); "the anonymous letter" or "this
    # memo" is one document but names no one behind it.
    return any(c.dep_ == "poss" and c.lower_ not in {"its", "their"} for c in noun.children)


def _is_of_object(token: Token) -> bool:
    return token.dep_ == "pobj" and token.head.lower_ == "of"


def _is_vague(noun: Token) -> bool:
    if noun.lower_ in _VAGUE_DETERMINERS:
        return True
    if noun.pos_ == "PROPN" or noun.ent_type_ in NAMED_SOURCE_LABELS or noun.pos_ == "PRON":
        return False
    if _has_vague_determiner(noun):
        return True
    # A bare plural ("by critics", "by analysts") names no one; "the ministry" does.
    return noun.tag_ in {"NNS", "NNPS"} and not any(
        c.dep_ in {"det", "poss"} for c in noun.children)


def _has_vague_determiner(noun: Token) -> bool:
    return any(c.dep_ in {"det", "amod", "nummod"} and c.lower_ in _VAGUE_DETERMINERS
               for c in noun.children)


def is_comparative(span: Span) -> bool:
    """Return whether a one-word hedge is graded by a comparative ("more likely to").

    "Smokers are more likely to fall ill" compares two likelihoods; it states a finding
    rather than hedging one.
    """
    return len(span) == 1 and any(
        child.dep_ == "advmod" and child.tag_ == "RBR" for child in span[0].children)


def is_graded(span: Span) -> bool:
    """Return whether a vague quantifier is graded or questioned ("so many", "how many").

    A graded quantifier intensifies or asks; it does not approximate a number.
    """
    first = span[0]
    return any(child.dep_ == "advmod" and child.i < first.i for child in first.children)



def is_surname(span: Span) -> bool:
    """Return whether ``span`` is a person's name after its first word ("Michael Savage")."""
    return all(t.ent_type_ == "PERSON" and t.ent_iob_ == "I" and t.pos_ == "PROPN"
               and t.is_title for t in span)


def takes_a_thing(verb: Token) -> bool:
    """Return whether a verb of saying is used in another sense: with a thing as object.

    "The storm claimed the lives of 30 people" and "the group claimed responsibility" take
    something; "claimed that the figures were wrong", "claims to have seen" and "as he
    claimed" say something.
    """
    if any(child.dep_ in {"ccomp", "xcomp", "parataxis"} for child in verb.children):
        return False
    return any(child.dep_ == "dobj" and child.pos_ in {"NOUN", "PROPN", "NUM"}
               for child in verb.children)


#: Verbs of holding a view that, with a thing as object, hold or do something else:
#: "held up a sign", "charged a fee", "called a meeting" (Merriam-Webster, "hold", 1, 4).
_THING_SENSES = frozenset({"hold", "charge", "view", "feel", "call"})
#: Objects that keep the sense of a view: "many hold the view that".
_VIEWS = frozenset({"view", "views", "belief", "beliefs", "opinion", "opinions", "position",
                    "idea", "notion", "sense"})


def _thing_sense(verb: Token) -> bool:
    """Return whether a verb of a vague-source match acts on a thing instead of a view."""
    return verb.pos_ == "VERB" and verb.lemma_ in _THING_SENSES and takes_a_thing(verb) and (
        not any(c.dep_ == "dobj" and c.lower_ in _VIEWS or c.dep_ == "oprd"
                or c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)) and (
        sum(c.dep_ == "dobj" for c in verb.children) < 2)


def aims_at_an_object(verb: Token) -> bool:
    """Return whether a verb of hostile speech has an object and a subject that can speak.

    "Clinton mocked Trump", "officials dismissed the report" and "was slammed by critics"
    aim words at something; "a gust blasted through the valley" and "it slammed the
    door" do not.
    """
    subject = _subject(verb)
    if subject is not None and subject.lower_ in _THINGS:
        return False
    return any(child.dep_ in {"dobj", "nsubjpass"} for child in verb.children)


def is_a_source(span: Span, reporting: Set[int]) -> bool:
    """Return whether a vague group is named as the source of a view.

    It is when the match holds its verb ("some experts believe"), or the group is the
    subject of a reporting verb ("many analysts said"), of a verb with an object or a
    clause ("most scholars date the text to 300 BC") or of an adjective with one ("many
    economists are convinced that"), or the agent of a passive ("is disputed by some
    historians"). "Many people died in the flood", "some critics were arrested" or "the
    company fired some experts" names no source: the group is only a vague quantity.
    """
    if any(t.pos_ == "VERB" and t.dep_ not in {"amod", "compound"} for t in span):
        return True
    group = span.root
    while group.dep_ == "pobj" and group.head.lower_ == "of" and group.head.head.i != group.i:
        group = group.head.head  # "many of his supporters" stands or falls with "many"
    if group.dep_ == "pobj" and group.head.dep_ == "agent":
        return True
    verb = group.head
    if group.dep_ == "nsubjpass":  # "many economists are convinced that ..."
        return any(child.dep_ in {"ccomp", "xcomp"} for child in verb.children)
    return group.dep_ == "nsubj" and (verb.i in reporting or any(
        child.dep_ in _CONTENT and verb.pos_ == "VERB" or _holds_a_view(child)
        for child in verb.children))


def _subject(verb: Token, shared: bool = False) -> Token | None:
    """Return a verb's subject; with ``shared``, also the one a second verb or a participle
    after a verb of saying shares ("The president claimed ... and even suggested ...",
    "Bailey said, suggesting ..."; not "The Fed raised rates, suggesting ...", the
    writer's inference)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if shared and subject is None and (verb.dep_ == "conj" or verb.dep_ == "advcl" and (
            verb.tag_ == "VBG" and verb.head.lemma_ in SAYING)):
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return subject


def _governs(verb: Token, group: Span) -> bool:
    """Return whether ``verb`` is the group's: its subject is in it, or it modifies it."""
    def subject_of(t: Token) -> Token:
        while t.dep_ == "conj" and t.head.i != t.i:
            t = t.head  # "many scholars and advocates believe": the first conjunct's verb
        return t

    return verb.head.i in range(group.start, group.end) or any(
        subject_of(t).head.i == verb.i for t in group)


def is_speaker(noun: Token, sources: Set[int]) -> bool:
    """Return whether a subject can speak: a named entity, a personal pronoun, a source.

    "Officials", "some analysts" (found by the source entries), "Zelenskyy" and "she"
    speak; "the figures", "it" and "this" are evidence.
    """
    if noun.ent_type_ in NAMED_SOURCE_LABELS or noun.i in sources:
        return True
    return noun.tag_ == "PRP" and noun.lower_ not in _THINGS


def after_a_closing_mark(token: Token) -> bool:
    """Return whether a token follows a closing quotation mark, past a comma: '"...," read'.

    A closing mark is set right after the quotation's last word or mark, with no space
    before it. After one, a verb of saying and its subject frame the quotation, in either
    order ('"...," she said', '"...," read the email'; The Chicago Manual of Style, 17th
    ed., 13.14).
    """
    doc = token.doc
    i = token.i - 1
    while i >= 0 and doc[i].text == ",":
        i -= 1
    return i > 0 and doc[i].is_quote and not doc[i - 1].whitespace_ and (
        doc[i - 1].is_punct or doc[i - 1].is_alpha)


def _reflexive(clause: Token) -> bool:
    """Return whether a clause's subject is a reflexive pronoun ("found itself the victim")."""
    return any(c.dep_ == "nsubj" and c.lower_.endswith(("self", "selves"))
               for c in clause.children)


def one_reading(hedges: list[Hit], boosters: list[Hit]) -> tuple[list[Hit], list[Hit]]:
    """Return hedges and boosters with no booster read inside a hedge.

    "Almost certainly" is a hedge, and "certainly" inside it no booster (as overlaps are
    resolved within a category, longest first). A hedge inside a longer booster stays:
    dropping it cost the weasel F1 (0.6343 to 0.6340), and a hedged word in a boosted
    phrase ("most likely the biggest") still hedges.
    """
    def inside(a: Hit, b: Hit) -> bool:
        return (b.span.start <= a.span.start and a.span.end <= b.span.end
                and len(b.span) > len(a.span))

    return hedges, [b for b in boosters if not any(inside(b, h) for h in hedges)]


def a_right_supported(span: Span) -> bool:
    """Return whether "pro-X" is followed by "rights": "pro-abortion rights", "pro-gun rights".

    The label "pro-abortion" is a campaign's (AP Stylebook, "abortion": use
    "abortion-rights"); "pro-abortion rights" says the same as "abortion-rights", for
    the right, and news copy uses it plainly.
    """
    doc = span.doc
    return span.text.lower().startswith("pro-") and span.end < len(doc) and (
        doc[span.end].lower_ in {"rights", "right"})


def _holds_a_view(word: Token) -> bool:
    """Return whether a predicate adjective takes content: "convinced that", not "poor"."""
    return word.dep_ == "acomp" and any(
        child.dep_ in {"ccomp", "xcomp", "prep"} for child in word.children)


def context_rules(hits: list[Hit]) -> list[Hit]:
    """Return the hits that survive the context rules of their category and sense.

    The rules run before overlaps are resolved (:func:`service.lexicon.match.resolve_overlaps`), so
    a hit dropped here leaves its words to a shorter reading of them.
    """
    reporting = {h.span.root.i for h in hits if h.entry.category == ATTRIBUTION.name
                 and h.entry.type in _REPORTING_VERBS}
    sources = {t.i for h in hits if h.entry.type in _SOURCE_TYPES for t in h.span
               if t.pos_ in {"NOUN", "PROPN", "PRON"}}
    return [hit for hit in hits if keeps(hit, reporting, sources)]


def keeps(hit: Hit, reporting: Set[int], sources: Set[int]) -> bool:
    """Return whether a hit survives the context rules of its category and sense.

    ``reporting`` holds the token indices of the document's reporting verbs, ``sources``
    those of the nouns that source lexicon entries found ("officials", "some analysts").
    """
    entry = hit.entry
    if is_surname(hit.span):
        return False  # a name, not a word about its bearer; "Crooked Hillary" starts one
    if a_right_supported(hit.span):
        return False  # "he is pro-abortion rights": for the right, the AP's own sense
    if entry.sense == "saying" and takes_a_thing(hit.span.root):
        return False
    if entry.sense == "source" and not is_a_source(hit.span, reporting):
        return False
    if entry.type == "vague_source" and any(_thing_sense(t) for t in hit.span):
        return False  # "a few protesters held up a sign": a crowd, no view
    if entry.type == "vague_source" and len(hit.span) > 1 and hit.span[-1].pos_ == "VERB" and (
            not _governs(hit.span[-1], hit.span[:-1])):
        return False  # "to oust several officials, said the graduates": another's verb
    subject = _subject(hit.span.root)
    if entry.id == FOUND and subject is not None and subject.tag_ not in {"WDT", "WP"} and (
            not credits_a_finding(hit.span.root, subject, is_speaker(subject, sources))):
        # "she showed that the plan worked", "a video shows": no finding ("polls that
        # show ...": the relative's noun is the source, judged with it in attribution.py)
        return False
    if entry.sense == "evidence" and entry.category != ATTRIBUTION.name and (
            speaking := _subject(hit.span.root, shared=True)) is not None and is_speaker(
            speaking, sources):
        return False  # "officials indicated that" reports speech, not an inference
    if entry.sense == "evidence" and any(child.dep_ == "ccomp" and _reflexive(child)
                                         for child in hit.span.root.children):
        return False  # "the agency found itself the victim of a hack": where it ended up
    if entry.sense == "speech" and subject is not None and subject.lower_ in _THINGS:
        return False  # "it indicates that": "it" is the evidence, not a speaker
    if entry.category == ATTRIBUTION.name and hit.span.root.lemma_ == "signal" and (
            subject is None or not is_speaker(subject, sources)):
        return False  # "the move signals a shift": a sign of it (Merriam-Webster, "signal" 1)
    if hit.span.root.lemma_ == "hail" and any(c.dep_ == "prep" and c.lower_ == "from"
                                              for c in hit.span.root.children):
        return False  # "she hails from Ohio": where she comes from (Merriam-Webster, "hail")
    if entry.sense == "target" and not aims_at_an_object(hit.span.root):
        return False  # "a gust blasted through the valley": no one speaks
    if entry.sense == "frame" and any(child.dep_ in {"xcomp", "dobj", "oprd"}
                                      for child in hit.span.root.children) and not (
            after_a_closing_mark(hit.span.root)):
        return False  # "prices continued to rise", "interrupted the speech": no frame
    if entry.id == INTENSIFIERS and hit.span.text.lower() == "fully" and (
            hit.span.end < len(hit.span.doc)) and (
            hit.span.doc[hit.span.end].lemma_.lower() in _COMPLETED):
        return False  # "fully automatic weapons", "to fully fund the agencies": a measure
    if entry.id == INTENSIFIERS and hit.span.text.lower() == "highly" and (
            hit.span.end < len(hit.span.doc)) and (
            hit.span.doc[hit.span.end].lower_ in _GRADED_TERMS):
        return False  # "highly classified", "highly enriched uranium": a grade, no emphasis
    if entry.category == BOOSTER.name and entry.type == "certainty" and supposed(hit.span):
        return False  # "if I know they're irresponsible": a condition, no certainty claimed
    if entry.category != HEDGE.name:
        return True
    if entry.type in SOURCE_HIDING:
        return not names_its_source(hit.span) and not (
            entry.type == "attribution_shield" and alleged_by_someone(hit.span)) and not (
            _active_it(hit.span) or _finds_itself(hit.span))
    if entry.type == "epistemic_modal" and asks_or_compares(hit.span):
        return False
    if entry.type == "speculative":
        return not is_comparative(hit.span)
    if entry.type == "approximator":
        return not is_graded(hit.span)
    return True

