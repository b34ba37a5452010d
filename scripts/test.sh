#!/usr/bin/env bash
# The README's test command: installs what the test suite needs when it is
# missing (idempotent: a second run installs nothing), then runs the whole
# suite. Extra arguments go to `cargo test` (e.g. `bash scripts/test.sh pdf`).
#
# Needs: the Rust toolchain, and the package registries (crates.io for the
# typst CLI, Debian's apt for poppler-utils, Chromium, Java, Node.js, LibreOffice Calc and python3-icalendar, npm
# for the browser-test packages). apt runs through sudo when not root.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
TYPST_VERSION=0.15.1

step() { printf '\n== %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

step "typst CLI $TYPST_VERSION (PDFs)"
if ! typst --version 2>/dev/null | grep -q "$TYPST_VERSION"; then
  # Built from source from crates.io: about 9 minutes on 2 cores, once per machine.
  cargo install --locked typst-cli --version "$TYPST_VERSION"
fi
typst --version >&2

step "Debian packages: poppler-utils (PDF tests), Chromium (browser tests), Java (HTML checker), Node.js, LibreOffice Calc (register.csv) and Writer (export), Python's icalendar (review calendars)"
missing=()
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v chromium >/dev/null || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jre-headless)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
# LibreOffice opens register.csv in a test (about 60 packages, 200 MB installed, a few minutes once),
# and converts export's .docx to PDF, for which it needs Writer (the word test).
command -v soffice >/dev/null || missing+=(libreoffice-calc-nogui)
dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 || [ -e /usr/lib/libreoffice/program/libswlo.so ] || missing+=(libreoffice-writer-nogui)
# The feeds test reads the review calendars with a real iCalendar parser, in Debian's Python.
/usr/bin/python3 -c "import icalendar" 2>/dev/null || missing+=(python3-icalendar)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "all present" >&2
fi

step "npm packages for the browser and accessibility tests"
for dir in tests/browser tests/a11y; do
  # npm ci only when the lock file changed since the last install here.
  stamp="$dir/node_modules/.installed-from-lock"
  if ! cmp -s "$dir/package-lock.json" "$stamp" 2>/dev/null; then
    npm ci --prefix "$dir" --no-audit --no-fund --ignore-scripts --loglevel=error
    cp "$dir/package-lock.json" "$stamp"
  else
    echo "$dir: up to date" >&2
  fi
done

step "cargo test"
cargo test "$@"
