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
#   TRUSTDOCS=PATH  a prebuilt binary instead of `cargo build --release`
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 10000"}
OUT=${OUT:-bench-out}
. benches/lib/corpus_sites.sh
bench_require
have_hugo=1
command -v hugo >/dev/null || { have_hugo=0; echo "hugo is missing (apt-get install hugo): timing trustdocs only" >&2; }
bench_trustdocs
echo "| documents | Markdown MB | trustdocs s | trustdocs peak MB | Hugo s | Hugo peak MB | trustdocs / Hugo |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
  bench_corpus "$n"
  mb=$(du -sm "$corpus/documents" | cut -f1)
  # Warm the file cache once, then time one build each.
  mkdir -p "$OUT"
  "$TRUSTDOCS" build "$corpus" --out "$OUT/site-$n" --no-pdf --today 2026-11-23 >/dev/null 2>&1 || true
  sync
  read -r td_s td_mb _ < <(measure "$TRUSTDOCS" build "$corpus" --out "$OUT/site-$n" --no-pdf --today 2026-11-23)
  rm -rf "$OUT/site-$n" "$OUT/hugo-public-$n"
  sync
  if [ "$have_hugo" = 1 ]; then
    read -r hu_s hu_mb _ < <(measure hugo --source "$hugo_site" --destination "$(realpath -m "$OUT/hugo-public-$n")" --quiet)
    rm -rf "$OUT/hugo-public-$n"
    ratio=$(awk -v a="$td_s" -v b="$hu_s" 'BEGIN { printf "%.2f", a / b }')
  else
    hu_s="not run"; hu_mb=""; ratio=""
  fi
  echo "| $n | $mb | $td_s | $td_mb | $hu_s | $hu_mb | $ratio |"
done
