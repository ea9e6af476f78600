#!/usr/bin/env bash
# Fetches the theme's Urdu web fonts from npm into themes/default/static/fonts/, so the
# binary files in git are explained: Fontsource's packages of Google's Noto fonts (SIL Open
# Font License 1.1), the "arabic" unicode-range subset only (the Latin subsets are not used:
# Latin text keeps the theme's system fonts). Versions are pinned, so running it again
# reproduces the committed files byte for byte; to update, change a version, run it, look at
# an Urdu article, commit. Needs npm. Usage: scripts/update-fonts.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=themes/default/static/fonts
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# package@version, then the files taken from its files/ folder.
# Nastaliq, the Urdu reader's hand, for reading text (400 body, 700 headlines); Naskh, much
# shorter, for Arabic-script words in the compact interface (names, form fields) and for the
# other right-to-left languages read in Naskh.
fonts=(
  "@fontsource/noto-nastaliq-urdu@5.3.0 noto-nastaliq-urdu-arabic-400-normal.woff2 noto-nastaliq-urdu-arabic-700-normal.woff2"
  "@fontsource/noto-naskh-arabic@5.3.0 noto-naskh-arabic-arabic-400-normal.woff2"
)

rm -rf "$out"
mkdir -p "$out"
{
  echo "The web fonts in this folder come from these npm packages, unchanged; each package's"
  echo "licence (SIL Open Font License 1.1) follows, as the package ships it."
} >"$out/OFL.txt"
for entry in "${fonts[@]}"; do
  read -r package files <<<"$entry"
  dir="$work/$(basename "${package%@*}")"
  mkdir -p "$dir"
  # npm checks the tarball against the registry's integrity hash.
  (cd "$dir" && npm pack --silent "$package" >/dev/null && tar xzf ./*.tgz)
  for file in $files; do
    cp "$dir/package/files/$file" "$out/$file"
  done
  {
    echo
    echo "==== $package: $files"
    echo
    cat "$dir/package/LICENSE"
  } >>"$out/OFL.txt"
done
ls -l "$out"
