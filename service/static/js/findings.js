// Every finding of an analysis as one list in text order: its filters, the panel and exports.

import { KIND_BY_KEY, hedgeKind, humanize } from "./kinds.js";
import { NOT_NAMED, VOICE_LABELS, findingSpeaker, speakerName } from "./voice.js";
import { clip, h } from "./format.js";

/** The kinds a finding can be, in the order the filters list them. */
export const FINDING_KINDS = ["loaded", "hedge", "approx", "booster", "attribution", "quote"];

/** What a voice is called in the filter and the list. */
export const VOICE_WORDS = { writer: "Writer", quoted: "Quoted", reported: "Reported" };

/** Return the start offset of every paragraph (every non-empty line) of `text`. */
export function paragraphStarts(text) {
  const starts = [];
  let at = 0;
  for (const line of text.split("\n")) {
    if (line.trim()) starts.push(at);
    at += line.length + 1;
  }
  return starts.length ? starts : [0];
}

/** Return the 0-based paragraph holding offset `pos`, given `paragraphStarts`. */
export function paragraphOf(starts, pos) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * List every finding in text order as `{kind, category, voice, who, text, start, end,
 * paragraph, sentence, note, entry_id, source}`. Loaded terms, hedges and boosters carry the
 * voice the API gives them; a quotation is in the quoted voice; an attribution (the reporting
 * cue) is the writer's framing unless it stands inside a quotation.
 */
export function collectFindings(text, result) {
  const starts = paragraphStarts(text);
  const inQuote = (item) => result.quotes.some((q) => q.start <= item.start && item.end <= q.end);
  const out = [];
  const add = (kind, item, fields) => {
    out.push({
      kind, start: item.start, end: item.end, text: item.text,
      paragraph: paragraphOf(starts, item.start), sentence: item.sentence_index,
      note: item.note || "", entry_id: item.entry_id || "",
      source: typeof item.source === "string" ? item.source : "",
      alternatives: item.alternatives || [],
      ...fields,
    });
  };
  const whoOf = (f) => (f.voice === "writer" ? "" : speakerName(result, findingSpeaker(result, f)));
  for (const t of result.loaded_language) {
    add("loaded", t, { category: t.category, voice: t.voice, who: whoOf(t), term: t.term.text });
  }
  for (const x of result.hedges) {
    add(hedgeKind(x), x, { category: x.type, voice: x.voice, who: whoOf(x) });
  }
  for (const x of result.boosters) {
    add("booster", x, { category: x.type, voice: x.voice, who: whoOf(x) });
  }
  result.attributions.forEach((a) => {
    add("attribution", a, { category: a.type, voice: inQuote(a) ? "quoted" : "writer",
      who: a.source ? a.source.text : NOT_NAMED });
  });
  for (const q of result.quotes) {
    add("quote", q, { category: q.speaker === null ? "speaker_not_named" : "speaker_named",
      voice: "quoted", who: speakerName(result, q.speaker) });
  }
  const rank = Object.fromEntries(FINDING_KINDS.map((k, i) => [k, i]));
  out.sort((a, b) => a.start - b.start || b.end - a.end || rank[a.kind] - rank[b.kind]);
  out.forEach((f, i) => { f.index = i; });
  return out;
}

/** The filter value meaning "any". */
export const ANY = "";

/** Return whether finding `f` passes `filters` ({kind, category, voice}; ANY passes all). */
export function matches(f, filters) {
  return (filters.kind === ANY || f.kind === filters.kind)
    && (filters.category === ANY || `${f.kind}:${f.category}` === filters.category)
    && (filters.voice === ANY || f.voice === filters.voice);
}

/** A finding's words in quotation marks (a quotation brings its own). */
export function quoted(f) {
  return f.kind === "quote" ? f.text : `“${f.text}”`;
}

/** The label of a kind, for lists and exports. */
export function kindLabel(kind) {
  return kind === "quote" ? "Quotation" : KIND_BY_KEY[kind].label;
}

