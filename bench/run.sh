#!/usr/bin/env bash
# Lede's benchmark suite on the shared news corpus (1,001 articles imported from a WordPress
# export made by bench/corpus.py). Each case compares Lede with a reference in the same run
# (nginx serving the very bytes Lede rendered, or Lede itself without the writes), alternating
# the two every round, and reports medians and ratios. See bench/README.md for the cases.
#
#   bench/run.sh                                  # everything: 3 rounds of 10 s
#   ROUNDS=1 SECONDS_EACH=3 bench/run.sh          # a quick pass
#   CASES="1 4" bench/run.sh                      # only some cases
#   SIZES="1000 10000" CASES=6 bench/run.sh       # scale without the 100,000-article site
#
# Installs wrk and nginx-light from Debian's packages when missing. Builds the release binary
# (CARGO_TARGET_DIR is honoured). Works in a temporary directory, removed at the end; the raw
# results go to $OUT (default /tmp/lede-bench-DATE.txt), which it names at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
SECONDS_EACH=${SECONDS_EACH:-10}
CASES=${CASES:-"1 2 3 4 5 6"}
CONNECTIONS=${CONNECTIONS:-64}
SIZES=${SIZES:-"1000 10000 100000"}
SCALE_SECONDS=${SCALE_SECONDS:-$SECONDS_EACH}
SLOW_MS=${SLOW_MS:-1000} # case 6: a page slower than this on 1 connection is not loaded with more
PUBLISH_SECONDS=${PUBLISH_SECONDS:-12} # case 6: an article published every second for this long
CORPUS=${CORPUS:-../shared/bench-corpus/articles.json}
OUT=${OUT:-${TMPDIR:-/tmp}/lede-bench-$(date -u +%Y%m%dT%H%M%SZ).txt}
LEDE_PORT=18080    # the site as served: page cache on
NGINX_PORT=18081   # nginx serving the saved pages
NOCACHE_PORT=18082 # case 4: the same site with --page-cache-mb 0
SCALE_PORT=18083   # case 6
has() { [[ " $CASES " == *" $1 "* ]]; }

need() { command -v "$1" >/dev/null || { echo "installing $2" >&2; DEBIAN_FRONTEND=noninteractive apt-get install -y "$2" >/dev/null; }; }
need wrk wrk
need nginx nginx-light
need curl curl
need taskset util-linux
[ -r "$CORPUS" ] || { echo "the corpus is missing: $CORPUS" >&2; exit 1; }

# LEDE=path/to/lede measures that binary instead of building the release one.
if [ -z "${LEDE:-}" ]; then
  export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
  cargo build --release -p lede --quiet
  LEDE=$(realpath "$CARGO_TARGET_DIR/release/lede")
fi
export LEDE

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# --- helpers ---------------------------------------------------------------------------------
now() { date +%s.%N; }
record() { echo "$*" >> "$OUT"; echo "  $*" >&2; }

# start_lede PORT DATA_DIR LOG [prefix command…] -- [serve options…]: starts a server in the
# background, waits for /healthz; sets $lede_pid and $started_in (seconds to healthy).
start_lede() {
  local port=$1 data=$2 log=$3; shift 3
  local prefix=()
  while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do prefix+=("$1"); shift; done
  [ "$#" -gt 0 ] && shift
  local t0; t0=$(now)
  "${prefix[@]}" "$LEDE" serve --data "$data" --addr "127.0.0.1:$port" "$@" 2>"$log" &
  lede_pid=$!
  pids+=("$lede_pid")
  for _ in $(seq 1 12000); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break
    kill -0 "$lede_pid" 2>/dev/null || break
    sleep 0.01
  done
  started_in=$(echo "$(now) - $t0" | bc)
  curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" || { echo "lede did not start:" >&2; cat "$log" >&2; exit 1; }
}
stop_lede() { # forgets the id at once, so the cleanup never signals a recycled one
  local keep=() pid
  for pid in "${pids[@]}"; do [ "$pid" = "$1" ] || keep+=("$pid"); done
  pids=("${keep[@]}")
  kill "$1"; wait "$1" 2>/dev/null || true
}

