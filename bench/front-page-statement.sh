#!/usr/bin/env bash
# The home page's one statement (crates/lede-store/src/sql/front_page.rs, written out here as a
# single-language site's public edition asks it) on a SQLite site of N published articles with
# no top story and nothing featured, before and after migration 0024, in the `sqlite3` shell:
# the query plan, the median of 21 runs (the shell's timer counts whole milliseconds) and the
# mean of 1,000 runs in one session. Articles carry about 7 KB of text, like the corpus', so
# their rows spill onto overflow pages as real ones do. Needs only the `sqlite3` shell.
# Usage: bench/front-page-statement.sh [N]   (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/lede.db"
. bench/sqlite-archive.sh
archive "$db" 0024 "$n"
sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
part() {
  echo "SELECT * FROM (SELECT CAST($1 AS BIGINT) AS list, $columns FROM articles a \
JOIN sections s ON s.id = a.section_id WHERE a.status = 'published' AND a.partner_only = 0$2 \
ORDER BY a.published_at DESC, a.id DESC LIMIT $3) AS part$1"
}
statement="$(part 1 ' AND a.top_story = 1' 1) UNION ALL $(part 2 ' AND a.featured = 1' 5) \
UNION ALL $(part 3 '' 12);"
measure() {
  echo "== $1"
  sqlite3 "$db" "EXPLAIN QUERY PLAN $statement"
  echo "median of 21: $(median "$db" "$statement")"
  local runs=1000 a b
  [ "$1" = before ] && runs=21
  a=$(date +%s%N)
  for _ in $(seq "$runs"); do echo "$statement"; done | sqlite3 "$db" >/dev/null
  b=$(date +%s%N)
  echo "mean of $runs in one session: $(echo "scale=3; ($b - $a) / $runs / 1000000" | bc) ms"
}
echo "$(sqlite3 "$db" "SELECT COUNT(*) FROM articles WHERE status = 'published'") published articles, sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
measure before
sqlite3 "$db" < crates/lede-store/migrations/sqlite/0024_*.sql
measure after
