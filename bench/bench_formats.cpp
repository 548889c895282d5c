// Parse throughput of each input format, from memory: the real fixture files
// of ../shared/fixtures/ (and, for Spotify extended history, synthetic volume
// data) are loaded once, outside the timing, then parsed again and again with
// formats::FileParser::Parse, the entry point the importer calls for every
// loaded file (content sniffing and dispatch included).
//   BM_Parse/<format>: a fresh FileParser per iteration (built outside the
//     timing), so its Dictionary is cold as in a first import: every name is
//     interned and shipped in the batch's delta, simdjson buffers allocated.
//   BM_ParseWarm/<format>: one FileParser throughout, as for later files of a
//     long import whose names are already known: an upper bound.
//
// Reported per format: bytes/s (MB/s counter in 10^6 bytes), records/s (what
// the format counts as records, rejections included) and, for DJ formats,
// library tracks/s (collections hold tracks but no history records). Rates
// are per CPU second of the one parsing thread, so a busy neighbour on the
// shared machine does not lower them (the wall time is in the Time column).
//
// Fixtures: $CHORUS_FIXTURES_DIR, else the path compiled in (the checkout's
// ../shared/fixtures). A missing file skips its format with an error line.
// The synthetic data is written once by `chorus synth`'s generator into
// ./bench-formats-synth (1 listener, 2 years, about 24 MB).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/malloc_tuning.h"
#include "formats/byte_buffer.h"
#include "formats/file_parser.h"
#include "synth/synth.h"

#ifndef CHORUS_FIXTURES_DIR
#define CHORUS_FIXTURES_DIR "../shared/fixtures"
#endif

namespace {

namespace fs = std::filesystem;
using chorus::formats::ByteBuffer;

struct Format {
  const char* name;                // benchmark name: BM_Parse/<name>
  const char* expected;            // prefix every file's detected format must have
  std::vector<const char*> files;  // relative to the fixtures dir, or "synth:" for synthetic
};

const std::vector<Format>& Formats() {
  static const std::vector<Format> formats = {
      {"spotify-extended",
       "spotify-extended",
       {"spotify/extended-legacy-endsong/endsong_1.json",
        "spotify/extended-2024-username/Spotify Extended Streaming History/"
        "Streaming_History_Audio_2024.json",
        "spotify/extended-2026-year-file/Streaming_History_Audio_2026.json"}},
      {"spotify-extended-synthetic", "spotify-extended", {"synth:"}},
      {"spotify-account",
       "spotify-account",
       {"spotify/account-2019-streaminghistory/my_spotify_data/StreamingHistory.json",
        "spotify/account-2024-podcast-audiobook/StreamingHistory_music_0.json",
        "spotify/account-2024-podcast-audiobook/StreamingHistory_music_1.json",
        "spotify/account-2024-podcast-audiobook/StreamingHistory_podcast_0.json"}},
      {"apple-play-activity-44col",
       "apple",
       {"apple/play-activity-44col/Apple Music Play Activity.csv"}},
      {"apple-play-activity-118col",
       "apple",
       {"apple/new-schema-118col-daily-recent/Apple Music Play Activity small.csv"}},
      {"apple-play-activity-134col", "apple", {"apple/play-activity-134col/converted.csv"}},
      {"apple-daily-tracks",
       "apple",
       {"apple/new-schema-118col-daily-recent/Apple Music - Play History Daily Tracks.csv"}},
      {"apple-recently-played",
       "apple",
       {"apple/new-schema-118col-daily-recent/Apple Music - Recently Played Tracks.csv"}},
      {"lastfm-csv", "lastfm", {"lastfm/ghan-csv-crlf/scrobbles.csv"}},
      {"lastfm-json", "lastfm", {"lastfm/api-recenttracks-track-array/recent_tracks.json"}},
      {"youtube-json",
       "youtube",
       {"youtube/json-ytm-2022/watch-history.json",
        "youtube/json-legacy-2021-no-activitycontrols/watch-history.json"}},
      {"youtube-html", "youtube", {"youtube/html-ytm-2025-gmt-offset/watch-history.html"}},
      {"traktor-history",
       "traktor-history",
       {"dj/traktor/history_2022y07m17d_20h06m38s.nml", "dj/traktor/nmlutils_fixture_history.nml"}},
      {"traktor-collection", "traktor-collection", {"dj/traktor/travestyaudio_collection.nml"}},
      {"rekordbox-xml",
       "rekordbox",
       {"dj/rekordbox/kovacs_rb5.4.3_collection.xml",
        "dj/rekordbox/nathanbibrac_rb6.7.7_collection.xml"}},
      {"serato-session", "serato-session", {"dj/serato/_Serato_/History/Sessions/7477.session"}},
      {"mixxx-sqlite",
       "mixxx",
       {"dj/mixxx/schema26_alyptik/mixxxdb.sqlite", "dj/mixxx/schema39_fuerzas/mixxxdb.sqlite"}},
  };
  return formats;
}

struct Loaded {
  std::string display;
  ByteBuffer bytes;
};

struct Input {
  std::string error;  // non-empty: skip the benchmark with this message
  std::vector<std::unique_ptr<Loaded>> files;
  uint64_t bytes = 0;
};

std::string FixturesDir() {
  const char* env = std::getenv("CHORUS_FIXTURES_DIR");
  return env != nullptr && *env != '\0' ? std::string(env) : std::string(CHORUS_FIXTURES_DIR);
}

bool ReadFile(const std::string& path, ByteBuffer* out) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return false;
  auto size = static_cast<std::streamsize>(in.tellg());
  in.seekg(0);
  out->Resize(static_cast<size_t>(size));
  return static_cast<bool>(in.read(out->data(), size));
}

