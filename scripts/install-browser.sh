#!/usr/bin/env bash
# Install Debian's headless Chromium for the browser tests when it is missing.
# The tests skip loudly, naming this script, where it cannot be installed.
set -uo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "install-browser: not root and no sudo; browser tests will be skipped" >&2
  exit 1
fi
as_root=()
[ "$(id -u)" -ne 0 ] && as_root=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq >/dev/null &&
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null ||
  { echo "install-browser: apt-get could not install chromium" >&2; exit 1; }
