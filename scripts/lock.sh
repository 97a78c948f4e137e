#!/usr/bin/env bash
# Regenerate the hash-pinned requirement files from pyproject.toml.
# Run after changing dependencies; commit the results.
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
"$py" -m pip install --quiet "pip-tools>=7.4"
# Constrain the resolver to the versions installed in .venv (the ones the tests ran
# with): it then resolves in seconds instead of backtracking through old releases.
constraints=$(mktemp)
trap 'rm -f "$constraints"' EXIT
"$py" -m pip freeze --exclude-editable | grep -v '^-e' > "$constraints"
common=(--quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
        --constraint "$constraints")
"$py" -m piptools compile "${common[@]}" --extra model \
  -o requirements/runtime.txt pyproject.toml
# dev.txt: the service with its model and test extras, and the tools (tools/pyproject.toml).
"$py" -m piptools compile "${common[@]}" --extra model --extra test \
  -o requirements/dev.txt pyproject.toml tools/pyproject.toml
