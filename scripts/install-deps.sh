#!/usr/bin/env bash
# Installs exactly the Debian packages chorus needs to build and test.
# Idempotent: packages already present are skipped; apt-get runs only when
# something is missing. Runs as root, or through sudo when available.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libsimdjson-dev     # JSON parsing (On-Demand)
  libzip-dev          # reading export ZIPs
  libfmt-dev          # formatting (g++ 12 has no <format>)
  libcli11-dev        # command line
  libhowardhinnant-date-dev  # IANA time zones
  libutf8proc-dev     # Unicode case folding for the normalised track key
  libpugixml-dev      # DJ exports: Traktor NML and rekordbox XML
  libsqlite3-dev      # DJ exports: Mixxx's mixxxdb.sqlite (C API, read-only)
  libgtest-dev        # tests
  libbenchmark-dev    # benchmarks
  clang libclang-rt-14-dev   # libFuzzer targets
  clang-format clang-tidy
  python3             # independent fixture counting and ZIP fixtures in tests
  time                # peak RSS in bench/run.sh
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
