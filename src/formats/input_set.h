// InputSet: turns the paths a user named (export ZIPs, folders, loose files,
// several at once) into a flat list of input files, and loads one into memory.
//
// Contract: Discover() never reads more than the first few bytes of a loose
// file or ZIP member (plus a ZIP's central directory); folders are walked recursively in sorted
// order, so the list is deterministic. Every path named must exist. A file
// whose first bytes are binary (not text, not ZIP, not a DJ database: SQLite
// or Serato chunks) is listed as not readable history (kept for the
// accounting, never loaded). Load() fills a ByteBuffer
// with a whole file or ZIP member; ZIP members are read through a per-thread
// ZipCache so two threads never share a libzip handle. DiscoverMemory() does
// the same for uploads held in memory (a ZIP or a loose file each), which are
// never written to disk; their bytes must outlive the InputFiles.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "formats/byte_buffer.h"
#include "formats/zip_reader.h"

namespace chorus::formats {

// An upload held in memory: its name (for messages) and its bytes.
struct MemoryFile {
  std::string name;
  std::string_view bytes;
};

struct InputFile {
  std::string display;      // path, or "archive.zip!member"
  std::string path;         // file on disk (the archive for members), or the upload's name
  std::string_view memory;  // the upload's bytes (the whole archive for members)
  bool in_memory = false;
  bool in_zip = false;
  ZipEntry entry;          // when in_zip
  uint64_t size = 0;       // bytes to load (uncompressed)
  bool maybe_text = true;  // false: binary no parser reads (PDF, image); never loaded
};

Result<std::vector<InputFile>> Discover(const std::vector<std::string>& paths,
                                        const ZipLimits& limits = {});
Result<std::vector<InputFile>> DiscoverMemory(const std::vector<MemoryFile>& uploads,
                                              const ZipLimits& limits = {});

// Keeps the last opened archive so consecutive members reuse one handle.
class ZipCache {
 public:
  Result<ZipReader*> Get(const InputFile& file, const ZipLimits& limits);

 private:
  std::string path_;
  const char* memory_ = nullptr;
  std::unique_ptr<ZipReader> reader_;
};

Status Load(const InputFile& file, ZipCache& cache, ByteBuffer* out, const ZipLimits& limits = {});

}  // namespace chorus::formats
