#!/usr/bin/env bash
# Newsletters from the real `lede` binary through a real SMTP server on loopback: Python's
# aiosmtpd from PyPI, in a virtualenv in the user's cache (a warm run installs nothing).
# check_newsletters.py subscribes and confirms through the form, imports 3,000 subscribers,
# sends breaking news, kills the server with SIGKILL mid-send and starts it again, and checks
# that nobody received it twice, that the email is multipart with RFC 8058 headers, and that
# its one-click unsubscribe works.
#
#   scripts/check-newsletters.sh             build, install (first time), check
#   scripts/check-newsletters.sh --install   only install aiosmtpd; fails without PyPI
#   scripts/check-newsletters.sh --bench N   a breaking-news alert to N subscribers instead
#
# LEDE=path/to/lede uses that binary instead of building target/debug/lede.
set -euo pipefail
cd "$(dirname "$0")/.."

version=1.4.6
venv=${LEDE_SMTP_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/lede/aiosmtpd-$version}
install() {
  # The marker is written last: a half-finished install is thrown away and redone.
  [ -f "$venv/.installed" ] && return 0
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")"
  python3 -m venv "$venv" \
    && "$venv/bin/pip" install --quiet --disable-pip-version-check "aiosmtpd==$version" \
    && touch "$venv/.installed"
}
if ! install; then
  echo "check-newsletters: cannot install aiosmtpd $version from PyPI" >&2
  exit 3
fi
[ "${1:-}" = --install ] && exit 0

if [ -z "${LEDE:-}" ]; then
  cargo build --quiet --bin lede
  LEDE=target/debug/lede
fi
exec "$venv/bin/python" scripts/check_newsletters.py "$LEDE" "$@"
