// Small formatting helpers and a DOM builder (no innerHTML: text is always text).

const NUMBER = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });
const NUMBER2 = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Format a number with at most one decimal, grouping thousands. */
export function num(value) {
  return NUMBER.format(value);
}

/** Format a signed number with two decimals and a real minus sign. */
export function signed(value) {
  const text = NUMBER2.format(Math.abs(value));
  if (value > 0) return `+${text}`;
  if (value < 0) return `−${text}`;
  return text;
}

/** Format a 0..1 share as a whole percentage. */
export function percent(share) {
  return `${Math.round(share * 100)}%`;
}

/** Shorten `text` to `max` code points at most, ending in "…"; never splits a surrogate pair. */
export function clip(text, max) {
  if (text.length <= max) return text; // UTF-16 length >= code points: nothing to cut
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 3).join("")}…` : text;
}

/** Format seconds as "45 s" or "3 min 20 s". */
export function duration(seconds) {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const rest = s % 60;
  return rest ? `${Math.floor(s / 60)} min ${rest} s` : `${s / 60} min`;
}

/** Name a VADER compound score (Hutto and Gilbert 2014 use ±0.05 as the neutral band). */
export function sentimentWord(compound) {
  if (compound >= 0.05) return "positive";
  if (compound <= -0.05) return "negative";
  return "neutral";
}

/** Say a VADER compound score in words: "strongly negative" … "neutral" … "strongly positive". */
export function toneWords(compound) {
  const word = sentimentWord(compound);
  if (word === "neutral") return "neutral";
  return `${Math.abs(compound) >= 0.5 ? "strongly" : "slightly"} ${word}`;
}

/** Name a US school grade: "primary school" … "university" … "postgraduate". */
export function gradeWords(grade) {
  if (grade < 6) return "primary school";
  if (grade < 9) return "middle school";
  if (grade < 13) return "high school";
  if (grade < 17) return "university";
  return "postgraduate";
}

/** Name a Flesch reading ease score (0 to 100) by Flesch's own bands. */
export function easeWords(ease) {
  if (ease >= 90) return "very easy";
  if (ease >= 80) return "easy";
  if (ease >= 70) return "fairly easy";
  if (ease >= 60) return "plain English";
  if (ease >= 50) return "fairly difficult";
  if (ease >= 30) return "difficult";
  return "very difficult";
}

/**
 * Create an element: `h("p", {class: "x", dataset: {a: 1}}, "text", child)`.
 * Attributes whose value is null, undefined or false are left out.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") el.className = value;
    else if (name === "dataset") Object.assign(el.dataset, value);
    else if (name === "text") el.textContent = value;
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}
