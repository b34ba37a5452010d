#!/usr/bin/env bash
# trustdocs against Hugo on the same generated documents, in one run:
# wall time and peak memory of a full build without PDFs, for each size.
#   SIZES="1000 10000 50000" bash benches/hugo.sh
# Needs Debian's `hugo` and `time` packages (apt-get install hugo time).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 10000"}
# Where both write their sites: OUT=/dev/shm/td-bench takes the disk out of the comparison.
OUT=${OUT:-bench-out}
command -v hugo >/dev/null || { echo "hugo is missing: apt-get install hugo" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is missing: apt-get install time" >&2; exit 2; }
cargo build --release --quiet
cargo build --release --quiet --example gen_corpus
mkdir -p bench-out
measure() { # label, command...: prints "seconds peak-MB"
  shift
  local log=bench-out/time.$$ ; /usr/bin/time -f '%e %M' -o "$log" "$@" >/dev/null 2>&1 || true
  # GNU time writes "Command exited with non-zero status N" first on failure.
  tail -n 1 "$log" | awk '{ printf "%s %.0f\n", $1, $2 / 1024 }'; rm -f "$log"
}
echo "| documents | Markdown MB | trustdocs s | trustdocs peak MB | Hugo s | Hugo peak MB | trustdocs / Hugo |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
  corpus=bench-out/corpus-$n
  [ -f "$corpus/site.yaml" ] && [ "$(find "$corpus/documents" -name '*.md' | wc -l)" -ge "$n" ] || target/release/examples/gen_corpus "$n" "$corpus" >/dev/null
  hugo_site=bench-out/hugo-$n
  rm -rf "$hugo_site" && mkdir -p "$hugo_site/content"
  cp -r benches/hugo/hugo.toml benches/hugo/layouts "$hugo_site/"
  cp -r "$corpus/documents/." "$hugo_site/content/"
  mb=$(du -sm "$corpus/documents" | cut -f1)
  # Warm the file cache once for both, then time one build each.
  mkdir -p "$OUT"
  target/release/trustdocs build "$corpus" --out "$OUT/site-$n" --no-pdf --today 2026-11-23 >/dev/null 2>&1 || true
  sync
  read -r td_s td_mb < <(measure td target/release/trustdocs build "$corpus" --out "$OUT/site-$n" --no-pdf --today 2026-11-23)
  rm -rf "$OUT/site-$n" "$OUT/hugo-public-$n"
  sync
  read -r hu_s hu_mb < <(measure hugo hugo --source "$hugo_site" --destination "$(realpath -m "$OUT/hugo-public-$n")" --quiet)
  rm -rf "$OUT/hugo-public-$n"
  ratio=$(awk -v a="$td_s" -v b="$hu_s" 'BEGIN { printf "%.2f", a / b }')
  echo "| $n | $mb | $td_s | $td_mb | $hu_s | $hu_mb | $ratio |"
done
