#!/usr/bin/env bash
# How long an edit of one document takes to appear in `trustdocs serve`:
# from the file being saved to the server answering with the new page
# (an open page reloads on the server's event at the same moment).
#   N=10000 bash benches/serve_latency.sh
#   PAUSE=2 N=10000 bash benches/serve_latency.sh   # seconds between edits
# With PAUSE of a second or more, each edit lands while the server is
# rebuilding the listings and search index of the previous one (they wait
# for 0.5 s without edits), so it measures how fast that work gives way.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
PORT=${PORT:-8799}
PAUSE=${PAUSE:-0}
cargo build --release --quiet
cargo build --release --quiet --example gen_corpus
corpus=bench-out/serve-corpus-$N
[ -f "$corpus/site.yaml" ] || target/release/examples/gen_corpus "$N" "$corpus" >/dev/null
log=bench-out/serve-$N.log
target/release/trustdocs serve "$corpus" --port "$PORT" --today 2026-11-23 >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
until grep -q "serving" "$log"; do sleep 0.2; done
file=$(find "$corpus/documents" -name '*.md' | sort | sed -n 1p)
id=$(awk '/^id: / { print $2; exit }' "$file")
slug=$(echo "$id" | tr 'A-Z/' 'a-z-')
url="http://127.0.0.1:$PORT/documents/$slug/"
curl -sf "$url" >/dev/null
for run in 1 2 3 4 5; do
  sleep "$PAUSE"
  marker="edit-marker-$run-$RANDOM"
  start=$(date +%s%N)
  printf '\n%s\n' "$marker" >>"$file"
  until curl -sf "$url" | grep -q "$marker"; do :; done
  end=$(date +%s%N)
  echo "run $run: edit visible after $(( (end - start) / 1000000 )) ms"
done
grep "rebuilt" "$log" | tail -n 5
