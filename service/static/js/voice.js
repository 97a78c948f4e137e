// Whose words a sentence or a finding is, and which sentences count as the writer's opinion.

/** What a sentence's layout role is called; every role but "body" is structure. */
export const ROLE_LABELS = {
  body: "Body", heading: "Heading", byline: "Byline", dateline: "Dateline", caption: "Caption",
  reference: "Reference", teaser: "Teaser",
};

/** What a voice is called in a tooltip line ("Quoted: …"). */
export const VOICE_LABELS = { writer: "The writer's own words", quoted: "Quoted", reported: "Reported" };

export const NOT_NAMED = "speaker not named";

/** Return whether a sentence is running text (not a heading, byline, dateline, reference, teaser). */
export function isBody(sentence) {
  return sentence.role === "body";
}

/** Return whether a sentence counts as the writer's opinion: writer's body text labelled opinion. */
export function countsAsOpinion(sentence) {
  return sentence.label === "opinion" && sentence.voice === "writer" && isBody(sentence);
}

/** Name the source of attribution `index`: its source's words, or "speaker not named". */
export function speakerName(result, index) {
  const attribution = index === null || index === undefined ? null : result.attributions[index];
  return attribution && attribution.source ? attribution.source.text : NOT_NAMED;
}

/**
 * Return the index of the attribution a finding's words are credited to: the speaker of the
 * quotation holding it, else its own attribution, else its sentence's (same voice only).
 */
export function findingSpeaker(result, finding) {
  if (finding.voice === "quoted") {
    const quote = result.quotes.find((q) => q.start <= finding.start && finding.end <= q.end);
    if (quote && quote.speaker !== null) return quote.speaker;
  }
  if (finding.attribution_index !== null && finding.attribution_index !== undefined) {
    return finding.attribution_index;
  }
  const sentence = result.sentences[finding.sentence_index];
  return sentence && sentence.voice === finding.voice ? sentence.attribution_index : null;
}

/** The line a tooltip shows for words in `voice` ("Quoted: the mayor"), or null for the writer's. */
export function voiceLine(voice, who) {
  return voice === "quoted" || voice === "reported" ? `${VOICE_LABELS[voice]}: ${who}` : null;
}

/** The line a tooltip shows for a structure sentence ("Heading: not counted …"). */
export function roleLine(role) {
  return `${ROLE_LABELS[role] || role}: not counted in the opinion share`;
}

/**
 * Count what the page shows: the writer's opinion sentences and the body sentences by voice
 * (as summary.voices counts them), and the structure sentences.
 */
export function voiceCounts(result) {
  const body = result.sentences.filter(isBody);
  const by = (voice) => body.filter((s) => s.voice === voice).length;
  return {
    opinion: body.filter(countsAsOpinion).length,
    body: body.length,
    writer: by("writer"),
    quoted: by("quoted"),
    reported: by("reported"),
    structure: result.sentences.length - body.length,
  };
}