wrk_prefix=()
# wrk_kv URL CONNECTIONS [PATHS_FILE] [SECONDS]: one wrk run as key=value figures.
wrk_kv() {
  local url=$1 conns=$2 paths=${3:-} seconds=${4:-$SECONDS_EACH}
  local threads=2; [ "$conns" -lt 2 ] && threads=1
  local args=(-t"$threads" -c"$conns" -d"${seconds}s" --timeout 30s --latency)
  if [ -n "$paths" ]; then args+=(-s bench/paths.lua "$url" -- "$paths"); else args+=("$url"); fi
  "${wrk_prefix[@]}" wrk "${args[@]}" | python3 bench/wrk_parse.py --kv
}
# measure NAME URL CONNECTIONS [PATHS_FILE] [SECONDS]: one wrk run, recorded as NAME key=value…
measure() { local name=$1; shift; record "$name $(wrk_kv "$@")"; }
# timed_kv URL: for pages too slow for wrk's few seconds, up to 3 requests one after another
# (fewer when one takes over 20 s), timed by curl, as the same key=value figures.
timed_kv() {
  local times=() t code errors=0 non2xx=0
  for _ in 1 2 3; do
    read -r code t < <(curl -s -o /dev/null --max-time 600 -w '%{http_code} %{time_total}\n' "$1" || echo "000 0")
    if [ "$code" = 000 ]; then errors=$((errors + 1)); continue; fi
    [[ $code == [23]* ]] || non2xx=$((non2xx + 1))
    times+=("$t")
    [ "$(echo "$t > 20" | bc)" = 1 ] && break
  done
  python3 -c 'import statistics, sys
t = sorted(float(x) * 1000 for x in sys.argv[3:])
print(f"rps={len(t) / (sum(t) / 1000):.1f} p50={statistics.median(t):.2f} p99={t[-1]:.2f} " if t else "rps=0 ", end="")
print(f"non2xx={sys.argv[1]} errors={sys.argv[2]} requests={len(t)} sequential=1")' "$non2xx" "$errors" "${times[@]}"
}

rss_mb() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# --- the site --------------------------------------------------------------------------------
{
  echo "# lede benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD)"
  echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
  echo "# settings: ROUNDS=$ROUNDS SECONDS_EACH=$SECONDS_EACH CONNECTIONS=$CONNECTIONS CASES=\"$CASES\" SIZES=\"$SIZES\" SCALE_SECONDS=$SCALE_SECONDS"
} > "$OUT"
sed 's/^# //' "$OUT" >&2

echo "importing the corpus" >&2
python3 bench/corpus.py "$CORPUS" > "$work/corpus.wxr"
"$LEDE" import wordpress "$work/corpus.wxr" --data "$work/base" > "$work/import.log"
python3 bench/corpus.py --bios "$work/base" "$CORPUS"
python3 bench/corpus.py --check "$work/base" "$CORPUS" >&2
eval "$(python3 bench/corpus.py --facts "$CORPUS")" # SPECIAL, SECTION, TAG_NAME, WORD, COUNT
ARTICLE=/articles/$SPECIAL
python3 bench/corpus.py --paths 200 "$CORPUS" > "$work/paths.txt"

cp -a "$work/base" "$work/site"
cat > "$work/site/lede.toml" <<TOML
# The comment poster of case 5 sends 20 comments a second from one address, at once.
comment_min_seconds = 0
comments_per_client_burst = 1000000
comment_refill_seconds = 1
TOML
EDITOR_EMAIL=editor@bench.invalid
echo "bench-password-$RANDOM$RANDOM" > "$work/password"
"$LEDE" user add --email "$EDITOR_EMAIL" --name "Bench Editor" --role admin --data "$work/site" \
  < "$work/password" > /dev/null

start_lede $LEDE_PORT "$work/site" "$work/lede.log" --
main_pid=$lede_pid
sitemap_count=$(curl -sf "http://127.0.0.1:$LEDE_PORT/sitemaps/articles-1.xml" | grep -o '<loc>' | wc -l)
[ "$sitemap_count" -eq "$COUNT" ] || { echo "the sitemap lists $sitemap_count articles, not $COUNT" >&2; exit 1; }
echo "the site serves all $sitemap_count articles" >&2

# nginx serves the bytes Lede answered (fetched twice: the second answer comes from the cache).
declare -A PAGES=([home]=/ [section]=/section/$SECTION [rss]=/rss.xml [sitemap]=/sitemap.xml
                  [sitemap-articles]=/sitemaps/articles-1.xml)
save() { mkdir -p "$(dirname "$work/www$1.html")"; curl -sf "http://127.0.0.1:$LEDE_PORT$1" > /dev/null;
         curl -sf "http://127.0.0.1:$LEDE_PORT$1" > "$work/www$1.html"; }
