"""The editor page and the API docs in a real headless Chromium, driven by Playwright.

The service runs on a loopback port; every request the browser makes to anything else is
blocked and fails the test. Screenshots go to ``test-output/browser/``.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from service.analysis.pipeline import Analyzer
from service.api import create_app
from service.config import Settings
from service.problems import NotReady, Problem, TimeBudgetExceeded
from tests.conftest import ROOT, SEED_000, SEED_001

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
OUTPUT = ROOT / "test-output" / "browser"
MAX_CHARS = 20_000

# Every character of the article, in UTF-16 code units, with the kinds of mark around it.
KINDS_AT = """() => {
  const article = document.getElementById("article");
  const out = [];
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const kinds = [];
    for (let el = node.parentElement; el && el !== article; el = el.parentElement) {
      if (el.dataset.kind) kinds.push(el.dataset.kind);
    }
    const tag = kinds.sort().join(" ");
    for (let i = 0; i < node.data.length; i += 1) out.push(tag);
  }
  return out;
}"""

ANALYZE = """async (text) => {
  const r = await fetch("v1/analyze", {method: "POST",
    headers: {"Content-Type": "application/json"},
    body: JSON.stringify({text, offset_encoding: "utf-16"})});
  return r.json();
}"""


@contextmanager
def serve(settings: Settings, analyzer: Analyzer) -> Iterator[str]:
    """Serve the app on a free loopback port; yield its root URL."""
    from werkzeug.serving import make_server

    app = create_app(settings, analyzer=analyzer)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="browser-test-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.fixture(scope="module")
def base_url(analyzer: Analyzer) -> Iterator[str]:
    """Serve the app for the module's tests."""
    with serve(Settings(max_text_chars=MAX_CHARS), analyzer) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Launch Debian's Chromium (never a browser Playwright would download)."""
    if not CHROMIUM.exists():
        pytest.skip("BROWSER TESTS SKIPPED: /usr/bin/chromium is missing. "
                    "Install it with scripts/install-browser.sh (apt-get install chromium).")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright is not installed (pip install -e .[test])")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# What the service's strict page policy allows; the page must run under it as it is.
STRICT_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
              "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'")


@contextmanager
def open_page(browser: Any, base_url: str, path: str = "", csp: str | None = None,
              **options: Any) -> Iterator[Any]:
    """Open ``path`` in a fresh context; off-host requests and console errors fail the test.

    With ``csp``, every response of the service carries that Content-Security-Policy, so a
    violation (an inline script or style, an outside resource) shows up as a console error.
    ``options`` go to the context (a viewport, ``has_touch`` and ``is_mobile`` for a phone).
    """
    context = browser.new_context(**{"viewport": {"width": 1360, "height": 900}, **options})
    host = urlsplit(base_url).netloc
    outside: list[str] = []
    errors: list[str] = []

    def guard(route: Any) -> None:
        if urlsplit(route.request.url).netloc != host:
            outside.append(route.request.url)
            route.abort()
        elif csp is None:
            route.continue_()
        else:
            response = route.fetch()
            route.fulfill(response=response,
                          headers={**response.headers, "content-security-policy": csp})

    context.route("**/*", guard)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_default_timeout(20_000)
    page.goto(base_url + path)
    yield page
    context.close()
    assert outside == [], f"the page reached outside the service: {outside}"
    # The 413/422/503 answers the error tests provoke are logged by Chromium as failed loads.
    expected = [f"status of {code}" for code in (413, 422, 503)]
    unexpected = [e for e in errors if not any(x in e for x in expected)]
    assert unexpected == [], f"console errors: {unexpected}"


@pytest.fixture()
def page(browser: Any, base_url: str) -> Iterator[Any]:
    """The editor page, ready for input."""
    with open_page(browser, base_url) as page:
        page.wait_for_selector("body[data-state='ready']")
        yield page


def shot(page: Any, name: str, **kwargs: Any) -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / f"{name}.png"
    page.screenshot(path=str(path), **kwargs)
    return path


def analyse(page: Any, text: str) -> None:
    """Paste ``text`` into the form (one insertion, as a paste is) and press Analyze."""
    page.fill("#article-text", "")
    page.focus("#article-text")
    page.keyboard.insert_text(text)
    page.click("#analyze-button")
    page.wait_for_selector("body[data-state='analysed'] #article .sent")


def api_result(page: Any, text: str) -> dict[str, Any]:
    """Ask the API (from the page, as the page does) for the analysis the page shows."""
    result: dict[str, Any] = page.evaluate(ANALYZE, text)
    return result


def hedge_kind(hedge: dict[str, Any]) -> str:
    """The mark kind of a hedge: a quantity approximator is an approximate figure."""
    return "approx" if hedge["type"] == "approximator" else "hedge"


def covered(kinds_at: list[str], text: str, phrase: str, kind: str) -> bool:
    """Return whether every non-space character of ``phrase`` lies inside a ``kind`` mark."""
    start = text.index(phrase)
    # Python indices equal UTF-16 indices here only if nothing before is outside the BMP.
    assert len(text[:start].encode("utf-16-le")) // 2 == start
    return all(kind in kinds_at[start + i].split() for i, ch in enumerate(phrase)
               if not ch.isspace())


