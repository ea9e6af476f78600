#!/usr/bin/env bash
# Where the time of a cache hit goes: `perf record` on a release `lede serve --demo` while wrk
# asks for one cached article, then the functions by their own share of the CPU, and the same
# grouped by library (Lede, the kernel, libc …). Issue 15 asks for this profile; its reading is
# in docs/PERFORMANCE.md.
#
#   bench/profile-hit.sh                  # 10 s under wrk -t2 -c64
#   SECONDS_EACH=5 TOP=60 bench/profile-hit.sh
#   LEDE=target/release/lede bench/profile-hit.sh   # a binary already built
#   RENDER=1 bench/profile-hit.sh         # every request renders (page cache off), Lede on
#                                         # core 1 and wrk on core 0: the render path's profile
#
# Installs wrk and perf (Debian's linux-perf) when missing. Raw data stays in $OUT_DIR
# (default a temporary directory it names), so `perf report -i $OUT_DIR/perf.data` can dig on.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${SECONDS_EACH:-10}
CONNECTIONS=${CONNECTIONS:-64}
TOP=${TOP:-40}
PORT=${PORT:-18090}
OUT_DIR=${OUT_DIR:-$(mktemp -d)}

need() { command -v "$1" >/dev/null || { echo "installing $2" >&2; DEBIAN_FRONTEND=noninteractive apt-get install -y "$2" >/dev/null; }; }
need wrk wrk
need perf linux-perf
need curl curl

# LEDE=path/to/lede profiles that binary instead of building the release one.
if [ -z "${LEDE:-}" ]; then
  export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
  cargo build --release -p lede --quiet
  LEDE=$(realpath "$CARGO_TARGET_DIR/release/lede")
fi

data=$(mktemp -d)
serve=("$LEDE" serve --demo --data "$data" --addr "127.0.0.1:$PORT")
client=(); what=hits
if [ -n "${RENDER:-}" ]; then
  what=renders
  serve=(taskset -c 1 "${serve[@]}" --page-cache-mb 0)
  client=(taskset -c 0)
fi
"${serve[@]}" > "$OUT_DIR/lede.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null && break; sleep 0.2; done
article=$(curl -sf "http://127.0.0.1:$PORT/" | grep -o 'href="/articles/[^"]*"' | head -n 1 | cut -d'"' -f2)
url="http://127.0.0.1:$PORT$article"
curl -sf "$url" > /dev/null && curl -sf "$url" > /dev/null
echo "profiling $what of $url ($(curl -sf "$url" | wc -c) bytes)" >&2

perf record -F 1999 -g -p "$pid" -o "$OUT_DIR/perf.data" -- sleep "$SECONDS_EACH" 2> /dev/null &
perf_pid=$!
"${client[@]}" wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" "$url" | tee "$OUT_DIR/wrk.txt"
wait "$perf_pid"

echo "--- by library (share of Lede's samples) ---"
perf report -i "$OUT_DIR/perf.data" --no-children --sort dso --stdio 2> /dev/null \
  | grep -E '^ +[0-9]' | head -n 12
echo "--- functions by their own time ---"
perf report -i "$OUT_DIR/perf.data" --no-children --sort symbol --stdio -g none 2> /dev/null \
  | grep -E '^ +[0-9]' | head -n "$TOP"
echo "raw data: $OUT_DIR" >&2
