#!/usr/bin/env bash
# Runs the benchmarks and the whole-process measurements the README reports:
#  - bench_import: import MB/s and plays/s on ~1 GB of synthetic export with 1
#    and 2 threads, a raw simdjson pass touching every field (the limit), and
#    the import's first stages alone (reading; reading and parsing);
#  - chorus import of a ~150 MB export, whole process, median of 5 runs;
#  - peak RSS of chorus import on the 1 GB export (/usr/bin/time -v).
set -euo pipefail
build=${1:-build}
cd "$build"
mb=${CHORUS_BENCH_MB:-1024}
data=bench-data-${mb}mb
# Repetitions interleaved at random, so the raw pass and the import share the
# host's drift and their ratio means something.
./bench/bench_import --benchmark_repetitions=${BENCH_REPS:-9} \
  --benchmark_enable_random_interleaving=true \
  --benchmark_report_aggregates_only=true --benchmark_min_time=0.5 | tee bench-import.txt

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

# The report on a ~1 M-play history (7 synthetic listeners × 10 years, one
# merged history): chorus report whole process, median of 5, beside the
# pandas baseline (bench/report_pandas.py: only top artists, the clock and
# sessions), median of 3.
./bench/bench_report --benchmark_min_time=0.2 | tee bench-report.txt
report_data=bench-report-1m
[ -d "$report_data" ] || ./chorus synth --listeners 7 --years 10 --seed 1 --out "$report_data" >/dev/null
python3 - "$report_data" "$(dirname "$0")/report_pandas.py" <<'PY'
import statistics, subprocess, sys, time
data, pandas_script = sys.argv[1], sys.argv[2]
def median_of(cmd, n):
    runs = []
    for _ in range(n):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), runs
plays = subprocess.run(["./chorus", "import", "--json", data], check=True,
                       capture_output=True, text=True).stdout
import json
print(f"report data: {json.loads(plays)['plays']} plays")
chorus, chorus_runs = median_of(["./chorus", "report", data, "--tz", "Europe/Berlin",
                                 "-o", "bench-report.html", "--json", "bench-report.json"], 5)
print(f"chorus report, whole process, median of 5: {chorus:.3f} s "
      f"(runs: {', '.join(f'{r:.3f}' for r in chorus_runs)})")
# Debian's python3 (python3-pandas), whatever python3 is first on PATH.
pandas, pandas_runs = median_of(["/usr/bin/python3", pandas_script, data, "Europe/Berlin"], 3)
print(f"pandas (top artists, clock, sessions only), median of 3: {pandas:.3f} s "
      f"(runs: {', '.join(f'{r:.3f}' for r in pandas_runs)})")
print(f"chorus is {pandas / chorus:.1f}x faster for the full report")
PY

# Parse throughput of each input format from memory (FileParser::Parse on the
# real fixtures in ../shared/fixtures, and on synthetic extended history).
./bench/bench_formats --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
  | tee bench-formats.txt

# The co-op: the uniqueness index with 1 M stored signatures, and a bounded
# loopback load test of onboarding through the real HTTP server on SQLite.
./bench/bench_uniqueness --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
  | tee bench-uniqueness.txt
# One onboarding's steps alone (import + build, contribution JSON, the store).
./bench/bench_onboarding --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
  | tee bench-onboarding-steps.txt
# Raw exports are CPU-bound (2 clients keep both cores busy); built
# contributions also wait on the store, so 4 clients keep both cores fed.
for run in 1 2 3; do
  ./bench/load_onboarding --exports 40 --contributions 0 --clients 2
  ./bench/load_onboarding --exports 0 --contributions 3000 --clients 4
done | tee bench-onboarding.txt
