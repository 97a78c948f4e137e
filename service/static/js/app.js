// The editor page: paste or load an article, analyse it through the public API, show the marks.

import { ApiError, analyze, explainSentence, fetchSample } from "./api.js";
import { ArticleView } from "./article.js";
import { FindingsPanel } from "./findings-panel.js";
import { KINDS, SENTENCE_KINDS, hedgeKind } from "./kinds.js";
import { h, num } from "./format.js";
import { renderEntities, renderSentence, renderSummary } from "./summary.js";
import { countsAsOpinion, isBody, speakerName, voiceCounts } from "./voice.js";

const $ = (id) => document.getElementById(id);

const ui = {
  form: $("analyze-form"),
  text: $("article-text"),
  sample: $("sample-select"),
  analyze: $("analyze-button"),
  clear: $("clear-button"),
  status: $("status"),
  count: $("char-count"),
  error: $("error"),
  inputCard: $("input-card"),
  results: $("results"),
  tiles: $("summary-tiles"),
  legend: $("legend"),
  sentence: $("sentence-body"),
  entities: $("entities"),
  meta: $("meta"),
  stale: $("stale-note"),
  edit: $("edit-button"),
  keyBox: $("key-box"),
  apiKey: $("api-key"),
  panel: $("sentence-panel"),
  sheetToggle: $("sheet-toggle"),
};

// On a phone the sentence panel is a sheet along the bottom of the screen (app.css): the
// explanation is one tap away wherever the reader is in the article, never below it.
const phone = window.matchMedia("(max-width: 700px)");

/** Open or close the bottom sheet (on a wide screen the panel is always open). */
function setSheet(open) {
  ui.panel.classList.toggle("is-open", open);
  ui.sheetToggle.setAttribute("aria-expanded", String(open));
  ui.sheetToggle.textContent = open ? "Hide" : "Show";
}

let current = null; // {text, result}
let inflight = null;
let opening = null; // why the panel shows the sentence it opens on, until another is chosen

const view = new ArticleView({
  article: $("article"),
  tip: $("tip"),
  onSelect: (sentence) => {
    renderSentence(ui.sentence, sentence, current.result.sentences.length, {
      onStep: (step) => view.select(sentence.index + step, { focus: true }),
      who: speakerName(current.result, sentence.attribution_index),
      note: opening,
      explain: (text) => explainSentence(text, { apiKey: ui.apiKey.value.trim() }),
    });
    opening = null;
    if (phone.matches) setSheet(true);
  },
});

const findings = new FindingsPanel({
  root: $("findings-card"),
  article: $("article"),
  strip: $("density"),
  onShow: (finding) => view.showFinding(finding),
});

