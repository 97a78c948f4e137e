// The findings panel: filters with counts, the list in text order, exports, the density strip.

import { humanize } from "./kinds.js";
import { h } from "./format.js";
import {
  ANY, FINDING_KINDS, VOICE_WORDS, collectFindings, findingItem, kindLabel, matches,
  paragraphStarts, toCsv, toJson, toMarkdown,
} from "./findings.js";

/** Offer `content` as a file download named `name`. */
function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** The panel beside the article; `onShow(finding)` shows a finding in the article. */
export class FindingsPanel {
  constructor({ root, article, strip, onShow }) {
    this.root = root;
    this.article = article;
    this.strip = strip;
    this.onShow = onShow;
    this.findings = [];
    this.text = "";
    this.meta = {};
    this.filters = { kind: ANY, category: ANY, voice: ANY };
    const $ = (sel) => root.querySelector(sel);
    this.selects = { kind: $("#filter-kind"), category: $("#filter-category"), voice: $("#filter-voice") };
    this.list = $("#findings-list");
    this.count = $("#findings-count");
    this.status = $("#export-status");
    this.fallback = $("#copy-fallback");
    this.fallbackText = $("#copy-fallback-text");
    for (const [key, select] of Object.entries(this.selects)) {
      select.addEventListener("change", () => {
        this.filters[key] = select.value;
        if (key === "kind" && this.filters.category && !this.filters.category.startsWith(`${select.value}:`)) {
          this.filters.category = ANY; // a category of another kind would match nothing
        }
        this.update();
      });
    }
    this.list.addEventListener("click", (e) => {
      const button = e.target.closest("[data-finding]");
      if (button) this.#choose(button);
    });
    this.list.addEventListener("keydown", (e) => this.#key(e));
    $("#copy-markdown").addEventListener("click", () => this.copyMarkdown());
    $("#download-csv").addEventListener("click", () => {
      download("findings.csv", "text/csv;charset=utf-8", toCsv(this.shown()));
      this.#say(`Downloaded ${this.shown().length} findings as CSV.`);
    });
    $("#download-json").addEventListener("click", () => {
      download("findings.json", "application/json", toJson(this.shown(), this.meta));
      this.#say(`Downloaded ${this.shown().length} findings as JSON.`);
    });
    // A bar of the strip jumps to its paragraph's first finding (the list does it by keyboard).
    strip?.addEventListener("click", (e) => {
      const bar = e.target.closest(".density-bar");
      const first = bar && this.findings.find((f) => f.paragraph === Number(bar.dataset.paragraph) - 1);
      if (first) this.onShow(first);
    });
    if (strip && "ResizeObserver" in window) {
      new ResizeObserver(() => this.layoutStrip()).observe(article);
    }
  }

  /** Show the findings of a new analysis; the filters are kept where they still apply. */
  render(text, result) {
    this.text = text;
    this.findings = collectFindings(text, result);
    this.meta = { lexicon_version: result.meta.lexicon_version };
    this.fallback.hidden = true;
    this.#say("");
    this.update();
    this.layoutStrip();
  }

  /** The findings the filters let through, in text order. */
  shown() {
    return this.findings.filter((f) => matches(f, this.filters));
  }

  /** Count the findings that pass every filter but `key`, with `key` set to `value`. */
  #countWith(key, value) {
    const filters = { ...this.filters, [key]: value };
    return this.findings.filter((f) => matches(f, filters)).length;
  }

