// libFuzzer target: contribution JSON, the one input the co-op takes from
// members besides exports (POST /contributions). FromJson must fail with a
// Status or return a contribution whose canonical bytes are exactly the
// input, that merges with itself to itself and summarises without fault.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "contribution/contribution.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view json(reinterpret_cast<const char*>(data), size);
  auto c = chorus::contribution::FromJson(json);
  if (!c.ok()) return 0;
  if (chorus::contribution::ToJson(c.value()) != json) std::abort();
  chorus::contribution::Contribution merged = chorus::contribution::Merge(c.value(), c.value());
  // Merge writes the current version; the data must survive unchanged.
  merged.version = c.value().version;
  if (!(merged == c.value())) std::abort();
  (void)chorus::contribution::Summarize(c.value());
  return 0;
}
