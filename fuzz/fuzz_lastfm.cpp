// libFuzzer target: the Last.fm parsers (CSV, header or header-less, and API
// recenttracks JSON) on the same bytes. Any input must yield a batch or an
// error Status: no crash, no hang, and records == plays + rejected.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "formats/lastfm.h"

namespace {

void Check(const chorus::Result<chorus::PlayBatch>& batch) {
  if (batch.ok() && batch->records != batch->plays.size() + batch->rejected) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  chorus::Dictionary dictionary;
  std::string_view text(size > 0 ? reinterpret_cast<const char*>(data) : "", size);
  Check(chorus::formats::ParseLastfmCsv("fuzz.csv", text, dictionary));
  chorus::formats::ByteBuffer buffer;
  buffer.Resize(size);
  if (size > 0) std::memcpy(buffer.data(), data, size);
  Check(chorus::formats::ParseLastfmJson("fuzz.json", buffer, dictionary));
  return 0;
}
