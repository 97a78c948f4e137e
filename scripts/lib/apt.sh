# Sourced by the install scripts: install Debian packages, as root or through sudo.
#   apt_install WHO PACKAGE...   WHO names the caller in messages; returns 1 on failure.

apt_install() {
  local who=$1
  shift
  [ "$#" -gt 0 ] || return 0
  local as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "$who: not root and no sudo; cannot install $*" >&2
      return 1
    fi
    as_root=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq >/dev/null &&
    "${as_root[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null ||
    { echo "$who: apt-get could not install $*" >&2; return 1; }
}
