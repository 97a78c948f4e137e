#!/usr/bin/env bash
# Install everything (first run only) and start the service with gunicorn on $PORT (default 8000).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh runtime
exec .venv/bin/gunicorn -c gunicorn.conf.py "$@" service.wsgi:app
