#include "formats/serato.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/musical_key.h"

namespace chorus::formats {
namespace {

uint32_t U32(std::string_view b, size_t at) {
  auto u = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(b[at + i])); };
  return u(0) << 24 | u(1) << 16 | u(2) << 8 | u(3);
}

// A chunk tag for a message: non-printable bytes as '?'.
std::string PrintableTag(std::string_view tag) {
  std::string out(tag);
  for (char& c : out) {
    if (c < 0x20 || c > 0x7E) c = '?';
  }
  return out;
}

struct Chunk {
  std::string_view tag;
  std::string_view payload;
  size_t offset = 0;  // of the tag, in the file
};

// Splits `b` (at file offset `base`) into chunks; an incomplete chunk is an error.
Status Chunks(const std::string& display, std::string_view b, size_t base,
              std::vector<Chunk>* out) {
  out->clear();
  for (size_t i = 0; i < b.size();) {
    if (b.size() - i < 8) {
      return InvalidInput(
          fmt::format("{}: truncated Serato chunk header at byte {}", display, base + i));
    }
    uint32_t n = U32(b, i + 4);
    if (n > b.size() - i - 8) {
      return InvalidInput(
          fmt::format("{}: truncated Serato chunk \"{}\" at byte {}: declares {} bytes, {} left",
                      display, PrintableTag(b.substr(i, 4)), base + i, n, b.size() - i - 8));
    }
    out->push_back({b.substr(i, 4), b.substr(i + 8, n), base + i});
    i += 8 + size_t{n};
  }
  return Status::Ok();
}

