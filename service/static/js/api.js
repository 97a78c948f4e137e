// The page's only way to the service: the public API, exactly as an integrator would call it.

/** An API failure carrying the problem+json document (RFC 9457) the service returned. */
export class ApiError extends Error {
  constructor(status, title, detail, errors = [], type = "") {
    super(detail || title);
    this.name = "ApiError";
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
    this.type = type; // the problem type URI, e.g. "urn:rhetoric:problem:not-ready"
  }
}

// The service's root: this module is served from <root>/assets/js/api.js. Taken from the
// module's own address, not the page's, so "/prefix" works as well as "/prefix/".
const ROOT = new URL("../../", import.meta.url);

/** Resolve a service path (such as "v1/analyze") against the service's root. */
export function apiUrl(path) {
  return new URL(path, ROOT).toString();
}

/** Read an error response: problem+json if the service sent it, plain text otherwise. */
async function problemOf(response) {
  const type = response.headers.get("Content-Type") || "";
  if (type.includes("json")) {
    try {
      const doc = await response.json();
      return new ApiError(response.status, doc.title || response.statusText,
        doc.detail || "", Array.isArray(doc.errors) ? doc.errors : [],
        typeof doc.type === "string" ? doc.type : "");
    } catch {
      // fall through to a generic message
    }
  }
  return new ApiError(response.status, response.statusText || "Request failed",
    `The service answered ${response.status} without a readable explanation.`);
}

/**
 * Analyse `text` with offsets in UTF-16 code units, i.e. JavaScript string indices.
 * `apiKey`, when given, goes in the X-API-Key header (for a service that requires keys).
 * Resolves to the analysis document; rejects with an ApiError.
 */
export async function analyze(text, { signal, apiKey = "" } = {}) {
  const headers = { "Content-Type": "application/json", "Accept": "application/json" };
  if (apiKey) headers["X-API-Key"] = apiKey;
  let response;
  try {
    response = await fetch(apiUrl("v1/analyze"), {
      method: "POST",
      headers,
      body: JSON.stringify({ text, offset_encoding: "utf-16" }),
      signal,
    });
  } catch (err) {
    if (err && err.name === "AbortError") throw err;
    throw new ApiError(0, "Could not reach the service",
      "The request did not get an answer. Check that the service is running and try again.");
  }
  if (!response.ok) throw await problemOf(response);
  return response.json();
}

/**
 * Ask which words moved the sentence encoder's reading of one sentence (POST /v1/explain).
 * Resolves to {encoder: {value, weight, contribution}, words: [{start, end, text, change,
 * contribution}]} with UTF-16 offsets into `text`; rejects with an ApiError.
 */
export async function explainSentence(text, { apiKey = "" } = {}) {
  const headers = { "Content-Type": "application/json", "Accept": "application/json" };
  if (apiKey) headers["X-API-Key"] = apiKey;
  let response;
  try {
    response = await fetch(apiUrl("v1/explain"), {
      method: "POST", headers, body: JSON.stringify({ text, offset_encoding: "utf-16" }) });
  } catch {
    throw new ApiError(0, "Could not reach the service", "The request did not get an answer.");
  }
  if (!response.ok) throw await problemOf(response);
  return response.json();
}

/** Fetch one of the bundled sample articles as text. */
export async function fetchSample(name) {
  const response = await fetch(apiUrl(`assets/seeds/${encodeURIComponent(name)}`));
  if (!response.ok) throw await problemOf(response);
  return response.text();
}