/** Count code points, as the service's text limit does (an emoji is one, not two). */
function codePoints(text) {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

function updateCount() {
  const n = codePoints(ui.text.value);
  ui.count.textContent = `${num(n)} ${n === 1 ? "character" : "characters"}`;
}

function setBusy(busy) {
  ui.analyze.disabled = busy;
  ui.form.setAttribute("aria-busy", String(busy));
  ui.analyze.textContent = busy ? "Analysing…" : "Analyze";
}

const PROBLEM = "urn:rhetoric:problem:";
// Hints by problem type first (two different 503s), then by status.
const HINTS_BY_TYPE = {
  [`${PROBLEM}not-ready`]: "The service is still loading its language model; try again in a few seconds.",
  [`${PROBLEM}time-budget-exceeded`]: "The analysis took longer than the service allows for one request: "
    + "shorten the article, or split it and analyse the parts separately.",
};
const HINTS_BY_STATUS = {
  401: "This service requires an API key: enter it under “API key” below the form and press Analyze again.",
  413: "Shorten the article, or split it and analyse the parts separately.",
  422: "Paste or type an article first, then press Analyze.",
  502: "A gateway in front of the service got no answer from it; try again in a moment.",
  503: "The service is unavailable at the moment; try again in a moment.",
  504: "The service did not answer in time; try a shorter text, or try again in a moment.",
};

/** Show an API error as words: the problem's title, its detail and each field's message. */
function showError(err) {
  const status = err instanceof ApiError ? err.status : 0;
  const hint = (err instanceof ApiError && HINTS_BY_TYPE[err.type]) || HINTS_BY_STATUS[status];
  const title = err instanceof ApiError ? err.title : "Something went wrong";
  const detail = err instanceof ApiError ? err.detail : String(err && err.message ? err.message : err);
  ui.error.replaceChildren(...[
    h("p", { class: "error-title" }, status ? `${title} (HTTP ${status})` : title),
    detail ? h("p", { class: "error-detail" }, detail) : null,
    err.errors && err.errors.length
      ? h("ul", { class: "error-fields" },
        err.errors.map((e) => h("li", {}, h("code", {}, e.field), `: ${e.message}`)))
      : null,
    hint ? h("p", { class: "error-hint" }, hint) : null,
  ].filter(Boolean));
  ui.error.hidden = false;
  ui.status.textContent = "";
  if (status === 401) ui.keyBox.open = true;
}

function clearError() {
  ui.error.hidden = true;
  ui.error.replaceChildren();
}

/** Mark the results on screen as belonging to an earlier text (or unmark them). */
function setStale(stale) {
  ui.results.classList.toggle("is-stale", stale);
  ui.stale.hidden = !stale;
  if (stale) ui.results.dataset.stale = "true";
  else delete ui.results.dataset.stale;
}

function buildLegend() {
  const items = [...KINDS, ...SENTENCE_KINDS].map((kind) => {
    const button = h("button", {
      class: "legend-toggle", type: "button", "aria-pressed": String(!kind.hidden),
      dataset: { kind: kind.key }, "aria-describedby": `legend-help-${kind.key}`,
    },
    h("span", { class: "legend-check", "aria-hidden": "true" }),
    h("span", { class: `swatch m-${kind.key}` }, kind.label),
    h("span", { class: "legend-count", dataset: { count: kind.key } }, "0"));
    button.addEventListener("click", () => {
      const visible = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", String(visible));
      view.setVisible(kind.key, visible);
    });
    view.setVisible(kind.key, !kind.hidden);
    return h("li", {}, button,
      h("p", { class: "legend-help", id: `legend-help-${kind.key}` }, kind.help));
  });
  ui.legend.replaceChildren(...items);
}

function updateLegendCounts(result) {
  const voices = voiceCounts(result);
  const counts = {
    loaded: result.loaded_language.length,
    hedge: result.hedges.filter((x) => hedgeKind(x) === "hedge").length,
    approx: result.hedges.filter((x) => hedgeKind(x) === "approx").length,
    booster: result.boosters.length,
    attribution: result.attributions.length,
    // One mark per source: several cues crediting the same words count once (marks.js).
    source: new Set(result.attributions.filter((a) => a.source)
      .map((a) => `${a.source.start}:${a.source.end}`)).size,
    quote: result.quotes.length,
    opinion: voices.opinion,
    quoted: voices.quoted,
    reported: voices.reported,
    structure: voices.structure,
  };
  for (const el of ui.legend.querySelectorAll("[data-count]")) {
    el.textContent = String(counts[el.dataset.count] ?? 0);
  }
}

function showResults(text, result) {
  current = { text, result };
  setStale(false);
  ui.results.hidden = false;
  renderSummary(ui.tiles, result);
  view.render(text, result);
  updateLegendCounts(result);
  findings.render(text, result);
  renderEntities(ui.entities, result, (index) => view.showEntity(index));
  renderPanelIntro(result);
  const m = result.meta;
  ui.meta.textContent = `Analysed in ${num(m.elapsed_ms)} ms · spaCy ${m.spacy_pipeline} `
    + `${m.spacy_pipeline_version} · lexicons ${m.lexicon_version}`
    + (m.house_lexicon_version ? ` + house ${m.house_lexicon_version}` : "")
    + ` · offsets in ${m.offset_encoding} code units`;
  ui.inputCard.classList.add("is-collapsed");
  ui.status.textContent = `Analysed ${num(result.readability.words)} words.`;
  document.body.dataset.state = "analysed";
  // The form just disappeared with the focus in it: hand the focus to the results.
  const heading = $("summary-title");
  heading.focus({ preventScroll: true });
  heading.scrollIntoView({ block: "start" });
}

/** Say what the sentence panel will show, and offer a first sentence to look at. */
function renderPanelIntro(result) {
  const own = result.sentences.filter((s) => s.voice === "writer" && isBody(s));
  const top = own.reduce((best, s) => (s.opinion_score > best.opinion_score ? s : best),
    own[0] || result.sentences[0]);
  const strongest = top && countsAsOpinion(top);
  const start = top ? h("button", { class: "button small", type: "button", id: "panel-start" },
    strongest ? "Show the writer's most opinionated sentence" : "Show the first sentence") : null;
  start?.addEventListener("click", () => {
    opening = strongest
      ? "The writer's most opinionated sentence. Click another, or use ↑ ↓ in the article."
      : "The first of the writer's sentences. Click another, or use ↑ ↓ in the article.";
    view.select(top.index, { focus: true });
    opening = null;
  });
  ui.sentence.replaceChildren(
    h("p", { class: "help panel-intro" }, "Choose a sentence in the article, by clicking it or "
      + "with ↑ ↓, to see whether it reads as the writer's opinion or as reporting, which of its "
      + "words make it so, and whose words they are."),
    start || "");
  setSheet(false);
}

/** Show a message of the page's own (not the API's), e.g. for an empty form. */
function showNotice(title, hint) {
  ui.error.replaceChildren(h("p", { class: "error-title" }, title),
    h("p", { class: "error-hint" }, hint));
  ui.error.hidden = false;
  ui.status.textContent = "";
}

async function submit(event) {
  event.preventDefault();
  clearError();
  if (!ui.text.value.trim()) {
    // Checked here, before any request: the API's 422 would speak of fields and schemas.
    showNotice("There is no text to analyse yet",
      "Paste or type an article in the box, or load a sample article, then press Analyze.");
    ui.text.focus();
    return;
  }
  if (inflight) inflight.abort();
  const controller = new AbortController();
  inflight = controller;
  const text = ui.text.value;
  setBusy(true);
  ui.status.textContent = "Analysing…";
  try {
    const result = await analyze(text, { signal: controller.signal, apiKey: ui.apiKey.value.trim() });
    showResults(text, result);
  } catch (err) {
    if (err && err.name === "AbortError") return;
    showError(err);
    // Results of an earlier text stay on screen: say so, rather than let them pass for this one.
    if (current && current.text !== text) setStale(true);
  } finally {
    if (inflight === controller) {
      inflight = null;
      setBusy(false);
    }
  }
}

async function loadSample() {
  const name = ui.sample.value;
  if (!name) return;
  clearError();
  try {
    ui.text.value = await fetchSample(name);
    updateCount();
    ui.status.textContent = "Sample loaded: press Analyze.";
  } catch (err) {
    showError(err);
  }
}

function editText() {
  ui.inputCard.classList.remove("is-collapsed");
  ui.inputCard.scrollIntoView({ block: "start" });
  ui.text.focus();
}

buildLegend();
updateCount();
ui.form.addEventListener("submit", submit);
ui.text.addEventListener("input", updateCount);
ui.text.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) ui.form.requestSubmit();
});
ui.sample.addEventListener("change", loadSample);
ui.clear.addEventListener("click", () => {
  ui.text.value = "";
  ui.sample.value = "";
  updateCount();
  clearError();
  ui.text.focus();
});
ui.edit.addEventListener("click", editText);
ui.sheetToggle.addEventListener("click", () => setSheet(!ui.panel.classList.contains("is-open")));
document.body.dataset.state = "ready";
