#include "formats/apple_music.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <vector>

#include "core/time_util.h"
#include "formats/csv.h"
#include "formats/text_util.h"

// Which rows are plays (each data row is exactly one play or one rejection):
//
// Play Activity (one row per event). Not plays, rejected as expected
// (no_item): an Event Type other than PLAY_END or empty (LYRIC_DISPLAY,
// PLAY_START, which has no duration or end); Item Type AD; no song title
// (AGGREGATE_NON_CATALOG_PLAY_TIME, NON_SONG_CLIP); Play Duration
// Milliseconds of 0 (pause, skip and scrub events) or negative (Apple writes
// -N with an empty Event Start Timestamp for a scrub backwards). Damaged
// (invalid): an unparsable timestamp or duration, no timestamp at all.
// end = Event End Timestamp, else Event Start Timestamp + duration (the two
// agree to the millisecond in every fixture row that has both); a missing
// duration is End - Start when both are there. Title: Content Name (44
// columns) or Song Name (118+); album: Album Name (absent in 44); artist:
// Artist Name (44), else Container Artist Name when Container Type is ALBUM
// or ARTIST (a playlist's or station's "artist" is not the track's), else
// the artist part of a Track Description column if one exists, else unknown.
// Kind: video when Media Type is VIDEO or Content Specific Type is "Music
// Video", else music (the export has no podcasts). Reason and skipped from
// End Reason Type, offline from Offline, shuffle from Shuffle Play, device
// from Device Type, else from Build Version (Source Type AMAZON: speaker).
//
// Daily Tracks (one row per track and day, already summed by Apple): one
// play per row, ms_played = Play Duration Milliseconds (the day's total).
// Date Played and Hours are taken as UTC (Apple does not say), Hours being
// the hour(s) of the day with listening, so
// end = the last millisecond of the latest hour listed (23:59:59.999 of the
// day when Hours is empty): the latest the listening can have ended within
// the hours given. 0 ms rows (Play Count 0: skipped) are expected rejections.
// Reason and skipped stay unknown (one row sums several plays); device from a
// single Source Type (IPHONE, MACINTOSH); a list of several is unknown.
//
// Recently Played (one row per track, totals over its recent plays): one
// play per row, end = Last Event End Timestamp, ms_played = Total play
// duration in millis, reason from "Last End Reason Tyoe" (sic) or the
// corrected spelling. 0 ms rows are expected rejections.
//
// Track Description and Container Description are "Artist - Title" and
// "Artist - Album": split at the first " - " (titles hold " - " far more
// often than artist names); without " - " the whole text is the title and
// the artist is unknown (radio such as "Apple Music 1").
//
// A blank line is not a row; a row whose field count differs from the
// header's is damaged. The three files describe overlapping listening:
// importing Daily Tracks or Recently Played next to Play Activity counts it
// twice (they share no per-play key for dedupe to match).

