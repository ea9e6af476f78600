#!/usr/bin/env bash
# Lede's webhook signatures checked by an independent implementation: the `standardwebhooks`
# package from PyPI (the Standard Webhooks specification's own Python library). The real
# `lede` binary serves the demo site; an endpoint on loopback is added with `lede webhook
# add` (the site allows private addresses for this, `webhooks_allow_private = true`); a
# comment approved with `lede comments approve` is queued in the database by that command and
# sent by the running server's worker; check_webhooks.py receives it and verifies it with
# `standardwebhooks.Webhook(secret).verify(body, headers)`. Fails on any difference.
#
#   scripts/check-webhooks.sh             build, install (first time), check
#   scripts/check-webhooks.sh --install   only install standardwebhooks; fails without PyPI
#
# The package lives in its own virtualenv in the user's cache, so a warm run installs
# nothing. LEDE=path/to/lede uses that binary instead of building target/debug/lede.
set -euo pipefail
cd "$(dirname "$0")/.."

version=1.1.0
venv=${LEDE_WEBHOOKS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/lede/standardwebhooks-$version}
install() {
  # The marker is written last: a half-finished install is thrown away and redone.
  [ -f "$venv/.installed" ] && return 0
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")"
  python3 -m venv "$venv" \
    && "$venv/bin/pip" install --quiet --disable-pip-version-check "standardwebhooks==$version" \
    && touch "$venv/.installed"
}
if ! install; then
  echo "check-webhooks: cannot install standardwebhooks $version from PyPI" >&2
  exit 3
fi
[ "${1:-}" = --install ] && exit 0

if [ -z "${LEDE:-}" ]; then
  cargo build --quiet --bin lede
  LEDE=target/debug/lede
fi
exec "$venv/bin/python" scripts/check_webhooks.py "$LEDE"
