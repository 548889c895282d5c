// JSON helpers shared by the simdjson-based parsers (Spotify, Last.fm API,
// YouTube Takeout).
//
// Contract: JsonTypeName() names a JSON type for messages ("a string");
// JsonFileError() turns a simdjson error into the InvalidInput status every
// parser returns for a malformed file, naming the file and the record;
// WithoutBom() skips a byte order mark in a padded buffer.
#pragma once

#include <fmt/format.h>
#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "formats/byte_buffer.h"

namespace chorus::formats {

inline std::string_view JsonTypeName(simdjson::ondemand::json_type t) {
  using simdjson::ondemand::json_type;
  switch (t) {
    case json_type::array: return "an array";
    case json_type::object: return "an object";
    case json_type::number: return "a number";
    case json_type::string: return "a string";
    case json_type::boolean: return "a boolean";
    case json_type::null: return "null";
  }
  return "something else";
}

inline Status JsonFileError(const std::string& file, uint64_t record, simdjson::error_code err) {
  if (err == simdjson::UTF8_ERROR)
    return InvalidInput(fmt::format("{}: not valid UTF-8 text", file));
  if (err == simdjson::DEPTH_ERROR) {
    return InvalidInput(fmt::format("{}: JSON nested deeper than the limit of {} levels", file,
                                    simdjson::DEFAULT_MAX_DEPTH));
  }
  return InvalidInput(
      fmt::format("{}: invalid JSON at record {}: {}", file, record, simdjson::error_message(err)));
}

// A padded buffer's JSON text without a leading UTF-8 byte order mark, with
// the capacity simdjson may read.
struct JsonText {
  const char* data;
  size_t size;
  size_t capacity;
  bool blank() const {
    return std::string_view(data, size).find_first_not_of(" \t\r\n") == std::string_view::npos;
  }
};

inline JsonText WithoutBom(const ByteBuffer& bytes) {
  JsonText t{bytes.data(), bytes.size(), bytes.size() + ByteBuffer::kPadding};
  if (t.size >= 3 && std::string_view(t.data, 3) == "\xEF\xBB\xBF") {
    t.data += 3;
    t.size -= 3;
    t.capacity -= 3;
  }
  return t;
}

}  // namespace chorus::formats
