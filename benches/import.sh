#!/usr/bin/env bash
# Import benchmark: `trustdocs import` of N documents (default 500) in one
# run, release build, check of the written documents included.
#
#   bash benches/import.sh            # N=500
#   N=2000 bash benches/import.sh
#   BIN=target/debug/trustdocs bash benches/import.sh   # a build you have, unbuilt
#
# The inputs are the five seed texts, the five Word fixtures and, when
# typst and pdftotext are installed, the five PDFs trustdocs makes of the
# example library, copied round-robin under new names. Everything goes
# under bench-out/import/ (git-ignored).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

N=${N:-500}
OUT=bench-out/import
if [[ -z "${BIN:-}" ]]; then
    BIN=target/release/trustdocs
    echo "building trustdocs (release)..." >&2
    cargo build --release --quiet
fi

rm -rf "$OUT"
mkdir -p "$OUT/in" "$OUT/content"
cp content/site.yaml content/roles.yaml content/glossary.yaml "$OUT/content/"

sources=(tests/fixtures/import/seeds/*.txt tests/fixtures/import/docx/*.docx tests/fixtures/import/varied/*.txt tests/fixtures/import/varied/*.docx)
if command -v pdftotext >/dev/null && command -v typst >/dev/null; then
    "$BIN" build content --out "$OUT/pdfs" --today 2026-01-01 >/dev/null 2>&1 || true
    while IFS= read -r pdf; do sources+=("$pdf"); done < <(find "$OUT/pdfs" -name '*.pdf' | sort)
else
    echo "note: typst or pdftotext missing, so no PDF inputs" >&2
fi

for ((i = 0; i < N; i++)); do
    src=${sources[$((i % ${#sources[@]}))]}
    cp "$src" "$OUT/in/doc-$i.${src##*.}"
done
echo "inputs: $N files from ${#sources[@]} sources (text, Word and PDF)" >&2

sync
start=$(date +%s.%N)
if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f '%e s wall, %U s user, %S s system, %M KiB peak' -o "$OUT/time" "$BIN" import "$OUT"/in/* --out "$OUT/content" --format json --today 2026-01-01 >"$OUT/report.json" || true
    cat "$OUT/time"
else
    "$BIN" import "$OUT"/in/* --out "$OUT/content" --format json --today 2026-01-01 >"$OUT/report.json" || true
fi
end=$(date +%s.%N)
written=$(find "$OUT/content/documents" -name '*.md' | wc -l)
python3 - "$OUT/report.json" <<'PY' || true
import json, sys
r = json.load(open(sys.argv[1]))
failed = sum(1 for f in r["files"] if f["error"])
warnings = sum(len(f["warnings"]) for f in r["files"])
print(f"files: {len(r['files'])}, failed: {failed}, import warnings: {warnings}, check: {r['summary']}")
PY
printf 'imported %s documents in %.2f s\n' "$written" "$(echo "$end - $start" | bc)"
