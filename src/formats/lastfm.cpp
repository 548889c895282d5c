// Last.fm CSV exports (header or header-less) and the helpers shared with
// lastfm_json.cpp. The contract is in lastfm.h.
#include "formats/lastfm.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <array>
#include <initializer_list>
#include <vector>

#include "core/time_util.h"
#include "formats/csv.h"
#include "formats/text_util.h"

namespace chorus::formats {

using namespace lastfm_internal;  // NOLINT: this file's own helpers

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

unsigned MonthFromName(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  if (name.size() < 3) return 0;
  for (unsigned m = 0; m < 12; ++m) {
    if (EqualsIgnoreCase(name, kMonths[m].substr(0, 3)) || EqualsIgnoreCase(name, kMonths[m]))
      return m + 1;
  }
  return 0;
}

// "31 Jan 2021 13:45", "27 Feb 2025, 21:51", optional ":SS".
bool ParseDayMonthYear(std::string_view s, int64_t* epoch_ms) {
  size_t i = 0;
  auto number = [&](size_t min, size_t max, unsigned* out) {
    size_t start = i;
    unsigned v = 0;
    while (i < s.size() && i - start < max && IsDigit(s[i]))
      v = v * 10 + static_cast<unsigned>(s[i++] - '0');
    *out = v;
    return i - start >= min;
  };
  auto spaces = [&] {
    size_t start = i;
    while (i < s.size() && s[i] == ' ') ++i;
    return i > start;
  };
  unsigned d, y, h, mi, sec = 0;
  if (!number(1, 2, &d) || !spaces()) return false;
  size_t start = i;
  while (i < s.size() && AsciiLower(s[i]) >= 'a' && AsciiLower(s[i]) <= 'z') ++i;
  unsigned mo = MonthFromName(s.substr(start, i - start));
  if (mo == 0 || !spaces() || !number(4, 4, &y)) return false;
  if (i < s.size() && s[i] == ',') ++i;
  if (!spaces() || !number(1, 2, &h) || i >= s.size() || s[i++] != ':' || !number(2, 2, &mi))
    return false;
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!number(2, 2, &sec)) return false;
  }
  if (i != s.size() || h > 23 || mi > 59 || sec > 59 || d < 1) return false;
  // Validate the day through the ISO parser, which knows month lengths.
  int64_t midnight;
  if (!ParseMinuteUtc(fmt::format("{:04}-{:02}-{:02} 00:00", y, mo, d), &midnight)) return false;
  *epoch_ms = midnight + ((int64_t{h} * 60 + mi) * 60 + sec) * 1000;
  return true;
}

// ---------------------------------------------------------------- CSV

struct Columns {
  int artist = -1, album = -1, track = -1, uts = -1, date = -1;
  size_t count = 0;
  std::string_view uts_name, date_name;  // static names for rejections, never file bytes
};

int FindColumn(const std::vector<std::string_view>& header,
               std::initializer_list<std::string_view> names, std::string_view* matched) {
  for (size_t i = 0; i < header.size(); ++i) {
    for (std::string_view n : names) {
      if (EqualsIgnoreCase(Trim(header[i]), n)) {
        if (matched) *matched = n;
        return static_cast<int>(i);
      }
    }
  }
  return -1;
}

bool MapHeader(const std::vector<std::string_view>& h, Columns* c) {
  c->artist = FindColumn(h, {"artist", "artist_name"}, nullptr);
  c->track = FindColumn(h, {"track", "track_name", "title"}, nullptr);
  c->album = FindColumn(h, {"album", "album_name"}, nullptr);
  c->uts = FindColumn(h, {"uts", "timestamp"}, &c->uts_name);
  c->date = FindColumn(h, {"utc_time", "date", "time", "datetime"}, &c->date_name);
  c->count = h.size();
  return c->artist >= 0 && c->track >= 0 && (c->uts >= 0 || c->date >= 0);
}

bool Blank(const std::vector<std::string_view>& f) { return f.size() == 1 && f[0].empty(); }

bool NextRecord(CsvReader& reader, std::vector<std::string_view>* f, Status* error) {
  while (reader.Next(f, error)) {
    if (!Blank(*f)) return true;
  }
  return false;
}

// Header-less: of the first five records, all have 4 fields and the first
// with a non-empty 4th field has a Last.fm date there.
bool LooksHeaderless(std::string_view text) {
  CsvReader probe(text);
  std::vector<std::string_view> f;
  Status error;
  for (int n = 0; n < 5 && NextRecord(probe, &f, &error); ++n) {
    if (f.size() != 4) return false;
    int64_t ms;
    if (!Trim(f[3]).empty()) return ParseLastfmTime(f[3], &ms);
  }
  return false;
}

