// Spotify history records: what one row of a history file says, read field
// by field from simdjson On-Demand, and the buffer its escaped strings
// unescape into.
//
// Contract: internal to spotify_history.cpp (and its tests). RecordReader::
// Read fills a RawRecord whose string views point into the JSON text (a
// string without escapes) or into a StringSpace (one with escapes), and stay
// valid while both do: until the text changes or the space is restarted,
// wiped or reserved again; it returns a simdjson error only for malformed
// JSON, and records the first field-level problem (wrong type, out of
// range) in the record itself.
#pragma once

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "core/play.h"
#include "formats/json_util.h"
#include "formats/spotify_keys.h"

namespace chorus::formats::spotify_record {

namespace od = simdjson::ondemand;
using namespace spotify_keys;  // NOLINT: the key table is this file's vocabulary

// What one record said, before it becomes a Play. Views point into the JSON
// text or the string space, and die with the chunk (see the contract).
struct RawRecord {
  std::string_view ts, end_time, platform;
  std::string_view track, album_artist, album, track_uri;
  std::string_view episode, show, episode_uri;
  std::string_view book, book_uri, chapter_uri, chapter;
  std::string_view artist_name, account_track, podcast, account_episode, audiobook_name,
      chapter_name;
  std::string_view reason_start, reason_end;
  // The account's user name (v1 keys): only compared with the previous row's
  // and hashed on change; it never leaves this record.
  std::string_view username;
  int64_t ms = -1;
  Tri shuffle = Tri::kUnknown, skipped = Tri::kUnknown, offline = Tri::kUnknown,
      incognito = Tri::kUnknown;
  bool has_ts = false, has_end_time = false;
  bool saw_private = false, saw_ip_addr = false, saw_audiobook_keys = false;
  bool saw_music_keys = false, saw_podcast_keys = false, saw_audiobook_account_keys = false;
  // First problem found, if any.
  std::string_view bad_field;
  std::string problem;
};

// Where string values with escapes are unescaped: a buffer the parser owns (not
// simdjson's internal one), so it can be wiped when the parser is kept for
// another import. Strings never outgrow their JSON text, and simdjson's
// block copies overshoot a string's end by less than kPadding bytes.
class StringSpace {
 public:
  static constexpr size_t kPadding = 2 * simdjson::SIMDJSON_PADDING;

  void Reserve(size_t json_size) {
    Track();
    if (json_size + kPadding > capacity_) {
      capacity_ = json_size + json_size / 8 + kPadding;
      data_.reset(new uint8_t[capacity_]);
      high_ = 0;
    }
    dst_ = data_.get();
  }
  // Zeroes every byte a string (or an overshoot) may have reached.
  void Wipe() {
    Track();
    if (data_ != nullptr) std::memset(data_.get(), 0, std::min(capacity_, high_ + kPadding));
    high_ = 0;
    dst_ = data_.get();
  }
  uint8_t*& dst() { return dst_; }
  // Drops every string written so far: the next starts at the beginning,
  // reusing the memory the last chunk's strings took.
  void Restart() {
    Track();
    dst_ = data_.get();
  }

 private:
  void Track() {
    if (dst_ != nullptr) high_ = std::max(high_, static_cast<size_t>(dst_ - data_.get()));
  }
  std::unique_ptr<uint8_t[]> data_;
  size_t capacity_ = 0;
  size_t high_ = 0;
  uint8_t* dst_ = nullptr;
};

// ViewInPlace (below) byte by byte, where the CPU lacks AVX2.
inline bool ViewInPlacePortable(const char* raw, std::string_view* out) {
  for (size_t i = 0; i < 64; ++i) {
    if (raw[i] == '"') {
      *out = {raw, i};
      return true;
    }
    if (raw[i] == '\\') return false;
  }
  return false;
}

// Views the JSON string whose text starts at `raw` (after its opening quote)
// when it ends within 64 bytes and holds no backslash: such a string is its
// own text, and needs no copy. False otherwise. Reads 64 bytes: the string
// starts inside the document, and simdjson's padding covers the rest.
// Stage 1 has already rejected control characters and invalid UTF-8 in
// every string of the document. Spelled out without a helper lambda: with
// one, the field loop kept each value on the stack (see UnescapeIntoSpace).
CHORUS_INLINE bool ViewInPlace(const char* raw, std::string_view* out) {
#if defined(__AVX2__)
  const __m256i quote = _mm256_set1_epi8('"');
  const __m256i backslash = _mm256_set1_epi8('\\');
  const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(raw));
  const __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(raw + 32));
  const uint64_t quotes =
      static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, quote))) |
      uint64_t{static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, quote)))} << 32;
  const uint64_t stops =
      quotes | static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, backslash))) |
      uint64_t{static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, backslash)))} << 32;
  const uint64_t first = stops & (~stops + 1);
  if ((first & quotes) == 0) return false;
  *out = {raw, static_cast<size_t>(std::countr_zero(first))};
  return true;
