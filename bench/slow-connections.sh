#!/usr/bin/env bash
# The audit's slow-connection case against a real `lede serve`: under a limit of 1,024 open
# files (soft and hard, so Lede cannot raise it), one client opens 1,100 connections and
# sends each request line a byte a second. Checks that a reader from another address still
# gets the home page within 10 s, then that SIGTERM with the slow connections open ends the
# server within its grace period (10 s by default) plus 5 s (connections still sending their
# headers end at the header timeout, 10 s by default, if that comes first). Before the fix the reader got
# nothing for 60 s and the stop took 57 s. Bounded: about 10 s, never more than 2 minutes.
#
#   bench/slow-connections.sh                     # builds and runs the release binary
#   LEDE=target/debug/lede bench/slow-connections.sh
#   CONNECTIONS=2000 bench/slow-connections.sh
set -euo pipefail
cd "$(dirname "$0")/.."

CONNECTIONS=${CONNECTIONS:-1100}
GRACE=10
if [[ -z "${LEDE:-}" ]]; then
  cargo build --release --quiet --bin lede
  LEDE="${CARGO_TARGET_DIR:-target}/release/lede"
fi
command -v curl >/dev/null || { echo "slow-connections: needs curl" >&2; exit 2; }

data=$(mktemp -d)
pid=""
slow=""
cleanup() {
  [[ -n "$slow" ]] && kill "$slow" 2>/dev/null
  [[ -n "$pid" ]] && kill -KILL "$pid" 2>/dev/null
  rm -rf "$data"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
(ulimit -n 1024 && exec "$LEDE" serve --addr "127.0.0.1:$port" --data "$data") 2>"$data/lede.log" &
pid=$!
for _ in $(seq 1 600); do
  curl -sf -o /dev/null --max-time 1 "$base/healthz" && break
  sleep 0.1
done
curl -sf -o /dev/null --max-time 5 "$base/healthz" || { echo "lede did not start:"; cat "$data/lede.log"; exit 1; }

python3 bench/slow_clients.py 127.0.0.1 "$port" "$CONNECTIONS" 60 >"$data/slow.out" &
slow=$!
for _ in $(seq 1 300); do
  grep -q '^opened' "$data/slow.out" && break
  sleep 0.1
done
grep '^opened' "$data/slow.out" || { echo "the slow client did not open its connections"; exit 1; }
sleep 1

# A reader from another address (the cap counts connections by address).
reader=$(curl --interface 127.0.0.2 -s -o /dev/null --max-time 10 \
  -w '%{http_code} in %{time_total} s' "$base/" || true)
echo "reader from 127.0.0.2 while $CONNECTIONS slow connections are open: ${reader:-no answer}"

# Stop the server while the slow connections that got in (up to the per-client cap) are open.
kill -TERM "$pid"
started=$(date +%s%N)
stopped=""
for _ in $(seq 1 600); do
  if ! kill -0 "$pid" 2>/dev/null; then stopped=yes; break; fi
  sleep 0.05
done
wait "$pid" 2>/dev/null || true
took_ms=$((($(date +%s%N) - started) / 1000000))
pid=""
echo "SIGTERM to exit: ${took_ms} ms"
for _ in $(seq 1 50); do kill -0 "$slow" 2>/dev/null || break; sleep 0.1; done
kill "$slow" 2>/dev/null || true
wait "$slow" 2>/dev/null || true
slow=""
grep '^closed' "$data/slow.out" || echo "the slow client was stopped before its report"

status=0
[[ "$reader" == 200* ]] || { echo "FAIL: the reader was not served"; status=1; }
[[ -n "$stopped" && $took_ms -le $(((GRACE + 5) * 1000)) ]] || { echo "FAIL: the stop took too long"; status=1; }
[[ $status -eq 0 ]] && echo "ok"
exit $status
