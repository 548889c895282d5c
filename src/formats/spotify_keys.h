// Spotify history keys: the table of every key the parser acts on, and a
// predictor that recognises a row's keys in a few word compares.
//
// Contract: internal to spotify_history.cpp (one translation unit includes
// it). KeyPredictor::Lookup returns Key::kUnknown for keys not in kKeys;
// it reads at most 40 bytes from a raw key, which simdjson's padding covers.
#pragma once

#include <simdjson.h>

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

// The per-field path runs ~35 million times per GB: keep simdjson's value
// objects in registers instead of spilling them for out-of-line calls.
#define CHORUS_INLINE __attribute__((always_inline)) inline

namespace chorus::formats::spotify_keys {

namespace od = simdjson::ondemand;

// Every key we act on. Keys not listed (conn_country, ip_addr*,
// user_agent_decrypted, unknown future keys) are skipped without reading
// their values; `username` is read only to be hashed (account_digest.h).
enum class Key : uint8_t {
  kUnknown,
  kPrivate,   // personal data: skipped unread, but tells the generation
  kIpAddr,    // v2/v3 key, skipped unread
  kUsername,  // personal (tells the generation like kPrivate): hashed, never kept
  kTs,
  kPlatform,
  kMsPlayed,
  kTrackName,
  kAlbumArtist,
  kAlbumName,
  kTrackUri,
  kEpisodeName,
  kShowName,
  kEpisodeUri,
  kAudiobookTitle,
  kAudiobookUri,
  kChapterUri,
  kChapterTitle,
  kReasonStart,
  kReasonEnd,
  kShuffle,
  kSkipped,
  kOffline,
  kOfflineTimestamp,
  kIncognito,
  kEndTime,
  kMsPlayedAccount,
  kArtistName,
  kAccountTrackName,
  kPodcastName,
  kAccountEpisodeName,
  kAudiobookName,
  kChapterName,
  kAuthorName,
};

struct KeyName {
  std::string_view name;
  Key key;
};

constexpr std::array<KeyName, 36> kKeys{{
    {"ts", Key::kTs},
    {"platform", Key::kPlatform},
    {"ms_played", Key::kMsPlayed},
    {"conn_country", Key::kUnknown},
    {"ip_addr", Key::kIpAddr},
    {"ip_addr_decrypted", Key::kPrivate},
    {"username", Key::kUsername},
    {"user_agent_decrypted", Key::kPrivate},
    {"master_metadata_track_name", Key::kTrackName},
    {"master_metadata_album_artist_name", Key::kAlbumArtist},
    {"master_metadata_album_album_name", Key::kAlbumName},
    {"spotify_track_uri", Key::kTrackUri},
    {"episode_name", Key::kEpisodeName},
    {"episode_show_name", Key::kShowName},
    {"spotify_episode_uri", Key::kEpisodeUri},
    {"audiobook_title", Key::kAudiobookTitle},
    {"audiobook_uri", Key::kAudiobookUri},
    {"audiobook_chapter_uri", Key::kChapterUri},
    {"audiobook_chapter_title", Key::kChapterTitle},
    {"reason_start", Key::kReasonStart},
    {"reason_end", Key::kReasonEnd},
    {"shuffle", Key::kShuffle},
    {"skipped", Key::kSkipped},
    {"offline", Key::kOffline},
    {"offline_timestamp", Key::kOfflineTimestamp},
    {"incognito_mode", Key::kIncognito},
    {"endTime", Key::kEndTime},
    {"msPlayed", Key::kMsPlayedAccount},
    {"artistName", Key::kArtistName},
    {"trackName", Key::kAccountTrackName},
    {"podcastName", Key::kPodcastName},
    {"episodeName", Key::kAccountEpisodeName},
    {"audiobookName", Key::kAudiobookName},
    {"chapterName", Key::kChapterName},
    {"authorName", Key::kAuthorName},
    {"", Key::kUnknown},
}};

// string_view comparison: a key with an escape arrives as an empty view with
// a null pointer, which memcmp must never see (found by fuzzing).
inline bool KeyIs(size_t index, std::string_view k) { return kKeys[index].name == k; }

// A key name followed by its closing quote, zero-padded to whole words, so
// a raw key compares in a few 8-byte loads without a memcmp call.
struct WordKey {
  std::array<uint64_t, 5> words{};
  size_t count = 0;        // words to compare
  uint64_t last_mask = 0;  // bytes of the last word that belong to the key
};

inline std::array<WordKey, kKeys.size()> MakeWordKeys() {
  std::array<WordKey, kKeys.size()> out{};
  for (size_t i = 0; i < kKeys.size(); ++i) {
    std::string quoted = std::string(kKeys[i].name) + '"';
    WordKey& w = out[i];
    static_assert(std::endian::native == std::endian::little, "words are loaded little-endian");
    for (size_t b = 0; b < quoted.size() && b < 8 * w.words.size(); ++b)
      w.words[b / 8] |= uint64_t{static_cast<uint8_t>(quoted[b])} << (8 * (b % 8));
    w.count = (quoted.size() + 7) / 8;
    size_t tail = quoted.size() % 8;
    w.last_mask = tail == 0 ? ~uint64_t{0} : (uint64_t{1} << (8 * tail)) - 1;
  }
  return out;
}

inline const std::array<WordKey, kKeys.size()> kWordKeys = MakeWordKeys();

// True when the raw key (pointing after its opening quote) is key `index`.
// Reads up to 40 bytes: within simdjson's padding at worst.
CHORUS_INLINE bool RawKeyIs(const char* raw, size_t index) {
  const WordKey& w = kWordKeys[index];
  for (size_t i = 0; i < w.count; ++i) {
    uint64_t word;
    std::memcpy(&word, raw + 8 * i, 8);
    if (i + 1 == w.count) word &= w.last_mask;
    if (word != w.words[i]) return false;
  }
  return true;
}

// Rows of one file list their keys in the same order, so the key at field
// position p is almost always the one seen at p in the previous row.
class KeyPredictor {
 public:
  Key Lookup(size_t position, od::raw_json_string raw) {
    if (position < kSlots && RawKeyIs(raw.raw(), predicted_[position]))
      return kKeys[predicted_[position]].key;
    std::string_view k = RawKey(raw);
    for (size_t i = 0; i < kKeys.size(); ++i) {
      if (KeyIs(i, k)) {
        if (position < kSlots) predicted_[position] = static_cast<uint8_t>(i);
        return kKeys[i].key;
      }
    }
    return Key::kUnknown;
  }

 private:
  // The raw key text between the quotes; keys with escapes (never seen in
  // real exports) are treated as unknown.
  static std::string_view RawKey(od::raw_json_string raw) {
    const char* start = raw.raw();
    const char* p = start;
    while (*p != '"') {
      if (*p == '\\') return {};
      ++p;
    }
    return {start, static_cast<size_t>(p - start)};
  }

  static constexpr size_t kSlots = 40;
  std::array<uint8_t, kSlots> predicted_{};
};

inline std::string_view KeyText(Key key) {
  for (const KeyName& kn : kKeys) {
    if (kn.key == key) return kn.name;
  }
  return "?";
}

}  // namespace chorus::formats::spotify_keys
