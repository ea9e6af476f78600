#!/usr/bin/env bash
# A breaking-news alert to 50,000 confirmed subscribers through a real SMTP server on loopback
# (aiosmtpd, as scripts/check-newsletters.sh installs it): time to deliver all, messages a
# second, the server's peak resident memory during the send, and readers' throughput on the
# article (wrk -t2 -c64, 10 s) while it sends against 10 s just before. The SMTP server, wrk
# and Lede share the machine's cores, as they would on a one-machine newsroom.
#
#   bench/newsletter.sh [SUBSCRIBERS]     default 50000; LEDE=path/to/lede skips the build
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-50000}
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null || sudo apt-get install -y -qq wrk >/dev/null; }
scripts/check-newsletters.sh --install
if [ -z "${LEDE:-}" ]; then
  cargo build --quiet --release --bin lede
  LEDE=target/release/lede
fi
LEDE=$LEDE scripts/check-newsletters.sh --bench "$count"
