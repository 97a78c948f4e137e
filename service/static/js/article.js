// The marked-up article: marks, their tooltips, sentence selection and the legend's toggles.

import { SOURCE_KINDS, humanize } from "./kinds.js";
import { collectMarks, mismatches, renderMarks } from "./marks.js";
import { clip, h } from "./format.js";
import { ROLE_LABELS, countsAsOpinion, isBody, roleLine, voiceLine } from "./voice.js";

/** Scroll smoothly unless the reader asked for reduced motion. */
function scrollBehavior() {
  return window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";
}

/** Words describing one mark, for its tooltip. */
function describe(mark) {
  const d = mark.data;
  const rows = [];
  let title;
  let subtitle = "";
  switch (mark.kind) {
    case "loaded":
      title = "Loaded language";
      subtitle = humanize(d.category);
      break;
    case "hedge":
      title = "Hedge";
      subtitle = humanize(d.type);
      break;
    case "approx":
      title = "Approximate figure";
      subtitle = "a range, not a hedge";
      break;
    case "booster":
      title = "Booster";
      subtitle = humanize(d.type);
      break;
    case "attribution":
      title = "Attribution";
      subtitle = humanize(d.type);
      rows.push(["Source", d.source ? `${d.source.text} (${d.source.kind})` : "none found"]);
      rows.push(["Credited words", d.content ? clip(d.content.text, 140) : "none found"]);
      break;
    case "source":
      title = "Source";
      subtitle = SOURCE_KINDS[d.kind] || d.kind;
      rows.push(["Attributed with", d.cues.map((c) => c.text).join(" · ")]);
      break;
    case "quote":
      title = "Direct quotation";
      subtitle = `${d.text.split(/\s+/).filter(Boolean).length} words`;
      rows.push(["Note", "The speaker's words, not the writer's: marks inside it are theirs."]);
      break;
    case "sentence":
      return describeSentence(d);
    default:
      title = humanize(mark.kind);
  }
  if (d.term && d.term.text !== d.text) rows.push(["Loaded term", d.term.text]);
  if (d.note) rows.push(["Why", d.note]);
  if (d.alternatives && d.alternatives.length) {
    rows.push(["Neutral wording", d.alternatives.map((a) => a.text).join(" · ")]);
    rows.push(["Style guide", [...new Set(d.alternatives.map((a) => a.guide))].join("; ")]);
  }
  if (d.source && typeof d.source === "string") rows.push(["Lexicon source", d.source]);
  if (d.entry_id) rows.push(["Entry", d.entry_id]);
  const flags = [];
  let voice = null;
  if (mark.kind === "quote") voice = voiceLine("quoted", d.who);
  else if (d.voice === "quoted") {
    flags.push("in a quotation: the speaker's words");
    voice = voiceLine("quoted", d.who);
  } else if (d.voice === "reported") {
    flags.push("in reported speech: the source's words");
    voice = voiceLine("reported", d.who);
  } else if (d.quoted) flags.push("inside a quotation");
  if (d.negated) flags.push("negated");
  return { title, subtitle, rows, flags, voice, text: mark.text };
}

/** Words describing a sentence that is not the writer's own running text, for its tooltip. */
function describeSentence(s) {
  const rows = [];
  let title;
  let voice;
  if (!isBody(s)) {
    title = ROLE_LABELS[s.role] || humanize(s.role);
    voice = roleLine(s.role);
    rows.push(["Why", "Layout around the article, not a sentence of it: it gets no opinion label."]);
  } else {
    title = s.voice === "quoted" ? "Quoted sentence" : "Reported sentence";
    voice = voiceLine(s.voice, s.who);
    rows.push(["Opinion", "The source's words: not counted as the writer's opinion."]);
  }
  return { title, subtitle: "", rows, flags: [], voice, text: clip(s.text, 160) };
}

/** Return whether a sentence has a tooltip of its own: someone else's words, or structure. */
function hasTip(s) {
  return s.voice !== "writer" || !isBody(s);
}

/** The legend key whose toggle governs a sentence's own marking. */
function sentenceKind(s) {
  if (!isBody(s)) return "structure";
  if (s.voice !== "writer") return s.voice;
  return "opinion";
}

// Marks drawn only on request: no tab stop, no tooltip of their own.
const QUIET = new Set(["mention", "content"]);

