"""The editor page and the API docs as files: served, typed, self-contained and CSP-friendly."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from flask import Flask
from werkzeug.test import TestResponse

from service.analysis.pipeline import Analyzer
from service.api import create_app, web
from service.config import Settings
from tests.conftest import SEEDS

STATIC = Path(web.__file__).resolve().parent.parent / "static"
SCRIPT_TYPES = {"text/javascript", "application/javascript"}
EXPECTED_TYPE = {".js": SCRIPT_TYPES, ".css": {"text/css"}, ".svg": {"image/svg+xml"},
                 ".html": {"text/html"}, ".txt": {"text/plain"}, ".png": {"image/png"}}
EXTERNAL = re.compile(r"""(?:https?:)?//[^\s"'<>)]+""")
HTML_SINK = re.compile(r"\.(?:inner|outer)HTML\s*=|insertAdjacentHTML|document\.write")
IMPORT = re.compile(r"""^\s*(?:import|export)\s[^;]*?\sfrom\s+["']([^"']+)["']""", re.M)


class PageParser(HTMLParser):
    """Collect what a CSP and an offline check care about in an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts: list[str] = []
        self.handlers: list[str] = []
        self.style_attrs: list[str] = []
        self.style_elements = 0
        self.option_values: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if name == "style":
                self.style_attrs.append(f"<{tag} style>")
            if name in {"src", "href"} and value:
                self.urls.append(value)
        if tag == "script":
            self._in_script = "src" not in values
        if tag == "style":
            self.style_elements += 1
        if tag == "option" and values.get("value"):
            self.option_values.append(values["value"] or "")

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts.append(data.strip()[:80])

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    return parser


def mimetype(response: TestResponse) -> str:
    return response.headers["Content-Type"].split(";")[0].strip()


def local_urls(page_path: str, parser: PageParser) -> list[str]:
    """Resolve the page's src/href values against its path; keep those on this host."""
    base = f"http://localhost{page_path}"
    resolved = [urljoin(base, url) for url in parser.urls]
    return [urlsplit(url).path for url in resolved if urlsplit(url).netloc == "localhost"]


@pytest.mark.parametrize("path", ["/", "/docs"])
def test_page_is_html_without_inline_code_or_outside_resources(client, path):
    r = client.get(path)
    assert r.status_code == 200
    assert mimetype(r) == "text/html"
    assert r.headers["Content-Type"].endswith("charset=utf-8")
    html = r.get_data(as_text=True)
    parser = parse(html)
    assert parser.inline_scripts == []
    assert parser.handlers == []
    assert parser.style_attrs == []
    assert parser.style_elements == 0
    assert EXTERNAL.findall(html) == []
    assert parser.urls, "the page loads nothing"


@pytest.mark.parametrize("path", ["/", "/docs"])
def test_every_asset_a_page_loads_is_served_with_its_type(client, path):
    html = client.get(path).get_data(as_text=True)
    urls = local_urls(path, parse(html))
    assets = [u for u in urls if Path(u).suffix in EXPECTED_TYPE]
    assert any(u.endswith(".js") for u in assets)
    assert any(u.endswith(".css") for u in assets)
    for url in assets:
        r = client.get(url)
        assert r.status_code == 200, url
        assert mimetype(r) in EXPECTED_TYPE[Path(url).suffix], (url, r.headers["Content-Type"])
        assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_every_script_module_and_its_imports_are_served(client):
    """Follow the page's module graph from app.js; each import must be served as JavaScript."""
    seen: set[str] = set()
    todo = ["/assets/js/app.js"]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        r = client.get(url)
        assert r.status_code == 200, url
        assert mimetype(r) in SCRIPT_TYPES, url
        for target in IMPORT.findall(r.get_data(as_text=True)):
            assert target.startswith("./"), f"{url} imports {target!r}: use relative module paths"
            todo.append(urljoin(url, target))
    assert {"/assets/js/api.js", "/assets/js/marks.js", "/assets/js/article.js"} <= seen


def test_script_modules_are_served_as_javascript(client):
    for path in sorted((STATIC / "js").glob("*.js")):
        r = client.get(f"/assets/js/{path.name}")
        assert r.status_code == 200
        assert mimetype(r) in SCRIPT_TYPES


def test_own_scripts_and_styles_reach_nothing_outside():
    for path in [*STATIC.rglob("*.js"), *STATIC.rglob("*.css"), *STATIC.rglob("*.html")]:
        text = path.read_text(encoding="utf-8")
        assert EXTERNAL.findall(text) == [], path
        assert not HTML_SINK.search(text), f"{path}: build DOM nodes, never parse strings as HTML"
        assert "eval(" not in text and "new Function" not in text, path


def test_page_calls_the_public_api_with_utf16_offsets():
    source = (STATIC / "js" / "api.js").read_text(encoding="utf-8")
    assert '"v1/analyze"' in source
    assert 'offset_encoding: "utf-16"' in source


def test_seed_copies_match_the_seeds_and_the_menu(client):
    seeds = sorted(p.name for p in SEEDS.glob("*.txt"))
    assert seeds, "no seeds found"
    menu = parse(client.get("/").get_data(as_text=True)).option_values
    assert sorted(menu) == seeds
    for name in seeds:
        r = client.get(f"/assets/seeds/{name}")
        assert r.status_code == 200
        assert mimetype(r) == "text/plain"
        assert r.get_data() == (SEEDS / name).read_bytes(), f"service/static/seeds/{name} is stale"


