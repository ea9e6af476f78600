#!/usr/bin/env bash
# A first look at Lede's speed: one article page and the home page, Lede against nginx serving
# the identical article bytes, alternating A B A B over several rounds, medians and ratios.
# Written before the page cache existed (docs/PERFORMANCE.md keeps its figures as history);
# today Lede answers these from its cache. The full suite is bench/run.sh.
#
#   bench/first-look.sh            # 3 rounds of 10 s each
#   ROUNDS=5 SECONDS_EACH=20 bench/first-look.sh
#
# Installs wrk and nginx from Debian's packages when missing. Writes nothing into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
SECONDS_EACH=${SECONDS_EACH:-10}
CONNECTIONS=${CONNECTIONS:-64}
LEDE_PORT=18080
NGINX_PORT=18081
ARTICLE=/articles/council-passes-budget-after-library-concession

need() { command -v "$1" >/dev/null || { echo "installing $2"; DEBIAN_FRONTEND=noninteractive apt-get install -y "$2" >/dev/null; }; }
need wrk wrk
need nginx nginx-light

cargo build --release --quiet
work=$(mktemp -d)
cleanup() { [ -n "${lede_pid:-}" ] && kill "$lede_pid" 2>/dev/null; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

./target/release/lede serve --demo --data "$work/data" --addr 127.0.0.1:$LEDE_PORT 2>"$work/lede.log" &
lede_pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$LEDE_PORT/healthz" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$LEDE_PORT/healthz" >/dev/null || { echo "lede did not start:" >&2; cat "$work/lede.log" >&2; exit 1; }

mkdir -p "$work/www/articles"
curl -sf "http://127.0.0.1:$LEDE_PORT$ARTICLE" > "$work/www$ARTICLE.html"
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 100000;
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
cmp <(curl -s "http://127.0.0.1:$NGINX_PORT$ARTICLE") <(curl -s "http://127.0.0.1:$LEDE_PORT$ARTICLE") >/dev/null \
  || echo "note: the article differs between runs only in its fresh comment-form token"

run() { # url connections -> "requests/s p50_ms p99_ms non_2xx"
  local threads=2; [ "$2" -lt 2 ] && threads=1
  wrk -t"$threads" -c"$2" -d"${SECONDS_EACH}s" --latency "$1" | python3 bench/wrk_parse.py
}

cases=("lede-article|http://127.0.0.1:$LEDE_PORT$ARTICLE|$CONNECTIONS"
       "nginx-article|http://127.0.0.1:$NGINX_PORT$ARTICLE|$CONNECTIONS"
       "lede-home|http://127.0.0.1:$LEDE_PORT/|$CONNECTIONS"
       "lede-article-1conn|http://127.0.0.1:$LEDE_PORT$ARTICLE|1")
for round in $(seq 1 "$ROUNDS"); do
  for case in "${cases[@]}"; do
    IFS='|' read -r name url conns <<<"$case"
    line="$name $(run "$url" "$conns")"
    echo "round $round: $line" >&2
    echo "$line" >> "$work/results"
  done
done
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); wrk, nginx and Lede share them"
python3 bench/summarise.py "$work/results"
