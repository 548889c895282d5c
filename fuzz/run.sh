#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each, seeded from the real fixtures
# (copied into the build folder, never into the repository). New crash
# inputs are moved to fuzz/regressions/<target>/ to be replayed by make test.
set -euo pipefail
build=${1:-build-fuzz}
seconds=${2:-600}
root=$(cd "$(dirname "$0")/.." && pwd)
fixtures="$root/../shared/fixtures/spotify"
status=0
for target in spotify_history zip_reader; do
  corpus="$build/corpus/$target"
  mkdir -p "$corpus" "$build/crashes/$target"
  if [ -d "$fixtures" ]; then
    case $target in
      spotify_history) find "$fixtures" -name '*.json' -size -2M -exec cp -n {} "$corpus/" \; ;;
      zip_reader) find "$fixtures" -name '*.zip' -size -300k -exec cp -n {} "$corpus/" \; ;;
    esac
  else
    echo "fuzz: $fixtures not found; starting $target from an empty corpus" >&2
  fi
  cp -n "$root/fuzz/regressions/$target/"* "$corpus/" 2>/dev/null || true
  echo "fuzz: $target for ${seconds}s"
  if ! ASAN_OPTIONS=detect_leaks=1 "$build/fuzz/fuzz_$target" -max_total_time="$seconds" \
       -rss_limit_mb=4096 -max_len=4000000 -timeout=10 \
       -artifact_prefix="$build/crashes/$target/" "$corpus" 2>"$build/fuzz-$target.log"; then
    status=1
  fi
  tail -n 3 "$build/fuzz-$target.log"
  for crash in "$build/crashes/$target/"*; do
    [ -f "$crash" ] || continue
    echo "fuzz: $target found $crash; kept in fuzz/regressions/$target/" >&2
    cp "$crash" "$root/fuzz/regressions/$target/"
    status=1
  done
done
exit $status
