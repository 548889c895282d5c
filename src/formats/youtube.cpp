// The rules shared by both YouTube readers, and the watch-history.json reader.
#include "formats/youtube.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <cstring>
#include <string>
#include <string_view>

#include "core/time_util.h"
#include "formats/json_util.h"
#include "formats/youtube_entry.h"

namespace chorus::formats {

namespace youtube_detail {

namespace {

bool IsVideoIdChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

bool IsYouTubeHost(std::string_view host) {
  constexpr std::string_view kDomain = "youtube.com";
  if (host == kDomain) return true;
  return host.size() > kDomain.size() && host.ends_with(kDomain) &&
         host[host.size() - kDomain.size() - 1] == '.';
}

}  // namespace

void VideoUri(std::string_view url, std::string& out) {
  out.clear();
  if (url.starts_with("https://")) {
    url.remove_prefix(8);
  } else if (url.starts_with("http://")) {
    url.remove_prefix(7);
  } else {
    return;
  }
  size_t slash = url.find('/');
  if (slash == std::string_view::npos) return;
  std::string_view host = url.substr(0, slash);
  std::string_view rest = url.substr(slash);  // "/watch?v=ID&…" or "/ID"
  std::string_view id;
  if (host == "youtu.be") {
    id = rest.substr(1);
    id = id.substr(0, id.find_first_of("?#"));
  } else if (IsYouTubeHost(host) && rest.starts_with("/watch?")) {
    std::string_view query = rest.substr(7);
    query = query.substr(0, query.find('#'));
    while (!query.empty()) {
      std::string_view param = query.substr(0, query.find('&'));
      if (param.starts_with("v=")) {
        id = param.substr(2);
        break;
      }
      if (param.size() == query.size()) break;
      query.remove_prefix(param.size() + 1);
    }
  } else {
    return;
  }
  if (id.empty() || id.size() > 64) return;
  for (char c : id) {
    if (!IsVideoIdChar(c)) return;
  }
  out.append("youtube:").append(id);
}

std::string_view ArtistOf(std::string_view channel) {
  constexpr std::string_view kTopic = " - Topic";
  if (channel.ends_with(kTopic)) channel.remove_suffix(kTopic.size());
  return channel;
}

std::string_view TitleOf(std::string_view title) {
  for (std::string_view verb :
       {std::string_view("Watched "), std::string_view("Watched\xC2\xA0")}) {
    if (title.starts_with(verb)) {
      title.remove_prefix(verb.size());
      break;
    }
  }
  // Takeout writes the URL where it does not know the title.
  if (title.starts_with("https://") || title.starts_with("http://")) return {};
  if (title == "a video that has been removed") return {};
  return title;
}

std::string_view Clip(std::string_view s) {
  constexpr size_t kMax = 60;
  if (s.size() <= kMax) return s;
  size_t n = kMax;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

void Reject(PlayBatch& batch, uint64_t index, std::string_view field, std::string_view reason,
            bool no_item) {
  if (batch.rejections.size() >= kMaxKeptRejections) {
    AddRejection(batch, {{}, index, {}, {}, no_item});  // counted, not kept: no strings
    return;
  }
  AddRejection(batch, {batch.file, index, std::string(field), std::string(reason), no_item});
}

void Emit(const Entry& e, const Style& style, uint64_t index, Dictionary& dict, PlayBatch& batch,
          std::string& uri) {
  const bool keep = batch.rejections.size() < kMaxKeptRejections;
  if (e.header != kMusicHeader) {
    return Reject(batch, index, "header",
                  keep ? fmt::format("not a YouTube Music play (header \"{}\")", Clip(e.header))
                       : std::string(),
                  true);
  }
  VideoUri(e.url, uri);
  if (uri.empty() && !e.url.empty()) {
    return Reject(batch, index, style.link_field,
                  "the link is not a YouTube video (a post, search or ad): not a watch", true);
  }
  if (uri.empty() && !e.has_channel) {
    return Reject(batch, index, style.link_field, "no video link and no channel: a removed video",
                  true);
  }
  Play play;
  if (!e.has_time || e.time.empty()) return Reject(batch, index, "time", "missing", false);
  if (!style.parse_time(e.time, &play.end_ms)) {
    return Reject(
        batch, index, "time",
        keep ? fmt::format("\"{}\" is not a time like {}", Clip(e.time), style.time_example)
             : std::string(),
        false);
  }
  // Takeout gives the start of the watch and no duration: end = start, 0 ms.
  play.ms_played = 0;
  play.kind = Kind::kMusic;
  play.source = Source::kYouTubeMusic;
  play.local_item =
      dict.ItemFor(Kind::kMusic, TitleOf(e.title), ArtistOf(e.channel), {}, uri, &play.item);
  batch.plays.push_back(play);
}

}  // namespace youtube_detail

namespace {

namespace od = simdjson::ondemand;
using youtube_detail::Entry;

// One array element. Views point into the parser's string buffer.
struct JsonRecord {
  Entry entry;
  bool saw_header = false, saw_title = false;
  std::string_view bad_field;  // first problem found, if any
  std::string problem;

