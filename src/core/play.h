// The canonical play: one row per stream, whatever the source (DESIGN.md
// "Canonical play"). Parsers produce PlayBatch values; history/ merges them
// into the PlayLog.
//
// Contract: every string field is an id into the batch's own StringPool; a
// play never carries an IP address, user agent, user name, e-mail or exact
// country: those are dropped by the parsers before a Play exists.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/string_pool.h"

namespace chorus {

enum class Kind : uint8_t { kMusic = 0, kPodcast = 1, kAudiobook = 2, kVideo = 3 };
inline constexpr int kKindCount = 4;
std::string_view KindName(Kind k);

enum class Source : uint8_t {
  kSpotifyExtended = 0,
  kSpotifyAccount = 1,
  kAppleMusic = 2,
  kLastfm = 3,
  kYouTubeMusic = 4,
  // Apple's Daily Tracks and Recently Played: summaries of plays that Play
  // Activity lists one by one.
  kAppleMusicSummary = 5,
  // DJ software (formats/README.md): plays of a DJ's sets, with deck and the
  // tracks' BPM, key and cue/loop facts.
  kTraktor = 6,
  kRekordbox = 7,
  kSerato = 8,
  kMixxx = 9,
};
inline constexpr int kSourceCount = 10;
// A set of sources: bit (1 << Source).
using SourceMask = uint16_t;
std::string_view SourceName(Source s);

// Tri-state: unknown is not false.
enum class Tri : uint8_t { kUnknown = 0, kFalse = 1, kTrue = 2 };

// Normalised start/end reasons (Spotify's vocabulary; others map to kOther).
enum class Reason : uint8_t {
  kUnknown = 0,
  kTrackDone,
  kForwardButton,
  kBackButton,
  kEndPlay,
  kPlayButton,
  kClickRow,
  kAppLoad,
  kRemote,
  kLogout,
  kTrackError,
  kUnexpectedExit,
  kUnexpectedExitWhilePaused,
  kSwitchedToVideo,
  kPopup,
  kOther,
};
Reason ParseReason(std::string_view s);
std::string_view ReasonName(Reason r);

enum class Device : uint8_t {
  kUnknown = 0,
  kPhone,
  kTablet,
  kDesktop,
  kWeb,
  kSpeaker,  // cast targets, smart speakers
  kTv,
  kCar,
  kConsole,
  kWatch,
  kOther,
};
// Coarse device class from a platform string such as "iOS 14.7.1 (iPhone10,3)".
Device ClassifyPlatform(std::string_view platform);
std::string_view DeviceName(Device d);

// A track, episode or chapter: names plus the platform URI when known.
struct ItemRef {
  StrId title = kNoString;   // track / episode / chapter
  StrId artist = kNoString;  // album artist / show / audiobook
  StrId album = kNoString;   // album (music only)
  StrId uri = kNoString;     // spotify:track:… / spotify:episode:…
};

// DJ facts of a *track* (not of a play), from a DJ library or history file.
// Zero is unknown in every field.
struct DjTrackFacts {
  uint16_t bpm_centi = 0;  // BPM × 100, rounded (12800 = 128.00 BPM)
  uint8_t key = 0;         // core/musical_key.h: 1..12 C..B major, 13..24 Cm..Bm
  uint8_t cues = 0;        // cue points (hot and memory), saturating at 255
  uint8_t loops = 0;       // stored loops, saturating at 255
  bool empty() const { return bpm_centi == 0 && key == 0 && cues == 0 && loops == 0; }
  bool operator==(const DjTrackFacts&) const = default;
};

// A distinct track, episode or chapter with its kind.
struct Item {
  Kind kind = Kind::kMusic;
  ItemRef ref;
  bool operator==(const Item& o) const {
    return kind == o.kind && ref.title == o.ref.title && ref.artist == o.ref.artist &&
           ref.album == o.ref.album && ref.uri == o.ref.uri;
  }
};

// Hash of an Item's ids, for maps keyed by Item.
struct ItemHash {
  size_t operator()(const Item& it) const noexcept;
};

struct Play {
  int64_t end_ms = 0;  // UTC instant the stream ended, epoch milliseconds
  uint32_t ms_played = 0;
  // In batches from a Dictionary: the item's dense id there (else unused).
  uint32_t local_item = 0;
  Kind kind = Kind::kMusic;
  Source source = Source::kSpotifyExtended;
  Reason reason_start = Reason::kUnknown;
  Reason reason_end = Reason::kUnknown;
  Tri shuffle = Tri::kUnknown;
  Tri skipped = Tri::kUnknown;
  Tri offline = Tri::kUnknown;
  Tri incognito = Tri::kUnknown;
  Device device = Device::kUnknown;
  // Which export the row came from (index into the import's list of exports):
  // account rows repeated within one export are distinct plays, across
  // exports they are the same play seen twice.
  uint16_t origin = 0;
  // DJ plays: the deck (1 = A/first deck … 7; 0 unknown or not a DJ play).
  uint8_t deck = 0;
  // ms_played is the track's length, not a measured duration (Mixxx set
  // logs: the export does not say how long the deck played).
  bool ms_estimated = false;
  ItemRef item;
};

// A track's DJ facts in a batch: `item` in the batch's strings (dictionary ==
// 0) or `local_item` in the producing Dictionary. Kind is music. Tracks need
// not have plays in the batch: a collection enriches plays from other files.
struct DjTrack {
  ItemRef item;
  uint32_t local_item = 0;
  DjTrackFacts facts;
};

// A record that could not become a play, with the reason a person can read.
struct Rejection {
  std::string file;
  uint64_t record = 0;  // 0-based index in the file's top-level array
  std::string field;    // empty when the record as a whole is at fault
  std::string reason;
  bool no_item = false;  // an all-null row: expected in real exports, not an error
};

// Everything one input file produced. Names are either in the batch's own
// `strings` (dictionary == 0: a self-contained batch), or in the producing
// Dictionary, of which the batch carries what is new since its last batch
// (the PlayLog must then receive that producer's batches in order).
struct PlayBatch {
  std::string file;    // path, or "archive.zip!member" for ZIP members
  std::string format;  // detected format name, e.g. "spotify-extended-v3"
  uint64_t records = 0;
  uint64_t bytes = 0;
  std::vector<Play> plays;
  std::vector<DjTrack> dj_tracks;     // DJ formats only
  std::vector<Rejection> rejections;  // bounded: first few kept, all counted
  uint64_t rejected = 0;
  uint64_t rejected_no_item = 0;
  // SHA-256 (lowercase hex) of each account identifier the file named, e.g.
  // SHA-256("chorus-account-v1:spotify:" + username); sorted, unique. Never
  // the identifier itself (formats/account_digest.h).
  std::vector<std::string> account_digests;
  StringPool strings;

  uint64_t dictionary = 0;
  uint32_t first_new_string = 0;
  std::vector<std::string> new_strings;
  uint32_t first_new_item = 0;
  std::vector<Item> new_items;
};

// A batch for `file` (`bytes` long) holding nothing yet: its format stays
// "ignored" until a parser recognises the content.
PlayBatch NewBatch(std::string file, uint64_t bytes);

// At most this many rejections are kept per batch as examples; all are counted.
inline constexpr size_t kMaxKeptRejections = 20;
void AddRejection(PlayBatch& batch, Rejection r);

}  // namespace chorus
