#include "formats/spotify_history.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/dictionary.h"
#include "core/time_util.h"
#include "formats/account_digest.h"
#include "formats/json_util.h"
#include "formats/spotify_keys.h"

namespace chorus::formats {

namespace od = simdjson::ondemand;

namespace {

using namespace spotify_keys;  // NOLINT: the key table is this file's vocabulary

// What one record said, before it becomes a Play. Views point into the
// parser's string buffer and die with the document.
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

std::string_view Placeholder(std::string_view s) {
  // Account data writes these where the name is unknown; unknown is not a name.
  if (s == "Unknown Artist" || s == "Unknown Track" || s == "Unknown Book" ||
      s == "Unknown Chapter" || s == "Unknown Author")
    return {};
  return s;
}

// Where string values are unescaped: a buffer the parser owns (not
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

 private:
  void Track() {
    if (dst_ != nullptr) high_ = std::max(high_, static_cast<size_t>(dst_ - data_.get()));
  }
  std::unique_ptr<uint8_t[]> data_;
  size_t capacity_ = 0;
  size_t high_ = 0;
  uint8_t* dst_ = nullptr;
};

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

  CHORUS_INLINE simdjson::error_code Unescape(od::value& v, std::string_view* out) {
    od::raw_json_string raw;
    if (auto err = v.get_raw_json_string().get(raw)) return err;
    return parser_.unescape(raw, dst_).get(*out);
  }

  CHORUS_INLINE simdjson::error_code String(Key key, od::value& v, od::json_type t, RawRecord& rec,
                                            std::string_view* out) {
    if (t == od::json_type::null) return simdjson::SUCCESS;
    if (t != od::json_type::string) {
      WrongType(rec, key, "a string or null", t);
      return simdjson::SUCCESS;
    }
    return Unescape(v, out);
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
        if (t == od::json_type::string) return Unescape(v, &rec.username);
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

enum class Layout { kUnknown, kExtended, kAccount };

Layout LayoutOf(const RawRecord& rec) {
  if (rec.has_ts) return Layout::kExtended;
  if (rec.has_end_time) return Layout::kAccount;
  return Layout::kUnknown;
}

std::string FormatName(const RawRecord& first) {
  if (LayoutOf(first) == Layout::kExtended) {
    if (first.saw_audiobook_keys) return "spotify-extended-v3";
    if (first.saw_ip_addr && !first.saw_private) return "spotify-extended-v2";
    return "spotify-extended-v1";
  }
  if (first.saw_audiobook_account_keys) return "spotify-account-audiobook";
  if (first.saw_podcast_keys) return "spotify-account-podcast";
  return "spotify-account-music";
}

// Memo of work that repeats row after row: platform strings map to few
// devices.
class DeviceCache {
 public:
  Device DeviceOf(std::string_view platform) {
    if (platform == last_platform_) return last_device_;
    auto it = devices_.find(platform);
    Device d = it != devices_.end() ? it->second : ClassifyPlatform(platform);
    if (it == devices_.end()) devices_.emplace(std::string(platform), d);
    last_platform_.assign(platform);
    last_device_ = d;
    return d;
  }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>()(s);
    }
  };
  std::string last_platform_;
  Device last_device_ = Device::kUnknown;
  std::unordered_map<std::string, Device, Hash, std::equal_to<>> devices_;
};

// The item a record names, before it is interned.
struct ItemFields {
  Kind kind = Kind::kMusic;
  std::string_view title, artist, album, uri;
};

