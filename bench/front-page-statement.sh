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
for f in crates/lede-store/migrations/sqlite/*.sql; do
  case "$f" in */0024_*) continue ;; esac
  sqlite3 "$db" < "$f"
done
sqlite3 "$db" >/dev/null <<SQL
PRAGMA journal_mode = WAL;
INSERT INTO sections (id, slug, name) VALUES (1, 'news', 'News'), (2, 'sport', 'Sport');
CREATE TEMP TABLE filler AS SELECT substr(replace(hex(randomblob(1200)), 'A', ' '), 1, 2300) AS t;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $n)
INSERT INTO articles (id, slug, headline, standfirst, body_markdown, body_html, body_text,
  word_count, language, status, section_id, published_at, created_at, updated_at)
SELECT i, 'article-' || i, 'Headline ' || i, 'Standfirst ' || i, f.t || i, '<p>' || f.t || '</p>',
  f.t, 380, 'en', 'published', 1 + i % 2, 1700000000 - i * 3600, 1700000000 - i * 3600,
  1700000000 - i * 3600
FROM n, temp.filler f;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
columns="a.id, a.slug, a.headline, a.standfirst, a.language, a.published_at, a.updated_at, \
a.image_src, a.image_alt, a.image_caption, a.image_credit, a.image_decorative, a.partner_only, \
s.slug AS section_slug, s.name AS section_name"
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
  sqlite3 "$db" "$statement" >/dev/null # warm the page cache
  for _ in $(seq 21); do printf '.timer on\n.output /dev/null\n%s\n' "$statement"; done |
    sqlite3 "$db" 2>&1 | awk '/Run Time/ { print $4 * 1000 }' | sort -n | sed -n 11p |
    awk '{ print "median of 21: " ($1 == 0 ? "under 1" : $1) " ms" }'
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
