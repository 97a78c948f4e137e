#!/usr/bin/env bash
# Start the deployment's pair locally: gunicorn on 127.0.0.1:$UPSTREAM_PORT behind nginx
# on $PORT (deploy/nginx/nginx.conf, the Kubernetes sidecar's configuration, with these
# two ports written in). Installs nginx with scripts/install-proxy.sh when it is missing.
#
#   PORT=8080 UPSTREAM_PORT=8000 WEB_CONCURRENCY=2 scripts/proxy.sh
#
# Unless RHETORIC_REDIS_URL names one, a redis-server of its own (on a Unix socket in the
# run directory, nothing saved) keeps the per-key quota counters (service/api/quota.py).
#
# Runs in the foreground; SIGTERM or SIGINT stops nginx gracefully (it stops accepting and
# finishes the requests it has), then gunicorn, then Redis. Either of gunicorn and nginx
# exiting stops the rest.
# RHETORIC_PROXY_DIR (default: a fresh temporary directory) holds nginx's configuration,
# pid, logs and buffered bodies, and Redis's socket.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8080}"
UPSTREAM_PORT="${UPSTREAM_PORT:-8000}"
LISTEN="${RHETORIC_PROXY_LISTEN:-127.0.0.1}"
bash scripts/install-proxy.sh
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
dir="${RHETORIC_PROXY_DIR:-$(mktemp -d -t rhetoric-proxy-XXXXXX)}"
mkdir -p "$dir/tmp" "$dir/logs"
sed -e "s/^\(        \)listen 8080;/\1listen ${LISTEN}:${PORT};/" \
    -e "s/server 127.0.0.1:8000 /server 127.0.0.1:${UPSTREAM_PORT} /" \
    deploy/nginx/nginx.conf > "$dir/nginx.conf"
grep -q "listen ${LISTEN}:${PORT};" "$dir/nginx.conf"
"$NGINX" -t -q -p "$dir" -c "$dir/nginx.conf" -e stderr
redis_pid=""
if [ -z "${RHETORIC_REDIS_URL:-}" ]; then
  REDIS="$(command -v redis-server || echo /usr/bin/redis-server)"
  "$REDIS" --port 0 --unixsocket "$dir/redis.sock" --unixsocketperm 700 --save "" \
    --appendonly no --dir "$dir" --logfile "$dir/logs/redis.log" &
  redis_pid=$!
  for _ in $(seq 100); do [ -S "$dir/redis.sock" ] && break; sleep 0.05; done
  export RHETORIC_REDIS_URL="unix://$dir/redis.sock"
fi
PYTHON="${PYTHON:-.venv/bin/python}"
# gunicorn listens on loopback only; it trusts one proxy (nginx) for X-Forwarded-*, and
# takes as many header fields as nginx lets through (nginx bounds their total size).
RHETORIC_HOST=127.0.0.1 PORT="$UPSTREAM_PORT" RHETORIC_TRUSTED_PROXIES="${RHETORIC_TRUSTED_PROXIES:-1}" \
  GUNICORN_LIMIT_REQUEST_FIELDS="${GUNICORN_LIMIT_REQUEST_FIELDS:-1000}" \
  "$PYTHON" -m gunicorn -c gunicorn.conf.py service.wsgi:app &
gunicorn_pid=$!
"$NGINX" -p "$dir" -c "$dir/nginx.conf" -e stderr -g "daemon off;" &
nginx_pid=$!
stop() {
  # nginx first, with QUIT: it stops accepting and waits for the requests it has, which
  # gunicorn still answers; then gunicorn, with nothing left in flight. (gunicorn first
  # would reset the connections in its listen backlog and leave nginx answering 502.)
  kill -QUIT "$nginx_pid" 2>/dev/null || true
  wait "$nginx_pid" 2>/dev/null || true
  kill -TERM "$gunicorn_pid" 2>/dev/null || true
  wait "$gunicorn_pid" 2>/dev/null || true
  if [ -n "$redis_pid" ]; then
    kill -TERM "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
  fi
}
trap 'stop; exit 0' TERM INT
echo "proxy: nginx on ${LISTEN}:${PORT} (pid $nginx_pid) -> gunicorn on 127.0.0.1:${UPSTREAM_PORT} (pid $gunicorn_pid); files in $dir" >&2
wait -n "$gunicorn_pid" "$nginx_pid" || true
stop
