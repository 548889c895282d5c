// Last.fm API user.getRecentTracks JSON (pages, arrays of pages, bare track
// arrays) with simdjson On-Demand. The contract is in lastfm.h.
#include <fmt/format.h>
#include <simdjson.h>

#include <cstring>
#include <string>

#include "formats/json_util.h"
#include "formats/lastfm.h"

namespace chorus::formats {

namespace od = simdjson::ondemand;
using namespace lastfm_internal;  // NOLINT: the shared Last.fm helpers
using simdjson::error_code;

namespace {

// Calls fn(key, value) for every field of `obj`; stops at the first error.
template <typename Fn>
error_code Fields(od::object& obj, Fn&& fn) {
  for (auto field_result : obj) {
    od::field field;
    if (auto err = std::move(field_result).get(field)) return err;
    if (auto err = fn(field.key(), field.value())) return err;
  }
  return simdjson::SUCCESS;
}

// The same for a value: `*type` receives its type, and fn runs only for objects.
template <typename Fn>
error_code Fields(od::value& v, od::json_type* type, Fn&& fn) {
  if (auto err = v.type().get(*type)) return err;
  if (*type != od::json_type::object) return simdjson::SUCCESS;
  od::object obj;
  if (auto err = v.get_object().get(obj)) return err;
  return Fields(obj, fn);
}

// What one track object said. Views live in the parser's string buffer.
struct RawTrack {
  std::string_view name, artist, album, uts, date_text;
  int64_t uts_number = -1;
  bool has_name = false, artist_object = false, has_date = false, has_attr = false;
  bool now_playing = false, saw_page = false;
  std::string bad_field, problem;  // the first problem found

  void Problem(std::string_view field, std::string message) {
    if (!bad_field.empty()) return;
    bad_field = std::string(field);
    problem = std::move(message);
  }
  // A string (or null, left empty) into *out; anything else is a problem.
  error_code String(od::value& v, std::string_view field, std::string_view* out) {
    od::json_type type;
    if (auto err = v.type().get(type)) return err;
    if (type == od::json_type::string) return v.get_string().get(*out);
    if (type != od::json_type::null)
      Problem(field, fmt::format("expected a string, found {}", JsonTypeName(type)));
    return simdjson::SUCCESS;
  }
};

class JsonReader {
 public:
  JsonReader(PlayBatch& batch, Dictionary& dict) : batch_(batch), dict_(dict) {}
  uint64_t index() const { return index_; }

  // Fields of one object: a track's, or (allow_page) a top-level element that
  // may be a page `{"recenttracks": ...}`, read on the spot. Keys are
  // compared raw: an escaped key is an unknown key.
  error_code ReadObject(od::object& obj, RawTrack& t, bool allow_page) {
    return Fields(obj, [&](od::raw_json_string key, od::value& v) -> error_code {
      if (allow_page && key.is_equal("recenttracks")) {
        t.saw_page = true;
        return Page(v);
      }
      if (key.is_equal("name")) {
        t.has_name = true;
        return t.String(v, "name", &t.name);
      }
      if (key.is_equal("artist")) return Named(v, "artist", t, &t.artist, &t.artist_object);
      if (key.is_equal("album")) return Named(v, "album", t, &t.album, nullptr);
      if (key.is_equal("date")) {
        t.has_date = true;
        return Date(v, t);
      }
      if (key.is_equal("@attr")) {
        t.has_attr = true;
        return Attr(v, t);
      }
      return simdjson::SUCCESS;  // mbid, url, image, streamable, loved: skipped unread
    });
  }

  // One element of a page's `track` (or the single track object).
  error_code TrackValue(od::value& v) {
    od::json_type type;
    if (auto err = v.type().get(type)) return err;
    if (type != od::json_type::object) {
      RejectElement(fmt::format("expected a track object, found {}", JsonTypeName(type)));
      return simdjson::SUCCESS;
    }
    od::object obj;
    if (auto err = v.get_object().get(obj)) return err;
    RawTrack t;
    if (auto err = ReadObject(obj, t, false)) return err;
    Emit(t);
    return simdjson::SUCCESS;
  }