// The synthetic extended-history files, generated once into the working dir.
std::vector<std::string> SynthPaths(std::string* error) {
  const std::string dir = "bench-formats-synth";
  if (!fs::exists(dir)) {
    chorus::synth::SynthOptions options;
    options.listeners = 1;
    options.years = 2;
    options.seed = 2024;
    options.out_dir = dir;
    auto summary = chorus::synth::WriteSynthetic(options);
    if (!summary.ok()) {
      *error = "synth failed: " + summary.status().message();
      return {};
    }
  }
  std::vector<std::string> paths;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json")
      paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  if (paths.empty()) *error = "no synthetic files in " + dir;
  return paths;
}

// Loads a format's files once per process (Google Benchmark calls the
// function several times; the loading is never timed).
const Input& InputFor(const Format& format) {
  static std::map<std::string, Input> cache;
  auto [it, inserted] = cache.try_emplace(format.name);
  Input& input = it->second;
  if (!inserted) return input;
  std::vector<std::string> paths;
  for (const char* file : format.files) {
    if (std::string(file) == "synth:") {
      auto synth = SynthPaths(&input.error);
      paths.insert(paths.end(), synth.begin(), synth.end());
    } else {
      paths.push_back(FixturesDir() + "/" + file);
    }
  }
  for (const std::string& path : paths) {
    auto loaded = std::make_unique<Loaded>();
    loaded->display = path;
    if (!ReadFile(path, &loaded->bytes)) {
      input.error = "fixture not found: " + path;
      return input;
    }
    input.bytes += loaded->bytes.size();
    input.files.push_back(std::move(loaded));
  }
  return input;
}

// warm = false: a fresh FileParser per iteration, as in a first import of
// the file: every name is interned and shipped, simdjson buffers allocated.
// warm = true: one FileParser for all iterations, as for later files of a long
// import: names already known, buffers reused (an upper bound).
void BM_Parse(benchmark::State& state, const Format& format, bool warm) {
  const Input& input = InputFor(format);
  if (!input.error.empty()) {
    state.SkipWithError(input.error.c_str());
    return;
  }
  // Untimed check that every file reaches the intended parser (and, for the
  // warm variant, the warm-up).
  auto parser = std::make_unique<chorus::formats::FileParser>();
  std::string formats;
  for (const auto& file : input.files) {
    auto batch = parser->Parse(file->display, file->bytes);
    if (!batch.ok()) {
      std::string error = file->display + ": " + batch.status().message();
      state.SkipWithError(error.c_str());
      return;
    }
    if (batch->format.rfind(format.expected, 0) != 0) {
      std::string error = file->display + " parsed as " + batch->format;
      state.SkipWithError(error.c_str());
      return;
    }
    if (formats.find(batch->format) == std::string::npos)
      formats += (formats.empty() ? "" : ",") + batch->format;
  }
  state.SetLabel(formats);

  // Building and freeing parsers and batches is not timed: the importer
  // builds one parser per thread and moves each batch into the PlayLog.
  std::vector<chorus::Result<chorus::PlayBatch>> batches;
  batches.reserve(input.files.size());
  uint64_t bytes = 0, records = 0, tracks = 0;
  for (auto _ : state) {
    state.PauseTiming();
    batches.clear();
    if (!warm) parser = std::make_unique<chorus::formats::FileParser>();
    state.ResumeTiming();
    for (const auto& file : input.files) {
      batches.push_back(parser->Parse(file->display, file->bytes));
      records += batches.back()->records;
      tracks += batches.back()->dj_tracks.size();
    }
    bytes += input.bytes;
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(static_cast<int64_t>(records));
  state.counters["MB_per_s"] =
      benchmark::Counter(static_cast<double>(bytes) / 1e6, benchmark::Counter::kIsRate);
  state.counters["records_per_s"] =
      benchmark::Counter(static_cast<double>(records), benchmark::Counter::kIsRate);
  if (tracks > 0) {
    state.counters["tracks_per_s"] =
        benchmark::Counter(static_cast<double>(tracks), benchmark::Counter::kIsRate);
  }
}

}  // namespace

int main(int argc, char** argv) {
  chorus::TuneMallocForBulkData(argv);
  for (bool warm : {false, true}) {
    for (const Format& format : Formats()) {
      std::string name = std::string(warm ? "BM_ParseWarm/" : "BM_Parse/") + format.name;
      benchmark::RegisterBenchmark(name.c_str(), BM_Parse, format, warm)
          ->Unit(benchmark::kMicrosecond);
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
