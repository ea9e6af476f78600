#!/usr/bin/env bash
# A real S3-compatible object store on loopback for the media-store tests and the multi-server
# check: Garage (crates.io `garage`), single node, data under ~/.cache/lede/s3-data.
#
#   scripts/s3-server.sh install   build Garage once into ~/.cache/lede/garage (long: ~30 min on 2 cores)
#   scripts/s3-server.sh start     install if needed, start it (idempotent), print the env file's path
#   scripts/s3-server.sh stop      stop the server started by `start`
#
# The env file (~/.cache/lede/s3.env) holds LEDE_S3_ENDPOINT, LEDE_S3_BUCKET, LEDE_S3_REGION,
# LEDE_S3_ACCESS_KEY_ID and LEDE_S3_SECRET_ACCESS_KEY, ready to `source`.
set -euo pipefail

GARAGE_VERSION=2.5.0
CACHE="${LEDE_CACHE_DIR:-$HOME/.cache/lede}"
ROOT="$CACHE/garage"
BIN="$ROOT/bin/garage"
STATE="$CACHE/s3-data"
CONFIG="$STATE/garage.toml"
ENV_FILE="$CACHE/s3.env"
PORT="${LEDE_S3_PORT:-3900}" # S3 API; RPC on PORT+1, admin on PORT+3
BUCKET=lede-test
KEY_NAME=lede-test

install() {
  if [ -x "$BIN" ] && "$BIN" --version 2>/dev/null | grep -q "$GARAGE_VERSION"; then
    return 0
  fi
  mkdir -p "$ROOT"
  # Only the SQLite metadata engine: fewer native libraries to build than the default LMDB set,
  # and no metrics/K2V, which the tests never touch.
  # The build folder is kept beside it, so a build that was stopped resumes where it was.
  CARGO_INCREMENTAL=0 nice -n 10 cargo install garage --version "$GARAGE_VERSION" --locked \
    --root "$ROOT" --target-dir "$ROOT-build" --no-default-features --features bundled-libs,sqlite
}

garage() { "$BIN" -c "$CONFIG" "$@"; }

running() { [ -f "$STATE/pid" ] && kill -0 "$(cat "$STATE/pid")" 2>/dev/null; }

start() {
  install
  mkdir -p "$STATE/meta" "$STATE/data"
  if [ ! -f "$CONFIG" ]; then
    cat > "$CONFIG" <<TOML
metadata_dir = "$STATE/meta"
data_dir = "$STATE/data"
db_engine = "sqlite"
replication_factor = 1
rpc_bind_addr = "127.0.0.1:$((PORT + 1))"
rpc_public_addr = "127.0.0.1:$((PORT + 1))"
rpc_secret = "$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"

[s3_api]
s3_region = "garage"
api_bind_addr = "127.0.0.1:$PORT"
root_domain = ".s3.garage.localhost"

[admin]
api_bind_addr = "127.0.0.1:$((PORT + 3))"
TOML
  fi
  if ! running; then
    # setsid: the server outlives the shell (and the test process) that started it; 9>&-: it
    # must not hold the lock below, or the next caller would wait for it forever.
    setsid "$BIN" -c "$CONFIG" server >"$STATE/server.log" 2>&1 < /dev/null 9>&- &
    echo $! > "$STATE/pid"
  fi
  local node=""
  for _ in $(seq 1 100); do
    node=$(garage node id -q 2>/dev/null | cut -d@ -f1) && [ -n "$node" ] && break
    sleep 0.2
  done
  [ -n "$node" ] || { cat "$STATE/server.log" >&2; echo "Garage did not start" >&2; exit 1; }
  # The node's key exists before its RPC answers: wait for the latter too.
  for _ in $(seq 1 100); do garage status >/dev/null 2>&1 && break; sleep 0.2; done
  if ! garage layout show 2>/dev/null | grep -q "Current cluster layout version: [1-9]"; then
    garage layout assign -z dc1 -c 1G "$node" >/dev/null
    garage layout apply --version 1 >/dev/null
  fi
  if [ ! -f "$ENV_FILE" ] || ! garage key info "$KEY_NAME" >/dev/null 2>&1; then
    local out
    out=$(garage key create "$KEY_NAME")
    local id secret
    id=$(echo "$out" | awk '/Key ID:/ {print $3}')
    secret=$(echo "$out" | awk '/Secret key:/ {print $3}')
    garage bucket create "$BUCKET" >/dev/null 2>&1 || true
    garage bucket allow --read --write --owner "$BUCKET" --key "$KEY_NAME" >/dev/null
    cat > "$ENV_FILE.tmp" <<ENV
LEDE_S3_ENDPOINT=http://127.0.0.1:$PORT
LEDE_S3_BUCKET=$BUCKET
LEDE_S3_REGION=garage
LEDE_S3_ACCESS_KEY_ID=$id
LEDE_S3_SECRET_ACCESS_KEY=$secret
ENV
    mv "$ENV_FILE.tmp" "$ENV_FILE"
  fi
  echo "$ENV_FILE"
}

stop() {
  if running; then
    kill "$(cat "$STATE/pid")"
  fi
  rm -f "$STATE/pid"
}

# One caller at a time: tests in parallel processes may all ask for the server at once.
mkdir -p "$CACHE"
exec 9>"$CACHE/s3-server.lock"
flock 9

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 install|start|stop" >&2; exit 2 ;;
esac
