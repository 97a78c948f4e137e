#!/usr/bin/env bash
# Install Debian's headless Chromium (and a font, so screenshots show text) for the
# browser tests when they are missing. Playwright's own browser download is never used.
# The tests skip loudly, naming this script, where Chromium cannot be installed.
set -uo pipefail
packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
[ -d /usr/share/fonts/truetype/dejavu ] || packages+=(fonts-dejavu-core)
if [ "${#packages[@]}" -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "install-browser: not root and no sudo; cannot install ${packages[*]}; browser tests will be skipped" >&2
  exit 1
fi
as_root=()
[ "$(id -u)" -ne 0 ] && as_root=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq >/dev/null &&
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null ||
  { echo "install-browser: apt-get could not install ${packages[*]}" >&2; exit 1; }
