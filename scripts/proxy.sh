#!/usr/bin/env bash
# Start the deployment's pair locally: gunicorn on 127.0.0.1:$UPSTREAM_PORT behind nginx
# on $PORT (deploy/nginx/nginx.conf, the Kubernetes sidecar's configuration, with these
# two ports written in). Installs nginx with scripts/install-proxy.sh when it is missing.
#
#   PORT=8080 UPSTREAM_PORT=8000 WEB_CONCURRENCY=2 scripts/proxy.sh
#
# Runs in the foreground; SIGTERM or SIGINT stops gunicorn gracefully (in-flight requests
# finish), then nginx. Either one exiting stops the other. RHETORIC_PROXY_DIR (default: a
# fresh temporary directory) holds nginx's configuration, pid, logs and buffered bodies.
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
  kill -TERM "$gunicorn_pid" 2>/dev/null || true
  wait "$gunicorn_pid" 2>/dev/null || true
  kill -QUIT "$nginx_pid" 2>/dev/null || true  # QUIT: nginx finishes open requests
  wait "$nginx_pid" 2>/dev/null || true
}
trap 'stop; exit 0' TERM INT
echo "proxy: nginx on ${LISTEN}:${PORT} (pid $nginx_pid) -> gunicorn on 127.0.0.1:${UPSTREAM_PORT} (pid $gunicorn_pid); files in $dir" >&2
wait -n "$gunicorn_pid" "$nginx_pid" || true
stop