#else
  return ViewInPlacePortable(raw, out);
#endif
}

class RecordReader {
 public:
  RecordReader(const od::parser& parser, uint8_t*& dst) : parser_(parser), dst_(dst) {}

  // Returns a simdjson error only for malformed JSON; field-level problems
  // are recorded in `rec`.
  simdjson::error_code Read(od::object& obj, RawRecord& rec) {
    size_t position = 0;
    for (auto field_result : obj) {
      od::field field;
      if (auto err = std::move(field_result).get(field)) return err;
      Key key = keys_.Lookup(position++, field.key());
      switch (key) {
        case Key::kUnknown: continue;
        case Key::kPrivate: rec.saw_private = true; continue;
        case Key::kIpAddr: rec.saw_ip_addr = true; continue;
        case Key::kUsername: rec.saw_private = true; break;
        default: break;
      }
      od::value value = field.value();
      od::json_type type;
      if (auto err = value.type().get(type)) return err;
      if (auto err = ReadValue(key, value, type, rec)) return err;
    }
    return simdjson::SUCCESS;
  }

 private:
  static void Problem(RawRecord& rec, Key key, std::string message) {
    if (!rec.bad_field.empty()) return;
    rec.bad_field = KeyText(key);
    rec.problem = std::move(message);
  }
  static void WrongType(RawRecord& rec, Key key, std::string_view expected, od::json_type got) {
    Problem(rec, key, fmt::format("expected {}, found {}", expected, JsonTypeName(got)));
  }

  // A string without escapes is viewed where it stands in the JSON text;
  // one with a backslash, or whose quote is not within the 64 bytes
  // scanned, is unescaped into the string space.
  CHORUS_INLINE simdjson::error_code ReadString(od::value& v, std::string_view* out) {
    od::raw_json_string raw;
    if (auto err = v.get_raw_json_string().get(raw)) return err;
    if (ViewInPlace(raw.raw(), out)) return simdjson::SUCCESS;
    return UnescapeIntoSpace(raw, out);
  }
  // Out of line: inlined as well, it made the compiler keep each field's
  // value on the stack, written in parts and read back whole, a store
  // forwarding stall on every field (perf annotate: 70 % of Read's samples
  // on two such reloads; the one-thread import took 1.4 s instead of 1.1).
  __attribute__((noinline)) simdjson::error_code UnescapeIntoSpace(od::raw_json_string raw,
                                                                   std::string_view* out) {
    return parser_.unescape(raw, dst_).get(*out);
  }

  CHORUS_INLINE simdjson::error_code String(Key key, od::value& v, od::json_type t, RawRecord& rec,
                                            std::string_view* out) {
    if (t == od::json_type::null) return simdjson::SUCCESS;
    if (t != od::json_type::string) {
      WrongType(rec, key, "a string or null", t);
      return simdjson::SUCCESS;
    }
    return ReadString(v, out);
  }

  CHORUS_INLINE static simdjson::error_code Bool(Key key, od::value& v, od::json_type t,
                                                 RawRecord& rec, Tri* out) {
    if (t == od::json_type::null) return simdjson::SUCCESS;
    if (t != od::json_type::boolean) {
      WrongType(rec, key, "true, false or null", t);
      return simdjson::SUCCESS;
    }
    bool b;
    if (auto err = v.get_bool().get(b)) return err;
    *out = b ? Tri::kTrue : Tri::kFalse;
    return simdjson::SUCCESS;
  }

