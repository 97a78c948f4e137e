// The summary tiles, the entity framing table and the sentence details panel.

import { ENTITY_LABELS, hedgeKind, humanize } from "./kinds.js";
import {
  clip, duration, easeWords, gradeWords, h, num, percent, sentimentWord, signed, toneWords,
} from "./format.js";
import { ROLE_LABELS, countsAsOpinion, isBody, roleLine, voiceCounts, voiceLine } from "./voice.js";

/** A meter: a filled bar of `share` (0..1), with an accessible label. */
function meter(share, label, cls = "") {
  const bar = h("span", { class: "meter-fill" });
  bar.style.setProperty("--share", Math.max(0, Math.min(1, share)).toFixed(3));
  return h("span", { class: `meter ${cls}`, role: "img", "aria-label": label }, bar);
}

/** A diverging scale from −1 to +1 with a marker at `value`. */
function scale(value, label) {
  const dot = h("span", { class: "scale-dot" });
  dot.style.setProperty("--pos", ((value + 1) / 2).toFixed(3));
  return h("span", { class: "scale", role: "img", "aria-label": label },
    h("span", { class: "scale-mid" }), dot);
}

function tile({ label, value, unit, sub, extra, note, cls = "", swatch = null, testid }) {
  return h("div", { class: `tile ${cls}`, dataset: { tile: testid } },
    h("p", { class: "tile-label" },
      swatch ? h("span", { class: `swatch-dot m-${swatch}`, "aria-hidden": "true" }, "Aa") : null,
      label),
    h("p", { class: "tile-value" }, value, unit ? " " : null,
      unit ? h("span", { class: "tile-unit" }, unit) : null),
    extra || null,
    sub ? h("p", { class: "tile-sub" }, sub) : null,
    note ? h("p", { class: "tile-note" }, note) : null);
}

/** Upper-case the first letter. */
function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The sources not named, in words: "2 by role only (“a spokesman”) · 1 vague (“critics”)". */
function sourceWords(sources) {
  const parts = [
    [sources.unnamed, "by role only (“a spokesman”)"],
    [sources.vague, "vague (“critics”, “some experts”)"],
    [sources.pronoun, "only as he, she or they"],
    [sources.other, "something other than a person or body"],
  ].filter(([n]) => n > 0).map(([n, words]) => `${n} ${words}`);
  return parts.length ? `Not named: ${parts.join(" · ")}` : "Every source found is named.";
}

// The genres in plain words.
const GENRE_WORDS = { opinion: "Opinion piece", reporting: "News report", mixed: "Mixed" };

/** A bar split into the body sentences in each voice. */
function voicesBar(voices) {
  const total = voices.writer + voices.quoted + voices.reported;
  const parts = ["writer", "quoted", "reported"].map((voice) => {
    const part = h("span", { class: `voices-part voices-${voice}` });
    part.style.setProperty("--share", (total ? voices[voice] / total : 0).toFixed(3));
    return part;
  });
  return h("span", { class: "voices-bar", role: "img", "aria-label":
    `Body sentences by voice: ${voices.writer} writer, ${voices.quoted} quoted, `
    + `${voices.reported} reported` }, parts);
}

/** Build the "At a glance" tiles from an analysis. */
/** The hedges the rate counts, and the approximate figures it leaves out, in words. */
function hedgeCount(result) {
  const n = result.hedges.filter((x) => hedgeKind(x) === "hedge").length;
  const approx = result.hedges.length - n;
  return `${n} ${n === 1 ? "hedge" : "hedges"}`
    + (approx ? ` · ${approx} approximate ${approx === 1 ? "figure" : "figures"} not counted` : "");
}