  void Emit(const RawTrack& t) {
    uint64_t i = index_++;
    if (!t.bad_field.empty()) return Reject(batch_, i, t.bad_field, t.problem);
    if (t.now_playing) {
      return Reject(batch_, i, "@attr.nowplaying",
                    "now playing when the page was fetched: not a scrobble (no date)", true);
    }
    int64_t start_ms = 0;
    if (t.uts_number >= 0) {
      if (t.uts_number >= kLastfmEndOfTime)
        return Reject(batch_, i, "date.uts", "Unix seconds beyond the year 2200");
      start_ms = t.uts_number * 1000;
    } else if (!t.uts.empty()) {
      if (!ParseUnixSeconds(t.uts, &start_ms))
        return Reject(batch_, i, "date.uts",
                      fmt::format("{} is not Unix seconds like \"1740693116\"", Quoted(t.uts)));
    } else if (!t.date_text.empty()) {
      if (!ParseLastfmTime(t.date_text, &start_ms))
        return Reject(
            batch_, i, "date.#text",
            fmt::format("{} is not a UTC time like 27 Feb 2025, 21:51", Quoted(t.date_text)));
    } else {
      return Reject(batch_, i, "date", "missing: the track has no scrobble time");
    }
    if (t.name.empty() && t.artist.empty())
      return Reject(batch_, i, "name", "missing: no artist or track name");
    EmitScrobble(start_ms, t.name, t.artist, t.album, dict_, batch_);
  }

  void RejectElement(std::string reason) { Reject(batch_, index_++, "", std::move(reason)); }

 private:
  // `{"#text": ...}` (or extended=1's `{"name": ...}`), or a plain string.
  static error_code Named(od::value& v, std::string_view field, RawTrack& t, std::string_view* out,
                          bool* was_object) {
    od::json_type type;
    auto err = Fields(v, &type, [&](od::raw_json_string key, od::value& value) -> error_code {
      if (key.is_equal("#text")) return t.String(value, fmt::format("{}.#text", field), out);
      if (key.is_equal("name")) return t.String(value, fmt::format("{}.name", field), out);
      return simdjson::SUCCESS;
    });
    if (err || type == od::json_type::object) {
      if (was_object) *was_object = true;
      return err;
    }
    return t.String(v, field, out);
  }

  static error_code Date(od::value& v, RawTrack& t) {
    od::json_type type;
    auto err = Fields(v, &type, [&](od::raw_json_string key, od::value& value) -> error_code {
      if (key.is_equal("#text")) return t.String(value, "date.#text", &t.date_text);
      if (!key.is_equal("uts")) return simdjson::SUCCESS;
      od::json_type uts_type;
      if (auto e = value.type().get(uts_type)) return e;
      if (uts_type != od::json_type::number) return t.String(value, "date.uts", &t.uts);
      int64_t n;
      if (value.get_int64().get(n) != simdjson::SUCCESS || n < 0)
        t.Problem("date.uts", "expected whole Unix seconds from 0");
      else
        t.uts_number = n;
      return simdjson::SUCCESS;
    });
    if (!err && type != od::json_type::object)
      t.Problem("date", fmt::format("expected an object, found {}", JsonTypeName(type)));
    return err;
  }

  // Only `nowplaying` is read; nothing else in @attr is looked at.
  static error_code Attr(od::value& v, RawTrack& t) {
    od::json_type type;
    return Fields(v, &type, [&](od::raw_json_string key, od::value& value) -> error_code {
      if (!key.is_equal("nowplaying")) return simdjson::SUCCESS;
      od::json_type flag;
      std::string_view s;
      bool b = false;
      if (auto err = value.type().get(flag)) return err;
      if (flag == od::json_type::string && value.get_string().get(s) == simdjson::SUCCESS)
        t.now_playing = s == "true";
      if (flag == od::json_type::boolean && value.get_bool().get(b) == simdjson::SUCCESS)
        t.now_playing = b;
      return simdjson::SUCCESS;
    });
  }