// The columns of the CSV and Markdown exports, and the keys of the JSON one.
const COLUMNS = [
  ["n", (f) => f.index + 1],
  ["kind", (f) => f.kind],
  ["category", (f) => f.category],
  ["voice", (f) => f.voice],
  ["who", (f) => f.who],
  ["text", (f) => f.text],
  ["paragraph", (f) => f.paragraph + 1],
  ["sentence", (f) => f.sentence + 1],
  ["start", (f) => f.start],
  ["end", (f) => f.end],
  ["why", (f) => f.note],
  ["entry_id", (f) => f.entry_id],
  ["lexicon_source", (f) => f.source],
  ["neutral_wording", (f) => f.alternatives.map((a) => a.text).join("; ")],
  ["style_guide", (f) => [...new Set(f.alternatives.map((a) => a.guide))].join("; ")],
];

/** Quote one CSV cell (RFC 4180); a cell a spreadsheet would run as a formula gets a `'`. */
function csvCell(value) {
  let text = String(value ?? "");
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The findings as CSV: a header row, then one row per finding, CRLF line ends. */
export function toCsv(findings) {
  const rows = [COLUMNS.map(([name]) => name)];
  for (const f of findings) rows.push(COLUMNS.map(([, get]) => get(f)));
  return `${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

/** The findings as JSON: `{count, findings: [{n, kind, …}]}`, offsets in UTF-16 code units. */
export function toJson(findings, meta = {}) {
  const items = findings.map((f) => Object.fromEntries(COLUMNS.map(([name, get]) => [name, get(f)])));
  return `${JSON.stringify({ ...meta, offset_encoding: "utf-16", count: items.length,
    findings: items }, null, 2)}\n`;
}

/** Escape a Markdown table cell: pipes, line breaks and backslashes. */
function mdCell(value) {
  return String(value ?? "").replaceAll("\\", "\\\\").replaceAll("|", "\\|")
    .replace(/\s*\n\s*/g, " ");
}

/** The findings as a Markdown table with a title line. */
export function toMarkdown(findings, title = "Findings") {
  const head = ["#", "Kind", "Category", "Voice", "Text", "¶", "Why", "Neutral wording"];
  const lines = [
    `## ${title} (${findings.length})`, "",
    `| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`,
  ];
  for (const f of findings) {
    const voice = f.voice === "writer" ? "writer" : `${f.voice}: ${f.who}`;
    lines.push(`| ${[f.index + 1, kindLabel(f.kind), humanize(f.category), voice,
      quoted(f), f.paragraph + 1, f.note, f.alternatives.map((a) => a.text).join(" · ")]
      .map(mdCell).join(" | ")} |`);
  }
  return `${lines.join("\n")}\n`;
}

/** One row of the findings list: a button that shows the finding in the article. */
export function findingItem(f) {
  return h("li", { class: "finding",
    dataset: { kind: f.kind, category: f.category, voice: f.voice, start: f.start } },
    h("button", { class: "finding-button", type: "button", tabindex: -1,
      dataset: { finding: f.index } },
    h("span", { class: "finding-head" },
      h("span", { class: `finding-kind swatch m-${f.kind}` }, kindLabel(f.kind)),
      h("span", { class: "finding-cat" }, humanize(f.category)),
      h("span", { class: "finding-para", title: `Paragraph ${f.paragraph + 1}` },
        `¶${f.paragraph + 1}`)),
    h("span", { class: "finding-text" }, quoted({ ...f, text: clip(f.text, 90) })),
    f.voice !== "writer"
      ? h("span", { class: `finding-voice voice-${f.voice}` }, `${VOICE_LABELS[f.voice]}: ${f.who}`)
      : null,
    f.kind === "attribution" && f.voice === "writer"
      ? h("span", { class: "finding-voice" }, `Source: ${f.who}`)
      : null,
    f.alternatives.length
      ? h("span", { class: "finding-alt", title: [...new Set(f.alternatives.map((a) => a.guide))].join("; ") },
        `Neutral: ${f.alternatives.map((a) => a.text).join(" · ")}`)
      : null));
}
