#!/usr/bin/env bash
# trustdocs against Hugo on the same generated documents, in one run:
# wall time and peak memory of a full build without PDFs, for each size.
#   SIZES="1000 10000 50000" bash benches/hugo.sh
# The corpus is benches/corpus.py's (python3), as a trustdocs library and as
# a Hugo site with the same bodies. Needs GNU time (apt-get install time);
# without Debian's `hugo` (apt-get install hugo) only trustdocs is timed.
#   CORPORA=DIR  where the corpora are generated (default bench-out; 50,000
#                documents are 1.1 GB of Markdown)
#   OUT=DIR      where both write their sites (OUT=/dev/shm/td-bench takes
#                the disk out of the comparison)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 10000"}
OUT=${OUT:-bench-out}
CORPORA=${CORPORA:-bench-out}
command -v python3 >/dev/null || { echo "python3 is missing: apt-get install python3" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is missing: apt-get install time" >&2; exit 2; }
have_hugo=1
command -v hugo >/dev/null || { have_hugo=0; echo "hugo is missing (apt-get install hugo): timing trustdocs only" >&2; }
cargo build --release --quiet
mkdir -p bench-out "$CORPORA"
measure() { # label, command...: prints "seconds peak-MB"
  shift
  local log=bench-out/time.$$ ; /usr/bin/time -f '%e %M' -o "$log" "$@" >/dev/null 2>&1 || true
  # GNU time writes "Command exited with non-zero status N" first on failure.
  tail -n 1 "$log" | awk '{ printf "%s %.0f\n", $1, $2 / 1024 }'; rm -f "$log"
}
echo "| documents | Markdown MB | trustdocs s | trustdocs peak MB | Hugo s | Hugo peak MB | trustdocs / Hugo |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
  corpus=$CORPORA/corpus-$n
  hugo_site=$CORPORA/hugo-$n
  # The generator writes both; regenerate when either is incomplete.
  if ! { [ -f "$corpus/site.yaml" ] && [ "$(find "$corpus/documents" -name '*.md' | wc -l)" -eq "$n" ] &&
         [ "$(find "$hugo_site/content/docs" -name '*.md' 2>/dev/null | wc -l)" -eq "$n" ]; }; then
    rm -rf "$corpus" "$hugo_site"
    python3 benches/corpus.py --n "$n" --out "$corpus" --hugo "$hugo_site" >/dev/null
  fi
  mb=$(du -sm "$corpus/documents" | cut -f1)
  # Warm the file cache once, then time one build each.
  mkdir -p "$OUT"
  target/release/trustdocs build "$corpus" --out "$OUT/site-$n" --no-pdf --today 2026-11-23 >/dev/null 2>&1 || true
  sync
  read -r td_s td_mb < <(measure td target/release/trustdocs build "$corpus" --out "$OUT/site-$n" --no-pdf --today 2026-11-23)
  rm -rf "$OUT/site-$n" "$OUT/hugo-public-$n"
  sync
  if [ "$have_hugo" = 1 ]; then
    read -r hu_s hu_mb < <(measure hugo hugo --source "$hugo_site" --destination "$(realpath -m "$OUT/hugo-public-$n")" --quiet)
    rm -rf "$OUT/hugo-public-$n"
    ratio=$(awk -v a="$td_s" -v b="$hu_s" 'BEGIN { printf "%.2f", a / b }')
  else
    hu_s="not run"; hu_mb=""; ratio=""
  fi
  echo "| $n | $mb | $td_s | $td_mb | $hu_s | $hu_mb | $ratio |"
done
