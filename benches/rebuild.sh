#!/usr/bin/env bash
# A rebuild against the full build it follows, in one run: the full build
# (no output yet), a rebuild with nothing changed, and rebuilds after one
# document's body, then its title, was edited. Each rebuild's output is
# compared, byte for byte, with a build from nothing of the same content.
#   N=10000 ROUNDS=3 bash benches/rebuild.sh
#   WORK=DIR  where the corpus copy and the outputs go (default bench-out/rebuild;
#             WORK=/dev/shm/td-rebuild takes the disk out of the comparison)
# Needs python3 (benches/corpus.py) and GNU time (apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
ROUNDS=${ROUNDS:-3}
WORK=${WORK:-bench-out/rebuild}
[ -x /usr/bin/time ] || { echo "GNU time is missing: apt-get install time" >&2; exit 2; }
cargo build --release --quiet
TD=$PWD/target/release/trustdocs
mkdir -p "$WORK"
corpus=$WORK/corpus-$N
[ -d "$corpus/documents" ] || python3 benches/corpus.py --n "$N" --out "$corpus" >/dev/null
lib=$WORK/lib
rm -rf "$lib" && cp -rL "$corpus" "$lib"
doc=$(find "$lib/documents" -name '*.md' | sort | sed -n "$((N / 2))p")
run() { # label: prints "label seconds peak-MB"
  local log; log=$(mktemp)
  /usr/bin/time -f '%e %M' -o "$log" "$TD" build "$lib" --out "$WORK/out" --no-pdf >/dev/null 2>&1
  tail -n 1 "$log" | awk -v l="$1" '{ printf "%s %s %.0f\n", l, $1, $2 / 1024 }'; rm -f "$log"
}
same_as_fresh() {
  rm -rf "$WORK/fresh"
  "$TD" build "$lib" --out "$WORK/fresh" --no-pdf >/dev/null 2>&1
  diff -r -x build-cache.json -x search-counts "$WORK/out" "$WORK/fresh" >/dev/null || { echo "the rebuild differs from a build from nothing" >&2; exit 1; }
}
echo "| round | full s | unchanged s | body edited s | title edited s | full peak MB | rebuild peak MB |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for r in $(seq "$ROUNDS"); do
  rm -rf "$WORK/out"
  read -r _ full full_mb < <(run full)
  read -r _ same _ < <(run unchanged)
  echo "Edited in round $r." >> "$doc"
  read -r _ body body_mb < <(run body)
  same_as_fresh
  sed -i "0,/^title:.*/s//title: \"Retitled in round $r\"/" "$doc"
  read -r _ title _ < <(run title)
  same_as_fresh
  echo "| $r | $full | $same | $body | $title | $full_mb | $body_mb |"
done
