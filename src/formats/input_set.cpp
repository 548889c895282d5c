#include "formats/input_set.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <system_error>

#include "formats/mixxx.h"
#include "formats/serato.h"

namespace chorus::formats {

namespace fs = std::filesystem;

namespace {

constexpr size_t kSniffBytes = 64;

// Reads up to kSniffBytes from the start of a file.
Result<std::string> ReadHead(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return IoError(fmt::format("{}: cannot open for reading", path));
  std::string head(kSniffBytes, '\0');
  size_t n = std::fread(head.data(), 1, head.size(), f);
  std::fclose(f);
  head.resize(n);
  return head;
}

// Text a history parser might read (JSON, CSV, HTML), as opposed to the
// PDFs and images exports carry. Empty or blank: let the parsers say so.
bool MaybeText(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  if (head.substr(0, 4) == "%PDF") return false;
  for (size_t i = 0; i < head.size();) {
    auto u = static_cast<unsigned char>(head[i]);
    if ((u < 0x20 && u != '\t' && u != '\r' && u != '\n') || u == 0x7F) return false;
    // UTF-8: a lead byte and its continuation bytes (the head may cut one short).
    size_t n = u < 0x80             ? 1
               : (u & 0xE0) == 0xC0 ? 2
               : (u & 0xF0) == 0xE0 ? 3
               : (u & 0xF8) == 0xF0 ? 4
                                    : 0;
    if (n == 0) return false;  // a stray continuation byte, as in "\x89PNG"
    for (size_t k = 1; k < n && i + k < head.size(); ++k) {
      if ((static_cast<unsigned char>(head[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

// Binary files a DJ parser reads: SQLite databases (Mixxx) and Serato's
// chunk files ("vrsn" then UTF-16BE "1.0/Serato…").
bool DjBinary(std::string_view head) { return LooksLikeSqlite(head) || LooksLikeSerato(head); }

// Lists the members of an archive (on disk, or in memory when `memory` is
// set) or the one loose file.
Status AddInput(const std::string& path, std::string_view head, uint64_t size,
                std::string_view memory, bool in_memory, const ZipLimits& limits,
                std::vector<InputFile>* out) {
  if (LooksLikeZip(head)) {
    auto reader = in_memory ? ZipReader::OpenBuffer(path, memory.data(), memory.size(), limits)
                            : ZipReader::OpenFile(path, limits);
    if (!reader.ok()) return reader.status();
    for (const ZipEntry& e : reader.value()->entries()) {
      // Spotify's ZIPs carry a ReadMe PDF: sniff members like loose files.
      auto member_head = reader.value()->ReadHead(e, kSniffBytes);
      if (!member_head.ok()) return member_head.status();
      InputFile f;
      f.maybe_text = MaybeText(member_head.value()) || DjBinary(member_head.value());
      f.display = path + "!" + e.name;
      f.path = path;
      f.memory = memory;
      f.in_memory = in_memory;
      f.in_zip = true;
      f.entry = e;
      f.size = e.size;
      out->push_back(std::move(f));
    }
    return Status::Ok();
  }
  InputFile f;
  f.display = path;
  f.path = path;
  f.memory = memory;
  f.in_memory = in_memory;
  f.size = size;
  f.maybe_text = MaybeText(head) || DjBinary(head);
  out->push_back(std::move(f));
  return Status::Ok();
}

Status AddFile(const std::string& path, const ZipLimits& limits, std::vector<InputFile>* out) {
  auto head = ReadHead(path);
  if (!head.ok()) return head.status();
  std::error_code ec;
  uint64_t size = fs::file_size(path, ec);
  if (ec) return IoError(fmt::format("{}: cannot read size: {}", path, ec.message()));
  return AddInput(path, head.value(), size, {}, false, limits, out);
}

}  // namespace

Result<std::vector<InputFile>> Discover(const std::vector<std::string>& paths,
                                        const ZipLimits& limits) {
  std::vector<InputFile> out;
  for (const std::string& path : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) return NotFound(fmt::format("{}: no such file or folder", path));
    if (fs::is_directory(st)) {
      std::vector<std::string> files;
      fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
      if (ec) return IoError(fmt::format("{}: cannot list folder: {}", path, ec.message()));
      for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) return IoError(fmt::format("{}: cannot list folder: {}", path, ec.message()));
        if (it->is_regular_file(ec)) files.push_back(it->path().string());
      }
      std::sort(files.begin(), files.end());
      for (const std::string& f : files) CHORUS_RETURN_IF_ERROR(AddFile(f, limits, &out));
    } else {
      CHORUS_RETURN_IF_ERROR(AddFile(path, limits, &out));
    }
  }
  // A file named twice (directly and through its folder, say) is read once.
  std::vector<InputFile> unique;
  std::set<std::string> seen;
  for (InputFile& f : out) {
    std::error_code ec;
    std::string key = fs::weakly_canonical(f.path, ec).string() + "!" + f.entry.name;
    if (seen.insert(key).second) unique.push_back(std::move(f));
  }
  return unique;
}

Result<std::vector<InputFile>> DiscoverMemory(const std::vector<MemoryFile>& uploads,
                                              const ZipLimits& limits) {
  std::vector<InputFile> out;
  for (const MemoryFile& upload : uploads) {
    CHORUS_RETURN_IF_ERROR(AddInput(upload.name, upload.bytes.substr(0, kSniffBytes),
                                    upload.bytes.size(), upload.bytes, true, limits, &out));
  }
  return out;
}

Result<ZipReader*> ZipCache::Get(const InputFile& file, const ZipLimits& limits) {
  const char* memory = file.in_memory ? file.memory.data() : nullptr;
  if (reader_ == nullptr || path_ != file.path || memory_ != memory) {
    reader_.reset();
    auto opened = file.in_memory ? ZipReader::OpenBuffer(file.path, file.memory.data(),
                                                         file.memory.size(), limits)
                                 : ZipReader::OpenFile(file.path, limits);
    if (!opened.ok()) return opened.status();
    reader_ = std::move(opened).value();
    path_ = file.path;
    memory_ = memory;
  }
  return reader_.get();
}

Status Load(const InputFile& file, ZipCache& cache, ByteBuffer* out, const ZipLimits& limits) {
  if (file.in_zip) {
    auto reader = cache.Get(file, limits);
    if (!reader.ok()) return reader.status();
    return reader.value()->Read(file.entry, out);
  }
  if (file.in_memory) {
    out->Resize(file.memory.size());
    std::copy(file.memory.begin(), file.memory.end(), out->data());
    return Status::Ok();
  }
  std::FILE* f = std::fopen(file.path.c_str(), "rb");
  if (f == nullptr) return IoError(fmt::format("{}: cannot open for reading", file.path));
  std::error_code ec;
  uint64_t size = fs::file_size(file.path, ec);
  if (ec) {
    std::fclose(f);
    return IoError(fmt::format("{}: cannot read size: {}", file.path, ec.message()));
  }
  out->Resize(size);
  size_t n = std::fread(out->data(), 1, size, f);
  std::fclose(f);
  if (n != size) return IoError(fmt::format("{}: short read ({} of {} bytes)", file.path, n, size));
  return Status::Ok();
}

}  // namespace chorus::formats
