// libFuzzer target: the YouTube Takeout readers (watch-history.json and
// watch-history.html) on the same bytes. Any input must yield a batch or an
// error Status: no crash, no hang, and records == plays + rejected.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "formats/youtube.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  chorus::formats::ByteBuffer buffer;
  buffer.Resize(size);
  if (size > 0) std::memcpy(buffer.data(), data, size);
  {
    chorus::Dictionary dictionary;
    auto batch = chorus::formats::ParseYouTubeJson("fuzz.json", buffer, dictionary);
    if (batch.ok() && batch->records != batch->plays.size() + batch->rejected) std::abort();
  }
  {
    chorus::Dictionary dictionary;
    auto batch = chorus::formats::ParseYouTubeHtml(
        "fuzz.html", std::string_view(buffer.data(), size), dictionary);
    if (batch.ok() && batch->records != batch->plays.size() + batch->rejected) std::abort();
  }
  return 0;
}
