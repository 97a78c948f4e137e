#!/usr/bin/env bash
# Install Debian's nginx (the buffering proxy in front of gunicorn) and redis-server (the
# per-key quota counters) when they are missing. scripts/proxy.sh and the tests that
# run the pair call this; the tests skip loudly, naming this script, where the packages
# cannot be installed.
set -uo pipefail
packages=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || packages+=(nginx)
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || packages+=(redis-server)
if [ "${#packages[@]}" -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "install-proxy: not root and no sudo; cannot install ${packages[*]}" >&2
  exit 1
fi
as_root=()
[ "$(id -u)" -ne 0 ] && as_root=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq >/dev/null &&
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null ||
  { echo "install-proxy: apt-get could not install ${packages[*]}" >&2; exit 1; }
