// What each kind of mark is called and how it is described; the styles live in app.css.

/** The kinds of inline marks, in legend order. `key` is the CSS suffix (`m-<key>`). */
export const KINDS = [
  { key: "loaded", label: "Loaded language", plural: "loaded terms",
    help: "Words chosen to make the reader feel rather than know." },
  { key: "hedge", label: "Hedge", plural: "hedges",
    help: "Softens or shields a claim: may, reportedly, some outlets." },
  { key: "booster", label: "Booster", plural: "boosters",
    help: "Hardens a claim: undoubtedly, hands down." },
  { key: "attribution", label: "Attribution", plural: "attributions",
    help: "A reporting cue: said, claimed, according to." },
  { key: "source", label: "Source", plural: "sources",
    help: "Who a claim is attributed to, tagged named, unnamed or vague." },
  { key: "quote", label: "Quotation", plural: "quotations",
    help: "Direct speech: the speaker's words, not the writer's." },
];

/** Sentence-level marking, toggled from the legend like a kind. */
export const OPINION = { key: "opinion", label: "Opinion sentence", plural: "opinion sentences",
  help: "Tinted by its opinion score and marked ◆ at its start." };

export const KIND_BY_KEY = Object.fromEntries(KINDS.map((k) => [k.key, k]));

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
