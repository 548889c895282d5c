// libFuzzer target: the Apple Music CSV parser (Play Activity, Daily Tracks,
// Recently Played). Any input must yield a batch or an error Status: no
// crash, no hang, and the accounting invariant records == plays + rejected
// must hold.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "formats/apple_music.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  chorus::Dictionary dictionary;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto batch = chorus::formats::ParseAppleMusic("fuzz.csv", text, dictionary);
  if (batch.ok() && batch->records != batch->plays.size() + batch->rejected) std::abort();
  return 0;
}
