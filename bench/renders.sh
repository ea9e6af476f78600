#!/usr/bin/env bash
# Uncached renders per second of one core, for one or more `lede` binaries in the same run
# (a change's before and after): each serves the demo with the page cache off, pinned to
# core 1, while wrk on core 0 asks for one article page; the binaries alternate in every
# round, and the medians are printed. Issue 15's render target is 5,000 a second.
#
#   bench/renders.sh OLD_BINARY NEW_BINARY
#   ROUNDS=5 SECONDS_EACH=10 bench/renders.sh target/release/lede
#
# Installs wrk when missing. Needs two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
SECONDS_EACH=${SECONDS_EACH:-8}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-18091}
[ "$#" -ge 1 ] || { echo "usage: $0 LEDE_BINARY..." >&2; exit 2; }
command -v wrk > /dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y wrk > /dev/null

work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

# One measure: the binary $1 on a fresh demo site, its article's renders per second.
measure() {
  rm -rf "$work/site"
  taskset -c 1 "$1" serve --demo --data "$work/site" --addr "127.0.0.1:$PORT" \
    --page-cache-mb 0 > "$work/lede.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null && break; sleep 0.2; done
  local article
  article=$(curl -sf "http://127.0.0.1:$PORT/" | grep -o 'href="/articles/[^"]*"' | head -n 1 | cut -d'"' -f2)
  curl -sf "http://127.0.0.1:$PORT$article" > /dev/null
  taskset -c 0 wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" "http://127.0.0.1:$PORT$article" \
    | awk '/Requests\/sec/ { print $2 }'
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}

for round in $(seq 1 "$ROUNDS"); do
  for binary in "$@"; do
    rate=$(measure "$binary")
    echo "round $round $binary $rate" >&2
    echo "$binary $rate" >> "$work/rates"
  done
done
echo "binary  median renders/s over $ROUNDS rounds (one core, $CONNECTIONS connections)"
for binary in "$@"; do
  grep -F "$binary " "$work/rates" | awk '{ print $2 }' | sort -n \
    | awk -v b="$binary" '{ r[NR] = $1 } END { m = (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2; printf "%s  %.0f\n", b, m }'
done