export function renderSummary(container, result) {
  const s = result.summary;
  const r = result.readability;
  const doc = result.sentiment.document;
  const counts = voiceCounts(result);
  const notNamed = s.sources.unnamed + s.sources.vague + s.sources.pronoun + s.sources.other;
  const grade = Math.round(s.reading_grade);
  const genreWord = GENRE_WORDS[s.genre] || humanize(s.genre);
  container.replaceChildren(
    tile({ testid: "genre", cls: `tile-genre genre-${s.genre}`, label: "Genre",
      value: genreWord, unit: `(${percent(s.genre_score)} likely an opinion piece)`,
      extra: [
        meter(s.opinion_share, `Opinion share ${percent(s.opinion_share)}`, "meter-opinion"),
        h("p", { class: "tile-sub" }, `${percent(s.opinion_share)} opinion · `
          + `${counts.opinion} of ${counts.body} body sentences are the writer's opinion`),
        voicesBar(s.voices),
        h("p", { class: "tile-sub tile-voices" },
          h("span", { class: "key key-writer", "aria-hidden": "true" }), `${s.voices.writer} writer · `,
          h("span", { class: "key key-quoted", "aria-hidden": "true" }), `${s.voices.quoted} quoted · `,
          h("span", { class: "key key-reported", "aria-hidden": "true" }),
          `${s.voices.reported} reported sentences`),
      ],
      note: "The score is the chance of an opinion piece, read from the writer's own voice. "
        + "The writer's opinion sentences are tinted and marked ◆; quoted (❝) and reported (≈) "
        + "sentences are the sources' words and count for nothing." }),
    tile({ testid: "loaded", label: "Loaded language", swatch: "loaded",
      value: num(s.loaded_per_1000_words), unit: "per 1,000 words",
      sub: `${result.loaded_language.length} ${result.loaded_language.length === 1 ? "term" : "terms"}` }),
    tile({ testid: "hedges", label: "Hedges", swatch: "hedge",
      value: num(s.hedges_per_1000_words), unit: "per 1,000 words",
      sub: hedgeCount(result) }),
    tile({ testid: "boosters", label: "Boosters", swatch: "booster",
      value: num(s.boosters_per_1000_words), unit: "per 1,000 words",
      sub: `${result.boosters.length} ${result.boosters.length === 1 ? "booster" : "boosters"}` }),
    tile({ testid: "sources", label: "Sources", swatch: "source",
      value: `${s.sources.named} named`, unit: `· ${notNamed} not named`,
      sub: sourceWords(s.sources) }),
    tile({ testid: "readability", label: "Readability",
      value: `Readable at US grade ${grade}`, unit: `(${gradeWords(grade)})`,
      sub: `Reading ease ${num(r.flesch_reading_ease)} of 100: ${easeWords(r.flesch_reading_ease)} · `
        + `${duration(r.reading_time_seconds)} to read · ${num(s.words)} words` }),
    tile({ testid: "sentiment", label: "Tone",
      value: capitalise(toneWords(s.sentiment_compound)),
      unit: `(${signed(s.sentiment_compound)} from −1 to +1)`,
      extra: scale(s.sentiment_compound, `Tone ${toneWords(s.sentiment_compound)}: `
        + `${signed(s.sentiment_compound)} on a scale from −1, most negative, to +1, most positive`),
      sub: `Of its words, ${percent(doc.pos)} read as positive, ${percent(doc.neg)} as negative `
        + `and ${percent(doc.neu)} as neutral` }),
  );
}

// Actors listed before "Show all" is pressed.
const FIRST_ACTORS = 8;