def test_seed_001_is_marked_where_the_api_says(page):
    text = SEED_001.read_text(encoding="utf-8")
    analyse(page, text)
    assert page.eval_on_selector("#article", "el => el.textContent") == text
    assert page.get_attribute("#article", "data-mismatches") == "0"
    assert page.evaluate("document.activeElement.id") == "summary-title"
    # Before a sentence is chosen the panel says what it will show, not "Sentence 21 of 21";
    # its button opens the writer's most opinionated sentence, saying why (issue 22).
    body = page.locator("#sentence-body")
    assert "Choose a sentence in the article" in body.text_content()
    assert not re.search(r"Sentence \d+ of \d+", body.text_content())
    assert page.locator("#article .sent.is-selected").count() == 0
    page.click("#panel-start")
    note = page.locator("#sentence-body .panel-note")
    assert "most opinionated sentence" in note.text_content()
    assert page.locator("#article .sent.is-selected").count() == 1

    kinds_at = page.evaluate(KINDS_AT)
    assert len(kinds_at) == len(text.encode("utf-16-le")) // 2
    # The hedged attribution and the booster the issue names.
    sentence = "rumored by some outlets"
    assert covered(kinds_at, text, "rumored", "hedge")
    assert covered(kinds_at, text, sentence[sentence.index("some"):], "hedge")
    hedges = page.locator("#article mark.m-hedge").all_text_contents()
    assert any("rumored" in h for h in hedges)
    assert covered(kinds_at, text, "hands down", "booster")
    assert "hands down" in page.locator("#article mark.m-booster").all_text_contents()

    # Every span the API returns is inside a mark of its kind, overlaps included.
    result = api_result(page, text)
    sections = {"loaded_language": "loaded", "hedges": "hedge", "boosters": "booster",
                "attributions": "attribution", "quotes": "quote"}
    checked = 0
    for section, section_kind in sections.items():
        for item in result[section]:
            kind = hedge_kind(item) if section == "hedges" else section_kind
            for i in range(item["start"], item["end"]):
                assert kind in kinds_at[i].split(), (section, item["text"], i)
            checked += 1
    for item in result["attributions"]:
        if item["source"]:
            src = item["source"]
            assert all("source" in kinds_at[i].split() for i in range(src["start"], src["end"]))
    nested = [k for k in kinds_at if len(k.split()) > 1]
    assert checked > 20 and nested, "seed 001 should exercise overlapping marks"

    # Legend counts agree with the response.
    kinds = [hedge_kind(x) for x in result["hedges"]]
    assert page.text_content("[data-count='hedge']") == str(kinds.count("hedge"))
    assert page.text_content("[data-count='approx']") == str(kinds.count("approx"))
    assert page.text_content("[data-count='booster']") == str(len(result["boosters"]))

    shot(page, "seed-001-analyzed", full_page=True)


def test_tooltip_shows_category_note_and_source_on_hover_and_focus(page):
    text = SEED_001.read_text(encoding="utf-8")
    analyse(page, text)
    result = api_result(page, text)
    term = result["loaded_language"][0]
    loaded = page.locator("#article mark.m-loaded", has_text=term["text"]).first
    loaded.hover()
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    assert "Loaded language" in tip.text_content()
    assert term["category"].replace("_", " ") in tip.text_content()
    assert term["note"] in tip.text_content()
    assert term["source"] in tip.text_content()
    assert term["entry_id"] in tip.text_content()
    shot(page, "tooltip-loaded")

    booster = next(b for b in result["boosters"] if b["text"] == "hands down")
    page.mouse.move(0, 0)
    page.locator("#article mark.m-booster", has_text="hands down").focus()
    tip.wait_for(state="visible")
    assert "Booster" in tip.text_content()
    assert booster["type"] in tip.text_content()
    assert page.get_attribute("#article mark.m-booster >> text=hands down",
                              "aria-describedby") == "tip"
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden")


def test_tooltip_names_the_source_of_reported_speech(page):
    analyse(page, "The figures were alarming, the ministry said. The crackdown was brutal.")
    tip = page.locator("#tip")
    page.locator("#article mark.m-loaded", has_text="alarming").first.hover()
    tip.wait_for(state="visible")
    # The tooltip says whose words these are (issue 18): the source's, and who the source is.
    assert "in reported speech: the source's words" in tip.text_content()
    assert "Reported: the ministry" in tip.text_content()
    page.mouse.move(0, 0)
    page.locator("#article mark.m-loaded", has_text="brutal").first.hover()
    tip.wait_for(state="visible")
    assert "Loaded language" in tip.text_content()
    assert "reported speech" not in tip.text_content()


def test_toggling_a_kind_hides_its_marks_and_the_arrows_skip_them(page):
    analyse(page, SEED_001.read_text(encoding="utf-8"))
    hedge = page.locator("#article mark.m-hedge").first
    style = "el => getComputedStyle(el).textDecorationLine"
    assert hedge.evaluate(style) == "underline"
    # No mark is a tab stop of its own (issue 22): the article is one stop, ← → reach the marks.
    assert hedge.get_attribute("tabindex") == "-1"
    toggle = page.locator(".legend-toggle[data-kind='hedge']")
    assert toggle.get_attribute("aria-pressed") == "true"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false"
    assert hedge.evaluate(style) == "none"
    assert "hedge" not in arrow_walk(page, 40)
    # Another kind keeps its style.
    assert page.locator("#article mark.m-booster").first.evaluate(style) == "underline"
    shot(page, "hedges-hidden")
    toggle.press("Enter")
    assert toggle.get_attribute("aria-pressed") == "true"
    assert hedge.evaluate(style) == "underline"


APPROXIMATE = ("The fire burned about 400 acres and destroyed at least 12 homes, officials said. "
               "The blaze was reportedly started by a power line.")


def test_approximate_figures_are_their_own_kind_off_until_shown(page):
    # An approximator states a range ("about 400 acres"), not doubt about a claim: the API
    # types it approximator and leaves it out of the hedge rate, and the page does not show
    # it as a hedge (an editor judged such marks 40 of 84 false alarms on news reports).
    result = api_result(page, APPROXIMATE)
    approx = [x["text"] for x in result["hedges"] if x["type"] == "approximator"]
    assert any("about 400" in t for t in approx) and any("at least 12" in t for t in approx)
    analyse(page, APPROXIMATE)
    style = "el => getComputedStyle(el).textDecorationLine"
    mark = page.locator("#article mark.m-approx", has_text="about 400").first
    assert mark.evaluate(style) == "none"
    assert page.locator("#article mark.m-hedge", has_text="about 400").count() == 0
    assert page.locator("#article mark.m-hedge", has_text="reportedly").count() == 1
    toggle = page.locator(".legend-toggle[data-kind='approx']")
    assert toggle.get_attribute("aria-pressed") == "false"
    assert "approx" not in arrow_walk(page, 12)
    assert page.text_content("[data-count='approx']") == str(len(approx))
    assert page.text_content("[data-count='hedge']") == str(len(result["hedges"]) - len(approx))
    tile = page.text_content("[data-tile='hedges']")
    assert f"{len(approx)} approximate figures not counted" in tile
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert mark.evaluate(style) == "underline"
    mark.hover()
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    assert "Approximate figure" in tip.text_content()
    shot(page, "approximate-figures-shown")


