"""The editor page (``GET /``), the interactive API docs (``GET /docs``) and their assets.

Everything is served from this package: the page's own files from ``service/static`` and
Swagger UI's from the ``flask-swagger-ui`` wheel, so neither page reaches the network.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from flask import Blueprint, Response, request
from flask.typing import ResponseReturnValue
from werkzeug.security import safe_join

from service.api.errors import NotFound

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


def swagger_ui_dir() -> Path | None:
    """Return the directory of Swagger UI's bundled files, or None if it is not installed."""
    spec = importlib.util.find_spec("flask_swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        return None
    dist = Path(next(iter(spec.submodule_search_locations))) / "dist"
    return dist if dist.is_dir() else None


def _send(directory: Path, name: str) -> Response:
    """Answer with the file ``name`` under ``directory`` (never outside it), typed explicitly."""
    mimetype = MIMETYPES.get(Path(name).suffix.lower())
    joined = safe_join(str(directory), name)
    if mimetype is None or joined is None or not Path(joined).is_file():
        raise NotFound("No such resource.")
    response = Response(Path(joined).read_bytes(), mimetype=mimetype)
    if mimetype.startswith("text/"):
        response.mimetype_params["charset"] = "utf-8"
    response.headers["Cache-Control"] = "no-cache"
    response.add_etag()
    response.make_conditional(request)
    return response


@bp.get("/")
def page() -> ResponseReturnValue:
    """Serve the editor page: paste an article, see its rhetoric highlighted."""
    return _send(STATIC_DIR, "index.html")


@bp.get("/docs")
def docs() -> ResponseReturnValue:
    """Serve the interactive documentation of ``openapi.yaml``."""
    return _send(STATIC_DIR, "docs.html")


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
