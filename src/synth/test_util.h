// Test helpers shared by the synth tests (header-only, tests only).
//
// Contract: TempDir makes a fresh directory under /tmp and removes it with
// everything in it; RowReader strictly parses the writer's JSON (an array of
// flat objects of strings, integers, true, false, null), keeping each row's
// keys in order and values tagged "s:" (unescaped string) or "n:" (number) or
// as the literal; ReadAll and Snapshot read files; AudioRows reads one
// listener's Audio files in file-index order. Nothing throws on bad input:
// parse failures return false or empty.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chorus::synth {
namespace fs = std::filesystem;

// A fresh directory under /tmp, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "chorus_synth_XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data()) != nullptr ? tmpl : std::string();
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Minimal strict JSON reader: an array of flat objects whose values are
// strings, integers, true, false or null. Records each object's keys and raw
// values (strings unescaped).
class RowReader {
 public:
  using Row = std::vector<std::pair<std::string, std::string>>;
  explicit RowReader(std::string_view s) : s_(s) {}

  bool Parse(std::vector<Row>* rows) {
    if (!Eat('[')) return false;
    Ws();
    if (Peek() == ']') return ++i_ == s_.size();
    while (true) {
      Row row;
      if (!Object(&row)) return false;
      rows->push_back(std::move(row));
      Ws();
      if (Peek() == ',') {
        ++i_;
        continue;
      }
      if (!Eat(']')) return false;
      return i_ == s_.size();
    }
  }

 private:
  char Peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  void Ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n')) ++i_;
  }
  bool Eat(char c) {
    Ws();
    if (Peek() != c) return false;
    ++i_;
    return true;
  }
  bool String(std::string* out) {
    if (!Eat('"')) return false;
    while (i_ < s_.size() && s_[i_] != '"') {
      char c = s_[i_++];
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c == '\\') {
        if (i_ >= s_.size()) return false;
        c = s_[i_++];
        if (c != '"' && c != '\\' && c != '/') return false;  // all we ever emit
      }
      out->push_back(c);
    }
    return Eat('"');
  }
  bool Value(std::string* out) {
    Ws();
    if (Peek() == '"') {
      std::string s;
      if (!String(&s)) return false;
      *out = "s:" + s;
      return true;
    }
    for (std::string_view lit : {"true", "false", "null"}) {
      if (s_.substr(i_, lit.size()) == lit) {
        *out = lit;
        i_ += lit.size();
        return true;
      }
    }
    const size_t start = i_;
    if (Peek() == '-') ++i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    if (i_ == start) return false;
    *out = "n:" + std::string(s_.substr(start, i_ - start));
    return true;
  }
  bool Object(Row* row) {
    if (!Eat('{')) return false;
    while (true) {
      std::string key, value;
      if (!String(&key) || !Eat(':') || !Value(&value)) return false;
      row->emplace_back(std::move(key), std::move(value));
      Ws();
      if (Peek() == ',') {
        ++i_;
        continue;
      }
      return Eat('}');
    }
  }

  std::string_view s_;
  size_t i_ = 0;
};

inline std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Relative path -> bytes of every file under `root`.
inline std::map<std::string, std::string> Snapshot(const std::string& root) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) files[fs::relative(e.path(), root).string()] = ReadAll(e.path());
  }
  return files;
}

// Every row of listener `index`'s Audio files under `root`, in file order
// (Streaming_History_Audio_*_0.json, _1, ...); empty when one does not parse.
inline std::vector<RowReader::Row> AudioRows(const std::string& root, int index) {
  const fs::path history = fs::path(root) / ("listener_000" + std::to_string(index)) /
                           "Spotify Extended Streaming History";
  std::vector<std::pair<int, fs::path>> files;
  for (const auto& e : fs::directory_iterator(history)) {
    const std::string name = e.path().stem().string();
    if (name.rfind("Streaming_History_Audio_", 0) != 0) continue;
    files.emplace_back(std::stoi(name.substr(name.rfind('_') + 1)), e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<RowReader::Row> rows;
  for (const auto& [n, path] : files) {
    if (!RowReader(ReadAll(path)).Parse(&rows)) return {};
  }
  return rows;
}

}  // namespace chorus::synth
