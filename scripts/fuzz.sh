#!/usr/bin/env bash
# Coverage-guided fuzzing of Lede's parsers and rules (the targets in fuzz/, libFuzzer through
# cargo-fuzz): builds the targets, seeds their corpora, runs each for a bounded time, and
# fails when any target crashed, printing the input that reproduces it and the command that
# replays it.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]    60 s and every target by default
#
# Targets: markdown, wxr, slug, form, comment (fuzz/fuzz_targets/*.rs say what each asserts).
# The stable toolchain does: RUSTC_BOOTSTRAP=1 lets it take the -Z flags cargo-fuzz passes.
# cargo-fuzz is installed once, into LEDE_TOOLS (default ~/.cache/lede); the instrumented
# build is kept in fuzz/target, the corpora grown so far in fuzz/corpus (neither committed).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(markdown wxr slug form comment)
fi
case $seconds in '' | *[!0-9]*) echo "usage: $0 [SECONDS_PER_TARGET] [TARGET...]" >&2; exit 2 ;; esac

CARGO_FUZZ_VERSION=0.13.2
tools=${LEDE_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/lede}/cargo-fuzz-$CARGO_FUZZ_VERSION
if [ ! -x "$tools/bin/cargo-fuzz" ]; then
  echo "Installing cargo-fuzz $CARGO_FUZZ_VERSION into $tools (once)"
  cargo install --locked --quiet --version "$CARGO_FUZZ_VERSION" --root "$tools" cargo-fuzz
fi
export PATH="$tools/bin:$PATH"
export RUSTC_BOOTSTRAP=1

# Lede forbids unsafe code, so AddressSanitizer would only watch its dependencies, at half
# the speed; overflow checks and debug assertions stay on. FUZZ_SANITIZER=address for more.
build_flags=(--debug-assertions --sanitizer "${FUZZ_SANITIZER:-none}")
echo "Building the fuzz targets"
cargo fuzz build "${build_flags[@]}"

# WordPress's theme unit test export, one item per file (a whole 600 kB export per input
# would make every run slow): the header up to the channel's first child, then the item.
wxr_seeds() {
  local source=../shared/wordpress/themeunittestdata.wordpress.xml out=fuzz/corpus/wxr
  [ -f "$source" ] || return 0
  [ -n "$(ls -A "$out" 2>/dev/null)" ] && return 0
  mkdir -p "$out"
  awk -v out="$out" '
    !in_channel { header = header $0 "\n"; if ($0 ~ /<wp:base_blog_url>/) in_channel = 1; next }
    /^<item>/ { item = ""; inside = 1 }
    inside { item = item $0 "\n" }
    /^<\/item>/ { n++; printf "%s%s</channel>\n</rss>\n", header, item > (out "/theme-item-" n ".xml"); close(out "/theme-item-" n ".xml"); inside = 0 }
  ' "$source"
}
wxr_seeds

max_len() {
  case $1 in
    wxr) echo 32768 ;;
    form) echo 16384 ;;
    *) echo 4096 ;;
  esac
}

failed=()
summary=()
for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target" "fuzz/seeds/$target" "fuzz/artifacts/$target"
  log=$(mktemp)
  echo "Fuzzing $target for ${seconds}s"
  status=0
  cargo fuzz run "${build_flags[@]}" "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
    -max_total_time="$seconds" -max_len="$(max_len "$target")" -timeout=20 \
    -print_final_stats=1 >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  corpus=$(find "fuzz/corpus/$target" -type f | wc -l)
  summary+=("$(printf '%-10s %6ss %12s runs %7s inputs in its corpus' "$target" "$seconds" "${runs:-?}" "$corpus")")
  if [ "$status" -ne 0 ]; then
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
    # What the target asserted (the first panic), then libFuzzer's closing lines.
    grep -m 1 -A 12 'panicked at' "$log" || true
    grep -E '^(==[0-9]+==|SUMMARY|artifact_prefix|Base64)' "$log" || tail -n 20 "$log"
    echo
    echo "CRASH in $target; the input that reproduces it: ${artifact:-see the log above}"
    echo "replay it with: RUSTC_BOOTSTRAP=1 PATH=$tools/bin:\$PATH cargo fuzz run ${build_flags[*]} $target ${artifact:-ARTIFACT}"
    failed+=("$target")
  fi
  rm -f "$log"
done

echo
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found crashes in: ${failed[*]}"
  exit 1
fi
echo "no crash in ${#targets[@]} targets"
