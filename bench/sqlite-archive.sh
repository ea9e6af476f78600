# Shared by the statement benches (bench/front-page-statement.sh, bench/edition-statements.sh):
# a SQLite database with every migration but the one measured, N published English articles of
# about 7 KB of text like the corpus' (so rows spill onto overflow pages as real ones do), one
# an hour back from 2023-11-14, in two sections; the columns a card reads; and the median of
# 21 runs of a statement in the `sqlite3` shell. Sourced, not run.

# archive DB SKIP N: the database without migration SKIP (e.g. 0024), with N articles.
archive() {
  local db=$1 skip=$2 n=$3 f
  for f in crates/lede-store/migrations/sqlite/*.sql; do
    case "$f" in */"${skip}"_*) continue ;; esac
    sqlite3 "$db" < "$f"
  done
  sqlite3 "$db" >/dev/null <<SQL
PRAGMA journal_mode = WAL;
INSERT INTO sections (id, slug, name) VALUES (1, 'news', 'News'), (2, 'sport', 'Sport');
CREATE TABLE filler AS SELECT substr(replace(hex(randomblob(1200)), 'A', ' '), 1, 2300) AS t;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $n)
INSERT INTO articles (id, slug, headline, standfirst, body_markdown, body_html, body_text,
  word_count, language, status, section_id, published_at, created_at, updated_at)
SELECT i, 'article-' || i, 'Headline ' || i, 'Standfirst ' || i, f.t || i, '<p>' || f.t || '</p>',
  f.t, 380, 'en', 'published', 1 + i % 2, 1700000000 - i * 3600, 1700000000 - i * 3600,
  1700000000 - i * 3600
FROM n, filler f;
SQL
}

# What a card reads (`SUMMARY_COLUMNS` in crates/lede-store/src/sql/rows.rs).
columns="a.id, a.slug, a.headline, a.standfirst, a.language, a.published_at, a.updated_at, \
a.image_src, a.image_alt, a.image_caption, a.image_credit, a.image_decorative, a.partner_only, \
s.slug AS section_slug, s.name AS section_name"

# median DB STATEMENT: the median of 21 runs, warm ("under 1 ms": the shell's timer counts
# whole milliseconds).
median() {
  sqlite3 "$1" "$2" >/dev/null # warm the page cache
  for _ in $(seq 21); do printf '.timer on\n.output /dev/null\n%s\n' "$2"; done |
    sqlite3 "$1" 2>&1 | awk '/Run Time/ { print $4 * 1000 }' | sort -n | sed -n 11p |
    awk '{ print ($1 == 0 ? "under 1" : $1) " ms" }'
}
