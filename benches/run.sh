#!/usr/bin/env bash
# Build-time benchmark for trustdocs on generated corpora. See benches/README.md.
#
#   bash benches/run.sh                 # SIZES="1000 10000"
#   SIZES="1000" bash benches/run.sh
#
# Everything it writes goes under bench-out/ (git-ignored).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

SIZES=${SIZES:-1000 10000}
TODAY=2026-11-23
OUT=bench-out
BIN=target/release/trustdocs
GEN=target/release/examples/gen_corpus

echo "building trustdocs and the corpus generator (release)..." >&2
cargo build --release --quiet
cargo build --release --quiet --example gen_corpus

mkdir -p "$OUT"

gnu_time=1
if [[ ! -x /usr/bin/time ]]; then
    gnu_time=0
    echo "note: /usr/bin/time (GNU time) not found, so no peak memory figure;" \
        "install it with: apt-get install time" >&2
fi

# run_build N RUN: builds corpus-N into site-N, appends the build's output to
# bench-out/build-N.log, and sets WALL, CPU (user + system seconds), RSS_MB and RC.
run_build() {
    local n=$1 run=$2
    local log="$OUT/build-$n.log" tfile="$OUT/.time-$n-$run"
    local cmd=("$BIN" build "$OUT/corpus-$n" --out "$OUT/site-$n" --no-pdf --today "$TODAY")
    echo "== run $run: ${cmd[*]}" >>"$log"
    RC=0
    if ((gnu_time)); then
        /usr/bin/time -f '%e %M %U %S' -o "$tfile" "${cmd[@]}" >>"$log" 2>&1 || RC=$?
        # The last line: GNU time prefixes "Command exited with non-zero status".
        read -r WALL rss_kb user sys < <(tail -n 1 "$tfile")
        RSS_MB=$(awk -v k="$rss_kb" 'BEGIN { printf "%.0f", k / 1024 }')
        CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    else
        local TIMEFORMAT='%R %U %S'
        { time "${cmd[@]}" >>"$log" 2>&1 || RC=$?; } 2>"$tfile"
        read -r WALL user sys < <(tail -n 1 "$tfile")
        CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
        RSS_MB="n/a"
    fi
    rm -f "$tfile"
    echo "== exit status $RC, ${WALL}s wall, ${CPU}s CPU, peak RSS ${RSS_MB} MB" >>"$log"
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()
for n in $SIZES; do
    corpus="$OUT/corpus-$n"
    site="$OUT/site-$n"
    log="$OUT/build-$n.log"
    echo "N=$n: generating $corpus..." >&2
    gen_start=$(date +%s.%N)
    "$GEN" "$n" "$corpus" >&2
    gen_secs=$(awk -v a="$gen_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    corpus_mb=$(du -sm "$corpus" | cut -f1)
    files=$(find "$corpus/documents" -name '*.md' | wc -l)

    rm -rf "$site"
    : >"$log"
    for run in 1 2; do
        echo "N=$n: build run $run..." >&2
        # A build from nothing each time: into the last output, a build
        # would take what has not changed (benches/rebuild.sh times that).
        rm -rf "$site"
        # Flush what the generator or the previous run wrote, so that its
        # write-back is not charged to this run.
        sync
        run_build "$n" "$run"
        pages="-" # a failed build leaves the previous output in place
        if ((RC == 0)) && [[ -d "$site" ]]; then
            pages=$(find "$site" -name index.html | wc -l)
        fi
        label="1st"
        if ((run == 2)); then label="2nd (warm)"; fi
        rows+=("| $n | $files | $corpus_mb | $gen_secs | $label | $WALL | $CPU | $RSS_MB | $pages | $RC |")
    done
    if grep -q 'panicked' "$log"; then
        echo "warning: trustdocs panicked on N=$n, see $log" >&2
    fi
done

echo
echo "trustdocs $(git describe --always --dirty 2>/dev/null || echo '(not a git checkout)') build --no-pdf --today $TODAY;" \
    "$(nproc) cores; load average at start $LOAD_START, at end $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%d)"
echo
echo "| N | files | corpus MB | generate s | run | wall s | CPU s | peak RSS MB | pages (index.html) | exit |"
echo "|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "build output (diagnostic summaries): $OUT/build-<N>.log"
