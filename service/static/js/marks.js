// Turn an analysis into inline marks over the text, nesting overlaps and splitting crossings.

import { hedgeKind } from "./kinds.js";
import { findingSpeaker, speakerName } from "./voice.js";

// Outer before inner when two marks cover the same characters.
const RANK = {
  sentence: 0, content: 1, quote: 2, source: 3, attribution: 4, loaded: 5, hedge: 6, approx: 6,
  booster: 7, mention: 8,
};

/**
 * Collect every span of the analysis as a mark: `{id, kind, start, end, text, data}`.
 * Sentences are included with kind "sentence" (the outermost level), entity mentions with
 * kind "mention" and the words credited to each source with kind "content" (both shown only
 * on request). Sentences, quotations and findings carry `who`: the name of their speaker.
 */
export function collectMarks(result) {
  const marks = [];
  const add = (kind, item, data = item) => {
    if (item.end > item.start) {
      marks.push({ id: `${kind}-${marks.length}`, kind, start: item.start, end: item.end,
        text: item.text, data });
    }
  };
  for (const s of result.sentences) {
    add("sentence", s, { ...s, who: speakerName(result, s.attribution_index) });
  }
  for (const q of result.quotes) add("quote", q, { ...q, who: speakerName(result, q.speaker) });
  // One source mark per source span: several cues may credit the same words ("Trump said …
  // and added …"), and one mark each would stack a box and a tag per cue on one name.
  const sources = new Map();
  result.attributions.forEach((a, index) => {
    add("attribution", a, { ...a, index });
    if (a.source) {
      const key = `${a.source.start}:${a.source.end}`;
      const seen = sources.get(key);
      if (seen) {
        seen.cues.push(a);
        seen.indexes.push(index);
      } else {
        const data = { ...a.source, cue: a, cues: [a], index, indexes: [index] };
        sources.set(key, data);
        add("source", a.source, data);
      }
    }
    if (a.content) add("content", a.content, { ...a.content, attribution: index });
  });
  // A finding in someone else's words carries the name of who said them, for its tooltip.
  const withSpeaker = (f) => ({ ...f, who: speakerName(result, findingSpeaker(result, f)) });
  for (const t of result.loaded_language) add("loaded", t, withSpeaker(t));
  for (const h of result.hedges) add(hedgeKind(h), h, withSpeaker(h));
  for (const b of result.boosters) add("booster", b, withSpeaker(b));
  result.sentiment.entities.forEach((entity, index) => {
    for (const m of entity.mentions) add("mention", m, { ...m, entity: index });
  });
  return marks;
}

/** Order marks so that a containing mark always comes before what it contains. */
export function compareMarks(a, b) {
  const sa = a.kind === "sentence" ? 0 : 1;
  const sb = b.kind === "sentence" ? 0 : 1;
  return sa - sb || a.start - b.start || b.end - a.end || RANK[a.kind] - RANK[b.kind];
}

/**
 * Cut the text at every mark boundary and list, for each piece, the marks covering it
 * (outermost first). Marks that cross are thereby split into pieces that nest.
 */
export function segment(text, marks) {
  const cuts = new Set([0, text.length]);
  for (const m of marks) {
    cuts.add(Math.max(0, Math.min(text.length, m.start)));
    cuts.add(Math.max(0, Math.min(text.length, m.end)));
  }
  const points = [...cuts].sort((x, y) => x - y);
  const byStart = [...marks].sort((x, y) => x.start - y.start);
  const segments = [];
  let next = 0;
  let active = [];
  for (let i = 0; i < points.length - 1; i += 1) {
    const start = points[i];
    const end = points[i + 1];
    active = active.filter((m) => m.end > start);
    while (next < byStart.length && byStart[next].start <= start) {
      if (byStart[next].end > start) active.push(byStart[next]);
      next += 1;
    }
    segments.push({ start, end, marks: [...active].sort(compareMarks) });
  }
  return segments;
}

/**
 * Build the marked-up article as DOM: nested elements per mark, one text node per segment.
 * `make(mark, piece)` returns the element for a mark's `piece`-th fragment (0 for the first).
 */
export function renderMarks(text, marks, make) {
  const root = document.createDocumentFragment();
  const stack = []; // [{mark, el}]
  const pieces = new Map();
  for (const seg of segment(text, marks)) {
    let keep = 0;
    while (keep < stack.length && keep < seg.marks.length && stack[keep].mark === seg.marks[keep]) {
      keep += 1;
    }
    stack.length = keep;
    for (let j = keep; j < seg.marks.length; j += 1) {
      const mark = seg.marks[j];
      const piece = pieces.get(mark.id) || 0;
      pieces.set(mark.id, piece + 1);
      const el = make(mark, piece);
      (j === 0 ? root : stack[j - 1].el).appendChild(el);
      stack.push({ mark, el });
    }
    const parent = stack.length ? stack[stack.length - 1].el : root;
    appendText(parent, text.slice(seg.start, seg.end));
  }
  return root;
}

/**
 * Append `chunk` as text; after each line break add an empty spacer that opens a paragraph gap.
 * The spacer holds no text, so the article's textContent stays exactly the analysed text.
 */
function appendText(parent, chunk) {
  const lines = chunk.split("\n");
  lines.forEach((line, i) => {
    if (i > 0) {
      parent.appendChild(document.createTextNode("\n"));
      const gap = document.createElement("span");
      gap.className = "para-gap";
      gap.setAttribute("aria-hidden", "true");
      parent.appendChild(gap);
    }
    if (line) parent.appendChild(document.createTextNode(line));
  });
}

/** Return the marks whose `text` is not the slice of `text` at their offsets. */
export function mismatches(text, marks) {
  return marks.filter((m) => text.slice(m.start, m.end) !== m.text);
}
