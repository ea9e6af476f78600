#!/usr/bin/env bash
# How `lede import wordpress` grows with the size of an export: the shared corpus (1,001 posts)
# copied K times (bench/corpus.py --copies), each size imported into an empty SQLite site,
# timed (wall clock, and the CPU time of the import process, user + system, which a machine
# shared with other work inflates less), and checked complete (every post published, in the
# search index, and with a related list). The reference in the same run is Python's
# C-accelerated ElementTree merely parsing the same file.
# Usage: bench/import-scale.sh [K…]   (default: 1 2 4; the audit's 40,000 posts is 40)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 2 4)
cargo build --release -p lede >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
printf '%8s %10s %12s %10s %12s %14s %14s\n' posts "import s" "s/1000 posts" "CPU s" "python parse" "searchable" "related list"
for k in "${sizes[@]}"; do
  file="$work/corpus-$k.wxr"
  python3 bench/corpus.py --copies "$k" > "$file"
  posts=$(grep -c '<wp:post_type>post</wp:post_type>' "$file")
  a=$(now)
  /usr/bin/time -f '%U %S' -o "$work/cpu" \
    target/release/lede import wordpress "$file" --data "$work/site-$k" >/dev/null
  b=$(now)
  cpu=$(awk '{ print $1 + $2 }' "$work/cpu")
  python3 -c "import sys, xml.etree.ElementTree as e; e.parse(sys.argv[1])" "$file"; c=$(now)
  read -r searchable related < <(python3 - "$work/site-$k/lede.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
published = db.execute("SELECT COUNT(*) FROM articles WHERE status = 'published'").fetchone()[0]
indexed = db.execute("SELECT COUNT(*) FROM article_search").fetchone()[0]
listed = db.execute("SELECT COUNT(DISTINCT article_id) FROM related_articles").fetchone()[0]
print(f"{indexed}/{published} {listed}/{published}")
PY
)
  import_s=$(echo "$b - $a" | bc)
  printf '%8d %10.2f %12.2f %10.2f %12.2f %14s %14s\n' "$posts" "$import_s" \
    "$(echo "$import_s * 1000 / $posts" | bc -l)" "$cpu" "$(echo "$c - $b" | bc)" "$searchable" \
    "$related"
  rm -rf "$work/site-$k" "$file"
done
