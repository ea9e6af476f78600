#!/usr/bin/env bash
# One server against two on one PostgreSQL, behind nginx, in one run (issue 13's figures).
# The 1,001-article corpus is imported into a new PostgreSQL database; servers A and B serve it,
# each with its own --data, as two machines would. nginx (Debian's stock settings) proxies two
# addresses: one to A alone, one round-robin to A and B. Each round measures both, alternating:
#   cached    200 random articles, the page cache on (what a breaking-news spike mostly asks)
#   rendered  200 random articles with --page-cache-mb 0: every request renders, so the
#             database is shared work and the servers' CPU is not
# On one machine the two servers share its cores with nginx, wrk and PostgreSQL: the figures
# show what a second server costs or gives there, not what a second machine would add.
#
#   bench/two-servers.sh                         # 3 rounds of 10 s
#   ROUNDS=1 SECONDS_EACH=3 bench/two-servers.sh # a quick pass
#   LEDE=target/release/lede bench/two-servers.sh
#
# Needs PostgreSQL at 127.0.0.1:5432 (trust). Installs wrk and nginx-light when missing. The raw
# results go to $OUT (default /tmp/lede-two-servers-DATE.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
SECONDS_EACH=${SECONDS_EACH:-10}
CONNECTIONS=${CONNECTIONS:-64}
CORPUS=${CORPUS:-../shared/bench-corpus/articles.json}
PG=${PG:-postgres://postgres@127.0.0.1:5432}
OUT=${OUT:-${TMPDIR:-/tmp}/lede-two-servers-$(date -u +%Y%m%dT%H%M%SZ).txt}
PORT=18090 # A, B, A without cache, B without cache: 18090–18093; nginx: 18094–18097

need() { command -v "$1" >/dev/null || { echo "installing $2" >&2; DEBIAN_FRONTEND=noninteractive apt-get install -y "$2" >/dev/null; }; }
need wrk wrk
need nginx nginx-light
need curl curl
[ -r "$CORPUS" ] || { echo "the corpus is missing: $CORPUS" >&2; exit 1; }
if [ -z "${LEDE:-}" ]; then
  export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
  cargo build --release -p lede --quiet
  LEDE=$(realpath "$CARGO_TARGET_DIR/release/lede")
fi

work=$(mktemp -d)
database=lede_two_servers_$$
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
  sleep 0.5
  psql "$PG/test" -qc "DROP DATABASE IF EXISTS $database" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
record() { echo "$*" >> "$OUT"; echo "  $*" >&2; }

{
  echo "# lede two servers $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD)"
  echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# settings: ROUNDS=$ROUNDS SECONDS_EACH=$SECONDS_EACH CONNECTIONS=$CONNECTIONS"
} > "$OUT"
sed 's/^# //' "$OUT" >&2

psql "$PG/test" -qc "CREATE DATABASE $database"
url=$PG/$database
echo "importing the corpus into PostgreSQL" >&2
python3 bench/corpus.py "$CORPUS" > "$work/corpus.wxr"
"$LEDE" import wordpress "$work/corpus.wxr" --data "$work/import" --database-url "$url" > "$work/import.log"
python3 bench/corpus.py --paths 200 "$CORPUS" > "$work/paths.txt"

# serve PORT NAME [options…]: a server with its own data directory, waited for.
serve() {
  local port=$1 name=$2; shift 2
  mkdir -p "$work/$name"
  # As the README's nginx example: the proxy speaks for its readers.
  echo 'trusted_proxies = ["127.0.0.1/32"]' > "$work/$name/lede.toml"
  "$LEDE" serve --data "$work/$name" --database-url "$url" --addr "127.0.0.1:$port" "$@" \
    2> "$work/$name.log" &
  pids+=($!)
  for _ in $(seq 1 3000); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && return; sleep 0.01; done
  cat "$work/$name.log" >&2; exit 1
}
serve $PORT a
serve $((PORT + 1)) b
serve $((PORT + 2)) a-nocache --page-cache-mb 0
serve $((PORT + 3)) b-nocache --page-cache-mb 0

# upstream NAME PORTS… / proxy LISTEN UPSTREAM: nginx's plain proxy with keep-alive upstreams.
upstream() { local name=$1; shift; echo "upstream $name {"; for p in "$@"; do echo "  server 127.0.0.1:$p;"; done; echo "  keepalive 64; }"; }
proxy() { echo "server { listen 127.0.0.1:$1; location / { proxy_pass http://$2; proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_set_header Host \$host; } }"; }
cat > "$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  sendfile on;
  tcp_nopush on;
  access_log off;
  keepalive_requests 1000000;
  $(upstream one $PORT)
  $(upstream two $PORT $((PORT + 1)))
  $(upstream one_nocache $((PORT + 2)))
  $(upstream two_nocache $((PORT + 2)) $((PORT + 3)))
  $(proxy $((PORT + 4)) one)
  $(proxy $((PORT + 5)) two)
  $(proxy $((PORT + 6)) one_nocache)
  $(proxy $((PORT + 7)) two_nocache)
}
CONF
nginx -c "$work/nginx.conf"
sleep 0.5
# Both servers' caches warm: each path through the round-robin address, twice.
while read -r path; do
  for _ in 1 2 3 4; do curl -sf -o /dev/null "http://127.0.0.1:$((PORT + 5))$path"; done
done < "$work/paths.txt"

measure() { # NAME PORT
  record "$1 $(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --timeout 30s --latency \
    -s bench/paths.lua "http://127.0.0.1:$2" -- "$work/paths.txt" | python3 bench/wrk_parse.py --kv)"
}
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round" >&2
  measure two-servers/one/cached $((PORT + 4))
  measure two-servers/two/cached $((PORT + 5))
  measure two-servers/one/rendered $((PORT + 6))
  measure two-servers/two/rendered $((PORT + 7))
done
for name in a b a-nocache b-nocache; do
  grep -iE "error|panic" "$work/$name.log" | head -3 | sed "s/^/$name: /" >&2 || true
done

python3 - "$OUT" <<'PY'
import re, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    if line.startswith("two-servers/"):
        name, *pairs = line.split()
        runs.setdefault(name, []).append(dict(p.split("=", 1) for p in pairs))
def median(name, key):
    return statistics.median(float(r[key]) for r in runs[name])
print(f"{'case':10} {'one req/s':>10} {'two req/s':>10} {'two/one':>8} {'one p99':>9} {'two p99':>9}")
for case in ("cached", "rendered"):
    one, two = f"two-servers/one/{case}", f"two-servers/two/{case}"
    r1, r2 = median(one, "rps"), median(two, "rps")
    print(f"{case:10} {r1:10.0f} {r2:10.0f} {r2 / r1:8.2f} {median(one, 'p99'):8.2f}ms {median(two, 'p99'):8.2f}ms")
PY
echo "raw results: $OUT"
