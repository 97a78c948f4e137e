"""The editor page (``GET /``), the interactive API docs (``GET /docs``) and their assets.

Everything is served from this package: the page's own files from ``service/static`` and
Swagger UI's from the ``flask-swagger-ui`` wheel, so neither page reaches the network.

Under a path prefix the service knows (``RHETORIC_PATH_PREFIX``, or ``X-Forwarded-Prefix``
from a trusted gateway) the pages' relative URLs are made absolute paths under it, so
``/prefix`` works as well as ``/prefix/``. With no known prefix they stay relative, which is
what a gateway that strips an unannounced prefix needs.
"""

from __future__ import annotations

import html
import importlib.util
import re
from pathlib import Path
from urllib.parse import quote

from flask import Blueprint, Response, request
from flask.typing import ResponseReturnValue
from werkzeug.security import safe_join

from service.problems import NotFound

bp = Blueprint("web", __name__)

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
# Swagger UI's files the docs page loads; nothing else in the wheel is served.
SWAGGER_FILES = frozenset({"swagger-ui-bundle.js", "swagger-ui-standalone-preset.js",
                           "swagger-ui.css", "favicon-32x32.png", "LICENSE", "VERSION"})
# Explicit types: module scripts must come as JavaScript and every answer is ``nosniff``.
MIMETYPES = {
    ".html": "text/html",
    ".js": "text/javascript",
    ".css": "text/css",
    ".txt": "text/plain",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".json": "application/json",
    "": "text/plain",
}
# A relative src/href in the pages (not a fragment, an absolute path or a URL with a scheme).
RELATIVE_URL = re.compile(r'\b(src|href)="(?![#/]|[A-Za-z][A-Za-z0-9+.-]*:)(?:\./)?')
# Characters of a path prefix kept as they are in the rewritten URLs (RFC 3986 pchar).
PATH_SAFE = "/:@!$&'()*+,;="


def swagger_ui_dir() -> Path | None:
    """Return the directory of Swagger UI's bundled files, or None if it is not installed."""
    spec = importlib.util.find_spec("flask_swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        return None
    dist = Path(next(iter(spec.submodule_search_locations))) / "dist"
    return dist if dist.is_dir() else None


def _read(directory: Path, name: str) -> tuple[bytes, str]:
    """Return the bytes and type of the file ``name`` under ``directory`` (never outside it)."""
    mimetype = MIMETYPES.get(Path(name).suffix.lower())
    joined = safe_join(str(directory), name)
    if mimetype is None or joined is None or not Path(joined).is_file():
        raise NotFound("No such resource.")
    return Path(joined).read_bytes(), mimetype


def _send(directory: Path, name: str) -> Response:
    """Answer with the file ``name`` under ``directory``, typed explicitly."""
    return _respond(*_read(directory, name))


def _send_page(name: str) -> Response:
    """Answer with a page whose relative URLs point under the request's path prefix."""
    data, mimetype = _read(STATIC_DIR, name)
    root = prefix_path(request.script_root)
    if root:
        text = RELATIVE_URL.sub(lambda m: f'{m[1]}="{html.escape(root)}/', data.decode("utf-8"))
        data = text.encode("utf-8")
    response = _respond(data, mimetype)
    response.vary.add("X-Forwarded-Prefix")
    return response


def prefix_path(script_root: str) -> str:
    """Return ``script_root`` as a URL path ("/a/b", percent-encoded), or "" for none.

    Leading slashes collapse to one, so a prefix can never turn into "//host".
    """
    stripped = script_root.strip("/")
    return quote("/" + stripped, safe=PATH_SAFE) if stripped else ""


def _respond(data: bytes, mimetype: str) -> Response:
    """Answer with ``data``: typed, revalidated on every use, conditional on its ETag."""
    response = Response(data, mimetype=mimetype)
    if mimetype.startswith("text/"):
        response.mimetype_params["charset"] = "utf-8"
    response.headers["Cache-Control"] = "no-cache"
    response.add_etag()
    response.make_conditional(request)
    return response


@bp.get("/")
def page() -> ResponseReturnValue:
    """Serve the editor page: paste an article, see its rhetoric highlighted."""
    return _send_page("index.html")


@bp.get("/docs")
def docs() -> ResponseReturnValue:
    """Serve the interactive documentation of ``openapi.yaml``."""
    return _send_page("docs.html")


@bp.get("/assets/<path:name>")
def static(name: str) -> ResponseReturnValue:
    """Serve the page's scripts, styles and sample articles."""
    return _send(STATIC_DIR, name)


@bp.get("/docs/swagger-ui/<name>")
def swagger_ui(name: str) -> ResponseReturnValue:
    """Serve one of Swagger UI's bundled files."""
    dist = swagger_ui_dir()
    if dist is None or name not in SWAGGER_FILES:
        raise NotFound("No such resource.")
    return _send(dist, name)
