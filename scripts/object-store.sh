#!/usr/bin/env bash
# An S3-compatible object store on this machine, for trying archive mode on object storage
# (and for tests/test_dask_s3.py): moto's server (`moto_server`, from the dev lock's
# moto[s3]; scripts/bootstrap.sh dev installs it) on http://127.0.0.1:PORT. It keeps its
# buckets in memory: they are gone when it stops. It accepts any credentials.
#   scripts/object-store.sh start [PORT]   # default 9000 (OBJECT_STORE_PORT)
#   scripts/object-store.sh stop
# then, in the shell that runs rhetoric (and the Dask workers' environment):
#   export FSSPEC_S3_ENDPOINT_URL=http://127.0.0.1:9000 AWS_ACCESS_KEY_ID=test \
#          AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
# Log and pid go to .object-store/ (OBJECT_STORE_DIR). A deployment uses its own store
# (S3, MinIO, Ceph...) with the same variables (docs/archive.md).
set -euo pipefail
cd "$(dirname "$0")/.."
state=${OBJECT_STORE_DIR:-.object-store}

stop() {
  if [[ -f "$state/moto.pid" ]]; then
    kill "$(cat "$state/moto.pid")" 2>/dev/null || true
    rm -f "$state/moto.pid"
  fi
}

case "${1:-start}" in
  start)
    port=${2:-${OBJECT_STORE_PORT:-9000}}
    if [[ ! -x .venv/bin/moto_server ]]; then
      echo "object-store: .venv/bin/moto_server is missing; run scripts/bootstrap.sh dev" >&2
      exit 1
    fi
    mkdir -p "$state"
    stop
    nohup .venv/bin/moto_server -H 127.0.0.1 -p "$port" > "$state/moto.log" 2>&1 &
    echo $! > "$state/moto.pid"
    # Ready when it answers S3's ListBuckets.
    .venv/bin/python - "$port" <<'PY'
import sys
import time
import urllib.request

url = f"http://127.0.0.1:{sys.argv[1]}/"
deadline = time.monotonic() + 60
while True:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            response.read()
        break
    except OSError:
        if time.monotonic() > deadline:
            sys.exit(f"object-store: nothing answers at {url} after 60 s")
        time.sleep(0.2)
print(f"object-store: S3 on {url}")
PY
    ;;
  stop)
    stop
    echo "object-store: stopped"
    ;;
  *)
    echo "usage: $0 start [PORT] | stop" >&2
    exit 2
    ;;
esac