/** Build the entity framing table; `onShow(index|null)` outlines an actor's mentions. */
export function renderEntities(container, result, onShow) {
  const entities = result.sentiment.entities;
  if (!entities.length) {
    container.replaceChildren(h("p", { class: "help" }, "No named actors were found."));
    return;
  }
  const buttons = [];
  const rows = entities.map((e, index) => {
    const button = h("button", { class: "button small", type: "button", "aria-pressed": "false",
      "aria-label": `Show the mentions of ${e.name} in the article` }, "Show");
    button.addEventListener("click", () => {
      const on = button.getAttribute("aria-pressed") !== "true";
      for (const b of buttons) {
        b.setAttribute("aria-pressed", "false");
        b.textContent = "Show";
      }
      button.setAttribute("aria-pressed", String(on));
      button.textContent = on ? "Hide" : "Show";
      onShow(on ? index : null);
    });
    buttons.push(button);
    const word = sentimentWord(e.sentiment_mean);
    return h("tr", { dataset: { entity: e.name }, class: index >= FIRST_ACTORS ? "is-extra" : null },
      h("th", { scope: "row" }, e.name),
      h("td", {}, ENTITY_LABELS[e.label] || e.label),
      h("td", { class: "num" }, String(e.mention_count)),
      h("td", { class: `sentiment sentiment-${word}` },
        scale(e.sentiment_mean, `${signed(e.sentiment_mean)}, ${word}`),
        h("span", { class: "sentiment-value" }, `${signed(e.sentiment_mean)} ${word}`)),
      h("td", { class: "terms" }, e.loaded_terms.length
        ? e.loaded_terms.map((t) => h("span", { class: "term m-loaded" }, t))
        : h("span", { class: "none" }, "none")),
      h("td", {}, button));
  });
  const table = h("table", { class: "entities" },
    h("caption", { class: "visually-hidden" }, "Entity framing"),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, "Actor"),
      h("th", { scope: "col" }, "Type"),
      h("th", { scope: "col", class: "num" }, "Mentions"),
      h("th", { scope: "col" }, "Tone of the sentences naming it"),
      h("th", { scope: "col" }, "Loaded terms nearby"),
      h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "In the text")))),
    h("tbody", {}, rows));
  let more = null;
  if (entities.length > FIRST_ACTORS) {
    more = h("button", { class: "button small more", type: "button", "aria-expanded": "false" },
      `Show all ${entities.length} actors`);
    more.addEventListener("click", () => {
      const all = table.classList.toggle("show-all");
      more.setAttribute("aria-expanded", String(all));
      more.textContent = all ? `Show the first ${FIRST_ACTORS}` : `Show all ${entities.length} actors`;
    });
  }
  container.replaceChildren(table, more || "");
}

/** Say whose words a sentence is, and whether it counts towards the writer's opinion. */
function voiceNote(sentence, who) {
  if (!isBody(sentence)) {
    return h("p", { class: "voice-note is-structure", dataset: { role: sentence.role } },
      roleLine(sentence.role));
  }
  if (sentence.voice === "writer") {
    return h("p", { class: "voice-note", dataset: { voice: "writer" } },
      "The writer's own words", countsAsOpinion(sentence) ? ": counted as the writer's opinion" : "");
  }
  return h("p", { class: `voice-note voice-${sentence.voice}`, dataset: { voice: sentence.voice } },
    voiceLine(sentence.voice, who),
    h("span", { class: "voice-why" }, " · the source's words, not counted as the writer's opinion"));
}

/** Fill the sentence panel with one sentence's label, score, reasons and sentiment. */
/**
 * The words that moved the encoder's reading, fetched when the editor asks (one encoder
 * call per word on the server): "notoriously +0.52 · sign −0.36 ...".
 */
function encoderWords(sentence, explain) {
  const out = h("div", { class: "encoder-words", "aria-live": "polite" });
  const ask = h("button", { class: "button small", type: "button" }, "Which words?");
  ask.addEventListener("click", async () => {
    ask.disabled = true;
    out.replaceChildren(h("p", { class: "help" }, "Reading the sentence word by word…"));
    try {
      const result = await explain(sentence.text);
      const words = result.words.filter((w) => Math.abs(w.contribution) >= 0.01);
      out.replaceChildren(words.length
        ? h("p", { class: "help" }, "Leaving each word out in turn, these moved it most: ",
          ...words.flatMap((w, i) => [i ? " · " : "",
            h("span", { class: w.contribution >= 0 ? "word-op" : "word-rep" },
              `${w.text} ${signed(w.contribution)}`)]))
        : h("p", { class: "help" }, "No single word moves it much: it reads the sentence as a whole."));
    } catch (err) {
      out.replaceChildren(h("p", { class: "help" }, `Could not explain it: ${err.message}`));
      ask.disabled = false;
    }
  });
  return [ask, out];
}

