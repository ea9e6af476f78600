#!/usr/bin/env bash
# A killed import finished by running it again (issue 14, finding 2): K copies of the shared
# corpus (bench/corpus.py --copies) imported into an empty SQLite site, killed (kill -9) once
# FRACTION of its posts are in, then the same command run again. The same file is also
# imported once without a kill, into another site, for comparison. Prints what the kill left,
# the rerun's time and report, and for both sites the published posts, search entries, posts
# with a related list and related-list rows.
# Usage: bench/import-resume.sh [K] [FRACTION]   (default: 10 copies, 0.5)
set -euo pipefail
cd "$(dirname "$0")/.."
K=${1:-10}
FRACTION=${2:-0.5}
cargo build --release -p lede --quiet
LEDE=$(realpath target/release/lede)
work=$(mktemp -d)
import=
cleanup() {
  [ -n "$import" ] && kill -9 "$import" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
now() { date +%s.%N; }
count() { # DB SQL: one number, or nothing while the database cannot be read
  python3 - "$1" "$2" <<'PY' 2>/dev/null || true
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
print(db.execute(sys.argv[2]).fetchone()[0])
PY
}
state() { # DB: published, searchable, with a related list, related rows
  local db=$1
  printf 'published=%s searchable=%s with_related_list=%s related_rows=%s\n' \
    "$(count "$db" "SELECT COUNT(*) FROM articles WHERE status = 'published'")" \
    "$(count "$db" "SELECT COUNT(*) FROM article_search")" \
    "$(count "$db" "SELECT COUNT(DISTINCT article_id) FROM related_articles")" \
    "$(count "$db" "SELECT COUNT(*) FROM related_articles")"
}

python3 bench/corpus.py --copies "$K" > "$work/many.wxr"
posts=$(grep -c '<wp:post_type>post</wp:post_type>' "$work/many.wxr")
target=$(python3 -c "print(int($posts * $FRACTION))")
a=$(now)
"$LEDE" import wordpress "$work/many.wxr" --data "$work/killed" > /dev/null &
import=$!
while :; do
  n=$(count "$work/killed/lede.db" "SELECT COUNT(*) FROM articles")
  [ -n "$n" ] && [ "$n" -ge "$target" ] && break
  kill -0 "$import" 2>/dev/null || { echo "the import ended before the kill" >&2; exit 1; }
  sleep 0.05
done
kill -9 "$import"
wait "$import" 2>/dev/null || true
import=
b=$(now)
printf 'posts=%d killed_after_s=%.2f ' "$posts" "$(echo "$b - $a" | bc)"
echo "left: $(state "$work/killed/lede.db")"
"$LEDE" import wordpress "$work/many.wxr" --data "$work/killed" > "$work/rerun.out"
c=$(now)
printf 'rerun_s=%.2f ' "$(echo "$c - $b" | bc)"
echo "after the rerun: $(state "$work/killed/lede.db")"
grep -E '^(Imported|Already imported)' "$work/rerun.out"
"$LEDE" import wordpress "$work/many.wxr" --data "$work/whole" > /dev/null
d=$(now)
printf 'uninterrupted_s=%.2f ' "$(echo "$d - $c" | bc)"
echo "uninterrupted: $(state "$work/whole/lede.db")"
