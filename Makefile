# chorus — the two commands are `make run` and `make test`.
# Everything they need is installed by scripts/install-deps.sh (Debian 12).

JOBS        ?= $(shell nproc)
BUILD       ?= build
ASAN_BUILD  ?= build-asan
FUZZ_BUILD  ?= build-fuzz
FUZZ_SECONDS ?= 600
DEMO_DIR    ?= $(BUILD)/demo-export

.PHONY: all deps build run report test test-release test-asan bench fuzz format clean

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j$(JOBS)

# The co-op: `chorus serve --demo` on the embedded default (SQLite in
# ./chorus-data/coop.db), seeded once with a steward and 200 synthetic
# members. Open http://127.0.0.1:8080/ ; Ctrl-C stops it. `make report`
# writes a listener report for a synthetic export instead.
LISTEN ?= 127.0.0.1:8080
run: build
	$(BUILD)/chorus serve --demo --listen $(LISTEN)

report: build
	$(BUILD)/chorus synth --listeners 1 --years 3 --seed 42 --out $(DEMO_DIR) --zip
	$(BUILD)/chorus import $(DEMO_DIR)
	$(BUILD)/chorus report $(DEMO_DIR) -o $(BUILD)/demo-report.html
	@echo "Open $(BUILD)/demo-report.html in a browser."

test: deps test-release test-asan

test-release: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

# The same suite under AddressSanitizer + UndefinedBehaviorSanitizer (debug).
test-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCHORUS_SANITIZE=ON -DCHORUS_BENCH=OFF
	cmake --build $(ASAN_BUILD) -j$(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j$(JOBS)

bench: build
	@bash scripts/install-deps.sh --bench
	bash bench/run.sh $(BUILD)

# libFuzzer targets (clang), each for FUZZ_SECONDS; findings land in
# fuzz/regressions/<target>/ and are replayed by `make test`.
fuzz: deps
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCHORUS_FUZZ=ON -DCHORUS_BENCH=OFF -DCHORUS_SANITIZE=ON -DCHORUS_WERROR=OFF
	cmake --build $(FUZZ_BUILD) -j$(JOBS) --target fuzz_targets
	bash fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
