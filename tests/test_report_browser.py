"""The HTML report in a real headless Chromium: self-contained, every chart's axes labelled.

The page is opened from its file; any request for anything else fails the test.
Screenshots go to ``test-output/browser/`` (``report-page.png``, ``report-sources.png``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from service import cli
from tests.test_browser import OUTPUT, browser  # noqa: F401 (the fixture)
from tests.test_report import OUTLETS, archive  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser

# For every chart: its name, its axis labels' texts, and whether each label is drawn
# inside the chart with a size (text a reader can see).
AXES = """() => Array.from(document.querySelectorAll("svg[data-chart]")).map(svg => {
  const box = svg.getBoundingClientRect();
  const labels = axis => Array.from(svg.querySelectorAll(`[id$="-${axis}label"] text`))
    .map(t => { const r = t.getBoundingClientRect();
                return {text: t.textContent.trim(), shown: r.width > 0 && r.height > 0 &&
                        r.left >= box.left - 1 && r.right <= box.right + 1 &&
                        r.top >= box.top - 1 && r.bottom <= box.bottom + 1}; })
    .filter(l => l.text);
  const ticks = Array.from(svg.querySelectorAll('[id^="ytick"] text, [id^="xtick"] text'))
    .map(t => t.textContent.trim());
  return {name: svg.dataset.chart, label: svg.getAttribute("aria-label"),
          x: labels("x"), y: labels("y"), ticks};
})"""


def check_report(browser: Any, page_path: Path, name: str = "report") -> dict[str, Any]:  # noqa: F811
    """Open the report; return its charts' axes and the screenshots' paths.

    Fails if the page asks for anything but its own file or logs an error.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    errors: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url != page_path.resolve().as_uri():
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(page_path.resolve().as_uri())
    page.wait_for_selector("svg[data-chart]")
    charts = page.evaluate(AXES)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    shots = {"page": OUTPUT / f"{name}-page.png", "sources": OUTPUT / f"{name}-sources.png"}
    page.screenshot(path=str(shots["page"]), full_page=True)
    page.locator("#sources figure").screenshot(path=str(shots["sources"]))
    context.close()
    assert outside == [], f"the report asked for other files: {outside}"
    assert errors == [], f"console errors: {errors}"
    return {"charts": charts, "shots": shots}


def test_every_chart_has_labelled_axes_and_nothing_is_fetched(
        browser: Any, archive: dict[str, Path], tmp_path: Path) -> None:  # noqa: F811
    assert cli.main(["report", str(archive["summary"]), "--input", str(archive["input"]),
                     "-o", str(tmp_path)]) == 0
    seen = check_report(browser, tmp_path / "report.html")
    charts = seen["charts"]
    assert [c["name"] for c in charts] == ["opinion-by-group", "loaded-by-group",
                                           "opinion-by-month", "loaded-by-month",
                                           "sources-by-group"]
    for chart in charts:
        assert chart["label"], chart["name"]
        for axis in ("x", "y"):
            assert chart[axis], f"{chart['name']}: no {axis} axis label"
            assert all(label["shown"] for label in chart[axis]), (chart["name"], chart[axis])
    by_name = {c["name"]: c for c in charts}
    assert by_name["opinion-by-group"]["y"][0]["text"] == "outlet"
    assert by_name["loaded-by-group"]["x"][0]["text"] == "mean loaded terms per 1,000 words"
    for outlet in OUTLETS:
        assert any(t.startswith(f"{outlet} (n=") for t in by_name["sources-by-group"]["ticks"])
    assert {"2024", "2024-04"} <= set(by_name["opinion-by-month"]["ticks"])
    for shot in seen["shots"].values():
        assert shot.stat().st_size > 10_000