  // The value of "recenttracks": `track` is read; `@attr` (user name, page,
  // totals) is skipped unread.
  error_code Page(od::value& v) {
    od::json_type type;
    auto err = Fields(v, &type, [&](od::raw_json_string key, od::value& tracks) -> error_code {
      if (!key.is_equal("track")) return simdjson::SUCCESS;
      od::json_type tracks_type;
      if (auto e = tracks.type().get(tracks_type)) return e;
      if (tracks_type == od::json_type::null) return simdjson::SUCCESS;
      if (tracks_type != od::json_type::array) return TrackValue(tracks);  // one track
      od::array array;
      if (auto e = tracks.get_array().get(array)) return e;
      for (auto element : array) {
        od::value track;
        if (auto e = element.get(track)) return e;
        if (auto e = TrackValue(track)) return e;
      }
      return simdjson::SUCCESS;
    });
    if (!err && type != od::json_type::object) {
      Reject(batch_, index_++, "recenttracks",
             fmt::format("expected an object, found {}", JsonTypeName(type)));
    }
    return err;
  }

  PlayBatch& batch_;
  Dictionary& dict_;
  uint64_t index_ = 0;
};

}  // namespace

Result<PlayBatch> ParseLastfmJson(std::string display, const ByteBuffer& bytes, Dictionary& dict) {
  thread_local od::parser parser;  // reused: its buffers grow to the largest file
  PlayBatch batch = NewBatch(std::move(display), bytes.size());
  const JsonText json = WithoutBom(bytes);
  const char* data = json.data;
  size_t size = json.size;
  size_t capacity = json.capacity;
  if (size == 0 ||
      std::string_view(data, size).find_first_not_of(" \t\r\n") == std::string_view::npos)
    return batch;

  JsonReader reader(batch, dict);
  od::document doc;
  if (auto err = parser.iterate(data, size, capacity).get(doc))
    return JsonFileError(batch.file, 0, err);
  od::json_type top;
  if (auto err = doc.type().get(top)) return JsonFileError(batch.file, 0, err);
  if (top == od::json_type::object) {
    od::object obj;
    RawTrack t;
    if (auto err = doc.get_object().get(obj)) return JsonFileError(batch.file, 0, err);
    if (auto err = reader.ReadObject(obj, t, true))
      return JsonFileError(batch.file, reader.index(), err);
    if (!t.saw_page) return batch;  // e.g. {"error": 6, "message": "User not found"}
  } else if (top == od::json_type::array) {
    od::array array;
    if (auto err = doc.get_array().get(array)) return JsonFileError(batch.file, 0, err);
    enum { kUnknown, kPages, kTracks } mode = kUnknown;
    for (auto element : array) {
      od::value v;
      od::json_type type;
      if (auto err = element.get(v)) return JsonFileError(batch.file, reader.index(), err);
      if (auto err = v.type().get(type)) return JsonFileError(batch.file, reader.index(), err);
      if (type != od::json_type::object) {
        if (mode == kUnknown) return batch;  // [1, 2]: not Last.fm
        reader.RejectElement(fmt::format("expected an object, found {}", JsonTypeName(type)));
        continue;
      }
      od::object obj;
      RawTrack t;
      if (auto err = v.get_object().get(obj)) return JsonFileError(batch.file, reader.index(), err);
      if (auto err = reader.ReadObject(obj, t, mode != kTracks))
        return JsonFileError(batch.file, reader.index(), err);
      if (mode == kUnknown) {
        if (t.saw_page) {
          mode = kPages;
        } else if (t.has_name && t.artist_object && (t.has_date || t.has_attr)) {
          mode = kTracks;  // the fixture's shape: the page's track array alone
        } else {
          return batch;  // an array of something else, e.g. Spotify history rows
        }
      }
      if (t.saw_page) continue;
      if (mode == kPages) {
        reader.RejectElement("expected a {\"recenttracks\": ...} page like the first element");
        continue;
      }
      reader.Emit(t);
    }
    if (mode == kUnknown) return batch;  // []
  } else {
    return batch;
  }
  const char* trailing = nullptr;
  if (doc.current_location().get(trailing) == simdjson::SUCCESS)
    return InvalidInput(fmt::format("{}: unexpected data after the JSON value", batch.file));
  batch.format = "lastfm-api-json";
  batch.records = reader.index();
  return batch;
}

}  // namespace chorus::formats
