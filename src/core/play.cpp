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
}  // namespace

Reason ParseReason(std::string_view s) {
  if (s.empty()) return Reason::kUnknown;
  for (const auto& [name, reason] : kReasons) {
    if (name == s) return reason;
  }
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
