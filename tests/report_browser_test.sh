#!/usr/bin/env bash
# tests/report_browser_test.sh CHORUS_BINARY FIXTURES_DIR BUILD_DIR
#
# Makes report.html from a real Spotify export with the chorus binary, then
# opens it in Debian's Chromium through Playwright (web/tests/browser): no
# console or page error, no request other than file:/data:/blob:, every
# section drawn, totals equal to the embedded JSON. The full-page screenshot
# lands in BUILD_DIR/test-artifacts/report.png.
# Exit 77 (a ctest skip) when the fixtures are absent.
set -euo pipefail

if [[ $# -ne 3 ]]; then
  echo "usage: $0 CHORUS_BINARY FIXTURES_DIR BUILD_DIR" >&2
  exit 2
fi
chorus=$1
fixtures=$2
build_dir=$(cd "$3" && pwd)  # absolute: the test runs from web/
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
web="$here/../web"

# Several years of extended streaming history (2014–2025, v3 keys, podcasts,
# audiobooks), as the owner zipped it: see fixtures/spotify/README.md.
export_zip="$fixtures/spotify/extended-2025-audiobooks-zip/Spotify Extended Streaming History.zip"
if [[ ! -d "$fixtures" || ! -f "$export_zip" ]]; then
  echo "SKIP: fixtures not found ($export_zip); they live in shared/fixtures beside the project" >&2
  exit 77
fi
chromium=${CHORUS_CHROMIUM:-/usr/bin/chromium}
if [[ ! -x "$chromium" ]]; then
  echo "FAIL: $chromium is missing: apt-get install -y chromium (scripts/install-deps.sh)" >&2
  exit 1
fi
if [[ ! -x "$web/node_modules/.bin/playwright" ]]; then
  echo "FAIL: $web/node_modules is missing: (cd web && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci)" >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
artifacts="$build_dir/test-artifacts"
mkdir -p "$artifacts"

"$chorus" report "$export_zip" --tz Europe/Berlin -o "$tmp/report.html"
test -s "$tmp/report.html" || { echo "FAIL: chorus wrote no report.html" >&2; exit 1; }
cp "$tmp/report.html" "$artifacts/report.html"

cd "$web"
# Playwright keeps its own results inside the temporary folder, not in the source tree.
CHORUS_REPORT_HTML="$tmp/report.html" CHORUS_ARTIFACTS="$artifacts" CHORUS_CHROMIUM="$chromium" \
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PLAYWRIGHT_OUTPUT_DIR="$tmp/playwright" \
  ./node_modules/.bin/playwright test --output "$tmp/playwright"
echo "report_browser: ok, screenshot in $artifacts/report.png"
