# shellcheck shell=bash
# Shared by benches/hugo.sh and benches/whole_job.sh (sourced from the
# repository root): the same generated documents as a trustdocs library and
# as a Hugo site, the binary under test, and GNU time.
#   TRUSTDOCS=PATH  the trustdocs binary (default: build target/release/trustdocs)
#   CORPORA=DIR     where the corpora are generated (default bench-out)

CORPORA=${CORPORA:-bench-out}

bench_require() { # the prerequisites every comparison needs; exit 2 names the fix
  command -v python3 >/dev/null || { echo "python3 is missing: apt-get install python3" >&2; exit 2; }
  [ -x /usr/bin/time ] || { echo "GNU time is missing: apt-get install time" >&2; exit 2; }
}

bench_trustdocs() { # sets TRUSTDOCS; a given binary lets the run skip cargo (e.g. while a build holds the cores)
  if [ -z "${TRUSTDOCS:-}" ]; then
    cargo build --release --quiet
    TRUSTDOCS=target/release/trustdocs
  fi
  [ -x "$TRUSTDOCS" ] || { echo "TRUSTDOCS=$TRUSTDOCS is not an executable" >&2; exit 2; }
}

bench_corpus() { # N: sets corpus and hugo_site, generating them unless both are complete
  corpus=$CORPORA/corpus-$1
  hugo_site=$CORPORA/hugo-$1
  mkdir -p "$CORPORA"
  # The generator writes both; regenerate when either is incomplete.
  if ! { [ -f "$corpus/site.yaml" ] && [ "$(find "$corpus/documents" -name '*.md' | wc -l)" -eq "$1" ] &&
         [ "$(find "$hugo_site/content/docs" -name '*.md' 2>/dev/null | wc -l)" -eq "$1" ]; }; then
    rm -rf "$corpus" "$hugo_site"
    python3 benches/corpus.py --n "$1" --out "$corpus" --hugo "$hugo_site" >/dev/null
  fi
}

measure() { # command...: prints "wall-seconds peak-MB cpu-seconds"
  local log
  log=$(mktemp)
  /usr/bin/time -f '%e %M %U %S' -o "$log" "$@" >/dev/null 2>&1 || true
  # GNU time writes "Command exited with non-zero status N" first on failure;
  # say so rather than let a failed run pass for a fast one.
  grep -q '^Command exited' "$log" && echo "warning: $(head -n 1 "$log"): $*" >&2
  tail -n 1 "$log" | awk '{ printf "%s %.0f %.2f\n", $1, $2 / 1024, $3 + $4 }'; rm -f "$log"
}
