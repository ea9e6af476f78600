#!/usr/bin/env bash
# Times `lede import wordpress` on WordPress's theme unit test data against a reference in the
# same run: Python's C-accelerated ElementTree merely parsing the same file. Alternates the two,
# ROUNDS times, and prints each run; take medians. Usage: bench/import.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
file=../shared/wordpress/themeunittestdata.wordpress.xml
cargo build --release -p lede >/dev/null
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
now() { date +%s.%N; }
for _ in $(seq "$rounds"); do
  rm -rf "$data/site"
  a=$(now); target/release/lede import wordpress "$file" --data "$data/site" >/dev/null; b=$(now)
  target/release/lede import wordpress "$file" --data "$data/site" >/dev/null; c=$(now)
  python3 -c "import sys, xml.etree.ElementTree as e; e.parse(sys.argv[1])" "$file"; d=$(now)
  echo "import $(echo "$b - $a" | bc) s · re-import $(echo "$c - $b" | bc) s · python parse $(echo "$d - $c" | bc) s"
done
