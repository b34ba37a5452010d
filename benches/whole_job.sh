#!/usr/bin/env bash
# Whole jobs on the same generated documents: `trustdocs build --no-pdf`
# (site, checks and search index in one command) against `hugo` then
# `pagefind --site` over Hugo's output, which is what a team that chose Hugo
# would run to get a site with search. Rounds alternate (trustdocs, Hugo +
# Pagefind, trustdocs, ...) so that a change in the machine's load falls on
# both; the table gives the median of the rounds.
#   SIZES="1000 10000" ROUNDS=5 bash benches/whole_job.sh
#   SIZES, ROUNDS  documents per corpus and rounds per size (defaults "10000", 3)
#   OUT=DIR        where the sites are written (OUT=/dev/shm/wj takes the disk out)
#   CORPORA=DIR    where the corpora are generated (default bench-out)
#   TRUSTDOCS=PATH a prebuilt binary instead of `cargo build --release`
# Paths are relative to the repository root. Pagefind is installed once from
# npm into bench-out/pagefind-npm, the same pinned version as benches/search/.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10000"}
ROUNDS=${ROUNDS:-3}
OUT=${OUT:-bench-out}
PAGEFIND_DIR=bench-out/pagefind-npm
PAGEFIND_VERSION=1.6.0
PAGEFIND=$PAGEFIND_DIR/node_modules/.bin/pagefind
. benches/lib/corpus_sites.sh
bench_require
command -v hugo >/dev/null || { echo "hugo is missing: apt-get install hugo" >&2; exit 2; }
if [ ! -x "$PAGEFIND" ]; then
  command -v npm >/dev/null || { echo "npm is missing (needed once, to install Pagefind): apt-get install npm" >&2; exit 2; }
  npm install --prefix "$PAGEFIND_DIR" --no-audit --no-fund "pagefind@$PAGEFIND_VERSION" >&2
fi
bench_trustdocs
mkdir -p "$OUT"

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -v c="$2" '{ print $c }' "$1" | median; } # file, column: median of that column
fmt() { printf '%.2f | %.0f | %.2f' "$(col "$1" 1)" "$(col "$1" 2)" "$(col "$1" 3)"; }
ratio() { awk -v a="$(col "$1" "$3")" -v b="$(col "$2" "$3")" 'BEGIN { printf "%.2f", a / b }'; }
files() { find "$1" -type f | wc -l; }

echo "| documents | job | wall s | peak RSS MB | CPU s (user+sys) | output MB | files |"
echo "|---:|---|---:|---:|---:|---:|---:|"
for n in $SIZES; do
  bench_corpus "$n"
  site=$OUT/wj-site-$n
  pub=$(realpath -m "$OUT/wj-hugo-public-$n")
  # --today as in hugo.sh, so that the review-date checks find the same.
  td_build=("$TRUSTDOCS" build "$corpus" --out "$site" --no-pdf --today 2026-11-23)
  hugo_build=(hugo --source "$hugo_site" --destination "$pub" --quiet)
  # One untimed pass of each, so that every timed round reads warm corpora
  # and a warm Pagefind (its npm wrapper spawns the native binary).
  rm -rf "$site" "$pub"; "${td_build[@]}" >/dev/null 2>&1 || true
  "${hugo_build[@]}" >/dev/null; "$PAGEFIND" --site "$pub" >/dev/null
  r=$(mktemp -d)
  for i in $(seq "$ROUNDS"); do
    # Each job starts from no output folder; sync so that writing back the
    # previous job's files is not charged to this one. The last round's
    # sites are kept for their sizes.
    rm -rf "$site"; sync
    measure "${td_build[@]}" >>"$r/td"
    rm -rf "$pub"; sync
    read -r hs hm hc < <(measure "${hugo_build[@]}")
    read -r ps pm pc < <(measure "$PAGEFIND" --site "$pub")
    [ -f "$pub/pagefind/pagefind-entry.json" ] || { echo "Pagefind wrote no index into $pub" >&2; exit 1; }
    echo "$hs $hm $hc" >>"$r/hugo"; echo "$ps $pm $pc" >>"$r/pf"
    awk -v a="$hs $hm $hc" -v b="$ps $pm $pc" 'BEGIN { split(a, x); split(b, y)
      printf "%.2f %d %.2f\n", x[1] + y[1], (x[2] > y[2]) ? x[2] : y[2], x[3] + y[3] }' >>"$r/both"
    # Each round on standard error, to see the spread behind the medians.
    echo "n=$n round $i (wall peak-MB cpu): trustdocs $(tail -n 1 "$r/td"); hugo $hs $hm $hc; pagefind $ps $pm $pc" >&2
  done
  # Sizes of the last round's sites; Hugo alone is its folder less Pagefind's.
  td_mb=$(du -sm "$site" | cut -f1); all_mb=$(du -sm "$pub" | cut -f1); pf_mb=$(du -sm "$pub/pagefind" | cut -f1)
  td_f=$(files "$site"); all_f=$(files "$pub"); pf_f=$(files "$pub/pagefind")
  echo "| $n | trustdocs | $(fmt "$r/td") | $td_mb | $td_f |"
  echo "| $n | Hugo + Pagefind | $(fmt "$r/both") | $all_mb | $all_f |"
  echo "| $n | Hugo alone | $(fmt "$r/hugo") | $(du -sm --exclude=pagefind "$pub" | cut -f1) | $((all_f - pf_f)) |"
  echo "| $n | Pagefind alone | $(fmt "$r/pf") | $pf_mb | $pf_f |"
  echo "| $n | trustdocs / (Hugo + Pagefind) | $(ratio "$r/td" "$r/both" 1) | $(ratio "$r/td" "$r/both" 2) | $(ratio "$r/td" "$r/both" 3) | $(awk -v a="$td_mb" -v b="$all_mb" 'BEGIN { printf "%.2f", a / b }') | $(awk -v a="$td_f" -v b="$all_f" 'BEGIN { printf "%.2f", a / b }') |"
  rm -rf "$r" "$site" "$pub"
done
