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
#include "formats/spotify_record.h"

namespace chorus::formats {

namespace od = simdjson::ondemand;

namespace {

using namespace spotify_keys;    // NOLINT: the key table is this file's vocabulary
using namespace spotify_record;  // NOLINT: and the records it reads

std::string_view Placeholder(std::string_view s) {
  // Account data writes these where the name is unknown; unknown is not a name.
  if (s == "Unknown Artist" || s == "Unknown Track" || s == "Unknown Book" ||
      s == "Unknown Chapter" || s == "Unknown Author")
    return {};
  return s;
}

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

  // Filled where it stays: a Play filled on the stack and then copied in was
  // read back in 16-byte pieces over its fields' smaller stores, which do not
  // forward (perf: half of this function's samples on that copy).
  Play& play = batch.plays.emplace_back();
  auto reject_play = [&](std::string_view field, std::string reason, bool no_item = false) {
    batch.plays.pop_back();
    reject(field, std::move(reason), no_item);
  };
  play.ms_played = static_cast<uint32_t>(rec.ms);
  if (layout == Layout::kExtended) {
    if (!ParseIsoUtc(rec.ts, &play.end_ms))
      return reject_play("ts",
                         fmt::format("\"{}\" is not a UTC time like 2024-01-31T23:59:59Z", rec.ts));
    play.source = Source::kSpotifyExtended;
    if (!pending.has_item)
      return reject_play("", "no track, episode or audiobook: every metadata field is null", true);
    play.reason_start = ParseReason(rec.reason_start);
    play.reason_end = ParseReason(rec.reason_end);
    play.shuffle = rec.shuffle;
    play.skipped = rec.skipped;
    play.offline = rec.offline;
    play.incognito = rec.incognito;
    play.device = devices.DeviceOf(rec.platform);
  } else {
    if (!ParseMinuteUtc(rec.end_time, &play.end_ms))
      return reject_play(
          "endTime", fmt::format("\"{}\" is not a UTC minute like 2024-01-31 23:59", rec.end_time));
    play.source = Source::kSpotifyAccount;
  }
  const ItemFields& f = pending.item;
  play.kind = f.kind;
  play.local_item =
      dict.ItemFor(pending.fingerprint, f.kind, f.title, f.artist, f.album, f.uri, &play.item);
}

// Where a chunk of a record array may end: the comma between two records,
// found by its shape (`}` blanks `,` blanks `{`) at or after `from`; `end`
// when there is none. The shape can also occur inside a string or a nested
// value: a chunk cut there does not parse, and is read again as part of the
// rest of the file (see Impl::Parse), so a wrong guess never changes the
// result.
size_t NextCut(const char* text, size_t from, size_t end) {
  auto blank = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (from < end) {
    const void* hit = std::memchr(text + from, '}', end - from);
    if (hit == nullptr) return end;
    const size_t close = static_cast<size_t>(static_cast<const char*>(hit) - text);
    size_t comma = close + 1;
    while (comma < end && blank(text[comma])) ++comma;
    if (comma < end && text[comma] == ',') {
      size_t open = comma + 1;
      while (open < end && blank(text[open])) ++open;
      if (open < end && text[open] == '{') return comma;
    }
    from = close + 1;
  }
  return end;
}

// One file's records, read a chunk at a time: what carries from chunk to
// chunk, and what a chunk that fails to parse must undo.
class RecordArrayReader {
 public:
  RecordArrayReader(od::parser& parser, StringSpace& strings, Dictionary& dictionary,
                    PlayBatch& batch)
      : parser_(parser),
        strings_(strings),
        dictionary_(dictionary),
        batch_(batch),
        reader_(parser, strings.dst()) {}

  // What a chunk changes, to undo it.
  struct Mark {
    size_t plays, rejections, digests;
    uint64_t rejected, rejected_no_item, index;
    Layout layout;
    std::string format;
    std::string last_username;
  };
  Mark Save() const {
    return {batch_.plays.size(),
            batch_.rejections.size(),
            batch_.account_digests.size(),
            batch_.rejected,
            batch_.rejected_no_item,
            index_,
            layout_,
            batch_.format,
            last_username_};
  }
  void Restore(const Mark& m) {
    batch_.plays.resize(m.plays);
    batch_.rejections.resize(m.rejections);
    batch_.account_digests.resize(m.digests);
    batch_.rejected = m.rejected;
    batch_.rejected_no_item = m.rejected_no_item;
    index_ = m.index;
    layout_ = m.layout;
    batch_.format = m.format;
    last_username_ = m.last_username;
    pending_ = nullptr;
  }