// False when the record names nothing: every metadata field is null.
bool ItemOf(const RawRecord& rec, Layout layout, ItemFields& f) {
  if (layout == Layout::kExtended) {
    if (!rec.book.empty() || !rec.book_uri.empty() || !rec.chapter_uri.empty()) {
      f = {Kind::kAudiobook,
           rec.chapter,
           rec.book,
           {},
           rec.chapter_uri.empty() ? rec.book_uri : rec.chapter_uri};
    } else if (!rec.episode_uri.empty() || !rec.episode.empty()) {
      f = {Kind::kPodcast, rec.episode, rec.show, {}, rec.episode_uri};
    } else if (!rec.track_uri.empty() || !rec.track.empty()) {
      f = {Kind::kMusic, rec.track, rec.album_artist, rec.album, rec.track_uri};
    } else {
      return false;
    }
  } else if (rec.saw_audiobook_account_keys) {
    f = {Kind::kAudiobook, Placeholder(rec.chapter_name), Placeholder(rec.audiobook_name), {}, {}};
  } else if (rec.saw_podcast_keys) {
    f = {Kind::kPodcast, rec.account_episode, rec.podcast, {}, {}};
  } else {
    f = {Kind::kMusic, Placeholder(rec.account_track), Placeholder(rec.artist_name), {}, {}};
  }
  return true;
}

// A record read but not yet turned into a play: the parser emits each row
// one row late, so the dictionary slot it needs (prefetched when it was
// read) has arrived by then instead of stalling the row.
struct PendingRecord {
  RawRecord rec;
  uint64_t index = 0;
  bool has_item = false;
  ItemFields item;
  Dictionary::Fingerprint fingerprint;
};

// Turns a record into a play in `batch`, or a rejection.
void Emit(const PendingRecord& pending, Layout layout, DeviceCache& devices, Dictionary& dict,
          PlayBatch& batch) {
  const RawRecord& rec = pending.rec;
  auto reject = [&](std::string_view field, std::string reason, bool no_item = false) {
    AddRejection(batch,
                 {batch.file, pending.index, std::string(field), std::move(reason), no_item});
  };
  if (!rec.bad_field.empty()) return reject(rec.bad_field, rec.problem);
  if (LayoutOf(rec) != layout) {
    return reject(layout == Layout::kExtended ? "ts" : "endTime",
                  "missing: this record does not match the rest of the file");
  }
  if (rec.ms < 0) return reject(layout == Layout::kExtended ? "ms_played" : "msPlayed", "missing");

  Play play;
  play.ms_played = static_cast<uint32_t>(rec.ms);
  if (layout == Layout::kExtended) {
    if (!ParseIsoUtc(rec.ts, &play.end_ms))
      return reject("ts",
                    fmt::format("\"{}\" is not a UTC time like 2024-01-31T23:59:59Z", rec.ts));
    play.source = Source::kSpotifyExtended;
    if (!pending.has_item)
      return reject("", "no track, episode or audiobook: every metadata field is null", true);
    play.reason_start = ParseReason(rec.reason_start);
    play.reason_end = ParseReason(rec.reason_end);
    play.shuffle = rec.shuffle;
    play.skipped = rec.skipped;
    play.offline = rec.offline;
    play.incognito = rec.incognito;
    play.device = devices.DeviceOf(rec.platform);
  } else {
    if (!ParseMinuteUtc(rec.end_time, &play.end_ms))
      return reject("endTime",
                    fmt::format("\"{}\" is not a UTC minute like 2024-01-31 23:59", rec.end_time));
    play.source = Source::kSpotifyAccount;
  }
  const ItemFields& f = pending.item;
  play.kind = f.kind;
  play.local_item =
      dict.ItemFor(pending.fingerprint, f.kind, f.title, f.artist, f.album, f.uri, &play.item);
  batch.plays.push_back(play);
}

}  // namespace

struct SpotifyHistoryParser::Impl {
  od::parser parser;
  StringSpace strings;
  Result<PlayBatch> Parse(std::string display, const ByteBuffer& bytes, Dictionary& dictionary);
};

SpotifyHistoryParser::SpotifyHistoryParser() : impl_(new Impl) {}
SpotifyHistoryParser::~SpotifyHistoryParser() { delete impl_; }

Result<PlayBatch> SpotifyHistoryParser::Parse(std::string display, const ByteBuffer& bytes,
                                              Dictionary& dict) {
  return impl_->Parse(std::move(display), bytes, dict);
}

void SpotifyHistoryParser::Wipe() { impl_->strings.Wipe(); }

size_t SpotifyHistoryParser::capacity() const { return impl_->parser.capacity(); }

