// CsvReader: RFC 4180 records from text (Apple Music, Last.fm exports).
//
// Contract: reads quoted fields (with "" escapes and embedded newlines),
// LF or CRLF line ends, an optional UTF-8 BOM, and a last line without a
// newline. Next() fills `fields` with views into the text, or into an
// internal buffer for quoted fields that needed unescaping; the views stay
// valid until the next call. A malformed record (a quote that never
// closes, text after a closing quote) is an error naming the record
// number (1-based line of the record's start). Never reads past the text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace chorus::formats {

class CsvReader {
 public:
  explicit CsvReader(std::string_view text, char separator = ',');

  // False at the end of the text; on a malformed record, false with *error set.
  bool Next(std::vector<std::string_view>* fields, Status* error);
  // 1-based line number where the record last returned by Next() started.
  size_t line() const { return record_line_; }

 private:
  std::string_view text_;
  char separator_;
  size_t pos_ = 0;
  size_t line_ = 1;
  size_t record_line_ = 0;
  std::vector<std::string> unescaped_;  // storage for quoted fields with ""
};

}  // namespace chorus::formats
