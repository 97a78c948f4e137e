"""The version of a lexicon directory: its manifest's version and a hash of its files."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def version_of(directory: Path, base_version: str, files: Iterable[Path]) -> str:
    """Return ``base_version+hash``, the hash over the names and bytes of ``files``.

    ``files`` are the lexicon files; the JSON tables beside them (word classes, the opinion
    model's weights, the actors' names) change results too, so they count towards it.
    """
    digest = hashlib.sha256()
    for path in sorted([*files, *directory.glob("*.json")]):
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{base_version}+{digest.hexdigest()[:8]}"
