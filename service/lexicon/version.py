"""The version of a lexicon directory: its manifest's version and a hash of its files."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def version_of(directory: Path, base_version: str, files: Iterable[Path]) -> str:
    """Return ``base_version+hash``, the hash over the names and bytes of ``files``.

    ``files`` are the lexicon files; the JSON tables beside them (word classes, the opinion
    model's weights, the actors' names) change results too, so they count towards it, and
    so does the sentence encoder: its provenance record, which holds the sha256 of the
    model and tokenizer files (checked against them when the encoder loads).
    """
    digest = hashlib.sha256()
    encoder = directory.glob("encoder/provenance.json")
    for path in sorted([*files, *directory.glob("*.json"), *encoder]):
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{base_version}+{digest.hexdigest()[:8]}"
