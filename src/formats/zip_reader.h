// ZipReader: reads members of a ZIP archive (a file or a buffer) into memory,
// within limits that make ZIP bombs and hostile archives harmless.
//
// Contract: Open() validates the central directory against ZipLimits before
// any member is inflated (entry count, declared sizes, per-entry compression
// ratio, names that would escape the archive), so a bomb is refused in
// milliseconds. Read() never writes more than the declared size (+1 byte to
// detect a lying header) and fails on a CRC or size mismatch. Deflated and
// stored members are inflated in one call by libdeflate from their raw bytes
// (several times faster than libzip's zlib stream); other methods and
// encrypted members go through libzip. Directory entries are not listed.
// ReadHead() inflates only the first few bytes.
// Not thread-safe: open one reader per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "formats/byte_buffer.h"

struct zip;
struct libdeflate_decompressor;

namespace chorus::formats {

struct ZipLimits {
  uint64_t max_entries = 10'000;
  uint64_t max_entry_bytes = 2ull << 30;      // 2 GiB uncompressed per member
  uint64_t max_total_bytes = 16ull << 30;     // 16 GiB uncompressed per archive
  uint64_t max_ratio = 200;                   // uncompressed / compressed
  uint64_t ratio_applies_above = 1ull << 20;  // small members may compress well
};

struct ZipEntry {
  uint64_t index = 0;
  std::string name;
  uint64_t size = 0;  // declared uncompressed size
  uint64_t compressed_size = 0;
  // How to read it: whole-buffer libdeflate when `raw_readable` (deflate or
  // store, not encrypted, CRC known), else libzip's stream.
  bool raw_readable = false;
  bool deflated = false;
  uint32_t crc = 0;
};

// True when the bytes start like a ZIP archive (local header or empty archive).
bool LooksLikeZip(std::string_view head);

class ZipReader {
 public:
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  static Result<std::unique_ptr<ZipReader>> OpenFile(const std::string& path,
                                                     const ZipLimits& limits = {});
  // The buffer must outlive the reader.
  static Result<std::unique_ptr<ZipReader>> OpenBuffer(std::string label, const void* data,
                                                       size_t size, const ZipLimits& limits = {});

  const std::vector<ZipEntry>& entries() const { return entries_; }
  const std::string& label() const { return label_; }
  Status Read(const ZipEntry& entry, ByteBuffer* out);
  // The first up to `n` bytes of a member (to sniff its content cheaply).
  Result<std::string> ReadHead(const ZipEntry& entry, size_t n);

 private:
  ZipReader(std::string label, zip* archive) : label_(std::move(label)), archive_(archive) {}
  Status Index(const ZipLimits& limits);
  Status ReadStream(const ZipEntry& entry, ByteBuffer* out);
  Status ReadRaw(const ZipEntry& entry, ByteBuffer* out);

  std::string label_;
  zip* archive_;
  std::vector<ZipEntry> entries_;
  libdeflate_decompressor* inflater_ = nullptr;  // made on the first raw read
  std::vector<char> compressed_;                 // a member's raw bytes, reused
};

}  // namespace chorus::formats