  CHORUS_INLINE static simdjson::error_code Millis(Key key, od::value& v, od::json_type t,
                                                   RawRecord& rec) {
    if (t != od::json_type::number) {
      WrongType(rec, key, "a whole number of milliseconds", t);
      return simdjson::SUCCESS;
    }
    int64_t ms;
    if (v.get_int64().get(ms) != simdjson::SUCCESS || ms < 0 || ms > UINT32_MAX) {
      Problem(rec, key, "expected a whole number of milliseconds from 0 to 4294967295");
      return simdjson::SUCCESS;
    }
    rec.ms = ms;
    return simdjson::SUCCESS;
  }

  CHORUS_INLINE simdjson::error_code ReadValue(Key key, od::value& v, od::json_type t,
                                               RawRecord& rec) {
    switch (key) {
      case Key::kTs: rec.has_ts = true; return String(key, v, t, rec, &rec.ts);
      case Key::kEndTime: rec.has_end_time = true; return String(key, v, t, rec, &rec.end_time);
      case Key::kMsPlayed:
      case Key::kMsPlayedAccount: return Millis(key, v, t, rec);
      case Key::kPlatform: return String(key, v, t, rec, &rec.platform);
      case Key::kTrackName: return String(key, v, t, rec, &rec.track);
      case Key::kAlbumArtist: return String(key, v, t, rec, &rec.album_artist);
      case Key::kAlbumName: return String(key, v, t, rec, &rec.album);
      case Key::kTrackUri: return String(key, v, t, rec, &rec.track_uri);
      case Key::kEpisodeName: return String(key, v, t, rec, &rec.episode);
      case Key::kShowName: return String(key, v, t, rec, &rec.show);
      case Key::kEpisodeUri: return String(key, v, t, rec, &rec.episode_uri);
      case Key::kAudiobookTitle:
        rec.saw_audiobook_keys = true;
        return String(key, v, t, rec, &rec.book);
      case Key::kAudiobookUri:
        rec.saw_audiobook_keys = true;
        return String(key, v, t, rec, &rec.book_uri);
      case Key::kChapterUri:
        rec.saw_audiobook_keys = true;
        return String(key, v, t, rec, &rec.chapter_uri);
      case Key::kChapterTitle:
        rec.saw_audiobook_keys = true;
        return String(key, v, t, rec, &rec.chapter);
      case Key::kUsername:
        // Personal data of no concern to the play: a non-string is ignored,
        // never a reason to reject the row.
        if (t == od::json_type::string) return ReadString(v, &rec.username);
        return simdjson::SUCCESS;
      case Key::kReasonStart: return String(key, v, t, rec, &rec.reason_start);
      case Key::kReasonEnd: return String(key, v, t, rec, &rec.reason_end);
      case Key::kShuffle: return Bool(key, v, t, rec, &rec.shuffle);
      case Key::kSkipped: return Bool(key, v, t, rec, &rec.skipped);
      case Key::kOffline: return Bool(key, v, t, rec, &rec.offline);
      case Key::kIncognito: return Bool(key, v, t, rec, &rec.incognito);
      case Key::kOfflineTimestamp:
        // Validated, then dropped: dedupe does not need it (ms or s, 0, 1 or null).
        if (t != od::json_type::number && t != od::json_type::null)
          WrongType(rec, key, "a number or null", t);
        return simdjson::SUCCESS;
      case Key::kArtistName:
        rec.saw_music_keys = true;
        return String(key, v, t, rec, &rec.artist_name);
      case Key::kAccountTrackName:
        rec.saw_music_keys = true;
        return String(key, v, t, rec, &rec.account_track);
      case Key::kPodcastName:
        rec.saw_podcast_keys = true;
        return String(key, v, t, rec, &rec.podcast);
      case Key::kAccountEpisodeName:
        rec.saw_podcast_keys = true;
        return String(key, v, t, rec, &rec.account_episode);
      case Key::kAudiobookName:
        rec.saw_audiobook_account_keys = true;
        return String(key, v, t, rec, &rec.audiobook_name);
      case Key::kChapterName:
        rec.saw_audiobook_account_keys = true;
        return String(key, v, t, rec, &rec.chapter_name);
      case Key::kAuthorName: rec.saw_audiobook_account_keys = true; return simdjson::SUCCESS;
      default: return simdjson::SUCCESS;
    }
  }

  KeyPredictor keys_;
  const od::parser& parser_;
  uint8_t*& dst_;
};

}  // namespace chorus::formats::spotify_record
