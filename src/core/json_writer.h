// JsonWriter: a minimal streaming JSON writer for command output and reports.
//
// Contract: produces valid JSON as long as calls are balanced (Begin/End,
// Key before each value inside objects); strings are escaped per RFC 8259,
// invalid UTF-8 bytes are replaced by U+FFFD so the output is always valid.
// Commas are inserted automatically.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace chorus {

class JsonWriter {
 public:
  explicit JsonWriter(bool pretty = true) : pretty_(pretty) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Uint(uint64_t value);
  // An array of whole numbers in one go (the bulk of a contribution).
  JsonWriter& UintArray(const uint64_t* values, size_t count);
  JsonWriter& Double(double value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();

  const std::string& str() const { return out_; }
  // The text so far, moved out (the writer is empty afterwards).
  std::string Take() { return std::move(out_); }
  void Reserve(size_t bytes) { out_.reserve(bytes); }

  static void AppendEscaped(std::string& out, std::string_view s);

 private:
  void BeforeValue();
  void Newline();

  bool pretty_;
  std::string out_;
  int depth_ = 0;            // open containers
  bool need_comma_ = false;  // the innermost open container has an element
  bool after_key_ = false;
};

}  // namespace chorus
