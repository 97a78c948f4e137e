#!/usr/bin/env bash
# Install what the browser tests need when it is missing: Debian's headless Chromium (and a
# font, so screenshots show text), and axe-core from npm for the accessibility audit.
# Playwright's own browser download is never used. axe-core (MPL-2.0, its licence comes
# with the package) goes to .cache/npm/ (gitignored), pinned below; nothing is fetched at
# run time. The tests skip loudly, naming this script, where either cannot be installed.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/apt.sh
AXE_VERSION=4.14.1
AXE_DIR=.cache/npm
status=0

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
[ -d /usr/share/fonts/truetype/dejavu ] || packages+=(fonts-dejavu-core)
command -v npm >/dev/null 2>&1 || packages+=(npm)
if [ "${#packages[@]}" -gt 0 ]; then
  apt_install install-browser "${packages[@]}" ||
    { echo "install-browser: browser tests will be skipped" >&2; status=1; }
fi

installed=$(node -p "require('./$AXE_DIR/node_modules/axe-core/package.json').version" 2>/dev/null || true)
if [ "$installed" != "$AXE_VERSION" ]; then
  if command -v npm >/dev/null 2>&1; then
    mkdir -p "$AXE_DIR"
    npm install --prefix "$AXE_DIR" --no-save --no-audit --no-fund --ignore-scripts --silent \
      "axe-core@$AXE_VERSION" >/dev/null ||
      { echo "install-browser: npm could not install axe-core@$AXE_VERSION" >&2; status=1; }
  else
    echo "install-browser: no npm; the accessibility audit will be skipped" >&2
    status=1
  fi
fi
exit "$status"
