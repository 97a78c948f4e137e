"""Liveness, readiness, the contract file, the version document and the lexicon catalogue."""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path

from flask import Blueprint, Response, jsonify
from flask.typing import ResponseReturnValue

from service.api.state import analyzer, engine, settings
from service.lexicon.catalogue import catalogue
from service.problems import NotReady
from service.render import versions

bp = Blueprint("ops", __name__)

OPENAPI_FILE = Path(__file__).resolve().parent.parent / "openapi.yaml"


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    """Answer while the process can serve HTTP; checks no dependency."""
    return jsonify({"status": "ok"})


@bp.get("/readyz")
def readyz() -> ResponseReturnValue:
    """Answer 200 once the pipeline and lexicons are loaded and a tiny parse works."""
    state = engine()
    if state.error is not None:
        raise NotReady("Loading the pipeline or lexicons failed; see the service log.")
    engine_ = analyzer()
    doc = engine_.nlp.make_doc("ready")
    if len(doc) != 1:
        raise NotReady("The tokenizer did not answer as expected.")
    return jsonify({"status": "ready", "lexicon_version": engine_.lexicons.version,
                    "lexicon_entries": len(engine_.lexicons.entries)})


@bp.get("/openapi.yaml")
def openapi() -> ResponseReturnValue:
    """Serve the contract file itself."""
    return Response(OPENAPI_FILE.read_bytes(), mimetype="application/yaml")


@bp.get("/version")
def version() -> ResponseReturnValue:
    """Describe the service, model and lexicon versions."""
    return jsonify({**versions(analyzer()),
                    "git_revision": settings().git_revision or git_head()})


@functools.cache
def git_head() -> str | None:
    """Return the checkout's git revision when running from one (else None)."""
    root = Path(__file__).resolve().parents[2]
    if not (root / ".git").exists():
        return None
    try:
        done = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], check=True,
                              capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


@bp.get("/v1/lexicons")
def lexicons() -> ResponseReturnValue:
    """Return the lexicon catalogue: categories, types and entry counts."""
    return jsonify(catalogue(analyzer().lexicons))