// UTF-16BE (trailing NUL dropped) → UTF-8; bad surrogates become U+FFFD.
std::string Utf16be(std::string_view b) {
  std::string out;
  out.reserve(b.size() / 2);
  auto unit = [&](size_t i) {
    return static_cast<uint32_t>(static_cast<unsigned char>(b[i]) << 8 |
                                 static_cast<unsigned char>(b[i + 1]));
  };
  for (size_t i = 0; i + 1 < b.size(); i += 2) {
    uint32_t c = unit(i);
    if (c >= 0xD800 && c <= 0xDBFF && i + 3 < b.size() && unit(i + 2) >= 0xDC00 &&
        unit(i + 2) <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
      i += 2;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;
    }
    if (c == 0) break;
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | c >> 6);
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | c >> 12);
      out += static_cast<char>(0x80 | (c >> 6 & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | c >> 18);
      out += static_cast<char>(0x80 | (c >> 12 & 0x3F));
      out += static_cast<char>(0x80 | (c >> 6 & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

// The fields of one `adat` payload, by id (a repeated id: the last wins).
using Fields = std::unordered_map<uint32_t, std::string_view>;

Status ReadFields(const std::string& display, const Chunk& adat, uint64_t record, Fields* out) {
  out->clear();
  std::string_view b = adat.payload;
  for (size_t i = 0; i < b.size();) {
    size_t at = adat.offset + 8 + i;
    if (b.size() - i < 8) {
      return InvalidInput(
          fmt::format("{}: record {}: truncated field header at byte {}", display, record, at));
    }
    uint32_t id = U32(b, i), n = U32(b, i + 4);
    if (n > b.size() - i - 8) {
      return InvalidInput(fmt::format(
          "{}: record {}, field {}: declares {} bytes at byte {}, only {} left in its record",
          display, record, id, n, at, b.size() - i - 8));
    }
    (*out)[id] = b.substr(i + 8, n);
    i += 8 + size_t{n};
  }
  return Status::Ok();
}

// A big-endian unsigned integer of 1 to 8 bytes.
std::optional<uint64_t> Int(const Fields& f, uint32_t id) {
  auto it = f.find(id);
  if (it == f.end() || it->second.empty() || it->second.size() > 8) return std::nullopt;
  uint64_t v = 0;
  for (char c : it->second) v = v << 8 | static_cast<unsigned char>(c);
  return v;
}

std::string Str(const Fields& f, uint32_t id) {
  auto it = f.find(id);
  return it == f.end() ? std::string() : Utf16be(it->second);
}

std::string FileStem(const std::string& path) {
  size_t slash = path.find_last_of("\\/");
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  size_t dot = name.rfind('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

const Chunk* FindAdat(const std::vector<Chunk>& inner) {
  for (const Chunk& c : inner) {
    if (c.tag == "adat") return &c;
  }
  return nullptr;
}

constexpr int64_t kMaxSeconds = int64_t{1} << 40;  // beyond any real clock

}  // namespace

bool LooksLikeSerato(std::string_view head) {
  static constexpr std::string_view kVersion("\0001\0.\0000\0/\0S\0e\0r\0a\0t\0o", 20);
  return head.size() >= 28 && head.substr(0, 4) == "vrsn" && head.substr(8, 20) == kVersion;
}

Result<PlayBatch> ParseSerato(std::string display, std::string_view bytes, Dictionary& dict,
                              DjNotes* notes_out) {
  PlayBatch batch;
  batch.file = display;
  batch.bytes = bytes.size();
  std::vector<Chunk> top;
  CHORUS_RETURN_IF_ERROR(Chunks(display, bytes, 0, &top));
  if (top.empty() || top[0].tag != "vrsn") {
    return InvalidInput(fmt::format("{}: not a Serato file (no \"vrsn\" chunk first)", display));
  }
  DjNotes notes;
  bool sessions = false, index = false, crate = false;
  // Rows by id in first-seen order; the last copy of a row wins.
  std::vector<Fields> rows;
  std::unordered_map<uint64_t, size_t> row_of;
  std::vector<Chunk> inner;
  uint64_t record = 0;
  for (const Chunk& c : top) {
    if (c.tag == "otrk") {
      crate = true;
      ++notes.tracks;
      continue;
    }
    if (c.tag != "oent" && c.tag != "oses") continue;
    CHORUS_RETURN_IF_ERROR(Chunks(display, c.payload, c.offset + 8, &inner));
    const Chunk* adat = FindAdat(inner);
    Fields f;
    if (adat != nullptr) CHORUS_RETURN_IF_ERROR(ReadFields(display, *adat, record, &f));
    ++record;
    if (c.tag == "oses") {
      index = true;
      ++notes.sessions;
      if (auto start = Int(f, 43); start && *start > 0 && *start < kMaxSeconds)
        notes.SawStart(static_cast<int64_t>(*start) * 1000);
      continue;
    }
    sessions = true;
    std::optional<uint64_t> id = Int(f, 1);
    // A record without a row id cannot be a copy of another: its own row.
    uint64_t key = id ? *id : (uint64_t{1} << 63) | record;
    auto [it, fresh] = row_of.try_emplace(key, rows.size());
    if (fresh) {
      rows.push_back(std::move(f));
    } else {
      rows[it->second] = std::move(f);
    }
  }

  for (size_t r = 0; r < rows.size(); ++r) {
    const Fields& f = rows[r];
    ++batch.records;
    ++notes.history;
    DjTrackFacts facts;
    if (auto bpm = Int(f, 15); bpm && *bpm > 0 && *bpm < 1000) {
      facts.bpm_centi = BpmCenti(static_cast<double>(*bpm));
      ++notes.with_bpm;
    }
    std::string key_text = Str(f, 51);
    facts.key = key::ParseKeyText(key_text);
    if (!key_text.empty()) ++notes.with_key;
    ++notes.tracks;
    std::string title = Str(f, 6);
    if (title.empty()) title = FileStem(Str(f, 2));
    Play p;
    p.local_item = AddDjTrack(batch, dict, title, Str(f, 7), Str(f, 8), facts, &p.item);
    std::optional<uint64_t> start = Int(f, 28), end = Int(f, 29), played_s = Int(f, 45);
    if (!start || *start == 0 || *start >= kMaxSeconds) {
      AddRejection(batch, {display, r, "28 (start time)", "missing or not a Unix time"});
      continue;
    }
    int64_t start_ms = static_cast<int64_t>(*start) * 1000;
    int64_t end_ms = start_ms;
    if (end && *end >= *start && *end < kMaxSeconds) {
      end_ms = static_cast<int64_t>(*end) * 1000;
    } else if (played_s && *played_s < 86400) {
      end_ms = start_ms + static_cast<int64_t>(*played_s) * 1000;
    }
    uint64_t ms =
        played_s && *played_s < 86400 ? *played_s * 1000 : static_cast<uint64_t>(end_ms - start_ms);
    p.ms_played = static_cast<uint32_t>(std::min<uint64_t>(ms, UINT32_MAX));
    p.end_ms = end_ms;
    p.source = Source::kSerato;
    if (auto deck = Int(f, 31); deck && *deck >= 1 && *deck <= 7)
      p.deck = static_cast<uint8_t>(*deck);
    if (auto played = Int(f, 50)) p.skipped = *played == 0 ? Tri::kTrue : Tri::kFalse;
    notes.SawStart(start_ms);
    batch.plays.push_back(p);
  }
  batch.format = sessions ? "serato-session"
                 : index  ? "serato-history-index"
                 : crate  ? "serato-crate"
                          : "serato-other";
  if (notes_out != nullptr) *notes_out = notes;
  return batch;
}

}  // namespace chorus::formats