save "$ARTICLE"
while read -r path; do save "$path"; done < "$work/paths.txt"
for path in "${PAGES[@]}"; do save "$path"; done
# The reference as Debian ships it (/etc/nginx/nginx.conf): a worker per core, sendfile and
# tcp_nopush on; only the access log is off and keep-alive unbounded, as a benchmark's nginx
# runs. Runs before 2026-12-06 used one worker and no sendfile: their ratios flatter Lede.
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
  types { text/html html; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $work/www;
    location / { try_files \$uri.html =404; }
  }
}
CONF
chmod a+rx "$work"; chmod -R a+rX "$work/www"
nginx -c "$work/nginx.conf"
sleep 0.5
for path in "$ARTICLE" "${PAGES[@]}"; do
  cmp -s <(curl -s "http://127.0.0.1:$NGINX_PORT$path") <(curl -s "http://127.0.0.1:$LEDE_PORT$path") \
    || echo "note: $path differs between Lede and the saved copy" >&2
done
L=http://127.0.0.1:$LEDE_PORT
N=http://127.0.0.1:$NGINX_PORT

# --- cases 1–3: the site as served -------------------------------------------------------------
for round in $(seq 1 "$ROUNDS"); do
  if has 1; then
    echo "case 1, round $round" >&2
    measure c1/lede/article/$CONNECTIONS "$L$ARTICLE" "$CONNECTIONS"
    measure c1/nginx/article/$CONNECTIONS "$N$ARTICLE" "$CONNECTIONS"
  fi
  if has 2; then
    echo "case 2, round $round" >&2
    measure c2/lede/articles200/$CONNECTIONS "$L" "$CONNECTIONS" "$work/paths.txt"
    measure c2/nginx/articles200/$CONNECTIONS "$N" "$CONNECTIONS" "$work/paths.txt"
  fi
  if has 3; then
    echo "case 3, round $round" >&2
    for page in home section rss sitemap sitemap-articles; do
      measure "c3/lede/$page/$CONNECTIONS" "$L${PAGES[$page]}" "$CONNECTIONS"
      measure "c3/nginx/$page/$CONNECTIONS" "$N${PAGES[$page]}" "$CONNECTIONS"
    done
  fi
done

# --- case 4: every request renders ---------------------------------------------------------------
if has 4; then
  pin=(); suffix=""
  if [ "$(nproc)" -ge 2 ]; then
    # Lede (and nginx, its reference) on core 1, wrk on core 0: renders per second of one core.
    pin=(taskset -c 1); wrk_prefix=(taskset -c 0); suffix=-cpu1
    nginx_pids=$(cat "$work/nginx.pid"; pgrep -P "$(cat "$work/nginx.pid")")
    for pid in $nginx_pids; do taskset -p -c 1 "$pid" > /dev/null; done
  fi
  start_lede $NOCACHE_PORT "$work/site" "$work/nocache.log" "${pin[@]}" -- --page-cache-mb 0
  nocache_pid=$lede_pid
  for round in $(seq 1 "$ROUNDS"); do
    echo "case 4, round $round" >&2
    measure "c4/lede-nocache$suffix/article/$CONNECTIONS" "http://127.0.0.1:$NOCACHE_PORT$ARTICLE" "$CONNECTIONS"
    measure "c4/nginx$suffix/article/$CONNECTIONS" "$N$ARTICLE" "$CONNECTIONS"
    measure "c4/lede-nocache$suffix/article/1" "http://127.0.0.1:$NOCACHE_PORT$ARTICLE" 1
    measure "c4/nginx$suffix/article/1" "$N$ARTICLE" 1
    measure "c4/lede-nocache$suffix/home/$CONNECTIONS" "http://127.0.0.1:$NOCACHE_PORT/" "$CONNECTIONS"
  done
  stop_lede "$nocache_pid"
  if [ -n "$suffix" ]; then
    for pid in $nginx_pids; do taskset -p -c "0-$(($(nproc) - 1))" "$pid" > /dev/null; done
  fi
  wrk_prefix=()
fi

# --- case 5: reads while readers comment and the newsroom publishes ------------------------------
if has 5; then
  for round in $(seq 1 "$ROUNDS"); do
    echo "case 5, round $round" >&2
    measure "c5/lede/reads-alone/$CONNECTIONS" "$L" "$CONNECTIONS" "$work/paths.txt"
    python3 bench/writers.py --base "$L" --paths "$work/paths.txt" --seconds "$SECONDS_EACH" \
      --comments-per-second 20 --publish-every 10 --email "$EDITOR_EMAIL" \
      --password-file "$work/password" --section "$SECTION" --author bench-editor \
      --tag "$TAG_NAME" > "$work/writers.out" &
    writers=$!
    reads=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --timeout 30s --latency -s bench/paths.lua "$L" -- "$work/paths.txt" \
      | python3 bench/wrk_parse.py --kv)
    wait "$writers"
    record "c5/lede/mixed/$CONNECTIONS $reads $(cat "$work/writers.out")"
  done
  python3 - "$work/site/lede.db" >&2 <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
