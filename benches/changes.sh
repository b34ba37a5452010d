#!/usr/bin/env bash
# What comparison pages cost a build, and how fast `trustdocs diff` is.
# See benches/README.md ("Comparisons").
#
#   bash benches/changes.sh                  # N=10000 documents, M=2000 with an earlier version
#   N=1000 M=200 bash benches/changes.sh
#   BASE_BIN=/path/to/trustdocs bash benches/changes.sh
#
# The build without comparison pages is the same build by a trustdocs from
# before they existed: BASE_BIN, or the commit BASE_REV (default 123b6a5, the
# main line the comparisons were merged onto)
# built in bench-out/base-<rev>. Everything goes under bench-out/ (git-ignored).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

N=${N:-10000}
M=${M:-2000}
RUNS=${RUNS:-5}
BASE_REV=${BASE_REV:-123b6a5}
TODAY=2026-11-23
OUT=bench-out
BIN=target/release/trustdocs
GEN=target/release/examples/gen_corpus

if [[ ! -x /usr/bin/time ]]; then
    echo "this script needs GNU time for peak memory: apt-get install time" >&2
    exit 2
fi

echo "building trustdocs and the corpus generator (release)..." >&2
cargo build --release --quiet
cargo build --release --quiet --example gen_corpus
mkdir -p "$OUT"

if [[ -z "${BASE_BIN:-}" ]]; then
    base="$OUT/base-$BASE_REV"
    BASE_BIN="$base/target/release/trustdocs"
    if [[ ! -x "$BASE_BIN" ]]; then
        echo "building trustdocs $BASE_REV (before comparison pages) in $base..." >&2
        rm -rf "$base" && mkdir -p "$base"
        git archive "$BASE_REV" | tar -x -C "$base"
        # The dependencies are the same crates: start from this tree's build of them.
        mkdir -p "$base/target" && cp -r target/release "$base/target/"
        (cd "$base" && cargo build --release --quiet)
    fi
fi

corpus="$OUT/changes-corpus-$N"
echo "generating $corpus ($N documents, $M with an earlier version)..." >&2
"$GEN" "$N" "$corpus" --revised "$M" >&2

# time_build LABEL BINARY RUN: builds the corpus once; prints one table row.
time_build() {
    local label=$1 bin=$2 run=$3 site="$OUT/changes-site-$1" tfile="$OUT/.time-changes"
    sync
    /usr/bin/time -v -o "$tfile" "$bin" build "$corpus" --out "$site" --no-pdf --today "$TODAY" \
        >>"$OUT/changes-build.log" 2>&1
    local wall user sys rss pages changes
    wall=$(grep 'Elapsed (wall clock)' "$tfile" | awk '{print $NF}' | awk -F: '{ printf "%.2f", $1 * 60 + $2 }')
    user=$(grep 'User time' "$tfile" | awk '{print $NF}')
    sys=$(grep 'System time' "$tfile" | awk '{print $NF}')
    rss=$(grep 'Maximum resident' "$tfile" | awk '{printf "%.0f", $NF / 1024}')
    pages=$(find "$site" -name index.html | wc -l)
    changes=$(find "$site/documents" -maxdepth 2 -type d -name 'changes-*' | wc -l)
    rm -f "$tfile"
    echo "| $label | $run | $wall | $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') | $rss | $pages | $changes |" | tee /dev/stderr
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
: >"$OUT/changes-build.log"
rm -rf "$OUT/changes-site-without" "$OUT/changes-site-with"
rows=()
# Interleaved, so that other work on the machine weighs on both alike.
for run in $(seq 1 "$RUNS"); do
    rows+=("$(time_build without "$BASE_BIN" "$run")")
    rows+=("$(time_build with "$BIN" "$run")")
done

# `diff` of two versions of about 3,000 words each, in a folder of their own.
pair="$OUT/changes-pair"
rm -rf "$pair" && mkdir -p "$pair/documents"
cp "$corpus/site.yaml" "$corpus/roles.yaml" "$corpus/glossary.yaml" "$pair/"
# (sed, not head, reads to the end: no SIGPIPE under pipefail)
old=$(find "$corpus/documents" -name 'pol-*-v*.md' | sort | sed -n 1p)
cp "$old" "${old%-v*}.md" "$pair/documents/"
id=$(grep -m1 '^id:' "$old" | awk '{print $2}')
echo "timing trustdocs diff $id..." >&2
words=$(cat "$pair"/documents/*.md | wc -w)
times=()
for _ in $(seq 1 20); do
    start=$(date +%s%N)
    NO_COLOR=1 "$BIN" diff "$id" "$pair" >/dev/null
    times+=($(( ($(date +%s%N) - start) / 1000 )))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | sed -n '10p')
fastest=$(echo "$sorted" | sed -n '1p')
slowest=$(echo "$sorted" | sed -n '$p')

echo
echo "trustdocs $(git describe --always --dirty 2>/dev/null) against $("$BASE_BIN" --version 2>/dev/null || echo base) ($BASE_REV);" \
    "N=$N, M=$M; $(nproc) cores; load average at start $LOAD_START, at end $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%d)"
echo
echo "| comparison pages | run | wall s | CPU s | peak RSS MB | pages (index.html) | comparison pages |"
echo "|---|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
# Fastest and median of each, and what comparison pages add.
printf '%s\n' "${rows[@]}" | awk -F'|' '
    { l = $2; gsub(/ /, "", l); w[l] = w[l] " " $4; c[l] = c[l] " " $5; r[l] = (r[l] > $6 ? r[l] : $6) }
    function stat(list, what,   n, a, i, j, t) {
        n = split(list, a, " ")
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        return what == "min" ? a[1] : a[int((n + 1) / 2)]
    }
    END {
        for (k in w) { fw[k] = stat(w[k], "min"); mw[k] = stat(w[k], "med"); fc[k] = stat(c[k], "min"); mc[k] = stat(c[k], "med") }
        printf "without: wall fastest %.2f s, median %.2f s; CPU fastest %.2f s, median %.2f s; peak RSS %d MB\n", fw["without"], mw["without"], fc["without"], mc["without"], r["without"]
        printf "with:    wall fastest %.2f s, median %.2f s; CPU fastest %.2f s, median %.2f s; peak RSS %d MB\n", fw["with"], mw["with"], fc["with"], mc["with"], r["with"]
        printf "comparison pages add: wall %+.1f%% (fastest), %+.1f%% (median); CPU %+.1f%% (fastest), %+.1f%% (median)\n", 100 * (fw["with"] / fw["without"] - 1), 100 * (mw["with"] / mw["without"] - 1), 100 * (fc["with"] / fc["without"] - 1), 100 * (mc["with"] / mc["without"] - 1)
    }'

echo
echo "trustdocs diff $id (two versions, $words words with front matter), 20 runs of the release binary:" \
    "median $((median / 1000)).$(printf '%03d' $((median % 1000))) ms," \
    "fastest $((fastest / 1000)).$(printf '%03d' $((fastest % 1000))) ms," \
    "slowest $((slowest / 1000)).$(printf '%03d' $((slowest % 1000))) ms"