/** The article view: owns the DOM under `#article`, the tooltip and the sentence panel. */
export class ArticleView {
  constructor({ article, tip, onSelect }) {
    this.article = article;
    this.tip = tip;
    this.onSelect = onSelect;
    this.marks = new Map();
    this.sentences = [];
    this.selected = -1;
    this.tipFor = null;
    article.addEventListener("mouseover", (e) => this.#hover(e));
    // A tap sends mouse events too; the sheet it may open (on a phone) then slides under the
    // spot tapped, and the "mouse" leaving the article must not close the tooltip just opened.
    this.touch = false;
    document.addEventListener("pointerdown", (e) => { this.touch = e.pointerType === "touch"; },
      { capture: true });
    article.addEventListener("mouseleave", () => {
      if (!this.touch) this.hideTip();
    });
    article.addEventListener("focusin", (e) => this.#focus(e));
    article.addEventListener("focusout", (e) => this.#blur(e));
    article.addEventListener("click", (e) => this.#click(e));
    article.addEventListener("keydown", (e) => this.#key(e));
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape") this.hideTip();
    });
    window.addEventListener("resize", () => this.hideTip());
  }

  /** Render `text` with the marks of `result`; return the number of offset mismatches. */
  render(text, result) {
    const marks = collectMarks(result);
    this.marks = new Map(marks.map((m) => [m.id, m]));
    this.sentences = result.sentences;
    this.selected = -1;
    this.hideTip();
    this.tipFor = null; // mark ids repeat from one analysis to the next
    const fragment = renderMarks(text, marks, (mark, piece) => this.#element(mark, piece));
    this.article.replaceChildren(fragment);
    const bad = mismatches(text, marks);
    this.article.dataset.mismatches = String(bad.length);
    if (bad.length) console.warn("spans whose text does not match their offsets", bad);
    const first = this.article.querySelector(".sent");
    if (first) first.tabIndex = 0;
    return bad.length;
  }

  #element(mark, piece) {
    if (mark.kind === "sentence") {
      const s = mark.data;
      // Only the writer's own running text is marked as opinion; the rest is a source's or layout.
      const opinion = countsAsOpinion(s);
      const voice = isBody(s) && s.voice !== "writer" ? ` voice-${s.voice}` : "";
      const structure = isBody(s) ? "" : " is-structure";
      const el = h("span", {
        class: `sent${opinion ? " sent-opinion" : ""}${voice}${structure}`,
        dataset: { sentence: s.index, label: s.label, voice: s.voice, role: s.role,
          id: hasTip(s) ? mark.id : null, opinion: opinion ? "true" : null,
          tipKind: hasTip(s) ? sentenceKind(s) : null },
        tabindex: -1,
      });
      // Tint strength follows the opinion score: 0.5 -> faint, 1.0 -> full.
      const strength = opinion ? Math.max(0.15, (s.opinion_score - 0.5) * 2) : 0;
      el.style.setProperty("--op", strength.toFixed(3));
      return el;
    }
    const attrs = { class: `m m-${mark.kind}`, dataset: { id: mark.id, kind: mark.kind } };
    if (mark.kind === "source") attrs.dataset.sourceKind = mark.data.kind;
    if (mark.kind === "attribution") attrs.dataset.type = mark.data.type;
    if (mark.kind === "mention") attrs.dataset.entity = mark.data.entity;
    if (mark.kind === "content") attrs.dataset.attribution = mark.data.attribution;
    if (mark.kind === "attribution" || mark.kind === "source") {
      attrs.dataset.attribution = mark.data.index;
    }
    if (mark.data.voice && mark.data.voice !== "writer") attrs.dataset.voice = mark.data.voice;
    if (mark.kind === "loaded") attrs.dataset.category = mark.data.category;
    if (mark.data.quoted) attrs.dataset.quoted = "true";
    if (mark.data.negated) attrs.dataset.negated = "true";
    if (piece > 0) attrs.dataset.piece = piece;
    const el = h("mark", attrs);
    // Focusable, but no tab stop: the article is one tab stop, and ← → move among the marks.
    if (piece === 0 && !QUIET.has(mark.kind)) el.tabIndex = -1;
    return el;
  }

  #markOf(target) {
    let el = target instanceof Element ? target.closest(".m") : null;
    // A quiet mark (a mention, a reported content) passes the pointer on to the mark around it.
    while (el && QUIET.has(el.dataset.kind)) el = el.parentElement.closest(".m");
    if (!el || this.isHidden(el.dataset.kind)) return null;
    return el;
  }

  /** The sentence element around `target` if it has a tooltip of its own (and it is shown). */
  #tipSentenceOf(target) {
    const el = target instanceof Element ? target.closest(".sent[data-tip-kind]") : null;
    return el && !this.isHidden(el.dataset.tipKind) ? el : null;
  }

  #hover(event) {
    const el = this.#markOf(event.target) || this.#tipSentenceOf(event.target);
    if (el) this.showTip(el);
    else if (!this.article.contains(document.activeElement)) this.hideTip();
  }

