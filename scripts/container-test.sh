#!/usr/bin/env bash
# Build the Dockerfile for real and run the image's own command, without a registry.
#
#   scripts/container-test.sh            (root; needs podman + buildah + debootstrap)
#
# 1. The base image (python:3.11-slim-bookworm, the Dockerfile's PYTHON_IMAGE) cannot be
#    pulled here, so a stand-in is built from Debian packages with debootstrap (bookworm,
#    python3.11, venv, the same Debian release as the real image) and tagged under that
#    name in local storage; a machine that can pull the real image skips this (set
#    STANDIN=0).
# 2. The wheels of requirements/runtime.txt are downloaded on the host into wheelhouse/
#    (pip download --require-hashes); the build installs them with --no-index, hashes
#    still checked. A build that reaches PyPI itself needs no wheelhouse.
# 3. buildah builds the image (--isolation=chroot), runs the image's CMD in it
#    (buildah run --isolation chroot) on a loopback port, waits for /readyz, posts seed
#    001, checks the response, and prints a report with the image size.
# Not part of the default test run: it takes minutes and needs root.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

IMAGE=${IMAGE:-localhost/rhetoric-service:test}
BASE=${BASE:-python:3.11-slim-bookworm}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
PORT=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
STANDIN=${STANDIN:-1}
export STORAGE_DRIVER=${STORAGE_DRIVER:-vfs}
export BUILDAH_ISOLATION=chroot
WORK=$(mktemp -d /tmp/rhetoric-container.XXXXXX)
PY=${PYTHON:-$ROOT/.venv/bin/python}
started=$(date +%s)
ctr=""
runner=""

say() { printf '[container-test] %s\n' "$*" >&2; }
cleanup() {
  if [ -n "$runner" ]; then stop_runner; fi
  if [ -n "$ctr" ]; then buildah rm "$ctr" >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

descendants() {  # every process under pid $1, deepest last
  local kid
  for kid in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    echo "$kid"
    descendants "$kid"
  done
}

is_gunicorn() {  # pid $1 runs gunicorn itself (python .../gunicorn), not a wrapper of it
  local argv0 argv1
  { IFS= read -r -d '' argv0; IFS= read -r -d '' argv1; } <"/proc/$1/cmdline" 2>/dev/null || true
  case "${argv0##*/}" in
    gunicorn) return 0 ;;
    python*) [ "${argv1##*/}" = gunicorn ] ;;
    *) return 1 ;;
  esac
}

stop_runner() {  # SIGTERM the gunicorn master (the topmost gunicorn under buildah run)
  local pid
  stopped_by="buildah run ended by itself"
  for pid in $(descendants "$runner"); do
    if is_gunicorn "$pid"; then
      kill -TERM "$pid" 2>/dev/null && stopped_by="SIGTERM to the gunicorn master"
      break
    fi
  done
  for _ in $(seq 1 80); do kill -0 "$runner" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$runner" 2>/dev/null; then
    stopped_by="$stopped_by; still running after 40 s, buildah run killed"
    kill -TERM "$runner" 2>/dev/null || true
  fi
  runner_rc=0
  wait "$runner" 2>/dev/null || runner_rc=$?
  runner=""
}

for tool in buildah podman debootstrap; do
  if ! command -v "$tool" >/dev/null; then
    say "installing podman, buildah and debootstrap from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman buildah debootstrap >/dev/null
    break
  fi
done
if [ ! -f requirements/runtime.txt ]; then
  say "requirements/runtime.txt is missing (scripts/lock.sh makes it)"; exit 1
fi

