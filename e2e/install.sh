#!/usr/bin/env bash
# Installs what the browser tests need: Debian's Chromium (no browser download by npm) and
# playwright-core from the npm registry.
set -euo pipefail
cd "$(dirname "$0")"
command -v chromium >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >/dev/null
[ -d node_modules/playwright-core ] || npm install --silent --no-audit --no-fund
