#!/usr/bin/env bash
# Search benchmark: trustdocs' browser index against Pagefind, on
# the same built site of N generated documents (default 10,000).
#
#   bash benches/search/run.sh [N]
#
# Needs what the browser tests need (Node.js, `npm ci --prefix tests/browser`,
# Chromium, python3) and the npm registry once, to install Pagefind into
# bench-out/ (git-ignored). Writes bench-out/search/report.md and prints it.
set -euo pipefail
cd "$(dirname "$0")/../.."

N=${1:-10000}
CORPUS=bench-out/search/corpus-$N
OUT=bench-out/search
SITE=$OUT/site
PAGEFIND_DIR=bench-out/pagefind-npm
PAGEFIND_VERSION=1.6.0
mkdir -p "$OUT"

now() { date +%s.%N; }

echo "== corpus of $N documents" >&2
[ -d "$CORPUS/documents" ] || cargo run --release --quiet --example gen_corpus -- "$N" "$CORPUS"

echo "== trustdocs build (the whole site, search included)" >&2
cargo build --release --quiet
rm -rf "$SITE" # from nothing: into its last output, a build reuses what has not changed
start=$(now)
./target/release/trustdocs build "$CORPUS" --out "$SITE" --no-pdf --today 2026-11-23 >/dev/null 2>"$OUT/build.log"
build_s=$(echo "$(now) - $start" | bc)

echo "== trustdocs search index alone" >&2
cargo bench --quiet --bench search_index -- "$CORPUS" "$OUT/index-only" >"$OUT/index-build.json"
cat "$OUT/index-build.json" >&2

echo "== Pagefind $PAGEFIND_VERSION over the same HTML" >&2
if [ ! -x "$PAGEFIND_DIR/node_modules/.bin/pagefind" ]; then
  mkdir -p "$PAGEFIND_DIR"
  npm install --prefix "$PAGEFIND_DIR" --no-audit --no-fund "pagefind@$PAGEFIND_VERSION" >&2
fi
rm -rf "$SITE/pagefind"
start=$(now)
"$PAGEFIND_DIR/node_modules/.bin/pagefind" --site "$SITE" --glob "documents/*/**/*.html" >"$OUT/pagefind.log" 2>&1
pagefind_s=$(echo "$(now) - $start" | bc)
cp benches/search/pagefind-bench.html "$SITE/pagefind-bench.html"
echo "{\"trustdocs_build_s\": $build_s, \"pagefind_s\": $pagefind_s}" >"$OUT/build-times.json"

echo "== queries in Chromium" >&2
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$SITE" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT))" 2>/dev/null && break; sleep 0.1; done
node benches/search/measure.mjs "http://127.0.0.1:$PORT/" "$OUT/queries.json"

node benches/search/report.mjs "$OUT" "$N" "$PAGEFIND_VERSION" | tee "$OUT/report.md"
