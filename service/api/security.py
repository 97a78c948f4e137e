"""API-key auth, CORS from an allow-list, security headers and the server banner."""

from __future__ import annotations

import hashlib
import hmac
import logging
import weakref
from pathlib import Path

from flask import Flask, Response, g, request

from service.config import Settings, SettingsError
from service.problems import Unauthorized

API_KEY_HEADER = "X-API-Key"
# Probes from the orchestrator carry no key.
OPEN_PATHS = frozenset({"/healthz", "/readyz"})
CORS_METHODS = "GET, POST, OPTIONS"
CORS_HEADERS = f"Content-Type, {API_KEY_HEADER}, Authorization, X-Request-ID"
CORS_MAX_AGE = "600"

# JSON answers need no sources at all; pages get their own policy below.
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# The page at / loads only same-origin scripts, styles and images; no inline script.
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; font-src 'self'; manifest-src 'self'; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
HSTS = "max-age=31536000"


def load_keys(settings: Settings) -> tuple[bytes, ...]:
    """Return the configured API keys (from the setting and the key file), as bytes.

    A key must be visible ASCII (``!`` to ``~``): RFC 9110 section 5.5 leaves any other
    octet in a field value opaque, RFC 6750 allows only ASCII in a bearer token, and
    clients disagree on how to send the rest (fetch and requests send Latin-1, curl the
    terminal's UTF-8), so such a key would open the API for some clients and not others.
    Start-up stops naming the key's place, never the key.
    """
    places: list[tuple[str, str]] = [
        (f"RHETORIC_API_KEYS: key {n}", k) for n, k in enumerate(settings.api_keys.split(","), 1)]
    if settings.api_keys_file is not None:
        path = settings.api_keys_file
        places += [(f"RHETORIC_API_KEYS_FILE {path}:{n}", k) for n, k in
                   enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1)]
    keys = set()
    for place, raw in places:
        key = raw.strip(" \t")
        if not key or key.startswith("#"):
            continue
        if not all("!" <= c <= "~" for c in key):
            raise SettingsError(f"{place}: an API key must be printable ASCII ('!' to '~', "
                                "no spaces or other characters); make a new key.")
        keys.add(key.encode("ascii"))
    return tuple(sorted(keys))


def key_id(key: bytes) -> str:
    """Return the id logs, metrics and quotas know a key by: a prefix of its SHA-256."""
    return "k_" + hashlib.sha256(key).hexdigest()[:12]


class KeyRing:
    """The API keys of one app, read again from their file by :meth:`reload` (SIGHUP)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.keys = load_keys(settings)
        _RINGS.add(self)

    def reload(self) -> None:
        """Read the keys again; keep the old ones if the file cannot be read or is invalid."""
        try:
            self.keys = load_keys(self.settings)
        except (OSError, SettingsError) as exc:
            logging.getLogger("service.api").error("API keys not reloaded: %s", exc)
            return
        logging.getLogger("service.api").info("API keys reloaded: %d keys", len(self.keys))


_RINGS: weakref.WeakSet[KeyRing] = weakref.WeakSet()


def reload_keys() -> None:
    """Read every app's API keys again (gunicorn's post_worker_init, after a SIGHUP)."""
    for ring in list(_RINGS):
        ring.reload()


def matching_key(candidate: str, keys: tuple[bytes, ...]) -> bytes | None:
    """Return the key ``candidate`` matches (compared with every key in constant time)."""
    try:
        given = candidate.encode("latin-1")
    except UnicodeEncodeError:
        given = b""
    found = None
    for key in keys:
        if hmac.compare_digest(given, key):
            found = key
    return found if given else None


def key_matches(candidate: str, keys: tuple[bytes, ...]) -> bool:
    """Return whether ``candidate`` is one of ``keys`` (see :func:`matching_key`).

    WSGI hands a header over as its octets decoded as Latin-1, so encoding it back gives
    the octets sent; a key is ASCII, so a non-ASCII octet never matches.
    """
    return matching_key(candidate, keys) is not None


def presented_key() -> str:
    """Return the key sent as ``X-API-Key`` or ``Authorization: Bearer``, else ''."""
    key = request.headers.get(API_KEY_HEADER, "")
    if key:
        return key
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def csp_for(path: str) -> str:
    """Return the Content-Security-Policy for a response to ``path``."""
    if path == "/docs" or path.startswith("/docs/"):
        return docs_csp()
    if path == "/" or path.startswith("/assets/"):
        return PAGE_CSP
    return API_CSP


def docs_csp() -> str:
    """Return the policy for Swagger UI at /docs: the page's own policy.

    Swagger UI's bundle (served from the service) renders under it with no violation and
    no console error in Chromium, so it needs no 'unsafe-inline' or 'unsafe-eval'.
    """
    return PAGE_CSP


def register(app: Flask, settings: Settings) -> None:
    """Install API-key checks, CORS and security headers on ``app``."""
    ring = KeyRing(settings)
    origins = frozenset(o.strip().rstrip("/") for o in settings.cors_origins.split(",")
                        if o.strip())
    app.extensions["rhetoric.auth"] = bool(ring.keys)
    app.extensions["rhetoric.keys"] = ring

    @app.before_request
    def _guard() -> Response | None:
        if (origins and request.method == "OPTIONS"
                and "Access-Control-Request-Method" in request.headers):
            return _preflight(origins)
        keys = ring.keys
        if not keys or request.path in OPEN_PATHS:
            return None
        key = matching_key(presented_key(), keys)
        if key is None:
            raise Unauthorized(f"Send a valid API key in the {API_KEY_HEADER} header.",
                               headers={"WWW-Authenticate": f'ApiKey header="{API_KEY_HEADER}"'})
        g.key_id = key_id(key)
        return None

    @app.after_request
    def _headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers.setdefault("Content-Security-Policy", csp_for(request.path))
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        response.headers.pop("Server", None)
        origin = request.headers.get("Origin", "")
        if origin and origin in origins:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Access-Control-Expose-Headers"] = "X-Request-ID, Retry-After"
        if origins:
            response.vary.add("Origin")
        return response


def _preflight(origins: frozenset[str]) -> Response:
    """Answer a CORS preflight: 204, with the allowances only for a listed origin."""
    origin = request.headers.get("Origin", "")
    response = Response(status=204)
    if origin in origins:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Methods"] = CORS_METHODS
        response.headers["Access-Control-Allow-Headers"] = CORS_HEADERS
        response.headers["Access-Control-Max-Age"] = CORS_MAX_AGE
    return response


def hide_server_banner() -> None:
    """Drop the ``Server: gunicorn`` line gunicorn writes (call from gunicorn.conf.py)."""
    from gunicorn.http import wsgi

    original = wsgi.Response.default_headers
    if getattr(original, "_rhetoric_no_banner", False):
        return

    def default_headers(self: wsgi.Response) -> list[str]:
        return [h for h in original(self) if not h.lower().startswith("server:")]

    default_headers._rhetoric_no_banner = True  # type: ignore[attr-defined]
    wsgi.Response.default_headers = default_headers