namespace chorus::formats {
namespace {

constexpr size_t kAbsent = static_cast<size_t>(-1);

// The columns read (kColCount: the row as a whole). Every other column, the
// personal ones among them, is skipped by position and never looked at.
// clang-format off
enum Col : size_t {
  kEventType, kItemType, kTitle, kArtist, kContainerArtist, kContainerType, kAlbum, kStart, kEnd,
  kDuration, kMediaType, kContentType, kEndReason, kOffline, kShuffle, kSourceType, kDeviceType,
  kBuildVersion, kDate, kHours, kTrackDescription, kContainerDescription, kLastEnd, kTotalMs,
  kLastReason, kColCount
};
// clang-format on

struct ColName {
  Col col;
  std::string_view name;
};
// Title is Content Name (44 columns) or Song Name (118, 134); the reason
// column is spelled "Tyoe" by Apple. Names match case-insensitively.
// clang-format off
constexpr std::array<ColName, 27> kColNames{{
    {kEventType, "Event Type"}, {kItemType, "Item Type"}, {kTitle, "Content Name"},
    {kTitle, "Song Name"}, {kArtist, "Artist Name"}, {kContainerArtist, "Container Artist Name"},
    {kContainerType, "Container Type"}, {kAlbum, "Album Name"},
    {kStart, "Event Start Timestamp"}, {kEnd, "Event End Timestamp"},
    {kDuration, "Play Duration Milliseconds"}, {kMediaType, "Media Type"},
    {kContentType, "Content Specific Type"}, {kEndReason, "End Reason Type"},
    {kOffline, "Offline"}, {kShuffle, "Shuffle Play"}, {kSourceType, "Source Type"},
    {kDeviceType, "Device Type"}, {kBuildVersion, "Build Version"}, {kDate, "Date Played"},
    {kHours, "Hours"}, {kTrackDescription, "Track Description"},
    {kContainerDescription, "Container Description"}, {kLastEnd, "Last Event End Timestamp"},
    {kTotalMs, "Total play duration in millis"}, {kLastReason, "Last End Reason Tyoe"},
    {kLastReason, "Last End Reason Type"}}};
// clang-format on

// A value quoted in a rejection reason: short, cut on a UTF-8 boundary.
std::string Clip(std::string_view s) {
  constexpr size_t kMax = 40;
  if (s.size() <= kMax) return std::string(s);
  size_t n = kMax;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + "…";
}

struct Header {
  std::array<size_t, kColCount> at;
  std::array<std::string, kColCount> name;  // as spelled in the file, if there
  size_t width = 0;
  bool Has(Col c) const { return at[c] != kAbsent; }
};

Header ReadHeader(const std::vector<std::string_view>& fields) {
  Header h;
  h.at.fill(kAbsent);
  h.width = fields.size();
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string_view f = Trim(fields[i]);
    for (const auto& c : kColNames) {
      if (h.at[c.col] == kAbsent && EqualsIgnoreCase(f, c.name)) {
        h.at[c.col] = i;
        h.name[c.col] = std::string(f);
      }
    }
  }
  for (const auto& c : kColNames)
    if (h.name[c.col].empty()) h.name[c.col] = std::string(c.name);
  return h;
}

enum class FileKind { kNone, kPlayActivity, kDailyTracks, kRecentlyPlayed };

FileKind Detect(const Header& h) {
  if (h.Has(kDate) && h.Has(kDuration) && h.Has(kTrackDescription)) return FileKind::kDailyTracks;
  if (h.Has(kTrackDescription) && h.Has(kLastEnd) && h.Has(kTotalMs))
    return FileKind::kRecentlyPlayed;
  if (h.Has(kTitle) && h.Has(kDuration) && (h.Has(kStart) || h.Has(kEnd)))
    return FileKind::kPlayActivity;
  return FileKind::kNone;
}

// A whole number, optionally negative, optionally with a ".0" tail (Excel).
bool ParseWhole(std::string_view s, int64_t* out) {
  bool negative = !s.empty() && s[0] == '-';
  if (negative) s.remove_prefix(1);
  size_t dot = s.find('.');
  if (dot != std::string_view::npos) {
    if (dot + 1 == s.size() || s.find_first_not_of('0', dot + 1) != std::string_view::npos)
      return false;
    s = s.substr(0, dot);
  }
  if (s.empty() || s.size() > 15) return false;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = negative ? -v : v;
  return true;
}

// "YYYYMMDD" → epoch ms of that day's UTC midnight.
bool ParseDay(std::string_view s, int64_t* epoch_ms) {
  if (s.size() != 8) return false;
  std::string iso = fmt::format("{}-{}-{}T00:00:00Z", s.substr(0, 4), s.substr(4, 2), s.substr(6));
  return ParseIsoUtc(iso, epoch_ms);
}

// "18" or "1, 13, 14" → the latest hour (0-23).
bool ParseLastHour(std::string_view s, int* last) {
  int latest = -1;
  for (;;) {
    size_t comma = s.find(',');
    std::string_view token = Trim(s.substr(0, comma));
    if (token.empty() || token.size() > 2) return false;
    int hour = 0;
    for (char c : token) {
      if (c < '0' || c > '9') return false;
      hour = hour * 10 + (c - '0');
    }
    if (hour > 23) return false;
    latest = std::max(latest, hour);
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  *last = latest;
  return true;
}

struct Described {
  std::string_view artist, title;
};
Described Split(std::string_view description) {
  size_t dash = description.find(" - ");
  if (dash == std::string_view::npos) return {{}, description};
  return {description.substr(0, dash), description.substr(dash + 3)};
}

Reason ReasonOf(std::string_view r) {
  if (r.empty() || r == "N/A" || r == "NOT_APPLICABLE") return Reason::kUnknown;
  if (r == "NATURAL_END_OF_TRACK") return Reason::kTrackDone;
  if (r == "TRACK_SKIPPED_FORWARDS") return Reason::kForwardButton;
  if (r == "TRACK_SKIPPED_BACKWARDS") return Reason::kBackButton;
  if (r == "MANUALLY_SELECTED_PLAYBACK_OF_A_DIFF_ITEM") return Reason::kClickRow;
  if (r == "PLAYBACK_MANUALLY_PAUSED") return Reason::kEndPlay;
  if (r == "FAILED_TO_LOAD") return Reason::kTrackError;
  return Reason::kOther;
}

Tri SkippedOf(Reason r) {
  if (r == Reason::kForwardButton || r == Reason::kBackButton) return Tri::kTrue;
  if (r == Reason::kTrackDone) return Tri::kFalse;
  return Tri::kUnknown;
}

Tri TriOf(std::string_view s) {
  if (EqualsIgnoreCase(s, "true") || s == "SHUFFLE_ON") return Tri::kTrue;
  if (EqualsIgnoreCase(s, "false") || s == "SHUFFLE_OFF") return Tri::kFalse;
  return Tri::kUnknown;
}

bool IsVideo(std::string_view media_type) { return EqualsIgnoreCase(media_type, "VIDEO"); }

// One data row: its fields by column, and where its play or rejection goes.
struct Row {
  const Header& header;
  const std::vector<std::string_view>& fields;
  uint64_t index;
  PlayBatch& batch;
  Dictionary& dict;
  uint64_t& unknown_artist_plays;

  std::string_view operator[](Col c) const {
    size_t i = header.at[c];
    return i < fields.size() ? fields[i] : std::string_view();
  }
  void Reject(Col c, std::string reason, bool expected = false) const {
    AddRejection(batch, {batch.file, index, c == kColCount ? std::string() : header.name[c],
                         std::move(reason), expected});
  }
  void BadTime(Col c) const {
    Reject(c,
           fmt::format("\"{}\" is not a UTC time like 2024-01-31T23:59:59.123Z", Clip((*this)[c])));
  }
  void BadNumber(Col c) const {
    Reject(c, fmt::format("\"{}\" is not a whole number of milliseconds", Clip((*this)[c])));
  }
  void Emit(Play play, Kind kind, std::string_view title, std::string_view artist,
            std::string_view album) const {
    play.source = Source::kAppleMusic;
    play.kind = kind;
    play.local_item = dict.ItemFor(kind, title, artist, album, {}, &play.item);
    if (artist.empty()) ++unknown_artist_plays;
    batch.plays.push_back(play);
  }
};

constexpr int64_t kMaxMs = UINT32_MAX;

void PlayActivityRow(const Row& row) {
  std::string_view event = row[kEventType];
  if (!event.empty() && event != "PLAY_END")
    return row.Reject(kEventType, fmt::format("a {} event, not a play", Clip(event)), true);
  std::string_view item_type = row[kItemType];
  if (item_type == "AD") return row.Reject(kItemType, "an ad, not a play", true);
  std::string_view title = row[kTitle];
  if (title.empty()) {
    return row.Reject(kTitle,
                      item_type.empty() ? std::string("no song")
                                        : fmt::format("no song (Item Type {})", Clip(item_type)),
                      true);
  }
  int64_t start = 0, end = 0, ms = 0;
  bool has_start = !row[kStart].empty(), has_end = !row[kEnd].empty();
  if (has_start && !ParseIsoUtc(row[kStart], &start)) return row.BadTime(kStart);
  if (has_end && !ParseIsoUtc(row[kEnd], &end)) return row.BadTime(kEnd);
  if (!has_start && !has_end) return row.Reject(kEnd, "missing, and so is Event Start Timestamp");
  if (row[kDuration].empty()) {
    if (!has_start || !has_end)
      return row.Reject(kDuration, "missing, and no start and end time to compute it from");
    ms = end - start;
  } else if (!ParseWhole(row[kDuration], &ms)) {
    return row.BadNumber(kDuration);
  }
  if (ms < 0) {
    return row.Reject(
        kDuration,
        fmt::format("{} ms: a scrub backwards (Apple's negative duration), no listening time", ms),
        true);
  }
  if (ms == 0) return row.Reject(kDuration, "0 ms: a pause, skip or scrub event, not a play", true);
  if (ms > kMaxMs) return row.Reject(kDuration, "more than 4294967295 ms");

  Play play;
  play.end_ms = has_end ? end : start + ms;
  play.ms_played = static_cast<uint32_t>(ms);
  play.reason_end = ReasonOf(row[kEndReason]);
  play.skipped = SkippedOf(play.reason_end);
  play.offline = TriOf(row[kOffline]);
  play.shuffle = TriOf(row[kShuffle]);
  std::string_view device_type = row[kDeviceType];
  if (row[kSourceType] == "AMAZON") {
    play.device = Device::kSpeaker;
  } else if (!device_type.empty() && device_type != "UNKNOWN_DEVICE") {
    play.device = ClassifyPlatform(device_type);
  } else {
    play.device = ClassifyPlatform(row[kBuildVersion]);  // a user agent: classified in place
  }
  std::string_view artist = row[kArtist];
  std::string_view container = row[kContainerType];
  if (artist.empty() &&
      (EqualsIgnoreCase(container, "ALBUM") || EqualsIgnoreCase(container, "ARTIST")))
    artist = row[kContainerArtist];
  if (artist.empty()) artist = Split(row[kTrackDescription]).artist;
  Kind kind =
      IsVideo(row[kMediaType]) || row[kContentType] == "Music Video" ? Kind::kVideo : Kind::kMusic;
  row.Emit(play, kind, title, artist, row[kAlbum]);
}

void DailyTracksRow(const Row& row) {
  int64_t day = 0, ms = 0;
  int last_hour = 23;
  if (!ParseDay(row[kDate], &day)) {
    return row.Reject(kDate, fmt::format("\"{}\" is not a date like 20240131", Clip(row[kDate])));
  }
  if (!row[kHours].empty() && !ParseLastHour(row[kHours], &last_hour)) {
    return row.Reject(kHours, fmt::format("\"{}\" is not a list of hours 0-23 like \"18, 19\"",
                                          Clip(row[kHours])));
  }
  if (!ParseWhole(row[kDuration], &ms) || ms < 0) return row.BadNumber(kDuration);
  if (ms > kMaxMs) return row.Reject(kDuration, "more than 4294967295 ms");
  if (ms == 0) return row.Reject(kDuration, "0 ms: skipped without listening", true);
  std::string_view description = row[kTrackDescription];
  if (description.empty()) return row.Reject(kTrackDescription, "no track", true);

  Play play;
  play.end_ms = day + (last_hour + 1) * int64_t{3600000} - 1;
  play.ms_played = static_cast<uint32_t>(ms);
  std::string_view source = row[kSourceType];
  if (!source.empty() && source != "N/A" && source.find(',') == std::string_view::npos)
    play.device = ClassifyPlatform(source);
  Described d = Split(description);
  row.Emit(play, IsVideo(row[kMediaType]) ? Kind::kVideo : Kind::kMusic, d.title, d.artist, {});
}

void RecentlyPlayedRow(const Row& row) {
  int64_t end = 0, ms = 0;
  if (!ParseIsoUtc(row[kLastEnd], &end)) return row.BadTime(kLastEnd);
  if (!ParseWhole(row[kTotalMs], &ms) || ms < 0) return row.BadNumber(kTotalMs);
  if (ms > kMaxMs) return row.Reject(kTotalMs, "more than 4294967295 ms");
  if (ms == 0) return row.Reject(kTotalMs, "0 ms: skipped without listening", true);
  std::string_view description = row[kTrackDescription];
  if (description.empty()) return row.Reject(kTrackDescription, "no track", true);

  Play play;
  play.end_ms = end;
  play.ms_played = static_cast<uint32_t>(ms);
  play.reason_end = ReasonOf(row[kLastReason]);
  play.skipped = SkippedOf(play.reason_end);
  Described d = Split(description);
  std::string_view album;
  if (EqualsIgnoreCase(row[kContainerType], "Album"))
    album = Split(row[kContainerDescription]).title;
  row.Emit(play, IsVideo(row[kMediaType]) ? Kind::kVideo : Kind::kMusic, d.title, d.artist, album);
}

std::string_view FormatName(FileKind k) {
  switch (k) {
    case FileKind::kPlayActivity: return "apple-play-activity";
    case FileKind::kDailyTracks: return "apple-daily-tracks";
    case FileKind::kRecentlyPlayed: return "apple-recently-played";
    case FileKind::kNone: break;
  }
  return "ignored";
}

}  // namespace

Result<PlayBatch> ParseAppleMusic(std::string display, std::string_view text, Dictionary& dict) {
  return ParseAppleMusic(std::move(display), text, dict, nullptr);
}

Result<PlayBatch> ParseAppleMusic(std::string display, std::string_view text, Dictionary& dict,
                                  AppleMusicNotes* notes) {
  PlayBatch batch = NewBatch(std::move(display), text.size());
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  Status error;
  // Text whose first record is not CSV, or not an Apple header, is not ours.
  if (!reader.Next(&fields, &error)) return batch;
  const Header header = ReadHeader(fields);
  const FileKind kind = Detect(header);
  if (kind == FileKind::kNone) return batch;
  if (!simdjson::validate_utf8(text.data(), text.size()))
    return InvalidInput(fmt::format("{}: not valid UTF-8 text", batch.file));
  batch.format = std::string(FormatName(kind));
  batch.plays.reserve(text.size() / 300 + 16);

  uint64_t index = 0, unknown_artist = 0;
  while (reader.Next(&fields, &error)) {
    if (fields.size() == 1 && fields[0].empty()) continue;  // a blank line is not a row
    Row row{header, fields, index++, batch, dict, unknown_artist};
    if (fields.size() != header.width) {
      row.Reject(kColCount, fmt::format("{} fields where the header has {} (line {})",
                                        fields.size(), header.width, reader.line()));
      continue;
    }
    switch (kind) {
      case FileKind::kPlayActivity: PlayActivityRow(row); break;
      case FileKind::kDailyTracks: DailyTracksRow(row); break;
      case FileKind::kRecentlyPlayed: RecentlyPlayedRow(row); break;
      case FileKind::kNone: break;
    }
  }
  // Summaries repeat what Play Activity lists; the PlayLog drops them when
  // both are imported (history/README.md, rule "superseded").
  if (kind != FileKind::kPlayActivity) {
    for (Play& p : batch.plays) p.source = Source::kAppleMusicSummary;
  }
  if (!error.ok())
    return InvalidInput(fmt::format("{}: malformed CSV: {}", batch.file, error.message()));
  batch.records = index;

  if (notes != nullptr) {
    notes->columns = header.width;
    notes->has_artist_column = header.Has(kArtist) || header.Has(kTrackDescription);
    notes->unknown_artist_plays = unknown_artist;
    notes->message.clear();
    if (unknown_artist > 0 && !notes->has_artist_column) {
      notes->message = fmt::format(
          "{}: this Play Activity schema ({} columns) has no artist column: the artist of {} of "
          "{} plays is unknown (Recently Played and Daily Tracks files name artists)",
          batch.file, header.width, unknown_artist, batch.plays.size());
    } else if (unknown_artist > 0) {
      notes->message = fmt::format("{}: the artist of {} of {} plays is unknown", batch.file,
                                   unknown_artist, batch.plays.size());
    }
  }
  return batch;
}

}  // namespace chorus::formats
