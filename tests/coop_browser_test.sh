#!/usr/bin/env bash
# tests/coop_browser_test.sh CHORUS_BINARY BUILD_DIR FIXTURES_DIR
#
# The co-op web UI end to end: starts `chorus serve` on a fresh SQLite
# database and a free port on 127.0.0.1, waits for /healthz, then runs
# web/tests/coop/coop.spec.ts in Debian's Chromium through Playwright:
# sign up → upload a real Spotify export with a progress bar → score,
# components and every check shown → a consent change survives a reload →
# download my data → erase → back at sign-up, and the old login fails.
# A full-page screenshot lands in BUILD_DIR/test-artifacts/coop.png.
#
# Exit 77 (a ctest skip) when Chromium is missing, or when the fixtures are
# absent and no CHORUS_UPLOAD names another file.
#   CHORUS_UPLOAD      another file to upload (default: the extended-history
#                      ZIP from FIXTURES_DIR)
#   CHORUS_SERVE_ARGS  extra arguments for `chorus serve`
#   CHORUS_CHROMIUM    the browser (default /usr/bin/chromium)
set -euo pipefail

if [[ $# -ne 3 ]]; then
  echo "usage: $0 CHORUS_BINARY BUILD_DIR FIXTURES_DIR" >&2
  exit 2
fi
chorus=$1
build_dir=$(cd "$2" && pwd)  # absolute: the test runs from web/
fixtures=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
web="$here/../web"

chromium=${CHORUS_CHROMIUM:-/usr/bin/chromium}
if [[ ! -x "$chromium" ]]; then
  echo "SKIP: $chromium is missing: apt-get install -y chromium (scripts/install-deps.sh)" >&2
  exit 77
fi
if [[ ! -x "$web/node_modules/.bin/playwright" ]]; then
  echo "FAIL: $web/node_modules is missing: (cd web && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci)" >&2
  exit 1
fi
if [[ ! -x "$chorus" ]]; then
  echo "FAIL: $chorus is not an executable" >&2
  exit 1
fi
upload=${CHORUS_UPLOAD:-"$fixtures/spotify/extended-2025-audiobooks-zip/Spotify Extended Streaming History.zip"}
if [[ -z "${CHORUS_UPLOAD:-}" && ! -d "$fixtures" ]]; then
  echo "SKIP: fixtures not found ($fixtures); they live in shared/fixtures beside the project, or set CHORUS_UPLOAD" >&2
  exit 77
fi
if [[ ! -f "$upload" ]]; then
  echo "FAIL: the file to upload is missing: $upload (fixtures live in shared/fixtures beside the project; or set CHORUS_UPLOAD)" >&2
  exit 1
fi

tmp=$(mktemp -d)
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

artifacts="$build_dir/test-artifacts"
mkdir -p "$artifacts"

# A free port: bind port 0, read what the kernel chose, let it go.
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
url="http://127.0.0.1:$port"

# shellcheck disable=SC2086  # CHORUS_SERVE_ARGS is a list of words on purpose
"$chorus" serve --db "sqlite:$tmp/coop.db" --listen "127.0.0.1:$port" ${CHORUS_SERVE_ARGS:-} >"$tmp/serve.log" 2>&1 &
server_pid=$!

healthy() {
  node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "$url/healthz"
}
for _ in $(seq 150); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "FAIL: chorus serve exited before it was healthy; its log:" >&2
    cat "$tmp/serve.log" >&2
    exit 1
  fi
  healthy && break
  sleep 0.2
done
if ! healthy; then
  echo "FAIL: $url/healthz did not answer 200 within 30 s; the server's log:" >&2
  cat "$tmp/serve.log" >&2
  exit 1
fi

cd "$web"
status=0
# Playwright keeps its own results inside the temporary folder, not in the source tree.
CHORUS_URL="$url" CHORUS_UPLOAD="$upload" CHORUS_ARTIFACTS="$artifacts" CHORUS_CHROMIUM="$chromium" \
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
  ./node_modules/.bin/playwright test -c playwright.coop.config.ts --output "$tmp/playwright" || status=$?
cp "$tmp/serve.log" "$artifacts/coop-serve.log" 2>/dev/null || true
if [[ $status -ne 0 ]]; then
  echo "FAIL: the co-op browser test failed; the server's log is in $artifacts/coop-serve.log" >&2
  tail -n 40 "$tmp/serve.log" >&2 || true
  exit "$status"
fi
echo "coop_browser: ok, screenshot in $artifacts/coop.png"