# 1. The stand-in base image.
if [ "$STANDIN" = 1 ] && ! buildah inspect --type image "$BASE" >/dev/null 2>&1; then
  say "building a stand-in for $BASE with debootstrap from $MIRROR"
  rootfs=$WORK/rootfs
  debootstrap --variant=minbase \
    --include=python3.11,python3.11-venv,python3-venv,python-is-python3,ca-certificates \
    bookworm "$rootfs" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log" >&2; exit 1; }
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/usr/share/doc/* \
         "$rootfs"/usr/share/man/* "$rootfs"/var/log/*.log
  tar -C "$rootfs" -c . | podman import --change 'CMD ["python3"]' - "localhost/$BASE" >/dev/null
  rm -rf "$rootfs"
fi
base_size=$(buildah images --format '{{.Size}}' "$BASE" | head -1)

# 2. Can a build reach PyPI? (Informational: the wheelhouse is used either way.)
pypi="no"
probe=$(buildah from --pull=never "$BASE")
if buildah run --isolation chroot "$probe" -- python3 -c \
   "import urllib.request; urllib.request.urlopen('https://pypi.org/simple/pip/', timeout=10)" \
   >/dev/null 2>&1; then pypi="yes"; fi
buildah rm "$probe" >/dev/null
say "PyPI reachable from inside a build: $pypi"

say "downloading the wheels of requirements/runtime.txt into wheelhouse/"
"$PY" -m pip download --quiet --require-hashes --only-binary=:all: --no-deps \
  -r requirements/runtime.txt -d wheelhouse 2> >(grep -v "is ignored: it is neither" >&2)
wheels=$(find wheelhouse -name '*.whl' | wc -l)

# 3. Build, run, check.
build_started=$(date +%s)
if [ "${REUSE_IMAGE:-0}" = 1 ] && buildah inspect --type image "$IMAGE" >/dev/null 2>&1; then
  say "reusing $IMAGE (REUSE_IMAGE=1)"
else
  say "building $IMAGE"
  buildah bud --isolation=chroot --pull=never --layers=false \
    --build-arg "GIT_REVISION=$(git rev-parse HEAD 2>/dev/null || echo unknown)" \
    -t "$IMAGE" -f Dockerfile . >"$WORK/build.log" 2>&1 \
    || { tail -40 "$WORK/build.log" >&2; exit 1; }
fi
build_seconds=$(( $(date +%s) - build_started ))
image_size=$(buildah images --format '{{.Size}}' "$IMAGE" | head -1)
buildah inspect --type image "$IMAGE" >"$WORK/inspect.json"
mapfile -t cmd < <("$PY" -c 'import json, sys
print("\n".join(json.load(open(sys.argv[1]))["OCIv1"]["config"]["Cmd"]))' "$WORK/inspect.json")
user=$("$PY" -c 'import json, sys
print(json.load(open(sys.argv[1]))["OCIv1"]["config"].get("User", "root"))' "$WORK/inspect.json")

ctr=$(buildah from --pull=never "$IMAGE")
say "running the image's command: ${cmd[*]} (user $user, 127.0.0.1:$PORT)"
run_started=$(date +%s)
buildah run --isolation chroot --env "PORT=$PORT" --env RHETORIC_HOST=127.0.0.1 \
  --env WEB_CONCURRENCY=2 "$ctr" -- "${cmd[@]}" >"$WORK/run.log" 2>&1 &
runner=$!

checks_rc=0
"$PY" - "$PORT" "$ROOT/seeds/001_31b38209a063945a.txt" "$WORK/checks.txt" <<'EOF' || checks_rc=$?
"""Wait for /readyz, post seed 001, check the answer; write one line per check."""
import json
import sys
import time
import urllib.error
import urllib.request

port, seed_path, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
base = f"http://127.0.0.1:{port}"
lines = []
deadline = time.monotonic() + 240
ready_after = None
started = time.monotonic()
while time.monotonic() < deadline:
    try:
        with urllib.request.urlopen(base + "/readyz", timeout=5) as r:
            if r.status == 200:
                ready_after = time.monotonic() - started
                break
    except (urllib.error.URLError, OSError):
        pass
    time.sleep(1)
if ready_after is None:
    lines.append("readyz: FAIL (not ready within 240 s)")
else:
    lines.append(f"readyz: ok after {ready_after:.1f} s")
    text = open(seed_path, encoding="utf-8").read()
    req = urllib.request.Request(base + "/v1/analyze", data=text.encode("utf-8"),
                                 headers={"Content-Type": "text/plain; charset=utf-8"})
    t = time.monotonic()
    with urllib.request.urlopen(req, timeout=60) as r:
        body = json.loads(r.read())
        status, server = r.status, r.headers.get("Server")
        csp = r.headers.get("Content-Security-Policy")
    ms = (time.monotonic() - t) * 1000
    spans_ok = all(text[s["start"]:s["end"]] == s["text"] for s in body["sentences"])
    hedges_ok = all(text[h["start"]:h["end"]] == h["text"] for h in body["hedges"])
    ok = (status == 200 and spans_ok and hedges_ok and body["sentences"]
          and body["loaded_language"] and body["hedges"])
    lines.append(f"seed 001: {'ok' if ok else 'FAIL'} (HTTP {status}, {ms:.0f} ms, "
                 f"{len(body['sentences'])} sentences, {len(body['loaded_language'])} loaded "
                 f"terms, {len(body['hedges'])} hedges, {len(body['attributions'])} "
                 f"attributions, genre {body['summary']['genre']}, spans exact: "
                 f"{spans_ok and hedges_ok})")
    lines.append(f"headers: Server {'absent' if server is None else repr(server)}, "
                 f"CSP {'set' if csp else 'MISSING'}")
    with urllib.request.urlopen(base + "/version", timeout=10) as r:
        version = json.loads(r.read())
    lines.append(f"version: service {version['service_version']}, "
                 f"git {version.get('git_revision')}, model {version['spacy_pipeline']} "
                 f"{version['spacy_pipeline_version']}")
    with urllib.request.urlopen(base + "/metrics", timeout=10) as r:
        metrics = r.read().decode()
    count = sum(float(line.rsplit(" ", 1)[1]) for line in metrics.splitlines()
                if line.startswith("rhetoric_http_requests_total{")
                and 'route="/v1/analyze"' in line)
    lines.append(f"metrics: {'ok' if count >= 1 else 'FAIL'} "
                 f"(analyze requests counted across workers: {count:.0f})")
open(out, "w", encoding="utf-8").write("\n".join(lines) + "\n")
sys.exit(0 if all("FAIL" not in line for line in lines) else 1)
EOF
stop_runner
run_seconds=$(( $(date +%s) - run_started ))

echo "== container test report =="
echo "base image:      $BASE ($([ "$STANDIN" = 1 ] && echo "Debian bookworm stand-in, debootstrap" || echo "pulled")), $base_size"
echo "PyPI from build: $pypi; wheelhouse: $wheels wheels (pip download --require-hashes)"
echo "build:           $IMAGE in ${build_seconds} s (buildah bud --isolation=chroot)"
echo "image size:      $image_size"
echo "command:         ${cmd[*]} (user $user)"
sed 's/^/check:           /' "$WORK/checks.txt" 2>/dev/null || echo "check:           FAIL (the checks stopped early; see above)"
echo "run:             ${run_seconds} s; stop: $stopped_by; exit status $runner_rc"
echo "log (last lines):"
tail -"$([ "$checks_rc" -ne 0 ] && echo 40 || echo 4)" "$WORK/run.log" | sed 's/^/  /'
echo "total:           $(( $(date +%s) - started )) s"
if [ "$checks_rc" -ne 0 ]; then echo "RESULT: FAIL"; exit 1; fi
echo "RESULT: PASS"
