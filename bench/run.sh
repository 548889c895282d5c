#!/usr/bin/env bash
# Runs the benchmarks and the whole-process measurements the README reports:
#  - bench_import: import MB/s and plays/s on ~1 GB of synthetic export with 1
#    and 2 threads, and a raw simdjson pass touching every field (the limit);
#  - chorus import of a ~150 MB export, whole process, median of 5 runs;
#  - peak RSS of chorus import on the 1 GB export (/usr/bin/time -v).
set -euo pipefail
build=${1:-build}
cd "$build"
mb=${CHORUS_BENCH_MB:-1024}
data=bench-data-${mb}mb
./bench/bench_import --benchmark_repetitions=${BENCH_REPS:-3} \
  --benchmark_report_aggregates_only=true --benchmark_min_time=0.1 | tee bench-import.txt

small=bench-data-150mb
[ -d "$small" ] || ./chorus synth --listeners 13 --years 1 --seed 150 --out "$small" >/dev/null
du -sh "$small"
python3 - "$small" <<'PY'
import statistics, subprocess, sys, time
runs = []
for _ in range(5):
    start = time.perf_counter()
    subprocess.run(["./chorus", "import", sys.argv[1]], check=True, stdout=subprocess.DEVNULL)
    runs.append(time.perf_counter() - start)
print(f"150 MB import, whole process, median of 5: {statistics.median(runs):.3f} s "
      f"(runs: {', '.join(f'{r:.3f}' for r in runs)})")
PY

if command -v /usr/bin/time >/dev/null; then
  /usr/bin/time -v ./chorus import "$data" 2>rss.txt >/dev/null
  grep -E "Maximum resident|Elapsed" rss.txt
fi
