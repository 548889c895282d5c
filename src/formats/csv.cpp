#include "formats/csv.h"

#include <fmt/format.h>

namespace chorus::formats {

CsvReader::CsvReader(std::string_view text, char separator) : text_(text), separator_(separator) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
}

bool CsvReader::Next(std::vector<std::string_view>* fields, Status* error) {
  fields->clear();
  unescaped_.clear();
  if (pos_ >= text_.size()) return false;
  record_line_ = line_;
  // Views into unescaped_ are taken at the end: the vector may still grow.
  std::vector<std::pair<size_t, bool>> pending;  // (index, is_unescaped)
  std::vector<std::string_view> raw;
  for (;;) {
    if (pos_ < text_.size() && text_[pos_] == '"') {
      size_t start = ++pos_;
      std::string value;
      bool had_escape = false;
      for (;;) {
        size_t quote = text_.find('"', pos_);
        if (quote == std::string_view::npos) {
          *error = InvalidInput(
              fmt::format("record at line {}: a quoted field never closes", record_line_));
          return false;
        }
        for (size_t i = pos_; i < quote; ++i) line_ += text_[i] == '\n';
        if (quote + 1 < text_.size() && text_[quote + 1] == '"') {
          value.append(text_.substr(pos_, quote + 1 - pos_));
          had_escape = true;
          pos_ = quote + 2;
          continue;
        }
        value.append(text_.substr(pos_, quote - pos_));
        pos_ = quote + 1;
        break;
      }
      if (had_escape) {
        unescaped_.push_back(std::move(value));
        pending.push_back({unescaped_.size() - 1, true});
        raw.emplace_back();
      } else {
        pending.push_back({raw.size(), false});
        raw.push_back(text_.substr(start, pos_ - 1 - start));
      }
    } else {
      size_t end = pos_;
      while (end < text_.size() && text_[end] != separator_ && text_[end] != '\n' &&
             text_[end] != '\r')
        ++end;
      pending.push_back({raw.size(), false});
      raw.push_back(text_.substr(pos_, end - pos_));
      pos_ = end;
    }
    if (pos_ >= text_.size()) break;
    char c = text_[pos_];
    if (c == separator_) {
      ++pos_;
      if (pos_ >= text_.size()) {  // "a," at the very end: one more empty field
        pending.push_back({raw.size(), false});
        raw.emplace_back();
        break;
      }
      continue;
    }
    if (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    if (c == '\n' || c == '\r') {
      ++pos_;
      ++line_;
      break;
    }
    *error = InvalidInput(
        fmt::format("record at line {}: unexpected text after a closing quote in field {}",
                    record_line_, pending.size()));
    return false;
  }
  for (size_t i = 0; i < pending.size(); ++i) {
    fields->push_back(pending[i].second ? std::string_view(unescaped_[pending[i].first]) : raw[i]);
  }
  return true;
}

}  // namespace chorus::formats
