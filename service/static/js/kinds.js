// What each kind of mark is called and how it is described; the styles live in app.css.

/** The kinds of inline marks, in legend order. `key` is the CSS suffix (`m-<key>`). */
export const KINDS = [
  { key: "loaded", label: "Loaded language", plural: "loaded terms",
    help: "Words chosen to make the reader feel rather than know." },
  { key: "hedge", label: "Hedge", plural: "hedges",
    help: "Softens or shields a claim: may, reportedly, some outlets." },
  { key: "approx", label: "Approximate figure", plural: "approximate figures", hidden: true,
    help: "A figure given as an estimate or a bound: about 400, at least 84, up to 30 grams. "
      + "It states a range, not doubt about a claim: not counted as a hedge. Off until shown." },
  { key: "booster", label: "Booster", plural: "boosters",
    help: "Hardens a claim: undoubtedly, hands down." },
  { key: "attribution", label: "Attribution", plural: "attributions",
    help: "A reporting cue: “said” is dotted, a loaded one (“claimed”, “admitted”) boxed." },
  { key: "source", label: "Source", plural: "sources",
    help: "Who a claim is attributed to; a source not named is tagged unnamed, vague or pronoun." },
  { key: "quote", label: "Quotation", plural: "quotations",
    help: "Direct speech: the speaker's words, not the writer's." },
];

/** Sentence-level marking, toggled from the legend like a kind. */
export const OPINION = { key: "opinion", label: "Opinion sentence", plural: "opinion sentences",
  help: "The writer's own opinion: tinted by its opinion score and marked ◆ at its start. "
    + "Quoted, reported and structure sentences are never counted." };

/** Whose words a sentence is, and the layout around the text; toggled like the rest. */
export const SENTENCE_KINDS = [
  OPINION,
  { key: "quoted", label: "Quoted sentence", plural: "quoted sentences",
    help: "Mostly a direct quotation: the speaker's words, not the writer's. Marked ❝." },
  { key: "reported", label: "Reported sentence", plural: "reported sentences",
    help: "Mostly what a source is reported to have said: the source's words. Marked ≈." },
  { key: "structure", label: "Structure", plural: "structure lines",
    help: "Headings, bylines, datelines, references, teasers: greyed, not counted." },
];

export const KIND_BY_KEY = Object.fromEntries(KINDS.map((k) => [k.key, k]));

/**
 * The mark kind of a hedge: a quantity approximator ("about $3,000") is its own kind, out
 * of the hedges (the API's hedge rate leaves it out too).
 */
export function hedgeKind(hedge) {
  return hedge.type === "approximator" ? "approx" : "hedge";
}

/** Turn an API identifier such as `attribution_shield` into words. */
export function humanize(id) {
  return String(id || "").replaceAll("_", " ");
}

/** spaCy entity labels, in words an editor uses. */
export const ENTITY_LABELS = {
  PERSON: "Person", ORG: "Organisation", GPE: "Country, city or state",
  NORP: "Group (nationality, religion, politics)", LOC: "Place", FAC: "Building or facility",
};

export const SOURCE_KINDS = {
  named: "named", unnamed: "unnamed (a role)", vague: "vague", pronoun: "pronoun", other: "other",
};