  // Reads the JSON document text[0, size) (an array of records when the
  // file is a history) and emits its records. Sets *ignored when the
  // document is not a history. A simdjson error means malformed JSON; its
  // record is index().
  simdjson::error_code Read(const char* text, size_t size, size_t capacity, bool last,
                            bool* ignored);
  uint64_t index() const { return index_; }
  Layout layout() const { return layout_; }

 private:
  void Flush() {
    if (pending_ != nullptr) Emit(*pending_, layout_, devices_, dictionary_, batch_);
    pending_ = nullptr;
  }

  od::parser& parser_;
  StringSpace& strings_;
  Dictionary& dictionary_;
  PlayBatch& batch_;
  RecordReader reader_;
  DeviceCache devices_;
  Layout layout_ = Layout::kUnknown;
  uint64_t index_ = 0;
  // Two records in turn: the one being read, and the one read before it,
  // emitted after (see PendingRecord). Their views stay valid for the
  // chunk: the string space restarts only when the next chunk is read.
  PendingRecord records_[2];
  PendingRecord* pending_ = nullptr;
  // The user name is hashed only when it changes, so the hot path pays one
  // compare per row.
  std::string last_username_;
};

simdjson::error_code RecordArrayReader::Read(const char* text, size_t size, size_t capacity,
                                             bool last, bool* ignored) {
  *ignored = false;
  // Grow the parser with headroom, or every slightly larger chunk (or file)
  // reallocates its buffers and faults their pages in again.
  if (parser_.capacity() < size) {
    if (auto err = parser_.allocate(size + size / 8)) return err;
  }
  // Every record of earlier chunks is emitted: their strings are done with.
  strings_.Restart();
  od::document doc;
  if (auto err = parser_.iterate(text, size, capacity).get(doc)) return err;
  od::json_type top;
  if (auto err = doc.type().get(top)) return err;
  if (top != od::json_type::array) {
    *ignored = true;  // e.g. Wrapped2024.json, Follow.json: not a history
    return simdjson::SUCCESS;
  }
  od::array array;
  if (auto err = doc.get_array().get(array)) return err;
  for (auto element : array) {
    od::value value;
    if (auto err = element.get(value)) return err;
    od::json_type type;
    if (auto err = value.type().get(type)) return err;
    if (type != od::json_type::object) {
      if (layout_ == Layout::kUnknown) {
        *ignored = true;  // an array of something else entirely
        return simdjson::SUCCESS;
      }
      Flush();
      AddRejection(batch_, {batch_.file, index_, "",
                            fmt::format("expected an object, found {}", JsonTypeName(type))});
      ++index_;
      continue;
    }
    od::object obj;
    if (auto err = value.get_object().get(obj)) return err;
    PendingRecord& current = records_[index_ & 1];
    // Made anew where it lies: `rec = RawRecord()` built a temporary on the
    // stack and copied its 0.5 KB over, reading it back before its stores
    // had landed (perf: a sixth of this function's samples on one reload).
    std::destroy_at(&current.rec);
    std::construct_at(&current.rec);
    current.index = index_;
    RawRecord& rec = current.rec;
    if (auto err = reader_.Read(obj, rec)) return err;
    if (layout_ == Layout::kUnknown) {
      layout_ = LayoutOf(rec);
      if (layout_ == Layout::kUnknown) {
        *ignored = true;  // an array of objects that are not plays
        return simdjson::SUCCESS;
      }
      batch_.format = FormatName(rec);
    }
    if (!rec.username.empty() && rec.username != last_username_) {
      last_username_ = rec.username;
      batch_.account_digests.push_back(AccountDigest("spotify", rec.username));
    }
    current.has_item = ItemOf(rec, layout_, current.item);
    if (current.has_item) {
      const ItemFields& f = current.item;
      current.fingerprint = Dictionary::FingerprintOf(f.kind, f.title, f.artist, f.album, f.uri);
      dictionary_.Prefetch(current.fingerprint);
    }
    Flush();
    pending_ = &current;
    ++index_;
  }
  const char* trailing = nullptr;
  if (doc.current_location().get(trailing) == simdjson::SUCCESS) {
    // Only the last chunk can hold data after its array (a cut chunk ends at
    // the bracket put in place of its comma).
    return last ? simdjson::TRAILING_CONTENT : simdjson::TAPE_ERROR;
  }
  // A chunk's records are all emitted before the next is read, so a failed
  // chunk never takes an earlier record with it.
  Flush();
  return simdjson::SUCCESS;
}

}  // namespace

