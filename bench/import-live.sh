#!/usr/bin/env bash
# The live site during a large import (issue 14, finding 2): a site holding the corpus (1,001
# posts) is served while `lede import wordpress` brings K copies of it (bench/corpus.py --copies
# K: the first copy is already there and is skipped, the others are new), and, for the first
# SECONDS of the import, bench/writers.py posts readers' comments at 20 a second and publishes
# an article through the admin every 5 s. Prints the import's time, whether it was still
# running when the writes ended (so every write met it), and the writers' figures: failures
# and the median and 99th percentile time of each kind of write.
# Usage: bench/import-live.sh [K] [SECONDS]   (default: 40 copies, 30 s)
#        LEDE=/path/to/lede bench/import-live.sh   (another build, e.g. an earlier commit's)
set -euo pipefail
cd "$(dirname "$0")/.."
K=${1:-40}
SECONDS_EACH=${2:-30}
CORPUS=${CORPUS:-../shared/bench-corpus/articles.json}
PORT=18084
if [ -z "${LEDE:-}" ]; then
  cargo build --release -p lede --quiet
  LEDE=$(realpath target/release/lede)
fi
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
now() { date +%s.%N; }

python3 bench/corpus.py "$CORPUS" > "$work/one.wxr"
python3 bench/corpus.py --copies "$K" "$CORPUS" > "$work/many.wxr"
"$LEDE" import wordpress "$work/one.wxr" --data "$work/site" > /dev/null
eval "$(python3 bench/corpus.py --facts "$CORPUS")" # SECTION, TAG_NAME…
python3 bench/corpus.py --paths 200 "$CORPUS" > "$work/paths.txt"
cat > "$work/site/lede.toml" <<TOML
# The comment poster sends 20 comments a second from one address, at once.
comment_min_seconds = 0
comments_per_client_burst = 1000000
comment_refill_seconds = 1
TOML
echo "bench-password-$RANDOM$RANDOM" > "$work/password"
"$LEDE" user add --email editor@bench.invalid --name "Bench Editor" --role admin \
  --data "$work/site" < "$work/password" > /dev/null

"$LEDE" serve --data "$work/site" --addr "127.0.0.1:$PORT" 2> "$work/serve.log" &
pids+=($!)
for _ in $(seq 1 3000); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
  sleep 0.01
done

a=$(now)
"$LEDE" import wordpress "$work/many.wxr" --data "$work/site" > "$work/import.out" &
import=$!
pids+=("$import")
python3 bench/writers.py --base "http://127.0.0.1:$PORT" --paths "$work/paths.txt" \
  --seconds "$SECONDS_EACH" --comments-per-second 20 --publish-every 5 \
  --email editor@bench.invalid --password-file "$work/password" --section "$SECTION" \
  --author bench-editor --tag "$TAG_NAME" > "$work/writers.out"
running=no
kill -0 "$import" 2>/dev/null && running=yes
wait "$import"
b=$(now)
posts=$(grep -c '<wp:post_type>post</wp:post_type>' "$work/many.wxr")
printf 'posts=%d import_s=%.2f import_running_after_writes=%s %s\n' \
  "$posts" "$(echo "$b - $a" | bc)" "$running" "$(cat "$work/writers.out")"
grep -E '^(Imported|Already imported)' "$work/import.out"
