#!/usr/bin/env bash
# A small edition's lists on a large archive in another language: N published English articles
# and M Urdu ones, the Urdu ones among the oldest tenth (one every N/10/M English articles).
# Each statement an Urdu reader page asks (written out as `sql/front_page.rs` and
# `sql/articles.rs` build them for the `/ur/` edition of a two-language site), before and
# after migration 0026, in the `sqlite3` shell: the index it reads and the median of 21 runs
# (the shell's timer counts whole milliseconds). Articles carry about 7 KB of text, like the
# corpus', as in bench/front-page-statement.sh. Needs only the `sqlite3` shell.
# Usage: bench/edition-statements.sh [N] [M]   (defaults 100000 and 200)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
m=${2:-200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/lede.db"
. bench/sqlite-archive.sh
archive "$db" 0026 "$n"
sqlite3 "$db" >/dev/null <<SQL
INSERT INTO authors (id, slug, name, created_at) VALUES (1, 'anna', 'Anna', 0), (2, 'bilal', 'Bilal', 0);
WITH RECURSIVE n(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM n WHERE j < $m)
INSERT INTO articles (id, slug, headline, standfirst, body_markdown, body_html, body_text,
  word_count, language, status, section_id, published_at, created_at, updated_at)
SELECT $n + j, 'urdu-' || j, 'Urdu ' || j, 'Urdu ' || j, f.t || j, '<p>' || f.t || '</p>',
  f.t, 380, 'ur', 'published', 1 + j % 2, p, p, p
FROM (SELECT j, 1700000000 - ($n * 9 / 10 + j * ($n / 10 / $m)) * 3600 - 1800 AS p FROM n),
  filler f;
INSERT INTO article_authors (article_id, author_id, position)
SELECT id, CASE language WHEN 'ur' THEN 2 ELSE 1 END, 0 FROM articles;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
from="FROM articles a JOIN sections s ON s.id = a.section_id"
public="a.status = 'published' AND a.partner_only = 0"
urdu="a.language = 'ur'"
newest="ORDER BY a.published_at DESC, a.id DESC"
tree() {
  echo "(WITH RECURSIVE tree(id) AS (SELECT CAST($1 AS BIGINT) UNION SELECT s2.id FROM sections \
s2 JOIN tree ON s2.parent_id = tree.id) SELECT id FROM tree)"
}
part() {
  echo "SELECT * FROM (SELECT CAST($1 AS BIGINT) AS list, $columns $from WHERE $public$2 \
AND $urdu $newest LIMIT $3) AS part$1"
}
block() {
  echo "SELECT * FROM (SELECT CAST($1 AS BIGINT) AS block, $columns $from WHERE $public \
AND +a.section_id IN $(tree "$1") AND $urdu $newest LIMIT 4) AS part$1"
}
names=(home home-sections latest-count latest-page section-count section-page feed
  section-feed more-from-author)
statements=(
  "$(part 1 ' AND a.top_story = 1' 1) UNION ALL $(part 2 ' AND a.featured = 1' 5) UNION ALL $(part 3 '' 14);"
  "$(block 1) UNION ALL $(block 2);"
  "SELECT COUNT(*) FROM articles a WHERE $public AND $urdu;"
  "SELECT $columns $from WHERE $public AND $urdu $newest LIMIT 20 OFFSET 0;"
  "SELECT COUNT(*) FROM articles a WHERE $public AND a.section_id IN $(tree 1) AND $urdu;"
  "SELECT $columns $from WHERE $public AND +a.section_id IN $(tree 1) AND $urdu $newest LIMIT 20 OFFSET 0;"
  "SELECT $columns, a.body_html $from WHERE $public AND $urdu $newest LIMIT 20;"
  "SELECT $columns, a.body_html $from WHERE $public AND a.section_id IN $(tree 1) AND $urdu $newest LIMIT 20;"
  "SELECT $columns $from WHERE $public AND EXISTS (SELECT 1 FROM article_authors x WHERE \
x.article_id = a.id AND x.author_id = 2) AND a.id <> $((n + 1)) AND $urdu $newest LIMIT 8;"
)
measure() {
  echo "== $1"
  local i statement
  for i in "${!names[@]}"; do
    statement=${statements[$i]}
    printf '%-17s %-10s %s\n' "${names[$i]}" "$(median "$db" "$statement")" "$(sqlite3 "$db" "EXPLAIN QUERY PLAN $statement" |
      grep -o 'SEARCH a USING [A-Z ]*INDEX [a-z_]*\|SCAN a\b' | sed 's/SEARCH a USING //' |
      sort | uniq -c | awk '{ $1 = $1; print }' | paste -sd ',' | sed 's/,/, /g')"
  done
}
echo "$n English and $m Urdu published articles, sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
measure before
sqlite3 "$db" < crates/lede-store/migrations/sqlite/0026_*.sql
measure after