  void Problem(std::string_view field, std::string message) {
    if (!bad_field.empty()) return;
    bad_field = field;
    problem = std::move(message);
  }
};

// A string value into `out`; null reads as absent.
simdjson::error_code ReadString(od::value& v, std::string_view field, JsonRecord& rec,
                                std::string_view* out) {
  od::json_type t;
  if (auto err = v.type().get(t)) return err;
  if (t == od::json_type::null) return simdjson::SUCCESS;
  if (t != od::json_type::string) {
    rec.Problem(field, fmt::format("expected a string, found {}", JsonTypeName(t)));
    return simdjson::SUCCESS;
  }
  return v.get_string().get(*out);
}

// subtitles: [{name, url}, …]; the channel is the first with both (the
// "Visited YouTube Music" entries' subtitles have no url: not channels).
simdjson::error_code ReadSubtitles(od::value& v, JsonRecord& rec) {
  od::json_type t;
  if (auto err = v.type().get(t)) return err;
  if (t == od::json_type::null) return simdjson::SUCCESS;
  if (t != od::json_type::array) {
    rec.Problem("subtitles", fmt::format("expected an array, found {}", JsonTypeName(t)));
    return simdjson::SUCCESS;
  }
  od::array subtitles;
  if (auto err = v.get_array().get(subtitles)) return err;
  for (auto element : subtitles) {
    od::value sub;
    if (auto err = element.get(sub)) return err;
    if (auto err = sub.type().get(t)) return err;
    if (t != od::json_type::object) continue;  // not a channel
    od::object obj;
    if (auto err = sub.get_object().get(obj)) return err;
    std::string_view name;
    bool has_name = false, has_url = false;
    for (auto field_result : obj) {
      od::field field;
      if (auto err = std::move(field_result).get(field)) return err;
      std::string_view key;
      if (auto err = field.unescaped_key().get(key)) return err;
      if (key != "name" && key != "url") continue;
      od::value value = field.value();
      if (auto err = value.type().get(t)) return err;
      if (t != od::json_type::string) continue;
      if (key == "url") {
        has_url = true;  // its text is not needed
      } else {
        if (auto err = value.get_string().get(name)) return err;
        has_name = true;
      }
    }
    if (has_name && has_url && !rec.entry.has_channel) {
      rec.entry.channel = name;
      rec.entry.has_channel = true;
    }
  }
  return simdjson::SUCCESS;
}

// Reads the keys chorus uses; every other key (details, activityControls,
// products, description, …) is skipped unread.
simdjson::error_code ReadRecord(od::object& obj, JsonRecord& rec) {
  for (auto field_result : obj) {
    od::field field;
    if (auto err = std::move(field_result).get(field)) return err;
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) return err;
    if (key == "header") {
      rec.saw_header = true;
      if (auto err = ReadString(field.value(), "header", rec, &rec.entry.header)) return err;
    } else if (key == "title") {
      rec.saw_title = true;
      if (auto err = ReadString(field.value(), "title", rec, &rec.entry.title)) return err;
    } else if (key == "titleUrl") {
      if (auto err = ReadString(field.value(), "titleUrl", rec, &rec.entry.url)) return err;
    } else if (key == "subtitles") {
      if (auto err = ReadSubtitles(field.value(), rec)) return err;
    } else if (key == "time") {
      rec.entry.has_time = true;
      if (auto err = ReadString(field.value(), "time", rec, &rec.entry.time)) return err;
    }
  }
  return simdjson::SUCCESS;
}

constexpr youtube_detail::Style kJsonStyle{"titleUrl", "2024-01-31T23:59:59.123Z", &ParseIsoUtc};

}  // namespace

Result<PlayBatch> ParseYouTubeJson(std::string display, const ByteBuffer& bytes, Dictionary& dict) {
  PlayBatch batch = NewBatch(std::move(display), bytes.size());
  const JsonText json = WithoutBom(bytes);
  if (json.blank()) {
    batch.format = "empty";
    return batch;
  }

  thread_local od::parser parser;  // reused: its buffers grow to the largest file
  od::document doc;
  if (auto err = parser.iterate(json.data, json.size, json.capacity).get(doc))
    return JsonFileError(batch.file, 0, err);
  od::json_type top;
  if (auto err = doc.type().get(top)) return JsonFileError(batch.file, 0, err);
  if (top != od::json_type::array) {
    batch.format = "ignored";
    return batch;
  }
  od::array array;
  if (auto err = doc.get_array().get(array)) return JsonFileError(batch.file, 0, err);

  uint64_t index = 0;
  std::string uri;
  for (auto element : array) {
    od::value value;
    if (auto err = element.get(value)) return JsonFileError(batch.file, index, err);
    od::json_type type;
    if (auto err = value.type().get(type)) return JsonFileError(batch.file, index, err);
    if (type != od::json_type::object) {
      if (index == 0) {
        batch.format = "ignored";  // an array of something else entirely
        return batch;
      }
      youtube_detail::Reject(
          batch, index, "", fmt::format("expected an object, found {}", JsonTypeName(type)), false);
      ++index;
      continue;
    }
    od::object obj;
    if (auto err = value.get_object().get(obj)) return JsonFileError(batch.file, index, err);
    JsonRecord rec;
    if (auto err = ReadRecord(obj, rec)) return JsonFileError(batch.file, index, err);
    if (index == 0) {
      // Detected by keys: Takeout activity entries have header, title and time.
      if (!rec.saw_header || !rec.saw_title || !rec.entry.has_time) {
        batch.format = "ignored";
        return batch;
      }
      batch.format = "youtube-watch-json";
    }
    if (rec.bad_field == "header") {
      youtube_detail::Reject(batch, index, "header", rec.problem, false);
    } else if (rec.entry.header.empty()) {
      youtube_detail::Reject(batch, index, "header", "missing", false);
    } else if (rec.entry.header == youtube_detail::kMusicHeader && !rec.bad_field.empty()) {
      youtube_detail::Reject(batch, index, rec.bad_field, rec.problem, false);
    } else {
      youtube_detail::Emit(rec.entry, kJsonStyle, index, dict, batch, uri);
    }
    ++index;
  }
  const char* trailing = nullptr;
  if (doc.current_location().get(trailing) == simdjson::SUCCESS) {
    return InvalidInput(fmt::format("{}: unexpected data after the JSON array", batch.file));
  }
  batch.records = index;
  if (index == 0) batch.format = "empty";
  return batch;
}

}  // namespace chorus::formats
