// libFuzzer target: the Traktor NML parser. Any input must yield a batch or
// an error Status: no crash, no hang, and records == plays + rejected.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "formats/traktor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  chorus::Dictionary dictionary;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto batch = chorus::formats::ParseTraktorNml("fuzz.nml", text, dictionary);
  if (batch.ok() && batch->records != batch->plays.size() + batch->rejected) std::abort();
  return 0;
}
