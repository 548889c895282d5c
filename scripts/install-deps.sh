#!/usr/bin/env bash
# Installs exactly the Debian packages chorus needs to build and test.
# Idempotent: packages already present are skipped; apt-get runs only when
# something is missing. Runs as root, or through sudo when available.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libsimdjson-dev     # JSON parsing (On-Demand)
  libzip-dev          # reading export ZIPs
  libdeflate-dev      # inflating ZIP members (whole-buffer, faster than zlib)
  libfmt-dev          # formatting (g++ 12 has no <format>)
  libcli11-dev        # command line
  libhowardhinnant-date-dev  # IANA time zones
  libutf8proc-dev     # Unicode case folding for the normalised track key
  libpugixml-dev      # DJ exports: Traktor NML and rekordbox XML
  libsqlite3-dev      # DJ exports: Mixxx's mixxxdb.sqlite (C API, read-only)
  libsodium-dev       # co-op accounts: Argon2id password hashes
  libpqxx-dev         # the store's PostgreSQL backend (libpqxx 6.4, pulls in libpq)
  postgresql          # the store suite's throwaway test server (tests/pg_server.sh)
  libcpp-httplib-dev  # chorus serve: the co-op's HTTP server (cpp-httplib 0.11)
  libgtest-dev        # tests
  libbenchmark-dev    # benchmarks
  clang libclang-rt-14-dev   # libFuzzer targets
  clang-format clang-tidy
  python3             # independent fixture counting and ZIP fixtures in tests
  time                # peak RSS in bench/run.sh
  chromium            # the report's browser test (driven by Playwright from npm)
)
# Only for `make bench` (scripts/install-deps.sh --bench): the pandas baseline.
if [ "${1:-}" = "--bench" ]; then packages+=(python3-pandas); fi
# The web front end builds with Node 20.19+ and npm 11 (Vite 8), which this
# machine image has; Debian 12's own nodejs (18) is too old, so it is only a
# last resort when there is no node at all.
command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Front-end packages, exactly as locked (web/package-lock.json), from the npm
# registry; Playwright drives Debian's Chromium, so no browser is downloaded.
web="$(dirname "$0")/../web"
if [ ! -f "$web/node_modules/.package-lock.json" ] ||
   [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
  echo "install-deps: npm ci in web/" >&2
  (cd "$web" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
