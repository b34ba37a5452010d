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
#   ROUNDS=N     timed builds of each tool per size, alternating (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 10000"}
OUT=${OUT:-bench-out}
. benches/lib/corpus_sites.sh
bench_require
have_hugo=1
command -v hugo >/dev/null || { have_hugo=0; echo "hugo is missing (apt-get install hugo): timing trustdocs only" >&2; }
bench_trustdocs
# Rounds alternate (trustdocs, Hugo, trustdocs, ...) so that a change in the
# machine's load falls on both; the table gives each one's median.
ROUNDS=${ROUNDS:-3}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "| documents | Markdown MB | trustdocs s | trustdocs peak MB | Hugo s | Hugo peak MB | trustdocs / Hugo |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
  bench_corpus "$n"
  mb=$(du -sm "$corpus/documents" | cut -f1)
  mkdir -p "$OUT"
  td_log=$(mktemp) hu_log=$(mktemp)
  # Warm the file cache once; every timed build starts from no output (into
  # its last output a build takes what has not changed: benches/rebuild.sh).
  "$TRUSTDOCS" build "$corpus" --out "$OUT/site-$n" --no-pdf --today 2026-11-23 >/dev/null 2>&1 || true
  for _ in $(seq "$ROUNDS"); do
    rm -rf "$OUT/site-$n" "$OUT/hugo-public-$n"
    sync
    measure "$TRUSTDOCS" build "$corpus" --out "$OUT/site-$n" --no-pdf --today 2026-11-23 >>"$td_log"
    if [ "$have_hugo" = 1 ]; then
      sync
      measure hugo --source "$hugo_site" --destination "$(realpath -m "$OUT/hugo-public-$n")" --quiet >>"$hu_log"
    fi
  done
  echo "n=$n rounds (seconds peak-MB): trustdocs $(tr '\n' ';' <"$td_log") Hugo $(tr '\n' ';' <"$hu_log")" >&2
  td_s=$(cut -d' ' -f1 "$td_log" | median) td_mb=$(cut -d' ' -f2 "$td_log" | median)
  rm -rf "$OUT/site-$n" "$OUT/hugo-public-$n"
  if [ "$have_hugo" = 1 ]; then
    hu_s=$(cut -d' ' -f1 "$hu_log" | median) hu_mb=$(cut -d' ' -f2 "$hu_log" | median)
    ratio=$(awk -v a="$td_s" -v b="$hu_s" 'BEGIN { printf "%.2f", a / b }')
  else
    hu_s="not run"; hu_mb=""; ratio=""
  fi
  rm -f "$td_log" "$hu_log"
  echo "| $n | $mb | $td_s | $td_mb | $hu_s | $hu_mb | $ratio |"
done
