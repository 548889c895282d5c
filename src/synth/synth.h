// Synthetic Spotify extended streaming history exports, for benchmarks, load
// tests and demos.
//
// Contract: WriteSynthetic() writes, for listener i in 1..listeners,
//   OUT/listener_%04d/Spotify Extended Streaming History/
//       Streaming_History_Audio_<y1>-<y2>_<N>.json   (N = 0, 1, ...; "<y>" alone
//                                                    when a file spans one year)
//       Streaming_History_Video_<y1>-<y2>.json
// or, with `zip`, the same members (same bytes, same names under that folder)
// in OUT/listener_%04d/my_spotify_data.zip, deflated, and no loose files.
// Rows use the real v3 key set and Spotify's 2025 pretty-printed style; Audio
// files are each sorted by `ts` and consecutive in time, split after the row
// that takes a file to `split_bytes`. The history spans `years` full calendar
// years ending 2025-12-31 (UTC). Output is a pure function of (seed,
// listeners, years, split_bytes, zip): JSON bytes identical on every run and
// platform (ZIP containers up to the zlib build), and listener i does not
// depend on `listeners`. Earlier synthetic
// output in a listener folder (our own file names only) is replaced.
// Never emits real personal data: names are invented, IPs are from the
// documentation ranges. Errors are values: InvalidInput for bad options,
// IoError when the disk fails; nothing throws.
//
// With `fake`, each listener's files instead hold a fabricated history of
// that kind (README.md lists them), in the same layout, names and row format,
// so the importer reads them unchanged; still a pure function of the options.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "synth/catalog.h"

namespace chorus::synth {

// Fabricated histories for the co-op's fraud checks; kNone is the genuine one.
enum class FakeKind : uint8_t { kNone, kUniform, kTimeShift, kDropRows, kOverlapping, kJunk };

// "uniform", "time-shift", "drop-rows", "overlapping" or "junk" (kNone: "none").
const char* FakeKindName(FakeKind kind);
// The kind named `name`; InvalidInput naming every kind otherwise.
Result<FakeKind> ParseFakeKind(std::string_view name);

struct SynthOptions {
  int listeners = 1;  // 1 ..= 100000
  int years = 1;      // 1 ..= 40; history ends on 2025-12-31
  uint64_t seed = 1;
  std::string out_dir;                // created if missing
  bool zip = false;                   // one my_spotify_data.zip per listener instead of loose files
  uint64_t split_bytes = 12'700'000;  // split Audio files near this size (>= 4096)
  FakeKind fake = FakeKind::kNone;    // write this kind of fabricated history instead
};

struct SynthSummary {
  uint64_t listeners = 0;
  uint64_t files = 0;              // JSON files written (ZIP members count, the ZIPs do not)
  uint64_t plays = 0;              // rows written, Audio and Video, duplicates included
  uint64_t bytes = 0;              // bytes written to disk (ZIP sizes with `zip`)
  std::vector<std::string> paths;  // every file written to disk, in order
};

Result<SynthSummary> WriteSynthetic(const SynthOptions& options);

// One listener's export files in memory: exactly the loose files
// WriteSynthetic writes for it (out_dir and zip are ignored), for demos and
// load tests that need no disk. Options must be valid (see WriteSynthetic).
struct SynthFile {
  std::string name;  // file name inside "Spotify Extended Streaming History"
  std::string data;
};
class ListenerRenderer {
 public:
  explicit ListenerRenderer(const SynthOptions& options);
  // listener: 1-based; *plays (optional): rows written, Audio and Video.
  std::vector<SynthFile> Render(int listener, uint64_t* plays = nullptr) const;

 private:
  SynthOptions options_;
  Catalogue catalogue_;
  int first_year_;
};

}  // namespace chorus::synth
