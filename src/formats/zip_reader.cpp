#include "formats/zip_reader.h"

#include <fmt/format.h>
#include <zip.h>

#include <algorithm>

namespace chorus::formats {

namespace {

std::string ZipErrorString(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string s = zip_error_strerror(&error);
  zip_error_fini(&error);
  return s;
}

// A member name that would land outside the archive's folder if extracted.
bool EscapesArchive(std::string_view name) {
  if (name.empty()) return true;
  if (name.front() == '/' || name.front() == '\\') return true;
  if (name.size() >= 2 && name[1] == ':') return true;  // C:\…
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find_first_of("/\\", start);
    if (end == std::string_view::npos) end = name.size();
    if (name.substr(start, end - start) == "..") return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

bool LooksLikeZip(std::string_view head) {
  return head.size() >= 4 && head[0] == 'P' && head[1] == 'K' &&
         ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
}

ZipReader::~ZipReader() {
  if (archive_ != nullptr) zip_discard(archive_);
}

Result<std::unique_ptr<ZipReader>> ZipReader::OpenFile(const std::string& path,
                                                       const ZipLimits& limits) {
  int err = 0;
  zip* archive = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (archive == nullptr) {
    return InvalidInput(
        fmt::format("{}: not a readable ZIP archive ({})", path, ZipErrorString(err)));
  }
  std::unique_ptr<ZipReader> reader(new ZipReader(path, archive));
  CHORUS_RETURN_IF_ERROR(reader->Index(limits));
  return reader;
}

Result<std::unique_ptr<ZipReader>> ZipReader::OpenBuffer(std::string label, const void* data,
                                                         size_t size, const ZipLimits& limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(data, size, 0, &error);
  if (source == nullptr) {
    std::string msg = zip_error_strerror(&error);
    zip_error_fini(&error);
    return InvalidInput(fmt::format("{}: not a readable ZIP archive ({})", label, msg));
  }
  zip* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (archive == nullptr) {
    std::string msg = zip_error_strerror(&error);
    zip_error_fini(&error);
    zip_source_free(source);
    return InvalidInput(fmt::format("{}: not a readable ZIP archive ({})", label, msg));
  }
  zip_error_fini(&error);
  std::unique_ptr<ZipReader> reader(new ZipReader(std::move(label), archive));
  CHORUS_RETURN_IF_ERROR(reader->Index(limits));
  return reader;
}

Status ZipReader::Index(const ZipLimits& limits) {
  zip_int64_t count = zip_get_num_entries(archive_, 0);
  if (count < 0) return InvalidInput(fmt::format("{}: unreadable ZIP directory", label_));
  if (static_cast<uint64_t>(count) > limits.max_entries) {
    return LimitExceeded(fmt::format("{}: ZIP has {} entries, more than the limit of {}", label_,
                                     count, limits.max_entries));
  }
  uint64_t total = 0;
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive_, static_cast<zip_uint64_t>(i), 0, &st) != 0) {
      return InvalidInput(
          fmt::format("{}: entry {} is unreadable: {}", label_, i, zip_strerror(archive_)));
    }
    std::string name = (st.valid & ZIP_STAT_NAME) && st.name ? st.name : "";
    if (EscapesArchive(name)) {
      return InvalidInput(fmt::format(
          "{}: entry {} has the name \"{}\", which points outside the archive", label_, i, name));
    }
    if (name.back() == '/') continue;  // directory entry (Spotify's hold "placeholder")
    uint64_t size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
    uint64_t csize = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    if (size > limits.max_entry_bytes) {
      return LimitExceeded(
          fmt::format("{}: entry \"{}\" would inflate to {} bytes, over the {} "
                      "byte limit per entry",
                      label_, name, size, limits.max_entry_bytes));
    }
    if (size > limits.ratio_applies_above && size / (csize == 0 ? 1 : csize) > limits.max_ratio) {
      return LimitExceeded(fmt::format(
          "{}: entry \"{}\" compresses {}:1 ({} bytes from {}), beyond the {}:1 limit: "
          "refusing a likely ZIP bomb",
          label_, name, size / (csize == 0 ? 1 : csize), size, csize, limits.max_ratio));
    }
    total += size;
    if (total > limits.max_total_bytes) {
      return LimitExceeded(fmt::format("{}: archive would inflate to more than {} bytes", label_,
                                       limits.max_total_bytes));
    }
    entries_.push_back({static_cast<uint64_t>(i), std::move(name), size, csize});
  }
  return Status::Ok();
}

Status ZipReader::Read(const ZipEntry& entry, ByteBuffer* out) {
  zip_file_t* file = zip_fopen_index(archive_, entry.index, 0);
  if (file == nullptr) {
    return InvalidInput(
        fmt::format("{}!{}: cannot open member: {}", label_, entry.name, zip_strerror(archive_)));
  }
  // One extra byte detects a member that inflates past its declared size.
  out->Resize(entry.size + 1);
  uint64_t got = 0;
  Status status;
  while (got < entry.size + 1) {
    zip_int64_t n = zip_fread(file, out->data() + got, entry.size + 1 - got);
    if (n < 0) {
      status = InvalidInput(fmt::format("{}!{}: corrupt member: {}", label_, entry.name,
                                        zip_error_strerror(zip_file_get_error(file))));
      break;
    }
    if (n == 0) break;
    got += static_cast<uint64_t>(n);
  }
  zip_fclose(file);
  if (!status.ok()) return status;
  if (got != entry.size) {
    return InvalidInput(
        fmt::format("{}!{}: member inflates to {}{} bytes but its header "
                    "declares {}",
                    label_, entry.name, got > entry.size ? "more than " : "", got, entry.size));
  }
  out->Resize(entry.size);
  return Status::Ok();
}

Result<std::string> ZipReader::ReadHead(const ZipEntry& entry, size_t n) {
  zip_file_t* file = zip_fopen_index(archive_, entry.index, 0);
  if (file == nullptr) {
    return InvalidInput(
        fmt::format("{}!{}: cannot open member: {}", label_, entry.name, zip_strerror(archive_)));
  }
  std::string head(std::min<uint64_t>(n, entry.size), '\0');
  size_t got = 0;
  while (got < head.size()) {
    zip_int64_t r = zip_fread(file, head.data() + got, head.size() - got);
    if (r <= 0) break;
    got += static_cast<size_t>(r);
  }
  zip_fclose(file);
  head.resize(got);
  return head;
}

}  // namespace chorus::formats