  #fillSelects() {
    const option = (key, value, label) => h("option", { value }, `${label} (${this.#countWith(key, value)})`);
    this.selects.kind.replaceChildren(option("kind", ANY, "All kinds"),
      ...FINDING_KINDS.map((k) => option("kind", k, kindLabel(k))));
    const groups = FINDING_KINDS
      .filter((k) => this.filters.kind === ANY || this.filters.kind === k)
      .map((k) => {
        const cats = [...new Set(this.findings.filter((f) => f.kind === k).map((f) => f.category))];
        return cats.length
          ? h("optgroup", { label: kindLabel(k) },
            cats.sort().map((c) => option("category", `${k}:${c}`, humanize(c))))
          : null;
      });
    this.selects.category.replaceChildren(option("category", ANY, "All categories"), ...groups.filter(Boolean));
    this.selects.voice.replaceChildren(option("voice", ANY, "All voices"),
      ...Object.entries(VOICE_WORDS).map(([v, label]) => option("voice", v, label)));
    for (const [key, select] of Object.entries(this.selects)) select.value = this.filters[key];
    // A category filter not offered any more (its kind has no findings here) is dropped.
    if (this.selects.category.value !== this.filters.category) {
      this.filters.category = ANY;
      this.selects.category.value = ANY;
    }
  }

  /** Redraw the filters, the count line and the list. */
  update() {
    this.#fillSelects();
    const shown = this.shown();
    this.count.textContent = shown.length === this.findings.length
      ? `${shown.length} ${shown.length === 1 ? "finding" : "findings"}, in text order`
      : `${shown.length} of ${this.findings.length} findings`;
    this.list.replaceChildren(...shown.map(findingItem));
    const first = this.list.querySelector("[data-finding]");
    if (first) first.tabIndex = 0; // one tab stop; arrows move in the list
    this.list.hidden = !shown.length;
    this.root.dataset.shown = String(shown.length);
  }

  #choose(button) {
    for (const b of this.list.querySelectorAll("[data-finding][tabindex='0']")) b.tabIndex = -1;
    button.tabIndex = 0;
    for (const b of this.list.querySelectorAll(".is-current")) b.classList.remove("is-current");
    button.classList.add("is-current");
    this.onShow(this.findings[Number(button.dataset.finding)]);
  }

  #key(event) {
    const buttons = [...this.list.querySelectorAll("[data-finding]")];
    const at = buttons.indexOf(event.target);
    if (at < 0) return;
    const moves = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = buttons[Math.max(0, Math.min(buttons.length - 1, moves[event.key]))];
    event.target.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  }

  #say(words) {
    this.status.textContent = words;
  }

  /** Copy the shown findings as Markdown; where the clipboard refuses, show them to copy by hand. */
  async copyMarkdown() {
    const markdown = toMarkdown(this.shown());
    try {
      await navigator.clipboard.writeText(markdown);
      this.fallback.hidden = true;
      this.#say(`Copied ${this.shown().length} findings as Markdown.`);
    } catch {
      this.fallbackText.value = markdown;
      this.fallback.hidden = false;
      this.fallbackText.focus();
      this.fallbackText.select();
      this.#say("The browser did not allow copying: the Markdown is selected below, press Ctrl+C.");
    }
  }

  /** Draw one bar per paragraph beside it, as long as its share of the findings. */
  layoutStrip() {
    if (!this.strip) return;
    const starts = paragraphStarts(this.text);
    const counts = starts.map(() => 0);
    for (const f of this.findings) counts[f.paragraph] += 1;
    const max = Math.max(1, ...counts);
    const tops = starts.map((s) => this.#topOf(s));
    const base = this.article.getBoundingClientRect().top;
    const height = this.article.getBoundingClientRect().height;
    const bars = starts.map((_, i) => {
      const top = tops[i] === null ? null : tops[i] - base;
      if (top === null) return null;
      const next = tops.slice(i + 1).find((t) => t !== null);
      const bottom = next === undefined ? height : next - base;
      const bar = h("span", { class: "density-bar", dataset: { paragraph: i + 1, count: counts[i] },
        title: `Paragraph ${i + 1}: ${counts[i]} ${counts[i] === 1 ? "finding" : "findings"}` },
      h("span", { class: "density-fill" }),
      h("span", { class: "density-num" }, counts[i] ? String(counts[i]) : ""));
      bar.style.top = `${Math.round(top)}px`;
      bar.style.height = `${Math.max(6, Math.round(bottom - top - 8))}px`;
      bar.style.setProperty("--share", (counts[i] / max).toFixed(3));
      return bar;
    });
    this.strip.replaceChildren(...bars.filter(Boolean));
  }

  /** The viewport top of the character at `offset` in the article, or null. */
  #topOf(offset) {
    const walker = document.createTreeWalker(this.article, NodeFilter.SHOW_TEXT);
    let at = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (offset < at + node.data.length) {
        const range = document.createRange();
        range.setStart(node, offset - at);
        range.setEnd(node, Math.min(node.data.length, offset - at + 1));
        const rect = range.getClientRects()[0];
        return rect ? rect.top : null;
      }
      at += node.data.length;
    }
    return null;
  }
}
