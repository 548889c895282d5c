#include "formats/zip_reader.h"

#include <fmt/format.h>
#include <libdeflate.h>
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

// Reads up to `limit` bytes of an open member into `into` (`*got` of them
// were there) and closes it.
Status DrainMember(zip_file_t* file, std::string_view label, const ZipEntry& entry, char* into,
                   uint64_t limit, uint64_t* got) {
  Status status;
  while (*got < limit) {
    zip_int64_t n = zip_fread(file, into + *got, limit - *got);
    if (n < 0) {
      status = InvalidInput(fmt::format("{}!{}: corrupt member: {}", label, entry.name,
                                        zip_error_strerror(zip_file_get_error(file))));
      break;
    }
    if (n == 0) break;
    *got += static_cast<uint64_t>(n);
  }
  zip_fclose(file);
  return status;
}

Status CannotOpen(std::string_view label, const ZipEntry& entry, zip_t* archive) {
  return InvalidInput(
      fmt::format("{}!{}: cannot open member: {}", label, entry.name, zip_strerror(archive)));
}

// A member whose content is not the size its header declares.
Status SizeMismatch(std::string_view label, const ZipEntry& entry, uint64_t got, bool more) {
  return InvalidInput(fmt::format("{}!{}: member inflates to {}{} bytes but its header declares {}",
                                  label, entry.name, more ? "more than " : "", got, entry.size));
}

}  // namespace

bool LooksLikeZip(std::string_view head) {
  return head.size() >= 4 && head[0] == 'P' && head[1] == 'K' &&
         ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
}

ZipReader::~ZipReader() {
  if (archive_ != nullptr) zip_discard(archive_);
  if (inflater_ != nullptr) libdeflate_free_decompressor(inflater_);
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
    ZipEntry entry{static_cast<uint64_t>(i), std::move(name), size, csize};
    const bool plain = (st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
                       st.encryption_method == ZIP_EM_NONE && (st.valid & ZIP_STAT_COMP_METHOD);
    entry.deflated = plain && st.comp_method == ZIP_CM_DEFLATE;
    entry.raw_readable = (entry.deflated || (plain && st.comp_method == ZIP_CM_STORE)) &&
                         (st.valid & ZIP_STAT_CRC) && (st.valid & ZIP_STAT_SIZE) &&
                         (st.valid & ZIP_STAT_COMP_SIZE);
    entry.crc = (st.valid & ZIP_STAT_CRC) ? st.crc : 0;
    entries_.push_back(std::move(entry));
  }
  return Status::Ok();
}

Status ZipReader::Read(const ZipEntry& entry, ByteBuffer* out) {
  return entry.raw_readable ? ReadRaw(entry, out) : ReadStream(entry, out);
}

// The member's raw (still compressed) bytes, inflated in one call: libdeflate
// never writes past the declared size, so a lying header costs at most that.
Status ZipReader::ReadRaw(const ZipEntry& entry, ByteBuffer* out) {
  zip_file_t* file = zip_fopen_index(archive_, entry.index, ZIP_FL_COMPRESSED);
  if (file == nullptr) {
    return CannotOpen(label_, entry, archive_);
  }
  // Deflate expands incompressible data by 5 bytes per 64 KiB block at
  // most: a larger compressed size is a damaged directory, refused before
  // allocating for it.
  const uint64_t most =
      entry.deflated ? entry.size + 5 * (entry.size / 65535 + 1) + 1024 : entry.size;
  if (entry.compressed_size > most) {
    zip_fclose(file);
    return InvalidInput(
        fmt::format("{}!{}: corrupt member: {} compressed bytes for {} bytes of content", label_,
                    entry.name, entry.compressed_size, entry.size));
  }
  // A stored member's raw bytes are its content: read them straight in.
  char* into = nullptr;
  if (entry.deflated) {
    compressed_.resize(entry.compressed_size);
    into = compressed_.data();
  } else {
    out->Resize(entry.compressed_size);
    into = out->data();
  }
  uint64_t got = 0;
  CHORUS_RETURN_IF_ERROR(DrainMember(file, label_, entry, into, entry.compressed_size, &got));
  if (got != entry.compressed_size) {
    return InvalidInput(fmt::format("{}!{}: corrupt member: {} of its {} compressed bytes present",
                                    label_, entry.name, got, entry.compressed_size));
  }
  uint64_t inflated = got;
  bool more = false;
  if (entry.deflated) {
    if (inflater_ == nullptr) inflater_ = libdeflate_alloc_decompressor();
    if (inflater_ == nullptr) return IoError("out of memory for the ZIP decompressor");
    out->Resize(entry.size);
    size_t actual = 0;
    libdeflate_result r = libdeflate_deflate_decompress(inflater_, compressed_.data(), got,
                                                        out->data(), entry.size, &actual);
    if (r == LIBDEFLATE_INSUFFICIENT_SPACE) {
      more = true;
      inflated = entry.size;
    } else if (r != LIBDEFLATE_SUCCESS) {
      return InvalidInput(
          fmt::format("{}!{}: corrupt member: the compressed data is invalid", label_, entry.name));
    } else {
      inflated = actual;
    }
    // Members are read one at a time: keep the scratch only if it is modest.
    if (compressed_.capacity() > (16u << 20)) std::vector<char>().swap(compressed_);
  }
  if (more || inflated != entry.size) return SizeMismatch(label_, entry, inflated, more);
  if (libdeflate_crc32(0, out->data(), entry.size) != entry.crc) {
    return InvalidInput(fmt::format("{}!{}: corrupt member: CRC error", label_, entry.name));
  }
  return Status::Ok();
}

Status ZipReader::ReadStream(const ZipEntry& entry, ByteBuffer* out) {
  zip_file_t* file = zip_fopen_index(archive_, entry.index, 0);
  if (file == nullptr) {
    return CannotOpen(label_, entry, archive_);
  }
  // One extra byte detects a member that inflates past its declared size.
  out->Resize(entry.size + 1);
  uint64_t got = 0;
  CHORUS_RETURN_IF_ERROR(DrainMember(file, label_, entry, out->data(), entry.size + 1, &got));
  if (got != entry.size) return SizeMismatch(label_, entry, got, got > entry.size);
  out->Resize(entry.size);
  return Status::Ok();
}

Result<std::string> ZipReader::ReadHead(const ZipEntry& entry, size_t n) {
  zip_file_t* file = zip_fopen_index(archive_, entry.index, 0);
  if (file == nullptr) {
    return CannotOpen(label_, entry, archive_);
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
