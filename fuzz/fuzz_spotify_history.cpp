// libFuzzer target: the Spotify history parser (account and extended JSON).
// Any input must yield a batch or an error Status: no crash, no hang, and
// the accounting invariant records == plays + rejected must hold.
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "formats/spotify_history.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static chorus::formats::SpotifyHistoryParser parser;
  chorus::Dictionary dictionary;
  chorus::formats::ByteBuffer buffer;
  buffer.Resize(size);
  if (size > 0) std::memcpy(buffer.data(), data, size);
  auto batch = parser.Parse("fuzz.json", buffer, dictionary);
  if (batch.ok() && batch->records != batch->plays.size() + batch->rejected) std::abort();
  return 0;
}
