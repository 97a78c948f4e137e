#!/usr/bin/env bash
# Regenerate the hash-pinned requirement files from pyproject.toml.
# Run after changing dependencies; commit the results.
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
"$py" -m pip install --quiet "pip-tools>=7.4"
common=(--quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links)
"$py" -m piptools compile "${common[@]}" --extra model \
  -o requirements/runtime.txt pyproject.toml
"$py" -m piptools compile "${common[@]}" --extra model --extra test --extra tools \
  -o requirements/dev.txt pyproject.toml