comments = dict(db.execute("SELECT status, COUNT(*) FROM comments GROUP BY status").fetchall())
bulletins = db.execute("SELECT COUNT(*) FROM articles WHERE slug LIKE 'bench-bulletin-%' AND status = 'published'").fetchone()[0]
print(f"case 5: the site now holds comments {comments} and {bulletins} published bench bulletins")
PY
fi
stop_lede "$main_pid"

# --- case 6: scale ---------------------------------------------------------------------------------
if has 6; then
  for size in $SIZES; do
    echo "case 6: $size articles" >&2
    data=$work/scale-$size
    cp -a "$work/base" "$data"
    python3 bench/scale.py "$size" "$data" | tee "$work/scale.out" >&2
    clone=$(sed -n 's/.* in \([0-9.]*\) s$/\1/p' "$work/scale.out")
    reindex=$(sed -n 's/.*reindex took \([0-9.]*\) s$/\1/p' "$work/scale.out")
    if [ -n "$clone$reindex" ]; then record "c6/$size/grow clone_s=${clone:-0} reindex_s=${reindex:-0}"; fi
    for start in 1 2 3; do
      start_lede $SCALE_PORT "$data" "$work/scale.log" --
      record "c6/$size/startup s=$started_in"
      if [ "$start" -lt 3 ]; then stop_lede "$lede_pid"; fi
    done
    before=$(rss_mb "$lede_pid")
    python3 bench/corpus.py --random-paths 200 "$data" > "$work/scale-paths.txt"
    python3 - "$work/scale-paths.txt" "http://127.0.0.1:$SCALE_PORT" <<'PY'
import sys, urllib.request
for path in open(sys.argv[1]).read().split():
    urllib.request.urlopen(sys.argv[2] + path).read()
PY
    record "c6/$size/memory mb_started=$before mb_after_200_pages=$(rss_mb "$lede_pid")"
    stop_lede "$lede_pid"
    start_lede $SCALE_PORT "$data" "$work/scale.log" -- --page-cache-mb 0
    for round in $(seq 1 "$ROUNDS"); do
      for target in "home|/" "article|$ARTICLE" "search|/search?q=$WORD" "sitemap-articles|/sitemaps/articles-1.xml"; do
        IFS='|' read -r page path <<<"$target"
        url=http://127.0.0.1:$SCALE_PORT$path
        line=$(wrk_kv "$url" 1 "" "$SCALE_SECONDS")
        # Fewer than 3 answers in the time: time a few requests one by one instead.
        [ "${line##*requests=}" -ge 3 ] || line=$(timed_kv "$url")
        record "c6/$size/$page/1 $line"
        p50=$(echo "$line" | sed -n 's/.*p50=\([0-9.]*\).*/\1/p')
        if [ "$(echo "${p50:-999999} > $SLOW_MS" | bc)" = 1 ]; then
          # 64 connections would only queue behind requests this slow.
          record "c6/$size/$page/$CONNECTIONS skipped=1"
        else
          measure "c6/$size/$page/$CONNECTIONS" "$url" "$CONNECTIONS" "" "$SCALE_SECONDS"
        fi
      done
    done
    # Publishing: an editor publishes an article every second through the admin (the site
    # keeps them, so this comes after the reads); posts_p50 is the POST alone.
    "$LEDE" user add --email "$EDITOR_EMAIL" --name "Bench Editor" --role admin --data "$data" \
      < "$work/password" > /dev/null
    record "c6/$size/publish $(python3 bench/writers.py --base "http://127.0.0.1:$SCALE_PORT" \
      --paths "$work/scale-paths.txt" --seconds "$PUBLISH_SECONDS" --comments-per-second 0 \
      --publish-every 1 --email "$EDITOR_EMAIL" --password-file "$work/password" \
      --section "$SECTION" --author bench-editor --tag "$TAG_NAME")"
    stop_lede "$lede_pid"
    rm -rf "$data"
  done
fi

echo >&2
sed 's/^# //' "$OUT" | grep -v '^c[0-9]' | head -3
python3 bench/report.py "$OUT"
echo
echo "raw results: $OUT"
