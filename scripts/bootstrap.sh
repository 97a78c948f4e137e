#!/usr/bin/env bash
# Create .venv (if needed) and install the project with hash-pinned dependencies.
#   scripts/bootstrap.sh runtime   the service and the spaCy model
#   scripts/bootstrap.sh dev       also the test dependencies and the tools (tools/)
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:-runtime}
case "$profile" in
  runtime|dev) ;;
  *) echo "usage: $0 runtime|dev" >&2; exit 2 ;;
esac

python=${PYTHON:-}
if [ -z "$python" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
      python=$candidate; break
    fi
  done
fi
if [ -z "$python" ]; then
  echo "Python 3.11 is required (set PYTHON=/path/to/python3.11)." >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
stamp=.venv/.installed-$profile
lock=requirements/$profile.txt
if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ] ||
   { [ "$profile" = dev ] && [ tools/pyproject.toml -nt "$stamp" ]; }; then
  .venv/bin/python -m pip install --quiet --upgrade "pip>=24"
  .venv/bin/python -m pip install --quiet --require-hashes -r "$lock"
  .venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
  if [ "$profile" = dev ]; then
    # The development tools (rhetoric evaluate|bench|soak, rhetoric-dev); their
    # dependencies came with the dev lock.
    .venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e tools
  fi
  touch "$stamp"
fi

if [ "$profile" = dev ]; then
  bash scripts/install-browser.sh || true
  # The Dask operator's CRDs, for tests/test_dask_deploy.py (which skips, naming the
  # script, without them).
  bash scripts/install-dask-crd.sh || true
fi
