#!/usr/bin/env bash
# Two `lede serve` processes, each with its own data directory as two machines would have, on
# one PostgreSQL database, behind nginx round robin with a plain `proxy_pass` (nginx's
# defaults: Host rewritten to the upstream's name, no X-Forwarded-* added). Checks, through
# nginx, what issue 13 asks of several servers behind a proxy:
#   - both servers answer (that a change made through one shows on the other within 2 s is
#     crates/lede/tests/servers.rs's to prove);
#   - comments from 20 readers (20 X-Forwarded-For addresses) are all accepted, and a 6th
#     comment in a burst from one reader is refused with 429, whichever server takes it;
#   - shared media: both keep media in one S3 bucket (Garage on loopback, from
#     scripts/s3-server.sh), so an image an admin uploads through one server is served by the
#     other with the same bytes, and a missing /media/uploads/... file answers 404 without an
#     `immutable` promise.
# Installs nginx-light from Debian's packages when missing; needs PostgreSQL on
# 127.0.0.1:5432 (trust auth, as in CI). About 30 s once Garage is built.
#
#   scripts/behind-nginx.sh                       # builds the debug binary
#   LEDE=target/release/lede scripts/behind-nginx.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${LEDE:-}" ]]; then
  cargo build --quiet --bin lede
  LEDE="${CARGO_TARGET_DIR:-target}/debug/lede"
fi
command -v nginx >/dev/null || {
  echo "installing nginx-light" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y nginx-light >/dev/null
}
# Starts Garage when it is not running (builds it first when missing: long); prints the path
# of the file that names its endpoint, bucket and key.
S3_ENV=$(scripts/s3-server.sh start | tail -n 1)
exec python3 scripts/behind_nginx.py "$LEDE" "$S3_ENV"
