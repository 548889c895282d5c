#include "core/play.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace chorus {

std::string_view KindName(Kind k) {
  switch (k) {
    case Kind::kMusic: return "music";
    case Kind::kPodcast: return "podcast";
    case Kind::kAudiobook: return "audiobook";
    case Kind::kVideo: return "video";
  }
  return "unknown";
}

std::string_view SourceName(Source s) {
  switch (s) {
    case Source::kSpotifyExtended: return "spotify-extended";
    case Source::kSpotifyAccount: return "spotify-account";
    case Source::kAppleMusic: return "apple-music";
    case Source::kLastfm: return "lastfm";
    case Source::kYouTubeMusic: return "youtube-music";
    case Source::kAppleMusicSummary: return "apple-music-summary";
    case Source::kTraktor: return "traktor";
    case Source::kRekordbox: return "rekordbox";
    case Source::kSerato: return "serato";
    case Source::kMixxx: return "mixxx";
  }
  return "unknown";
}

namespace {
constexpr std::array<std::pair<std::string_view, Reason>, 15> kReasons{{
    {"trackdone", Reason::kTrackDone},
    {"fwdbtn", Reason::kForwardButton},
    {"backbtn", Reason::kBackButton},
    {"endplay", Reason::kEndPlay},
    {"playbtn", Reason::kPlayButton},
    {"clickrow", Reason::kClickRow},
    {"appload", Reason::kAppLoad},
    {"remote", Reason::kRemote},
    {"logout", Reason::kLogout},
    {"trackerror", Reason::kTrackError},
    {"unexpected-exit", Reason::kUnexpectedExit},
    {"unexpected-exit-while-paused", Reason::kUnexpectedExitWhilePaused},
    {"switched-to-video", Reason::kSwitchedToVideo},
    {"popup", Reason::kPopup},
    {"unknown", Reason::kUnknown},
}};

// Every extended-history row names two reasons: each is found by one
// compare with the name in its slot instead of a scan of the names. The
// slot, 3 × length + first byte (mod 32), differs for every name.
constexpr size_t ReasonSlot(std::string_view s) {
  return (3 * s.size() + static_cast<unsigned char>(s[0])) % 32;
}
constexpr std::array<uint8_t, 32> kReasonBySlot = [] {
  std::array<uint8_t, 32> by_slot{};  // index in kReasons + 1; 0: no name
  for (size_t i = 0; i < kReasons.size(); ++i)
    by_slot[ReasonSlot(kReasons[i].first)] = static_cast<uint8_t>(i + 1);
  return by_slot;
}();
constexpr bool EveryReasonHasItsOwnSlot() {
  for (size_t i = 0; i < kReasons.size(); ++i) {
    if (kReasonBySlot[ReasonSlot(kReasons[i].first)] != i + 1) return false;
  }
  return true;
}
static_assert(EveryReasonHasItsOwnSlot(), "two reason names share a slot: change ReasonSlot");
}  // namespace

Reason ParseReason(std::string_view s) {
  if (s.empty()) return Reason::kUnknown;
  const uint8_t index = kReasonBySlot[ReasonSlot(s)];
  if (index != 0 && kReasons[index - 1].first == s) return kReasons[index - 1].second;
  return Reason::kOther;
}

std::string_view ReasonName(Reason r) {
  if (r == Reason::kOther) return "other";
  for (const auto& [name, reason] : kReasons) {
    if (reason == r) return name;
  }
  return "unknown";
}

namespace {
bool ContainsIgnoreCase(std::string_view hay, std::string_view needle) {
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
  return it != hay.end();
}
}  // namespace

Device ClassifyPlatform(std::string_view p) {
  if (p.empty()) return Device::kUnknown;
  // Order matters: partner strings name the OS of the host as well.
  struct Rule {
    std::string_view needle;
    Device device;
  };
  static constexpr std::array<Rule, 22> kRules{{
      {"watch", Device::kWatch},
      {"wear", Device::kWatch},
      {"car", Device::kCar},
      {"auto", Device::kCar},
      {"playstation", Device::kConsole},
      {"xbox", Device::kConsole},
      {"tv", Device::kTv},
      {"roku", Device::kTv},
      {"cast", Device::kSpeaker},
      {"sonos", Device::kSpeaker},
      {"speaker", Device::kSpeaker},
      {"echo", Device::kSpeaker},
      {"alexa", Device::kSpeaker},
      {"partner", Device::kSpeaker},
      {"web_player", Device::kWeb},
      {"web player", Device::kWeb},
      {"ipad", Device::kTablet},
      {"tablet", Device::kTablet},
      {"ios", Device::kPhone},
      {"android", Device::kPhone},
      {"iphone", Device::kPhone},
      {"phone", Device::kPhone},
  }};
  for (const auto& rule : kRules) {
    if (ContainsIgnoreCase(p, rule.needle)) return rule.device;
  }
  static constexpr std::array<std::string_view, 5> kDesktop{"osx", "os x", "windows", "linux",
                                                            "mac"};
  for (auto d : kDesktop) {
    if (ContainsIgnoreCase(p, d)) return Device::kDesktop;
  }
  return Device::kOther;
}

std::string_view DeviceName(Device d) {
  switch (d) {
    case Device::kUnknown: return "unknown";
    case Device::kPhone: return "phone";
    case Device::kTablet: return "tablet";
    case Device::kDesktop: return "desktop";
    case Device::kWeb: return "web";
    case Device::kSpeaker: return "speaker";
    case Device::kTv: return "tv";
    case Device::kCar: return "car";
    case Device::kConsole: return "console";
    case Device::kWatch: return "watch";
    case Device::kOther: return "other";
  }
  return "unknown";
}

size_t ItemHash::operator()(const Item& it) const noexcept {
  uint64_t h = static_cast<uint64_t>(it.kind);
  for (uint32_t v : {it.ref.title, it.ref.artist, it.ref.album, it.ref.uri}) {
    h = (h ^ v) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
  }
  return static_cast<size_t>(h);
}

void AddRejection(PlayBatch& batch, Rejection r) {
  ++batch.rejected;
  if (r.no_item) ++batch.rejected_no_item;
  if (batch.rejections.size() < kMaxKeptRejections) batch.rejections.push_back(std::move(r));
}

PlayBatch NewBatch(std::string file, uint64_t bytes) {
  PlayBatch batch;
  batch.file = std::move(file);
  batch.bytes = bytes;
  batch.format = "ignored";
  return batch;
}

}  // namespace chorus
