#!/usr/bin/env bash
# A Dask cluster on this machine, from the checkout's .venv: one scheduler on
# tcp://127.0.0.1:8786 and N worker processes of one thread each, for
#   rhetoric analyze archive.jsonl --dask tcp://127.0.0.1:8786 -o results/
# (`--dask local` needs none of this: it starts a LocalCluster itself).
#   scripts/dask-cluster.sh start [N]   # N workers, default: one per core
#   scripts/dask-cluster.sh stop
# Logs and pids go to .dask-cluster/ (DASK_CLUSTER_DIR). On other machines, start
# `dask worker tcp://SCHEDULER:8786 --nthreads 1` from the same image or environment.
set -euo pipefail
cd "$(dirname "$0")/.."
state=${DASK_CLUSTER_DIR:-.dask-cluster}
port=${DASK_SCHEDULER_PORT:-8786}
# The workers import this checkout's service package, whatever the venv points at.
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"

stop() {
  for name in workers scheduler; do
    if [[ -f "$state/$name.pid" ]]; then
      kill "$(cat "$state/$name.pid")" 2>/dev/null || true
      rm -f "$state/$name.pid"
    fi
  done
}

case "${1:-start}" in
  start)
    workers=${2:-$(nproc)}
    mkdir -p "$state"
    stop
    nohup .venv/bin/dask scheduler --host 127.0.0.1 --port "$port" --no-dashboard \
      > "$state/scheduler.log" 2>&1 &
    echo $! > "$state/scheduler.pid"
    nohup .venv/bin/dask worker "tcp://127.0.0.1:$port" --nworkers "$workers" --nthreads 1 \
      --no-dashboard --local-directory "$state/work" > "$state/workers.log" 2>&1 &
    echo $! > "$state/workers.pid"
    .venv/bin/python - "$port" "$workers" <<'PY'
import sys
from distributed import Client
with Client(f"tcp://127.0.0.1:{sys.argv[1]}", timeout=60) as client:
    client.wait_for_workers(int(sys.argv[2]), timeout=120)
print(f"dask-cluster: tcp://127.0.0.1:{sys.argv[1]} with {sys.argv[2]} workers")
PY
    ;;
  stop)
    stop
    echo "dask-cluster: stopped"
    ;;
  *)
    echo "usage: $0 start [N] | stop" >&2
    exit 2
    ;;
esac