void EmitCsvRow(const std::vector<std::string_view>& f, const Columns& c, uint64_t index,
                size_t line, Dictionary& dict, PlayBatch& batch) {
  if (f.size() != c.count) {
    return Reject(batch, index, "",
                  fmt::format("expected {} fields, found {} (line {})", c.count, f.size(), line));
  }
  int64_t start_ms = 0;
  if (c.uts >= 0 && !Trim(f[c.uts]).empty()) {
    if (!ParseUnixSeconds(f[c.uts], &start_ms))
      return Reject(
          batch, index, c.uts_name,
          fmt::format("{} is not Unix seconds like 1720688852 (line {})", Quoted(f[c.uts]), line));
  } else if (c.date >= 0 && !Trim(f[c.date]).empty()) {
    if (!ParseLastfmTime(f[c.date], &start_ms))
      return Reject(batch, index, c.date_name,
                    fmt::format("{} is not a UTC time like 31 Jan 2021 13:45 (line {})",
                                Quoted(f[c.date]), line));
  } else {
    return Reject(batch, index, c.uts >= 0 ? c.uts_name : c.date_name,
                  fmt::format("missing: the row has no scrobble time (line {})", line));
  }
  std::string_view album = c.album >= 0 ? f[c.album] : std::string_view();
  if (f[c.artist].empty() && f[c.track].empty())
    return Reject(batch, index, "track",
                  fmt::format("missing: no artist or track (line {})", line));
  EmitScrobble(start_ms, f[c.track], f[c.artist], album, dict, batch);
}

}  // namespace

namespace lastfm_internal {

std::string Quoted(std::string_view s) {
  if (s.size() <= 32) return fmt::format("\"{}\"", s);
  size_t n = 32;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return fmt::format("\"{}...\"", s.substr(0, n));
}

bool ParseUnixSeconds(std::string_view s, int64_t* epoch_ms) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty() || s.size() > 11) return false;
  int64_t v = 0;
  for (char c : s) {
    if (!(c >= '0' && c <= '9')) return false;
    v = v * 10 + (c - '0');
  }
  if (v >= kLastfmEndOfTime) return false;
  *epoch_ms = v * 1000;
  return true;
}

void Reject(PlayBatch& batch, uint64_t record, std::string_view field, std::string reason,
            bool no_item) {
  AddRejection(batch, {batch.file, record, std::string(field), std::move(reason), no_item});
}

// A scrobble gives its start and no duration; see the header for why end = start.
void EmitScrobble(int64_t start_ms, std::string_view title, std::string_view artist,
                  std::string_view album, Dictionary& dict, PlayBatch& batch) {
  Play play;
  play.end_ms = start_ms;
  play.ms_played = 0;
  play.kind = Kind::kMusic;
  play.source = Source::kLastfm;
  play.local_item = dict.ItemFor(Kind::kMusic, title, artist, album, {}, &play.item);
  batch.plays.push_back(play);
}

}  // namespace lastfm_internal

bool ParseLastfmTime(std::string_view s, int64_t* epoch_ms) {
  s = Trim(s);
  if (s.size() == 19 && s[4] == '-' && s[10] == ' ') {  // "2021-01-31 13:45:00"
    std::string iso(s);
    iso[10] = 'T';
    return ParseIsoUtc(iso + "Z", epoch_ms);
  }
  return ParseMinuteUtc(s, epoch_ms) || ParseIsoUtc(s, epoch_ms) || ParseDayMonthYear(s, epoch_ms);
}

Result<PlayBatch> ParseLastfmCsv(std::string display, std::string_view text, Dictionary& dict) {
  PlayBatch batch = NewBatch(std::move(display), text.size());
  CsvReader reader(text);
  std::vector<std::string_view> f;
  Status error;
  Columns c;
  if (!NextRecord(reader, &f, &error)) return batch;  // empty, or not CSV at all
  if (MapHeader(f, &c)) {
    batch.format = "lastfm-csv";
  } else if (LooksHeaderless(text)) {
    batch.format = "lastfm-csv-headerless";
    c = {0, 1, 2, -1, 3, 4, {}, "date"};
    reader = CsvReader(text);
  } else {
    return batch;
  }
  if (!simdjson::validate_utf8(text.data(), text.size()))
    return InvalidInput(fmt::format("{}: not valid UTF-8 text", batch.file));
  batch.plays.reserve(text.size() / 150 + 16);
  uint64_t index = 0;
  while (NextRecord(reader, &f, &error)) EmitCsvRow(f, c, index++, reader.line(), dict, batch);
  if (!error.ok()) return InvalidInput(fmt::format("{}: {}", batch.file, error.message()));
  batch.records = index;
  return batch;
}

}  // namespace chorus::formats