def test_docs_use_the_bundled_swagger_ui_and_the_served_contract(client):
    html = client.get("/docs").get_data(as_text=True)
    urls = local_urls("/docs", parse(html))
    assert "/docs/swagger-ui/swagger-ui-bundle.js" in urls
    assert "/docs/swagger-ui/swagger-ui.css" in urls
    bundle = client.get("/docs/swagger-ui/swagger-ui-bundle.js")
    assert bundle.status_code == 200
    assert b"SwaggerUIBundle" in bundle.get_data()
    version = client.get("/docs/swagger-ui/VERSION").get_data(as_text=True).strip()
    assert int(version.lstrip("v").split(".")[0]) >= 5, "Swagger UI 5+ reads OpenAPI 3.1"
    script = (STATIC / "js" / "docs.js").read_text(encoding="utf-8")
    assert '"openapi.yaml"' in script
    assert "validatorUrl: null" in script
    assert client.get("/openapi.yaml").status_code == 200


@pytest.mark.parametrize("path", [
    "/assets/../api/web.py",
    "/assets/%2e%2e/api/web.py",
    "/assets/js/missing.js",
    "/assets/",
    "/docs/swagger-ui/index.css",
    "/docs/swagger-ui/../flask_swagger_ui.py",
])
def test_nothing_outside_the_assets_is_served(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert mimetype(r) == "application/problem+json"


def test_docs_degrade_to_a_link_without_swagger_ui(client, monkeypatch):
    monkeypatch.setattr(web, "swagger_ui_dir", lambda: None)
    assert client.get("/docs/swagger-ui/swagger-ui-bundle.js").status_code == 404
    assert client.get("/docs").status_code == 200


def test_assets_answer_conditional_requests(client):
    first = client.get("/assets/css/app.css")
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "no-cache"
    again = client.get("/assets/css/app.css", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.get_data() == b""


@pytest.fixture(scope="module")
def prefixed(analyzer: Analyzer) -> Flask:
    """The app mounted under /rhetoric by the service itself (RHETORIC_PATH_PREFIX)."""
    return create_app(Settings(path_prefix="/rhetoric"), analyzer=analyzer)


@pytest.fixture(scope="module")
def gatewayed(analyzer: Analyzer) -> Flask:
    """The app behind one trusted gateway that strips its prefix and sends X-Forwarded-Prefix."""
    return create_app(Settings(trusted_proxies=1), analyzer=analyzer)


@pytest.mark.parametrize("page_path", ["/rhetoric", "/rhetoric/", "/rhetoric/docs"])
def test_pages_under_a_path_prefix_load_everything_with_or_without_the_slash(prefixed, page_path):
    """Resolve every URL of the page as a browser at ``page_path`` would, and fetch it."""
    client = prefixed.test_client()
    r = client.get(page_path)
    assert r.status_code == 200
    urls = local_urls(page_path, parse(r.get_data(as_text=True)))
    assert any(u.endswith(".js") for u in urls) and any(u.endswith(".css") for u in urls)
    for url in urls:
        assert url == "/rhetoric" or url.startswith("/rhetoric/"), url
        assert client.get(url).status_code == 200, url


def test_pages_behind_a_gateway_use_its_forwarded_prefix(gatewayed):
    client = gatewayed.test_client()
    headers = {"X-Forwarded-Prefix": "/news"}
    for page_path in ["/", "/docs"]:
        r = client.get(page_path, headers=headers)
        assert r.status_code == 200
        assert "X-Forwarded-Prefix" in r.headers["Vary"]
        # The browser is at /news (no slash) or /news/docs; the gateway strips "/news".
        urls = local_urls("/news" + page_path.rstrip("/"), parse(r.get_data(as_text=True)))
        assert any(u.endswith(".js") for u in urls)
        for url in urls:
            assert url.startswith("/news/") or url == "/news", url
            assert client.get(url[len("/news"):] or "/", headers=headers).status_code == 200, url
    # Without the header the URLs stay relative: a gateway that strips an unannounced
    # prefix still gets a working page at "/prefix/".
    plain = parse(client.get("/").get_data(as_text=True)).urls
    assert "assets/js/app.js" in plain


@pytest.mark.parametrize(("script_root", "expected"), [
    ("", ""),
    ("/", ""),
    ("/rhetoric/", "/rhetoric"),
    ("/a/b", "/a/b"),
    ("//evil.example", "/evil.example"),
    ('/a"b <c>', "/a%22b%20%3Cc%3E"),
])
def test_prefix_path(script_root, expected):
    assert web.prefix_path(script_root) == expected


def test_a_forwarded_prefix_cannot_break_out_of_the_page_urls(gatewayed):
    html = gatewayed.test_client().get(
        "/", headers={"X-Forwarded-Prefix": "/x'&<script>alert(1)</script>"}).get_data(as_text=True)
    parser = parse(html)
    assert parser.inline_scripts == [] and parser.handlers == []
    assert "/x'&%3Cscript%3Ealert(1)%3C/script%3E/assets/js/app.js" in parser.urls


@pytest.mark.parametrize("path", ["/assets//js/api.js", "//assets/js/api.js", "/v1//lexicons",
                                  "/docs//swagger-ui/swagger-ui.css", "/docs/"])
def test_no_redirect_points_at_a_host_from_the_request(client, path):
    r = client.get(path, headers={"Host": "evil.example"})
    assert r.status_code == 404
    assert "Location" not in r.headers