def test_summary_and_entities_show_the_analysis(page):
    text = SEED_001.read_text(encoding="utf-8")
    analyse(page, text)
    result = api_result(page, text)
    summary = result["summary"]
    # The genre is named in plain words with its score (issue 18), no longer as the bare label.
    genre = page.text_content("[data-tile='genre'] .tile-value")
    words = {"opinion": "Opinion piece", "reporting": "News report", "mixed": "Mixed"}
    likely = round(summary["genre_score"] * 100)
    assert genre.strip() == f"{words[summary['genre']]} ({likely}% likely an opinion piece)"
    assert f"{round(summary['opinion_share'] * 100)}%" in page.text_content("[data-tile='genre']")
    hedges_tile = page.text_content("[data-tile='hedges']")
    assert f"{summary['hedges_per_1000_words']:.1f}".rstrip("0").rstrip(".") in hedges_tile
    assert f"{summary['sources']['named']} named" in page.text_content("[data-tile='sources']")
    grade = round(summary["reading_grade"])
    assert f"Readable at US grade {grade}" in page.text_content("[data-tile='readability']")
    first = result["sentiment"]["entities"][0]
    row = page.locator("table.entities tbody tr").first
    assert row.locator("th").text_content() == first["name"]
    assert row.locator("td.num").text_content() == str(first["mention_count"])
    row.get_by_role("button").click()
    shown = page.locator("#article mark.m-mention.is-shown")
    assert shown.count() == first["mention_count"]


def test_clicking_a_sentence_shows_its_label_score_and_reasons(page):
    text = SEED_001.read_text(encoding="utf-8")
    analyse(page, text)
    result = api_result(page, text)
    target = next(s for s in result["sentences"] if "hands down" in s["text"])
    page.locator(f"#article .sent[data-sentence='{target['index']}'] mark.m-booster").click()
    panel = page.locator("#sentence-body")
    assert f"Sentence {target['index'] + 1} of {len(result['sentences'])}" in panel.text_content()
    assert panel.locator(".pill").get_attribute("data-label") == target["label"]
    assert f"{target['opinion_score']:.2f}" in panel.text_content()
    assert panel.locator("table.reasons tbody tr").count() == len(target["reasons"])
    for reason in target["reasons"]:
        assert reason["cue"].replace("_", " ") in panel.text_content()
    assert page.locator("#sentence-body .panel-note").count() == 0
    shot(page, "sentence-details")

    # Keyboard: the selected sentence is the tab stop; arrows move the selection.
    page.focus(f"#article .sent[data-sentence='{target['index']}']")
    page.keyboard.press("ArrowDown")
    after = result["sentences"][target["index"] + 1]
    assert f"Sentence {after['index'] + 1} of" in panel.text_content()
    assert page.evaluate("document.activeElement.dataset.sentence") == str(after["index"])
    assert page.locator("#article .sent[tabindex='0']").count() == 1


def test_the_encoder_reason_shows_which_words_moved_it_on_request(page):
    """The encoder's reason spans the whole sentence; its words come from /v1/explain."""
    text = SEED_001.read_text(encoding="utf-8")
    analyse(page, text)
    result = api_result(page, text)
    target = next(s for s in result["sentences"]
                  if any(r["cue"] == "encoder" for r in s["reasons"]))
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "v1/explain" in r.url else None)
    page.locator(f"#article .sent[data-sentence='{target['index']}']").click()
    row = page.locator("#sentence-body table.reasons tr[data-cue='encoder']")
    assert "the whole sentence" in row.text_content()
    assert asked == []  # nothing is explained until the editor asks
    row.get_by_role("button", name="Which words?").click()
    words = row.locator(".encoder-words .word-op, .encoder-words .word-rep")
    words.first.wait_for()
    assert len(asked) == 1  # one request, for this sentence
    explained = page.evaluate(
        """async (text) => (await fetch('/v1/explain', {method: 'POST',
             headers: {'Content-Type': 'application/json'},
             body: JSON.stringify({text, offset_encoding: 'utf-16'})})).json()""",
        target["text"])
    shown = [w.split(" ")[0] for w in words.all_text_contents()]
    assert shown == [w["text"] for w in explained["words"] if abs(w["contribution"]) >= 0.01]
    shot(page, "encoder-words")


def test_empty_submission_is_refused_by_the_page_in_plain_words(page):
    """An empty or blank form never reaches the API: no 422, no field names (issue 22)."""
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if "v1/analyze" in r.url else None)
    for text in ("", "   \n\t  "):
        page.fill("#article-text", text)
        page.click("#analyze-button")
        error = page.locator("#error")
        error.wait_for(state="visible")
        assert error.get_attribute("role") == "alert"
        message = error.text_content()
        assert "no text to analyse" in message and "Paste or type an article" in message
        for jargon in ("422", "validation", "HTTP", "field", "schema", "`text`"):
            assert jargon not in message, jargon
        assert page.evaluate("document.activeElement.id") == "article-text"
    assert requests == []
    assert page.is_hidden("#results")
    shot(page, "empty-submission-error")


