// GenerateVideo(): the rows of Streaming_History_Video_*.json (see history.h).
#include <algorithm>

#include "synth/history.h"

namespace chorus::synth {

std::vector<Play> GenerateVideo(const Catalogue& catalogue, const ListenerProfile& profile,
                                uint64_t seed) {
  Rng rng(Mix(Mix(seed, 0x71DE0ULL), static_cast<uint64_t>(profile.index)));
  const int64_t begin = HistoryBeginMs(profile.first_year);
  const int64_t span = HistoryEndMs(profile.first_year, profile.years) - begin;
  const int rows = 20 + rng.Range(0, 40);
  std::vector<Play> out;
  for (int i = 0; i < rows; ++i) {
    Play play;
    play.end_ms = begin + static_cast<int64_t>(rng.Below64(static_cast<uint64_t>(span)));
    play.device = 0;
    play.ip = static_cast<uint8_t>(rng.Permille(500) ? 0 : 2);
    play.country = profile.home_country;
    play.shuffle = kFalse;
    play.offline = rng.Permille(950) ? kNull : kFalse;
    play.offline_ts_null = true;
    const uint32_t r = rng.Below(100);
    uint32_t duration = 0;
    if (i == 0) {
      play.kind = Kind::kNone;  // the all-null row real Video files carry
      duration = 5000;
    } else if (r < 45 && !profile.library.empty()) {
      play.kind = Kind::kMusic;
      const auto& lib = profile.library[rng.Below(static_cast<uint32_t>(profile.library.size()))];
      play.item = catalogue.PickTrack(lib.artist, rng);
      duration = catalogue.tracks()[play.item].duration_ms;
    } else if (r < 92 || profile.books.empty()) {
      play.kind = Kind::kPodcast;
      play.item = profile.shows.empty()
                      ? rng.Below(static_cast<uint32_t>(catalogue.shows().size()))
                      : profile.shows[rng.Below(static_cast<uint32_t>(profile.shows.size()))];
      play.sub = catalogue.LatestEpisode(play.item, play.end_ms / 86400000);
      duration = catalogue.ShowEpisode(play.item, play.sub).duration_ms;
    } else {
      play.kind = Kind::kAudiobook;
      play.item = profile.books[rng.Below(static_cast<uint32_t>(profile.books.size()))];
      play.sub = rng.Below(catalogue.books()[play.item].chapters);
      duration = catalogue.BookChapter(play.item, play.sub).duration_ms;
    }
    const uint32_t s = rng.Below(100);
    play.reason_start = s < 80 ? kUnknown : (s < 90 ? kSwitchedToVideo : kClickrow);
    if (rng.Permille(100)) {
      play.reason_end = kTrackdone;
      play.ms_played = duration;
    } else {
      play.reason_end = kEndplay;
      play.ms_played = rng.Permille(400) ? 0 : rng.Below(duration);
    }
    play.skipped = play.reason_end == kEndplay ? kTrue : kFalse;
    out.push_back(play);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Play& a, const Play& b) { return a.end_ms < b.end_ms; });
  return out;
}

}  // namespace chorus::synth
