#!/usr/bin/env bash
# Install Debian's nginx (the buffering proxy in front of gunicorn) and redis-server (the
# per-key quota counters) when they are missing. scripts/proxy.sh and the tests that
# run the pair call this; the tests skip loudly, naming this script, where the packages
# cannot be installed.
set -uo pipefail
packages=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || packages+=(nginx)
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || packages+=(redis-server)
. "$(dirname "$0")/lib/apt.sh"
apt_install install-proxy "${packages[@]}"