def test_too_long_text_shows_the_limit(page):
    page.fill("#article-text", "word " * (MAX_CHARS // 5 + 10))
    page.click("#analyze-button")
    error = page.locator("#error")
    error.wait_for(state="visible")
    message = error.text_content()
    assert "413" in message
    assert f"the limit is {MAX_CHARS}" in message


def test_api_key_field_sends_the_key_header(page):
    page.click("#key-box summary")
    page.fill("#api-key", "editor-key")
    page.fill("#article-text", "Officials reportedly said the talks failed.")
    with page.expect_request("**/v1/analyze") as request:
        page.click("#analyze-button")
    assert request.value.headers.get("x-api-key") == "editor-key"
    page.wait_for_selector("body[data-state='analysed'] #article .sent")


def test_sample_menu_loads_a_seed(page):
    page.select_option("#sample-select", SEED_000.name)
    page.locator("#status", has_text="Sample loaded").wait_for()
    assert page.input_value("#article-text") == SEED_000.read_text(encoding="utf-8")
    assert page.get_by_label("Load a sample article").is_visible()


def test_marks_that_cross_are_split_and_nested(page):
    """Drive the page's own marks module with two marks that cross each other."""
    result = page.evaluate("""async () => {
      const { renderMarks } = await import("./assets/js/marks.js");
      const text = "abcdefghij";
      const marks = [
        { id: "a", kind: "hedge", start: 1, end: 6, text: "bcdef", data: {} },
        { id: "b", kind: "loaded", start: 4, end: 9, text: "efghi", data: {} },
      ];
      const box = document.createElement("div");
      box.append(renderMarks(text, marks, (m, piece) => {
        const el = document.createElement("mark");
        el.dataset.id = m.id;
        el.dataset.piece = piece;
        return el;
      }));
      return { html: box.innerHTML, text: box.textContent };
    }""")
    assert result["text"] == "abcdefghij"
    assert result["html"] == ('a<mark data-id="a" data-piece="0">bcd'
                              '<mark data-id="b" data-piece="0">ef</mark></mark>'
                              '<mark data-id="b" data-piece="1">ghi</mark>j')


def test_editor_page_runs_under_a_strict_csp(browser, base_url):
    with open_page(browser, base_url, csp=STRICT_CSP) as page:
        page.wait_for_selector("body[data-state='ready']")
        page.select_option("#sample-select", SEED_000.name)
        page.locator("#status", has_text="Sample loaded").wait_for()
        page.click("#analyze-button")
        page.wait_for_selector("body[data-state='analysed'] #article mark.m-hedge")
        page.locator("#article mark.m-hedge").first.hover()
        page.locator("#tip").wait_for(state="visible")
        # The exports are blob: downloads, which the policy leaves alone.
        with page.expect_download() as info:
            page.click("#download-json")
        assert json.loads(Path(info.value.path()).read_text(encoding="utf-8"))["count"] > 0
        shot(page, "seed-000-analyzed-strict-csp", full_page=True)


def test_docs_render_the_contract_offline(browser, base_url):
    # Swagger UI's stylesheet draws its icons as data: SVGs, hence img-src data: in the policy.
    with open_page(browser, base_url, "docs", csp=STRICT_CSP) as page:
        page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
        body = page.text_content("body")
        assert "/v1/analyze" in body
        assert "Rhetoric Service" in body
        page.click("#operations-analysis-analyze")
        page.wait_for_selector("#operations-analysis-analyze .examples-select")
        assert "seed" in page.text_content("#operations-analysis-analyze").lower()
        shot(page, "api-docs", full_page=True)


# Short texts with hedges and a booster; each re-analysis waits for its own last words.
SHORT = ("Officials reportedly said the talks may have failed. "
         "Critics claim it is undoubtedly a disaster.")
SHORT_AGAIN = SHORT + " Some analysts suggest the deal could perhaps collapse next week."


def analyse_again(page: Any, text: str, last_words: str) -> None:
    """Edit the text of an analysed page, press Analyze, wait until ``text`` is shown."""
    page.click("#edit-button")
    page.fill("#article-text", text)
    page.click("#analyze-button")
    page.locator("#article", has_text=last_words).wait_for()


def tab_stops(page: Any) -> int:
    """Return how many elements of the article are in the tab order."""
    stops: int = page.locator("#article [tabindex='0']").count()
    return stops


def arrow_walk(page: Any, presses: int) -> list[str]:
    """Press → ``presses`` times from the article's tab stop; return the kinds of mark reached."""
    page.focus("#article [tabindex='0']")
    kinds = []
    for _ in range(presses):
        page.keyboard.press("ArrowRight")
        kinds.append(page.evaluate("document.activeElement.dataset.kind || ''"))
    return kinds


def test_a_hidden_kind_stays_out_of_reach_after_the_next_analysis(page):
    analyse(page, SHORT)
    page.click(".legend-toggle[data-kind='hedge']")
    analyse_again(page, SHORT_AGAIN, "collapse next week.")
    assert page.get_attribute(".legend-toggle[data-kind='hedge']", "aria-pressed") == "false"
    assert page.locator("#article mark.m-hedge").count() >= 3
    assert tab_stops(page) == 1
    page.locator("#article .sent").first.click()
    reached = arrow_walk(page, 12)
    assert "hedge" not in reached and "booster" in reached
    page.click(".legend-toggle[data-kind='hedge']")
    page.locator("#article .sent").first.click()
    assert "hedge" in arrow_walk(page, 12)


def test_a_failed_reanalysis_marks_the_old_results_as_stale(page):
    analyse(page, SHORT)
    assert page.is_hidden("#stale-note")
    page.click("#edit-button")
    page.fill("#article-text", "word " * (MAX_CHARS // 5 + 10))  # refused by the API: 413
    page.click("#analyze-button")
    page.locator("#error").wait_for(state="visible")
    assert page.is_visible("#stale-note")
    assert page.get_attribute("#results", "data-stale") == "true"
    shot(page, "stale-results")
    analyse_again(page, SHORT_AGAIN, "collapse next week.")
    assert page.is_hidden("#stale-note")
    assert page.get_attribute("#results", "data-stale") is None


@pytest.mark.parametrize("problem", [
    TimeBudgetExceeded("The request took longer than its budget of 90 seconds."),
    NotReady("The language pipeline and lexicons are still loading."),
], ids=["time-budget", "not-ready"])
def test_a_503_gets_the_hint_of_its_problem_type(page, problem: Problem):
    """The two 503s of the contract need different advice; the page reads the problem type."""
    page.route("**/v1/analyze", lambda route: route.fulfill(
        status=problem.status, content_type="application/problem+json",
        body=json.dumps(problem.body())))
    page.fill("#article-text", SHORT)
    page.click("#analyze-button")
    hint = page.locator("#error .error-hint")
    hint.wait_for()
    assert problem.title in page.text_content("#error")
    loading = "still loading" in hint.text_content()
    assert loading == isinstance(problem, NotReady), hint.text_content()


def test_the_counter_and_the_panel_count_code_points(page):
    page.fill("#article-text", "😀😀 ok")
    assert page.text_content("#char-count") == "5 characters"  # as the service's limit counts
    clipped = page.evaluate("""async () => {
      const { clip } = await import("./assets/js/format.js");
      return clip("😀".repeat(100), 60);
    }""")
    assert clipped == "😀" * 57 + "…"


def test_the_page_works_at_a_prefix_without_the_trailing_slash(browser, analyzer):
    with serve(Settings(max_text_chars=MAX_CHARS, path_prefix="/rhetoric"), analyzer) as root, \
            open_page(browser, root, "rhetoric") as page:
        page.wait_for_selector("body[data-state='ready']")
        analyse(page, SHORT)
        assert page.locator("#article mark.m-hedge").count() >= 1


# A made-up wire story: a heading, a dateline lead, a direct quotation with its speaker, a
# writer's sentence and a reported clause.
WIRE = "\n\n".join([
    "Storm closes ports along the coast",
    "LISBON (Reuters) - Port authorities closed three harbours on Tuesday as a storm moved up"
    " the coast, officials said.",
    '"This is the worst storm we have seen in a decade, and the damage is simply devastating,"'
    " harbour master Ana Costa told reporters.",
    # The writer's own sentence ("Some fishermen believe ..." would be reported speech).
    "The closure came too late to save the season's catch.",
    "Ships will stay at anchor until Thursday, the port authority said in a statement.",
]) + "\n"

BEFORE = "el => getComputedStyle(el, '::before').content"
BACKGROUND = "el => getComputedStyle(el).backgroundColor"


def sentence_with(result: dict[str, Any], words: str) -> dict[str, Any]:
    sentence: dict[str, Any] = next(s for s in result["sentences"] if words in s["text"])
    return sentence


def test_quoted_and_reported_sentences_are_the_sources_not_the_writers(page):
    analyse(page, WIRE)
    result = api_result(page, WIRE)
    quoted = sentence_with(result, "worst storm")
    reported = sentence_with(result, "Ships will stay")
    heading = sentence_with(result, "Storm closes ports")
    assert quoted["voice"] == "quoted" and reported["voice"] == "reported"
    assert heading["role"] == "heading"
    speaker = result["attributions"][quoted["attribution_index"]]["source"]["text"]
    assert speaker == "harbour master Ana Costa"

    q = page.locator(f"#article .sent[data-sentence='{quoted['index']}']")
    r = page.locator(f"#article .sent[data-sentence='{reported['index']}']")
    head = page.locator(f"#article .sent[data-sentence='{heading['index']}']")
    # Two tints of their own, and no opinion marker: ❝ and ≈ where the writer's opinion has ◆.
    assert "voice-quoted" in q.get_attribute("class")
    assert "sent-opinion" not in q.get_attribute("class")
    assert "voice-reported" in r.get_attribute("class")
    tints = {q.evaluate(BACKGROUND), r.evaluate(BACKGROUND)}
    assert len(tints) == 2 and "rgba(0, 0, 0, 0)" not in tints
    assert "◆" not in q.evaluate(BEFORE) and "❝" in q.evaluate(BEFORE)
    assert "≈" in r.evaluate(BEFORE)
    assert "heading" in head.evaluate(BEFORE).lower()
    assert page.locator("#article .sent-opinion").count() == sum(
        s["label"] == "opinion" and s["voice"] == "writer" and s["role"] == "body"
        for s in result["sentences"])

    # The quotation's tooltip names its speaker; so does a finding inside it.
    tip = page.locator("#tip")
    q.locator("mark.m-quote").first.hover()
    tip.wait_for(state="visible")
    assert f"Quoted: {speaker}" in tip.text_content()
    page.mouse.move(0, 0)
    q.locator("mark.m-loaded").first.hover()
    tip.wait_for(state="visible")
    assert "in a quotation: the speaker's words" in tip.text_content()
    assert f"Quoted: {speaker}" in tip.text_content()
    shot(page, "voice-wire-quoted-tooltip")

    # A reported sentence's own tooltip names its source; pointing at the attribution outlines
    # the words credited to that source.
    page.mouse.move(0, 0)
    r.hover(position={"x": 30, "y": 8})
    tip.wait_for(state="visible")
    assert "Reported: the port authority" in tip.text_content()
    page.mouse.move(0, 0)
    r.locator("mark.m-attribution").focus()
    tip.wait_for(state="visible")
    content = result["attributions"][reported["attribution_index"]]["content"]["text"]
    shown = page.locator("#article mark.m-content.is-shown")
    assert "".join(shown.all_text_contents()) == content
    shot(page, "voice-wire-reported-content")

    # Structure is greyed and says why it is not counted, on hover and in the panel.
    page.keyboard.press("Escape")
    head.click()
    tip.wait_for(state="visible")
    assert "Heading: not counted in the opinion share" in tip.text_content()
    assert "Heading: not counted in the opinion share" in page.text_content("#sentence-body")
    assert head.evaluate("el => getComputedStyle(el).color") != page.locator(
        f"#article .sent[data-sentence='{reported['index']}']").evaluate(
        "el => getComputedStyle(el).color")

    # The sentence panel of the quoted sentence names the speaker too.
    page.keyboard.press("Escape")
    q.locator("mark.m-quote").first.click()
    assert f"Quoted: {speaker}" in page.text_content("#sentence-body")
    for voice in ("quoted", "reported"):
        count = str(result["summary"]["voices"][voice])
        assert page.text_content(f"[data-count='{voice}']") == count
    page.mouse.move(0, 0)
    page.keyboard.press("Escape")
    shot(page, "voice-wire-story", full_page=True)


def test_a_quoted_opinion_gets_no_opinion_mark_and_no_count(page):
    """The page's own rule, whatever the model says: only the writer's body text is opinion."""
    def doctored(route: Any) -> None:
        response = route.fetch()
        result = response.json()
        for s in result["sentences"]:  # call every sentence opinion, the writer's or not
            s["label"], s["opinion_score"] = "opinion", 0.9
        route.fulfill(response=response, json=result)

    page.route("**/v1/analyze", doctored)
    analyse(page, WIRE)
    marked = page.locator("#article .sent-opinion")
    assert marked.count() == 1
    assert "came too late" in marked.text_content()
    assert page.text_content("[data-count='opinion']") == "1"
    assert "1 of 4 body sentences" in page.text_content("[data-tile='genre']")
    for voice in ("quoted", "reported"):
        el = page.locator(f"#article .sent[data-voice='{voice}']").first
        assert "◆" not in el.evaluate(BEFORE)
    page.locator("#article .sent[data-voice='quoted'] mark.m-quote").first.click()
    pill = page.locator("#sentence-body .pill")
    assert pill.text_content() == "Opinion, not the writer's"
    assert "◆" not in pill.evaluate(BEFORE)


def test_seed_001_tiles_show_the_voices_and_the_genre_score(page):
    text = SEED_001.read_text(encoding="utf-8")
    analyse(page, text)
    result = api_result(page, text)
    summary = result["summary"]
    voices = summary["voices"]
    tile = page.locator("[data-tile='genre']")
    words = (f"{voices['writer']} writer · {voices['quoted']} quoted · "
             f"{voices['reported']} reported sentences")
    assert words in tile.locator(".tile-voices").text_content()
    likely = round(summary["genre_score"] * 100)
    assert f"Opinion piece ({likely}% likely an opinion piece)" in tile.text_content()
    own = [s for s in result["sentences"]
           if s["label"] == "opinion" and s["voice"] == "writer" and s["role"] == "body"]
    body = [s for s in result["sentences"] if s["role"] == "body"]
    assert f"{len(own)} of {len(body)} body sentences" in tile.text_content()
    assert round(len(own) / len(body), 4) == pytest.approx(summary["opinion_share"], abs=1e-3)
    assert page.text_content("[data-count='opinion']") == str(len(own))
    # The reference list is structure: greyed, never tinted as opinion.
    references = page.locator("#article .sent.is-structure[data-role='reference']")
    assert references.count() == sum(s["role"] == "reference" for s in result["sentences"]) > 0
    assert page.locator("#article .sent.is-structure.sent-opinion").count() == 0
    # A quotation whose speaker the text does not name says so.
    unnamed = next(q for q in result["quotes"] if q["speaker"] is None
                   and result["sentences"][q["sentence_index"]]["role"] == "body")
    page.locator("#article mark.m-quote", has_text=unnamed["text"][1:30]).first.hover()
    page.locator("#tip").wait_for(state="visible")
    assert "Quoted: speaker not named" in page.text_content("#tip")
    page.mouse.move(0, 0)
    page.keyboard.press("Escape")
    tile.scroll_into_view_if_needed()
    shot(page, "voice-seed-001-tiles", clip=page.locator("#summary").bounding_box())
    shot(page, "voice-seed-001", full_page=True)


# ---------- Issue 22: the findings panel, exports, print, keyboard ----------

FINDING_SECTIONS = {"loaded_language": "loaded", "hedges": "hedge", "boosters": "booster",
                    "attributions": "attribution", "quotes": "quote"}
#: The panel's kinds in its order (findings.js FINDING_KINDS): approximate figures apart.
FINDING_KINDS = ["loaded", "hedge", "approx", "booster", "attribution", "quote"]
WIDE = {"width": 1366, "height": 900}


def expected_findings(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Every finding of ``result`` with the kind, category and voice the panel gives it."""
    quotes = result["quotes"]
    found = []
    for section, section_kind in FINDING_SECTIONS.items():
        for item in result[section]:
            kind = hedge_kind(item) if section == "hedges" else section_kind
            if kind == "loaded":
                category, voice = item["category"], item["voice"]
            elif kind in ("hedge", "approx", "booster"):
                category, voice = item["type"], item["voice"]
            elif kind == "attribution":
                inside = any(q["start"] <= item["start"] and item["end"] <= q["end"]
                             for q in quotes)
                category, voice = item["type"], "quoted" if inside else "writer"
            else:
                category = "speaker_not_named" if item["speaker"] is None else "speaker_named"
                voice = "quoted"
            found.append({"kind": kind, "category": category, "voice": voice,
                          "start": item["start"], "end": item["end"], "text": item["text"]})
    rank = FINDING_KINDS
    found.sort(key=lambda f: (f["start"], -f["end"], rank.index(f["kind"])))
    return found


def option_text(page: Any, select: str, value: str) -> str:
    text: str = page.locator(f"{select} option[value='{value}']").text_content()
    return text


@pytest.fixture()
def wide_page(browser: Any, base_url: str) -> Iterator[Any]:
    """The editor page at 1366x900, with seed 001 analysed."""
    with open_page(browser, base_url) as page:
        page.set_viewport_size(WIDE)
        page.wait_for_selector("body[data-state='ready']")
        analyse(page, SEED_001.read_text(encoding="utf-8"))
        yield page


def test_findings_panel_lists_every_finding_in_text_order_and_filters_with_counts(wide_page):
    page = wide_page
    text = SEED_001.read_text(encoding="utf-8")
    expected = expected_findings(api_result(page, text))
    items = page.locator("#findings-list .finding")
    assert items.count() == len(expected) > 20
    starts = items.evaluate_all("els => els.map((el) => Number(el.dataset.start))")
    assert starts == [f["start"] for f in expected]
    kinds = items.evaluate_all("els => els.map((el) => el.dataset.kind)")
    assert kinds == [f["kind"] for f in expected]
    assert page.text_content("#findings-count").startswith(f"{len(expected)} findings")

    # Counts per filter: each option says how many findings it would show.
    for kind in FINDING_KINDS:
        n = sum(f["kind"] == kind for f in expected)
        assert option_text(page, "#filter-kind", kind).endswith(f"({n})")
    for voice in ("writer", "quoted", "reported"):
        n = sum(f["voice"] == voice for f in expected)
        assert option_text(page, "#filter-voice", voice).endswith(f"({n})")
    assert {f["voice"] for f in expected} >= {"writer", "quoted"}

    # By kind, then by category within it.
    page.select_option("#filter-kind", "hedge")
    hedges = [f for f in expected if f["kind"] == "hedge"]
    assert items.count() == len(hedges)
    assert page.text_content("#findings-count") == f"{len(hedges)} of {len(expected)} findings"
    category = hedges[0]["category"]
    page.select_option("#filter-category", f"hedge:{category}")
    assert items.count() == sum(f["category"] == category for f in hedges)
    # The voice counts follow the other filters.
    writer = sum(f["category"] == category and f["voice"] == "writer" for f in hedges)
    assert option_text(page, "#filter-voice", "writer").endswith(f"({writer})")
    # A new kind drops a category of another kind.
    page.select_option("#filter-kind", "")
    page.select_option("#filter-voice", "quoted")
    quoted = [f for f in expected if f["voice"] == "quoted"]
    assert items.count() == len(quoted)
    assert set(items.evaluate_all("els => els.map((el) => el.dataset.voice)")) == {"quoted"}
    page.select_option("#filter-voice", "")
    assert items.count() == len(expected)
    # An attribution names its source.
    result = api_result(page, text)
    cue = next(a for a in result["attributions"] if a["source"])
    row = page.locator("#findings-list .finding[data-kind='attribution']"
                       f"[data-start='{cue['start']}']")
    assert f"Source: {cue['source']['text']}" in row.text_content()

    # Choosing a finding scrolls to its mark, focuses it and opens its tooltip and sentence.
    term = result["loaded_language"][-1]
    page.select_option("#filter-kind", "loaded")
    page.locator(f"#findings-list .finding[data-start='{term['start']}'] button").click()
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    assert term["category"].replace("_", " ") in tip.text_content()
    assert term["entry_id"] in tip.text_content()
    active = page.evaluate("""() => {
      const el = document.activeElement, r = el.getBoundingClientRect();
      return {kind: el.dataset.kind, text: el.textContent, top: r.top, bottom: r.bottom};
    }""")
    assert active["kind"] == "loaded" and term["term"]["text"] in active["text"]
    assert active["top"] >= 0 and active["bottom"] <= WIDE["height"]
    n = term["sentence_index"] + 1
    assert f"Sentence {n} of {len(result['sentences'])}" in page.text_content("#sentence-body")
    shot(page, "findings-panel-jump")


def test_density_strip_has_a_bar_per_paragraph_level_with_it(wide_page):
    page = wide_page
    text = SEED_001.read_text(encoding="utf-8")
    expected = expected_findings(api_result(page, text))
    paragraphs = [line for line in text.split("\n") if line.strip()]
    bars = page.locator("#density .density-bar")
    assert bars.count() == len(paragraphs)
    counts = bars.evaluate_all("els => els.map((el) => Number(el.dataset.count))")
    assert sum(counts) == len(expected)
    tops = bars.evaluate_all("els => els.map((el) => el.getBoundingClientRect().top)")
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    # The strip sits left of the article, its first bar level with the first line.
    strip = page.locator("#density").bounding_box()
    article = page.locator("#article").bounding_box()
    assert strip["x"] + strip["width"] <= article["x"]
    assert abs(tops[0] - page.locator("#article").evaluate(
        "el => el.getBoundingClientRect().top")) < 12
    page.locator(".article-card").scroll_into_view_if_needed()
    shot(page, "findings-density-strip", clip=page.locator(".workspace").bounding_box())
    # A bar jumps to its paragraph's first finding.
    second = next(i for i, n in enumerate(counts) if i > 0 and n)
    starts = [text.index(line) for line in paragraphs]
    first = next(f for f in expected if starts[second] <= f["start"]
                 and (second + 1 == len(starts) or f["start"] < starts[second + 1]))
    page.locator(f"#density .density-bar[data-paragraph='{second + 1}']").click()
    page.locator("#tip").wait_for(state="visible")
    assert page.evaluate("document.activeElement.dataset.kind") == first["kind"]
    assert first["text"].startswith(page.evaluate("document.activeElement.textContent")[:10])


def test_findings_export_as_markdown_csv_and_json(wide_page):
    import csv
    import io

    page = wide_page
    text = SEED_001.read_text(encoding="utf-8")
    expected = expected_findings(api_result(page, text))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("#copy-markdown")
    page.locator("#export-status", has_text="Copied").wait_for()
    markdown = page.evaluate("navigator.clipboard.readText()")
    lines = markdown.strip().split("\n")
    assert lines[0] == f"## Findings ({len(expected)})"
    assert lines[2].startswith("| # | Kind | Category | Voice | Text |")
    rows = lines[4:]
    assert len(rows) == len(expected)
    assert rows[0].startswith("| 1 | ")
    assert f"“{expected[0]['text']}”".replace("|", "\\|") in rows[0]
    quote = next(f for f in expected if f["kind"] == "quote")
    assert any(f"| {quote['text']} |" in row for row in rows)  # its own marks, not doubled

    # CSV and JSON hold what the filters show.
    page.select_option("#filter-kind", "booster")
    boosters = [f for f in expected if f["kind"] == "booster"]
    with page.expect_download() as info:
        page.click("#download-csv")
    download = info.value
    assert download.suggested_filename == "findings.csv"
    table = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert [r["text"] for r in table] == [f["text"] for f in boosters]
    assert [int(r["start"]) for r in table] == [f["start"] for f in boosters]
    assert {r["kind"] for r in table} == {"booster"}
    with page.expect_download() as info:
        page.click("#download-json")
    doc = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert info.value.suggested_filename == "findings.json"
    assert doc["count"] == len(boosters) and doc["offset_encoding"] == "utf-16"
    assert [(f["start"], f["end"], f["category"]) for f in doc["findings"]] == [
        (f["start"], f["end"], f["category"]) for f in boosters]
    for f in doc["findings"]:
        assert text[f["start"]:f["end"]] == f["text"]

    # Where the clipboard refuses, the Markdown is shown, selected, to copy by hand.
    page.evaluate("""() => {
      navigator.clipboard.writeText = () => Promise.reject(new Error("denied"));
    }""")
    page.click("#copy-markdown")
    fallback = page.locator("#copy-fallback-text")
    fallback.wait_for(state="visible")
    assert fallback.input_value().startswith(f"## Findings ({len(boosters)})")
    assert page.evaluate("document.activeElement.id") == "copy-fallback-text"
    shot(page, "findings-export-fallback", clip=page.locator("#findings-card").bounding_box())


DISPLAY = "el => getComputedStyle(el).display"


def test_print_shows_the_marked_article_legend_and_findings_without_controls(wide_page):
    page = wide_page
    page.emulate_media(media="print")
    for hidden in (".topbar", "#input-card", "#sentence-panel", ".findings-filters",
                   ".export-row", "#density", ".footer"):
        assert page.locator(hidden).evaluate(DISPLAY) == "none", hidden
    controls = page.evaluate("""() => [...document.querySelectorAll(
        "button, select, textarea, input, summary")].filter((el) => el.checkVisibility())
        .map((el) => el.outerHTML.slice(0, 80))""")
    assert controls == []
    for shown in ("#article", "#legend", "#findings-list"):
        assert page.locator(shown).is_visible(), shown
    # The whole list prints, not a scrolled window of it; the marks keep their styles.
    overflow = "el => getComputedStyle(el).overflowY"
    assert page.locator("#findings-list").evaluate(overflow) == "visible"
    assert page.locator("#findings-list .finding").count() == page.locator(".finding-text").count()
    assert page.locator("#legend .swatch.m-hedge").is_visible()
    assert page.locator("#legend .legend-check").first.evaluate(DISPLAY) == "none"
    assert page.locator("#article mark.m-booster").first.evaluate(
        "el => getComputedStyle(el).textDecorationLine") == "underline"
    shot(page, "print-view", full_page=True)
    page.emulate_media(media="screen")
    assert page.locator(".export-row").evaluate(DISPLAY) == "flex"


def test_the_article_is_one_tab_stop_and_arrows_move_among_marks(wide_page):
    page = wide_page
    assert tab_stops(page) == 1
    assert page.locator("#article mark[tabindex='0']").count() == 0
    entry = page.locator("#article [tabindex='0']")
    entry.focus()
    presses = 0
    while presses < 3 and not page.evaluate(
            "Boolean(document.activeElement.closest('.sidebar'))"):
        page.keyboard.press("Tab")
        presses += 1
    # Straight to the sidebar: its first control, in the sentence panel at its top.
    assert presses == 1, "Tab from the article's one stop goes straight to the sidebar"
    assert page.evaluate("Boolean(document.activeElement.closest('#sentence-panel'))")

    # → and ← step through the marks in text order, each with a visible focus and its tooltip.
    page.locator("#article .sent").first.focus()
    page.keyboard.press("ArrowRight")
    first = page.evaluate("document.activeElement.dataset.id")
    assert page.evaluate("document.activeElement.tagName") == "MARK"
    ring = page.evaluate("""() => {
      const style = getComputedStyle(document.activeElement);
      return [style.outlineStyle, style.outlineColor, style.outlineWidth];
    }""")
    assert ring == ["solid", "rgb(29, 78, 216)", "3px"]
    page.locator("#tip").wait_for(state="visible")
    page.keyboard.press("ArrowRight")
    second = page.evaluate("document.activeElement.dataset.id")
    assert second != first
    before = page.evaluate("""([a, b]) => {
      const x = document.querySelector(`#article [data-id="${a}"]`);
      const y = document.querySelector(`#article [data-id="${b}"]`);
      return Boolean(x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""", [first, second])
    assert before
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("document.activeElement.dataset.id") == first
    # The sentence of the focused mark is the article's one tab stop; ↓ moves to the next one.
    assert tab_stops(page) == 1
    shot(page, "keyboard-mark-focus")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('sent')")
    # The findings list is one tab stop too: ↓ moves in it.
    assert page.locator("#findings-list [data-finding][tabindex='0']").count() == 1
    page.focus("#findings-list [data-finding][tabindex='0']")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.dataset.finding") == "1"


def test_the_findings_panel_and_the_strip_fit_a_phone(browser, base_url):
    """At 375 px the panel's filters, list and exports and the strip stay inside the screen."""
    with open_page(browser, base_url) as page:
        page.set_viewport_size({"width": 375, "height": 800})
        page.wait_for_selector("body[data-state='ready']")
        analyse(page, SEED_001.read_text(encoding="utf-8"))
        for selector in ("#findings-card", "#filter-category", "#findings-list", ".export-row",
                         "#density", "#article"):
            box = page.locator(selector).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375, (selector, box)
        page.locator("#findings-card").scroll_into_view_if_needed()
        shot(page, "findings-panel-phone")