export function renderSentence(container, sentence, total,
  { onStep, who = "", note = null, explain = null }) {
  const reasons = [...sentence.reasons].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  const maxWeight = Math.max(0.5, ...reasons.map((r) => Math.abs(r.weight)));
  const counted = countsAsOpinion(sentence);
  let label = sentence.label === "opinion" ? "Opinion" : "Reporting";
  if (!isBody(sentence)) label = ROLE_LABELS[sentence.role] || humanize(sentence.role);
  else if (sentence.label === "opinion" && !counted) label = "Opinion, not the writer's";
  // The ◆ pill is for the writer's own opinion only.
  const pill = counted || sentence.label !== "opinion" ? sentence.label : "other";
  const prev = h("button", { class: "button small", type: "button",
    disabled: sentence.index === 0 }, "← Previous");
  const next = h("button", { class: "button small", type: "button",
    disabled: sentence.index >= total - 1 }, "Next →");
  prev.addEventListener("click", () => onStep(-1));
  next.addEventListener("click", () => onStep(1));
  const whole = (r) => r.start <= sentence.start && r.end >= sentence.end;
  const text = clip(sentence.text, 320);
  container.replaceChildren(
    ...(note ? [h("p", { class: "help panel-note" }, note)] : []),
    h("div", { class: "sentence-head" },
      h("span", { class: "sentence-no" }, `Sentence ${sentence.index + 1} of ${total}`),
      h("span", { class: `pill pill-${isBody(sentence) ? pill : "structure"}`,
        dataset: { label: sentence.label } }, label)),
    voiceNote(sentence, who),
    h("div", { class: "score-row" },
      h("span", { class: "score-label" }, "Opinion score"),
      meter(sentence.opinion_score, `Opinion score ${sentence.opinion_score.toFixed(2)} of 1`,
        "meter-opinion"),
      h("span", { class: "score-value" }, sentence.opinion_score.toFixed(2))),
    h("blockquote", { class: "sentence-text" }, text),
    h("h4", { class: "reasons-title" }, "Why: what the sentence does, and how much it weighs"),
    reasons.length
      ? h("table", { class: "reasons" },
        h("caption", { class: "visually-hidden" },
          "What the sentence does: positive weights push towards opinion, negative towards reporting"),
        h("thead", {}, h("tr", {},
          h("th", { scope: "col" }, "What it does"),
          h("th", { scope: "col" }, "Words"),
          h("th", { scope: "col", class: "num" }, "Weight"))),
        h("tbody", {}, reasons.map((r) => {
          const bar = h("span", { class: `wbar ${r.weight >= 0 ? "wbar-op" : "wbar-rep"}` });
          bar.style.setProperty("--w", (Math.abs(r.weight) / maxWeight).toFixed(3));
          return h("tr", { dataset: { cue: r.cue } },
            h("td", { class: "reason-what" }, r.description || humanize(r.cue)),
            whole(r)
              ? h("td", { class: "reason-text is-whole" }, "the whole sentence",
                ...(r.cue === "encoder" && explain ? encoderWords(sentence, explain) : []))
              : h("td", { class: "reason-text" }, clip(r.text, 60)),
            h("td", { class: "num weight" },
              h("span", { class: "wcell" }, bar),
              h("span", { class: "wnum" }, signed(r.weight))));
        })))
      : h("p", { class: "help" }, "Nothing in it leans either way: the score is the model's starting point."),
    h("p", { class: "help legend-note" },
      h("span", { class: "key key-op", "aria-hidden": "true" }), "+ pushes towards opinion  ",
      h("span", { class: "key key-rep", "aria-hidden": "true" }), "− towards reporting"),
    h("p", { class: "sentence-sentiment" },
      `Tone: ${toneWords(sentence.sentiment.compound)} (${signed(sentence.sentiment.compound)} from −1 to +1)`),
    h("div", { class: "stepper" }, prev, next),
  );
}