struct SpotifyHistoryParser::Impl {
  explicit Impl(size_t chunk) : chunk_bytes(chunk) {}
  size_t chunk_bytes;
  od::parser parser;
  StringSpace strings;
  Result<PlayBatch> Parse(std::string display, ByteBuffer& bytes, Dictionary& dictionary);
};

SpotifyHistoryParser::SpotifyHistoryParser(size_t chunk_bytes) : impl_(new Impl(chunk_bytes)) {}
SpotifyHistoryParser::~SpotifyHistoryParser() { delete impl_; }

Result<PlayBatch> SpotifyHistoryParser::Parse(std::string display, ByteBuffer& bytes,
                                              Dictionary& dict) {
  return impl_->Parse(std::move(display), bytes, dict);
}

void SpotifyHistoryParser::Wipe() { impl_->strings.Wipe(); }

size_t SpotifyHistoryParser::capacity() const { return impl_->parser.capacity(); }

Result<PlayBatch> SpotifyHistoryParser::Impl::Parse(std::string display, ByteBuffer& bytes,
                                                    Dictionary& dictionary) {
  PlayBatch batch = NewBatch(std::move(display), bytes.size());
  const JsonText json = WithoutBom(bytes);
  if (json.blank()) {
    batch.format = "empty";
    return batch;
  }
  // Unescaped strings never outgrow the text they came from. The space is
  // reserved for the whole file (a chunk that fails is read again with the
  // rest of the file), but restarts with each chunk, so unless a chunk fails
  // only a chunk's worth of its pages is touched.
  strings.Reserve(json.size);
  // Extended rows take 500-900 bytes; one allocation instead of a doubling chain.
  batch.plays.reserve(json.size / 500 + 16);

  // A record array is read in chunks of about chunk_bytes, each made a
  // document of its own by writing '[' over the comma before its first
  // record and ']' over the one after its last (both put back after), so
  // simdjson's buffers and the strings in use are sized for a chunk, not for
  // the file: for a 12.7 MB Spotify file they held ~9 MB per reader.
  char* const text = bytes.data() + (json.data - bytes.data());
  const size_t size = json.size;
  const size_t first = std::string_view(text, size).find_first_not_of(" \t\r\n");
  const bool chunked = text[first] == '[';
  RecordArrayReader reader(parser, strings, dictionary, batch);
  size_t chunk = chunked ? chunk_bytes : size;
  size_t start = 0;
  for (;;) {
    const size_t cut = NextCut(text, chunk >= size - start ? size : start + chunk, size);
    const bool last = cut == size;
    const RecordArrayReader::Mark mark = reader.Save();
    const char saved_start = text[start];
    if (start > 0) text[start] = '[';
    if (!last) text[cut] = ']';
    bool ignored = false;
    simdjson::error_code err = reader.Read(text + start, last ? size - start : cut + 1 - start,
                                           json.capacity - start, last, &ignored);
    text[start] = saved_start;
    if (!last) text[cut] = ',';
    if ((err != simdjson::SUCCESS || ignored) && !last) {
      // The cut was inside a string or a nested value: read the rest whole.
      // So is a file found not to be a history: whether it is well-formed
      // JSON is a verdict on all of it, not on its first chunk.
      reader.Restore(mark);
      chunk = size;
      continue;
    }
    if (err == simdjson::TRAILING_CONTENT) {
      return InvalidInput(fmt::format("{}: unexpected data after the JSON array", batch.file));
    }
    if (err != simdjson::SUCCESS) return JsonFileError(batch.file, reader.index(), err);
    if (ignored) {
      batch.format = "ignored";
      return batch;
    }
    if (last) break;
    start = cut;
  }
  SortUnique(batch.account_digests);
  batch.records = reader.index();
  if (reader.layout() == Layout::kUnknown) batch.format = "empty";
  return batch;
}

}  // namespace chorus::formats
