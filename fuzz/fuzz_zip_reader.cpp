// libFuzzer target: the ZIP reader with small limits. Any input must open or
// fail with a Status, and every listed member must read or fail cleanly,
// never inflating past the limits.
#include <cstdint>
#include <cstdlib>

#include "formats/zip_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  chorus::formats::ZipLimits limits;
  limits.max_entries = 64;
  limits.max_entry_bytes = 1 << 20;
  limits.max_total_bytes = 4 << 20;
  auto reader = chorus::formats::ZipReader::OpenBuffer("fuzz.zip", data, size, limits);
  if (!reader.ok()) return 0;
  chorus::formats::ByteBuffer buffer;
  for (const auto& entry : reader.value()->entries()) {
    auto status = reader.value()->Read(entry, &buffer);
    if (status.ok() && buffer.size() != entry.size) std::abort();
  }
  return 0;
}
