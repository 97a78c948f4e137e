"""The source checkout the tools run from: the one place that assumes there is one.

The tools are for development and need files the installed service does not ship: the
seed articles (``seeds/``) and the gunicorn configuration (``gunicorn.conf.py``) at the
root of a checkout; gunicorn is started there so that it serves that checkout's code.
The root is ``RHETORIC_CHECKOUT`` when it is set, else the checkout holding this package
(``tools/rhetoric_tools/``, as ``scripts/bootstrap.sh dev`` installs it, editable).
"""

from __future__ import annotations

import os
from pathlib import Path


class CheckoutError(RuntimeError):
    """A file the tools need is not where the checkout should have it."""


def _root() -> Path:
    configured = os.environ.get("RHETORIC_CHECKOUT")
    if configured:
        return Path(configured).resolve()
    return Path(__file__).resolve().parent.parent.parent


ROOT = _root()
SEEDS = ROOT / "seeds"
GUNICORN_CONF = ROOT / "gunicorn.conf.py"


def require(path: Path) -> Path:
    """Return ``path``, or stop with what is missing and how to point the tools elsewhere."""
    if not path.exists():
        raise CheckoutError(f"{path} is missing: the tools run from a source checkout of "
                            "Rhetoric Service (set RHETORIC_CHECKOUT to its root)")
    return path