  #focus(event) {
    const el = this.#markOf(event.target);
    if (el) {
      this.showTip(el);
      const sentence = el.closest(".sent");
      if (sentence) this.select(Number(sentence.dataset.sentence), { focus: false });
      return;
    }
    const sentence = event.target.closest && event.target.closest(".sent");
    if (sentence && event.target === sentence) {
      this.select(Number(sentence.dataset.sentence), { focus: false });
      if (this.#tipSentenceOf(sentence)) this.showTip(sentence);
      else this.hideTip();
    }
  }

  #blur(event) {
    if (!event.relatedTarget || !this.article.contains(event.relatedTarget)) this.hideTip();
  }

  #click(event) {
    const sentence = event.target.closest(".sent");
    if (!sentence) return;
    const mark = this.#markOf(event.target);
    this.select(Number(sentence.dataset.sentence), { focus: !mark });
    if (mark) this.showTip(mark);
  }

  #key(event) {
    const target = event.target;
    const onSentence = target.classList && target.classList.contains("sent");
    const onMark = target.classList && target.classList.contains("m");
    if (!onSentence && !onMark) return;
    // ← → move among the marks shown (one tab stop for the whole article: a roving focus).
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      event.preventDefault();
      const next = this.#nextMark(target, event.key === "ArrowRight" ? 1 : -1);
      if (next) this.focusMark(next);
      return;
    }
    const moves = { ArrowDown: 1, ArrowUp: -1 };
    let index = null;
    if (event.key in moves) index = this.selected + moves[event.key];
    else if (event.key === "Home") index = 0;
    else if (event.key === "End") index = this.sentences.length - 1;
    if (index === null) return;
    event.preventDefault();
    this.select(Math.max(0, Math.min(this.sentences.length - 1, index)), { focus: true });
  }

  /** The marks an arrow key can reach: first pieces, of kinds shown, in text order. */
  #reachable() {
    return [...this.article.querySelectorAll(".m:not([data-piece])")]
      .filter((el) => !QUIET.has(el.dataset.kind) && !this.isHidden(el.dataset.kind));
  }

  /** The mark after (`step` 1) or before (-1) element `from`, a mark or a sentence. */
  #nextMark(from, step) {
    const marks = this.#reachable();
    const at = marks.indexOf(from);
    if (at >= 0) return marks[at + step] || null;
    if (step > 0) {
      return marks.find((m) => from.contains(m)
        || (from.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING)) || null;
    }
    const before = marks.filter((m) => !from.contains(m)
      && (from.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_PRECEDING));
    return before[before.length - 1] || null;
  }

  /** Focus mark element `el` (it is never a tab stop itself) and show its tooltip. */
  focusMark(el) {
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "nearest" });
    this.showTip(el);
  }

  /** Scroll to a finding of the findings panel, select its sentence and open its tooltip. */
  showFinding(finding) {
    const mark = [...this.marks.values()].find((m) => m.kind === finding.kind
      && m.start === finding.start && m.end === finding.end);
    if (!mark) return;
    const el = this.article.querySelector(`.m[data-id="${mark.id}"]:not([data-piece])`);
    if (!el) return;
    this.select(finding.sentence, { focus: false });
    // At once, not smoothly: the tooltip is placed where the mark is after the scroll.
    el.scrollIntoView({ block: "center" });
    el.focus({ preventScroll: true });
    this.showTip(el);
  }

  /** Select sentence `index`: outline it, make it the tab stop, report it to `onSelect`. */
  select(index, { focus = false } = {}) {
    const el = this.sentenceElement(index);
    if (!el) return;
    if (index !== this.selected) {
      for (const old of this.article.querySelectorAll(".sent.is-selected, .sent[tabindex='0']")) {
        old.classList.remove("is-selected");
        old.tabIndex = -1;
      }
      el.classList.add("is-selected");
      el.tabIndex = 0;
      this.selected = index;
      this.onSelect(this.sentences[index], index);
    }
    if (focus && document.activeElement !== el) {
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: "nearest", behavior: scrollBehavior() });
    }
  }

  sentenceElement(index) {
    return this.article.querySelector(`.sent[data-sentence="${index}"]`);
  }

  /** Fill and place the tooltip for the mark element (or sentence element) `el`. */
  showTip(el) {
    const mark = this.marks.get(el.dataset.id);
    if (!mark) return;
    this.#clearHot();
    for (const part of this.article.querySelectorAll(`.m[data-id="${mark.id}"]`)) {
      part.classList.add("is-hot");
    }
    // Pointing at an attribution or its source outlines the words credited to that source.
    if (mark.kind === "attribution" || mark.kind === "source") {
      for (const index of mark.data.indexes || [mark.data.index]) {
        const selector = `.m-content[data-attribution="${index}"]`;
        for (const part of this.article.querySelectorAll(selector)) part.classList.add("is-shown");
      }
    }
    if (this.tipFor !== mark.id) {
      const info = describe(mark);
      const kind = mark.kind === "sentence" ? el.dataset.tipKind : mark.kind;
      const parts = [
        h("p", { class: "tip-head" },
          h("span", { class: `tip-kind swatch m-${kind}` }, info.title),
          info.subtitle ? h("span", { class: "tip-type" }, info.subtitle) : null),
        h("p", { class: "tip-text" }, `“${info.text}”`),
        info.voice ? h("p", { class: "tip-voice" }, info.voice) : null,
        h("dl", { class: "tip-rows" },
          info.rows.flatMap(([name, value]) => [h("dt", {}, name), h("dd", {}, value)])),
      ];
      if (info.flags.length) parts.push(h("p", { class: "tip-flags" }, info.flags.join(" · ")));
      this.tip.replaceChildren(...parts.filter(Boolean));
      this.tip.dataset.kind = kind;
      this.tipFor = mark.id;
    }
    this.tip.hidden = false;
    el.setAttribute("aria-describedby", "tip");
    this.#place(el);
  }

  #place(el) {
    const rects = el.getClientRects();
    const rect = rects.length ? rects[0] : el.getBoundingClientRect();
    const tip = this.tip;
    const width = tip.offsetWidth;
    const height = tip.offsetHeight;
    const margin = 8;
    let left = rect.left;
    left = Math.max(margin, Math.min(left, document.documentElement.clientWidth - width - margin));
    let top = rect.bottom + margin;
    if (top + height > window.innerHeight && rect.top - height - margin > 0) {
      top = rect.top - height - margin;
    }
    tip.style.left = `${Math.round(left + window.scrollX)}px`;
    tip.style.top = `${Math.round(top + window.scrollY)}px`;
  }

  #clearHot() {
    for (const hot of this.article.querySelectorAll(".m.is-hot")) hot.classList.remove("is-hot");
    for (const el of this.article.querySelectorAll(".m-content.is-shown")) {
      el.classList.remove("is-shown");
    }
  }

  hideTip() {
    this.tip.hidden = true;
    this.#clearHot();
    for (const el of this.article.querySelectorAll("[aria-describedby='tip']")) {
      el.removeAttribute("aria-describedby");
    }
  }

  isHidden(kind) {
    return this.article.classList.contains(`off-${kind}`);
  }

  /** Show or hide one kind of mark (or a sentence marking); the arrow keys skip hidden marks. */
  setVisible(kind, visible) {
    this.article.classList.toggle(`off-${kind}`, !visible);
    if (!visible && this.tip.dataset.kind === kind) this.hideTip();
  }

  /** Outline every mention of entity `index`, or clear the outline (`index` null). */
  showEntity(index) {
    for (const el of this.article.querySelectorAll(".m-mention.is-shown")) {
      el.classList.remove("is-shown");
    }
    if (index === null) return;
    const els = this.article.querySelectorAll(`.m-mention[data-entity="${index}"]`);
    for (const el of els) el.classList.add("is-shown");
    if (els.length) els[0].scrollIntoView({ block: "center", behavior: scrollBehavior() });
  }
}
