#!/usr/bin/env bash
# How long `trustdocs acknowledgements` takes on a large form export: ROWS
# responses (default 10,000) from STAFF people (default 2,000) against the
# example library (`content/`, with an `acknowledge` setting added to a
# copy). Target: under 2 s. See benches/README.md ("Read and acknowledge").
#
#   bash benches/acknowledgements.sh
#   ROWS=50000 STAFF=10000 RUNS=5 bash benches/acknowledgements.sh
#   SKIP_BUILD=1 bash benches/acknowledgements.sh     # use target/release/trustdocs as it is
#
# The responses mix what real exports hold: confirmations of the version in
# force (right and wrong fingerprints), of older versions, duplicates,
# unknown people and ids, and dates in ISO and UK forms. Everything goes
# under bench-out/acknowledgements (git-ignored).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

ROWS=${ROWS:-10000}
STAFF=${STAFF:-2000}
RUNS=${RUNS:-3}
TODAY=2026-11-23
OUT=bench-out/acknowledgements
BIN=target/release/trustdocs

if [[ -z "${SKIP_BUILD:-}" ]]; then
    cargo build --release --quiet
fi

rm -rf "$OUT"
mkdir -p "$OUT"
cp -r content "$OUT/content"
# The example's own `acknowledge` block (and its indented lines) gives way to the benchmark's.
sed -i '/^acknowledge:/,/^[^ ]/{/^acknowledge:/d;/^  /d}' "$OUT/content/site.yaml"
cat >> "$OUT/content/site.yaml" <<'EOF'
acknowledge:
  url: "https://learning.example.nhs.uk/ack?doc={id}&v={version}&fp={fingerprint}&t={title}"
  required_for_roles: [managers, lsms, smd]
EOF
"$BIN" in-force "$OUT/content" --on "$TODAY" --format json > "$OUT/in-force.json"

python3 - "$OUT" "$ROWS" "$STAFF" <<'PY'
import csv, json, random, sys
out, rows, staff = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(27)
docs = [d for d in json.load(open(f"{out}/in-force.json"))["documents"] if d["version"]]
roles = ["managers", "lsms", "smd", "asms", "all-staff", "divisional-governance-leads"]
people = [f"person{n:05}@example.nhs.uk" for n in range(staff)]
with open(f"{out}/staff.csv", "w", newline="", encoding="utf-8-sig") as f:
    w = csv.writer(f)
    w.writerow(["who", "name", "roles"])
    for n, who in enumerate(people):
        w.writerow([who, f"Person {n}, Ward {n % 40}", ";".join(random.sample(roles, random.randint(0, 2)))])
with open(f"{out}/responses.csv", "w", newline="", encoding="utf-8-sig") as f:
    w = csv.writer(f)
    w.writerow(["Who", "ID", "Version", "Fingerprint", "When"])
    for n in range(rows):
        d = random.choice(docs)
        who = random.choice(people) if random.random() > 0.01 else f"leaver{n}@example.nhs.uk"
        doc_id = d["id"] if random.random() > 0.01 else "POL/999/999"
        version, fp = d["version"], d["fingerprint"] or ""
        kind = random.random()
        if kind < 0.2 and version != "1":
            version, fp = "1", ""
        elif kind < 0.25:
            fp = "0" * 64
        day, month = random.randint(1, 28), random.randint(1, 11)
        when = f"{day:02}/{month:02}/2026 {n % 24:02}:{n % 60:02}" if n % 2 else f"2026-{month:02}-{day:02}T{n % 24:02}:{n % 60:02}:00"
        w.writerow([who, doc_id, version, fp, when])
PY

echo "acknowledgements: $ROWS responses, $STAFF staff, $(grep -c '"id"' "$OUT/in-force.json") documents; $RUNS runs"
for run in $(seq 1 "$RUNS"); do
    for format in json csv; do
        start=$(date +%s.%N)
        "$BIN" acknowledgements "$OUT/content" --responses "$OUT/responses.csv" --staff "$OUT/staff.csv" \
            --format "$format" --out "$OUT/report.$format" --today "$TODAY" 2> /dev/null
        end=$(date +%s.%N)
        printf 'run %s  --format %-4s  %.3f s\n' "$run" "$format" "$(awk "BEGIN { print $end - $start }")"
    done
done
