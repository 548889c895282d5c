#!/usr/bin/env bash
# Runs every fuzz target (or those in $FUZZ_TARGETS) for SECONDS, side by side, seeded
# from the real fixtures (copied into the build folder, never into the
# repository) and from small hand-made inputs. New crash inputs are copied
# to fuzz/regressions/<target>/ to be replayed by make test.
set -uo pipefail
build=${1:-build-fuzz}
seconds=${2:-600}
root=$(cd "$(dirname "$0")/.." && pwd)
fixtures="$root/../shared/fixtures/spotify"
targets=()
for f in "$root"/fuzz/fuzz_*.cpp; do t=$(basename "$f" .cpp); targets+=("${t#fuzz_}"); done
# FUZZ_TARGETS="traktor serato" runs only those (e.g. two at a time on two cores).
if [ -n "${FUZZ_TARGETS:-}" ]; then read -ra targets <<<"$FUZZ_TARGETS"; fi

seed() {  # seed TARGET CORPUS
  local target=$1 corpus=$2
  if [ -d "$fixtures" ]; then
    case $target in
      spotify_history) find "$fixtures" -name '*.json' -size -2M -exec cp -n {} "$corpus/" \; ;;
      zip_reader) find "$fixtures" -name '*.zip' -size -300k -exec cp -n {} "$corpus/" \; ;;
    esac
  else
    echo "fuzz: $fixtures not found; seeding $target with hand-made inputs only" >&2
  fi
  local dj="$root/../shared/fixtures/dj"
  if [ -d "$dj" ]; then
    case $target in
      traktor) find "$dj" -name '*.nml' -size -300k -exec cp -n {} "$corpus/" \; ;;
      rekordbox) find "$dj" -name '*.xml' -exec cp -n {} "$corpus/" \; ;;
      serato) find "$dj" \( -name '*.session' -o -name '*.crate' -o -name '*.database' \) -exec cp -n {} "$corpus/" \; ;;
    esac
  fi
  if [ "$target" = mixxx ]; then cp -n "$root"/fuzz/regressions/mixxx/* "$corpus/"; fi
  if [ "$target" = zip_reader ]; then
    python3 - "$corpus" <<'PY'
import sys, zipfile
d = sys.argv[1]
row = b'[{"ts":"2024-01-01T00:00:00Z","ms_played":1,"spotify_track_uri":"spotify:track:x"}]'
with zipfile.ZipFile(f"{d}/seed-deflate.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("Spotify Extended Streaming History/", b"")
    z.writestr("Spotify Extended Streaming History/Streaming_History_Audio_2024.json", row)
with zipfile.ZipFile(f"{d}/seed-stored.zip", "w", zipfile.ZIP_STORED) as z:
    z.writestr("a.json", row)
    z.writestr("b.pdf", b"%PDF-1.4")
PY
  fi
  cp -n "$root/fuzz/regressions/$target/"* "$corpus/" 2>/dev/null || true
}

pids=()
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  mkdir -p "$corpus" "$build/crashes/$target"
  seed "$target" "$corpus"
  echo "fuzz: $target for ${seconds}s (log: $build/fuzz-$target.log)"
  ASAN_OPTIONS=detect_leaks=1 "$build/fuzz/fuzz_$target" -max_total_time="$seconds" \
    -rss_limit_mb=4096 -max_len=4000000 -timeout=10 \
    -artifact_prefix="$build/crashes/$target/" "$corpus" >"$build/fuzz-$target.log" 2>&1 &
  pids+=($!)
done
status=0
for i in "${!targets[@]}"; do
  target=${targets[$i]}
  wait "${pids[$i]}" || status=1
  grep -E "^Done|runs in" "$build/fuzz-$target.log" | tail -n 1
  for crash in "$build/crashes/$target/"*; do
    [ -f "$crash" ] || continue
    echo "fuzz: $target found $crash; copied to fuzz/regressions/$target/ (minimise it and" \
         "check it holds no fixture data before committing)" >&2
    cp "$crash" "$root/fuzz/regressions/$target/"
    status=1
  done
done
exit $status
