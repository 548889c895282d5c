// Spotify history keys: the table of every key the parser acts on, and a
// predictor that recognises a row's keys by position, each in one compare.
//
// Contract: internal to spotify_history.cpp (and its tests).
// KeyPredictor::Lookup returns Key::kUnknown for keys not in kKeys; it reads
// 64 bytes from a raw key, which simdjson's padding covers.
#pragma once

#include <simdjson.h>

#if defined(__AVX2__)
#include <immintrin.h>
#endif

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

// A key name followed by its closing quote, zero-padded to 64 bytes, with
// a mask of the bytes that belong to it (bit per byte, and byte per byte),
// so a raw key compares without a loop: each field's key has its own
// length, and a loop that stopped there mispredicted its exit row after row.
struct KeyPattern {
  alignas(32) std::array<uint8_t, 64> bytes{};
  std::array<uint64_t, 5> word_masks{};  // the first 40 bytes, 0xFF per key byte
  uint64_t bit_mask = 0;                 // bit b: byte b is part of the key
  bool wide = false;                     // the key and its quote pass 32 bytes
};

constexpr bool EveryKeyFits(size_t bytes) {
  for (const KeyName& k : kKeys) {
    if (k.name.size() + 1 > bytes) return false;
  }
  return true;
}
static_assert(EveryKeyFits(40), "a key and its quote must fit the 40 bytes compared");

inline std::array<KeyPattern, kKeys.size()> MakeKeyPatterns() {
  std::array<KeyPattern, kKeys.size()> out{};
  for (size_t i = 0; i < kKeys.size(); ++i) {
    std::string quoted = std::string(kKeys[i].name) + '"';
    KeyPattern& k = out[i];
    for (size_t b = 0; b < quoted.size() && b < 40; ++b) {
      k.bytes[b] = static_cast<uint8_t>(quoted[b]);
      k.word_masks[b / 8] |= uint64_t{0xFF} << (8 * (b % 8));
      k.bit_mask |= uint64_t{1} << b;
    }
    k.wide = quoted.size() > 32;
  }
  return out;
}

inline const std::array<KeyPattern, kKeys.size()> kKeyPatterns = MakeKeyPatterns();

// True when the raw key (pointing after its opening quote) is key `index`,
// in 8-byte words. Reads 40 bytes: every key and its quote fit.
inline bool RawKeyIsPortable(const char* raw, size_t index) {
  static_assert(std::endian::native == std::endian::little, "words are loaded little-endian");
  const KeyPattern& k = kKeyPatterns[index];
  uint64_t differ = 0;
  for (size_t i = 0; i < k.word_masks.size(); ++i) {
    uint64_t word, expected;
    std::memcpy(&word, raw + 8 * i, 8);
    std::memcpy(&expected, k.bytes.data() + 8 * i, 8);
    differ |= (word ^ expected) & k.word_masks[i];
  }
  return differ == 0;
}

// The same, in one 32-byte compare where the CPU has AVX2, and a second for
// the two keys longer than that. Reads 64 bytes at most: a key starts before
// the document's end, and simdjson's padding (64 bytes) covers the rest.
// Most keys touch only the 32 bytes from their start, the line the value
// after them is read from anyway.
CHORUS_INLINE bool RawKeyIs(const char* raw, size_t index) {
#if defined(__AVX2__)
  const KeyPattern& k = kKeyPatterns[index];
  const auto* expected = reinterpret_cast<const __m256i*>(k.bytes.data());
  const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(raw));
  uint64_t equal = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, expected[0])));
  if (k.wide) {
    const __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(raw + 32));
    equal |=
        uint64_t{static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, expected[1])))}
        << 32;
  }
  return (equal & k.bit_mask) == k.bit_mask;
#else
  return RawKeyIsPortable(raw, index);
#endif
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