Result<PlayBatch> SpotifyHistoryParser::Impl::Parse(std::string display, const ByteBuffer& bytes,
                                                    Dictionary& dictionary) {
  PlayBatch batch = NewBatch(std::move(display), bytes.size());
  const JsonText json = WithoutBom(bytes);
  const size_t size = json.size;
  if (json.blank()) {
    batch.format = "empty";
    return batch;
  }

  // Spotify's files are all near 12.7 MB but differ by bytes: grow the
  // parser with headroom, or every slightly larger file reallocates its
  // buffers (and faults their pages in again).
  if (parser.capacity() < size) {
    if (auto err = parser.allocate(size + size / 8)) return JsonFileError(batch.file, 0, err);
  }
  strings.Reserve(size);
  od::document doc;
  if (auto err = parser.iterate(json.data, size, json.capacity).get(doc))
    return JsonFileError(batch.file, 0, err);
  od::json_type top;
  if (auto err = doc.type().get(top)) return JsonFileError(batch.file, 0, err);
  if (top != od::json_type::array) {
    batch.format = "ignored";  // e.g. Wrapped2024.json, Follow.json: not a history
    return batch;
  }
  od::array array;
  if (auto err = doc.get_array().get(array)) return JsonFileError(batch.file, 0, err);

  // Extended rows take 500-900 bytes; one allocation instead of a doubling chain.
  batch.plays.reserve(size / 500 + 16);
  Layout layout = Layout::kUnknown;
  uint64_t index = 0;
  RecordReader reader(parser, strings.dst());
  DeviceCache devices;
  // Two records in turn: the one being read, and the one read before it,
  // emitted after (see PendingRecord). Their views stay valid for the whole
  // document: strings.dst() only moves forward.
  PendingRecord records[2];
  PendingRecord* pending = nullptr;
  auto flush = [&] {
    if (pending != nullptr) Emit(*pending, layout, devices, dictionary, batch);
    pending = nullptr;
  };
  // Views into the document's string buffer (valid until the next file):
  // the user name is hashed only when it changes, so the hot path pays one
  // compare per row.
  std::string_view last_username;
  for (auto element : array) {
    od::value value;
    if (auto err = element.get(value)) return JsonFileError(batch.file, index, err);
    od::json_type type;
    if (auto err = value.type().get(type)) return JsonFileError(batch.file, index, err);
    if (type != od::json_type::object) {
      if (layout == Layout::kUnknown) {
        batch.format = "ignored";  // an array of something else entirely
        return batch;
      }
      flush();
      AddRejection(batch, {batch.file, index, "",
                           fmt::format("expected an object, found {}", JsonTypeName(type))});
      ++index;
      continue;
    }
    od::object obj;
    if (auto err = value.get_object().get(obj)) return JsonFileError(batch.file, index, err);
    PendingRecord& current = records[index & 1];
    current.rec = RawRecord();
    current.index = index;
    RawRecord& rec = current.rec;
    if (auto err = reader.Read(obj, rec)) return JsonFileError(batch.file, index, err);
    if (layout == Layout::kUnknown) {
      layout = LayoutOf(rec);
      if (layout == Layout::kUnknown) {
        batch.format = "ignored";  // an array of objects that are not plays
        return batch;
      }
      batch.format = FormatName(rec);
    }
    if (!rec.username.empty() && rec.username != last_username) {
      last_username = rec.username;
      batch.account_digests.push_back(AccountDigest("spotify", rec.username));
    }
    current.has_item = ItemOf(rec, layout, current.item);
    if (current.has_item) {
      const ItemFields& f = current.item;
      current.fingerprint = Dictionary::FingerprintOf(f.kind, f.title, f.artist, f.album, f.uri);
      dictionary.Prefetch(current.fingerprint);
    }
    flush();
    pending = &current;
    ++index;
  }
  flush();
  SortUnique(batch.account_digests);
  const char* trailing = nullptr;
  if (doc.current_location().get(trailing) == simdjson::SUCCESS) {
    return InvalidInput(fmt::format("{}: unexpected data after the JSON array", batch.file));
  }
  batch.records = index;
  if (layout == Layout::kUnknown) batch.format = "empty";
  return batch;
}

}  // namespace chorus::formats
