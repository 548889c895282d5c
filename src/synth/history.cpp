#include "synth/history.h"

#include <algorithm>

#include "core/time_util.h"

namespace chorus::synth {
namespace {

constexpr int64_t kDayMs = 86400000;

// Relative session-start weights per local hour.
constexpr uint32_t kWeekdayHours[24] = {2, 1, 0, 0, 0, 1,  5,  12, 14, 8,  6, 6,
                                        8, 6, 5, 6, 8, 12, 11, 9,  10, 10, 7, 4};
constexpr uint32_t kWeekendHours[24] = {5, 3, 2, 1, 0, 0, 1, 2, 4,  7,  9, 10,
                                        9, 8, 8, 8, 8, 8, 8, 9, 10, 10, 8, 7};

enum class Mode { kMix, kAlbum, kArtist };

class AudioGenerator {
 public:
  AudioGenerator(const Catalogue& c, const ListenerProfile& p, uint64_t seed)
      : c_(c),
        p_(p),
        rng_(Mix(Mix(seed, 0xA0D10ULL), static_cast<uint64_t>(p.index))),
        begin_ms_(HistoryBeginMs(p.first_year)),
        end_ms_(HistoryEndMs(p.first_year, p.years)),
        book_progress_(p.books.size(), 0) {}

  std::vector<Play> Run() {
    const int64_t base_day = DaysFromCivil(p_.first_year, 1, 1);
    const int64_t total_days = DaysFromCivil(p_.first_year + p_.years, 1, 1) - base_day;
    out_.reserve(static_cast<size_t>(total_days) * 50);
    cursor_ms_ = begin_ms_ - 2 * kDayMs;
    for (int64_t d = -1; d <= total_days; ++d) Day(base_day, d);
    return std::move(out_);
  }

 private:
  void Day(int64_t base_day, int64_t d) {
    if (rng_.Permille(p_.idle_day_pm)) return;
    const int64_t epoch_day = base_day + d;
    const int64_t weekday = ((epoch_day % 7) + 11) % 7;  // 0 = Sunday
    const bool weekend = weekday == 0 || weekday == 6;
    // Poisson-ish counts: binomials of 10 (music) and 4 (podcast) trials.
    const uint32_t music_pm =
        std::min<uint32_t>(950, (weekend ? p_.sessions_x100 * 11 / 10 : p_.sessions_x100));
    const uint32_t podcast_pm = std::min<uint32_t>(950, p_.podcast_sessions_x100 * 10 / 4);
    int sessions = 0;
    int64_t starts[14];  // local ms of day * 2, low bit set for podcast sessions
    for (int i = 0; i < 14; ++i) {
      if (rng_.Below(1000) >= (i < 10 ? music_pm : podcast_pm)) continue;
      const auto h = static_cast<int>(rng_.PickWeighted(weekend ? kWeekendHours : kWeekdayHours));
      const int hour = ((h + p_.chronotype) % 24 + 24) % 24;
      const int64_t start = (hour * 3600000LL + rng_.Below(3600000)) * 2 + (i < 10 ? 0 : 1);
      int j = sessions++;  // insertion sort; at most fourteen sessions
      for (; j > 0 && starts[j - 1] > start; --j) starts[j] = starts[j - 1];
      starts[j] = start;
    }
    for (int i = 0; i < sessions; ++i) {
      const int64_t local = starts[i] / 2;
      const int64_t utc = epoch_day * kDayMs + local - p_.tz_offset_minutes * 60000LL;
      const int64_t earliest = cursor_ms_ + 20000 + rng_.Below(600000);
      Session(std::max(utc, earliest), static_cast<int>(local / 3600000), weekend, d,
              (starts[i] & 1) != 0);
    }
  }

  void Session(int64_t start_ms, int hour, bool weekend, int64_t day, bool podcast) {
    Play ctx;
    // Device: phone on commutes; otherwise by the listener's weights.
    const bool commute = !weekend && (hour == 7 || hour == 8 || hour == 17 || hour == 18);
    ctx.device = commute ? 0 : static_cast<uint8_t>(rng_.PickCumulative(p_.device_cum));
    const DeviceKind kind = p_.devices[ctx.device].kind;
    const auto ips = static_cast<uint32_t>(p_.json_ips.size());
    ctx.country = p_.home_country;
    ctx.ip = 0;
    const Trip* trip = nullptr;
    for (const Trip& t : p_.trips) {
      if (day >= t.first_day && day <= t.last_day) trip = &t;
    }
    if (trip != nullptr) {
      ctx.country = trip->country;
      ctx.ip = static_cast<uint8_t>(ips - 1);
    } else if (kind == DeviceKind::kPhone && (commute || rng_.Permille(400))) {
      const uint64_t h = Mix(static_cast<uint64_t>(day / 4), static_cast<uint64_t>(p_.index));
      ctx.ip = static_cast<uint8_t>(2 + h % (ips - 3));
    } else if (!weekend && hour >= 9 && hour < 17 && kind != DeviceKind::kCast) {
      ctx.ip = 1;
    }
    ctx.offline = kind == DeviceKind::kPhone && rng_.Permille(p_.offline_pm) ? kTrue : kFalse;
    ctx.incognito = rng_.Permille(p_.incognito_pm);
    ctx.reason_start = FirstReason(kind);
    last_session_logout_ = false;

    cursor_ms_ = start_ms;
    first_in_session_ = true;
    if (podcast && !p_.shows.empty()) {
      Podcast(ctx, day);
    } else if (!p_.books.empty() && rng_.Permille(p_.audiobook_session_pm)) {
      Audiobook(ctx);
    } else {
      Music(ctx, day);
    }
  }

  uint8_t FirstReason(DeviceKind kind) {
    const uint32_t r = rng_.Below(100);
    if (kind == DeviceKind::kCast && r < 50) return kRemote;
    if (last_session_logout_ && r < 60) return kAppload;
    if (r < 55) return kClickrow;
    if (r < 70) return kPlaybtn;
    if (r < 92) return kAppload;
    if (r < 97) return kTrackdone;
    return kUnknown;
  }

  static uint8_t NextStart(uint8_t reason_end) {
    switch (reason_end) {
      case kTrackdone: return kTrackdone;
      case kFwdbtn: return kFwdbtn;
      case kBackbtn: return kBackbtn;
      case kTrackerror: return kTrackerror;
      case kRemote: return kRemote;
      default: return kClickrow;
    }
  }

  uint32_t FullMs(uint32_t duration) { return duration - rng_.Below(std::min(duration, 400U)); }
  uint32_t PartialMs(uint32_t duration, uint32_t min_pm) {
    return static_cast<uint32_t>(static_cast<uint64_t>(duration) *
                                 (min_pm + rng_.Below(1000 - min_pm)) / 1000);
  }
  uint32_t SkipMs(uint32_t duration) {
    const uint32_t r = rng_.Below(100);
    uint32_t ms = r < 70 ? 300 + rng_.Below(15000)
                         : (r < 95 ? 15000 + rng_.Below(15000) : 30000 + rng_.Below(60000));
    return std::min(ms, duration);
  }

  // Session-ending reason for the last row (unless skipped).
  uint8_t EndReason(DeviceKind kind) {
    const uint32_t r = rng_.Below(100);
    if (r < 22) return kLogout;
    if (r < 67) return kEndplay;
    if (r < 87) return kTrackdone;
    if (r < 95) return kExitWhilePaused;
    if (r < 98 && kind == DeviceKind::kCast) return kRemote;
    return r < 98 ? kEndplay : kUnknown;
  }

  void Emit(Play play) {
    const uint32_t gap =
        first_in_session_ ? 0 : (rng_.Permille(940) ? rng_.Below(1500) : 2000 + rng_.Below(20000));
    first_in_session_ = false;
    play.end_ms = cursor_ms_ + gap + play.ms_played;
    cursor_ms_ = play.end_ms;
    if (play.reason_end == kLogout) last_session_logout_ = true;
    play.skipped =
        (play.reason_end == kFwdbtn || play.reason_end == kBackbtn || play.reason_end == kEndplay)
            ? kTrue
            : kFalse;
    if (play.end_ms < begin_ms_ || play.end_ms >= end_ms_) return;
    if (rng_.PerMillion(300)) {  // a row with no metadata at all
      play.kind = Kind::kNone;
      play.ms_played = rng_.Permille(500) ? 0 : rng_.Below(5000);
    }
    out_.push_back(play);
    if (rng_.PerMillion(5000)) out_.push_back(play);   // exact duplicate
    if (rng_.PerMillion(600) && play.ms_played > 1) {  // same ts and item, other ms_played
      Play twin = play;
      twin.ms_played = play.ms_played / 2 + rng_.Below(play.ms_played / 2);
      twin.reason_end = kEndplay;
      twin.skipped = kTrue;
      out_.push_back(twin);
    }
  }

  uint32_t PickLibraryTrack(int64_t day, bool* discovery) {
    const int64_t month =
        std::clamp<int64_t>(MonthIndex(day), 0, static_cast<int64_t>(p_.month_artists.size()) - 1);
    const auto& artists = p_.month_artists[static_cast<size_t>(month)];
    *discovery = artists.empty() || rng_.Permille(80);
    uint32_t artist;
    if (*discovery) {
      artist = c_.PickArtist(static_cast<int>(rng_.PickCumulative(p_.cluster_cum)), rng_);
    } else {
      const auto& lib = p_.library[artists[rng_.PickCumulative(p_.month_cum[month])]];
      artist = lib.artist;
    }
    return c_.PickTrack(artist, rng_);
  }

  // Calendar month (0-based from the first January) of a local day offset.
  int64_t MonthIndex(int64_t day) const {
    const auto& starts = p_.month_first_day;
    return std::upper_bound(starts.begin(), starts.end(), day) - starts.begin() - 1;
  }

  void Music(Play ctx, int64_t day) {
    const uint32_t r = rng_.Below(100);
    const Mode mode = r < 18 ? Mode::kAlbum : (r < 35 ? Mode::kArtist : Mode::kMix);
    ctx.shuffle = rng_.Permille(p_.shuffle_pm) ? kTrue : kFalse;
    const uint32_t m = p_.tracks_mean - 2;
    uint32_t n = 3 + rng_.Below(m) + rng_.Below(m);
    if (rng_.Permille(120)) n += rng_.Below(16);
    n = std::min(n, 40U);
    bool discovery = false;
    const uint32_t seed_track = PickLibraryTrack(day, &discovery);
    const uint32_t artist = c_.albums()[c_.tracks()[seed_track].album].artist;
    uint32_t album_track = seed_track;
    if (mode == Mode::kAlbum && ctx.shuffle == kFalse) {
      album_track = c_.albums()[c_.tracks()[seed_track].album].first_track;
    }
    uint32_t prev = seed_track, prev2 = seed_track;  // for backbtn replays
    const DeviceKind kind = p_.devices[ctx.device].kind;
    for (uint32_t k = 0; k < n; ++k) {
      Play play = ctx;
      uint32_t track;
      bool disc = false;
      if (k > 0 && ctx.reason_start == kBackbtn) {
        track = prev2;
      } else if (mode == Mode::kAlbum) {
        const Album& al = c_.albums()[c_.tracks()[album_track].album];
        if (ctx.shuffle == kTrue) {
          track = al.first_track + rng_.Below(al.track_count);
        } else {
          track = album_track;
          album_track = album_track + 1 < c_.tracks().size() &&
                                c_.albums()[c_.tracks()[album_track + 1].album].artist == artist
                            ? album_track + 1
                            : c_.artists()[artist].first_track;
        }
      } else if (mode == Mode::kArtist) {
        track = k == 0 ? seed_track : c_.PickTrack(artist, rng_);
      } else {
        track = k == 0 ? seed_track : PickLibraryTrack(day, &disc);
      }
      if (k == 0) disc = discovery;
      play.kind = Kind::kMusic;
      play.item = track;
      const uint32_t duration = c_.tracks()[track].duration_ms;
      int skip_pm = static_cast<int>(p_.skip_pm) + (ctx.shuffle == kTrue ? 60 : 0) +
                    (mode == Mode::kAlbum ? -100 : 0) + (disc ? 150 : 0);
      skip_pm = std::clamp(skip_pm, 20, 900);
      if (rng_.Permille(static_cast<uint32_t>(skip_pm)) && k + 1 < n) {
        play.reason_end = rng_.Permille(910) ? kFwdbtn : kBackbtn;
        play.ms_played = SkipMs(duration);
      } else if (k + 1 == n) {
        play.reason_end = EndReason(kind);
        play.ms_played = play.reason_end == kTrackdone ? FullMs(duration) : PartialMs(duration, 50);
      } else if (rng_.Permille(60)) {
        play.reason_end = kEndplay;
        play.ms_played = PartialMs(duration, 30);
      } else if (rng_.Permille(2)) {
        play.reason_end = kTrackerror;
        play.ms_played = rng_.Below(2000);
      } else {
        play.reason_end = kTrackdone;
        play.ms_played = FullMs(duration);
      }
      Emit(play);
      ctx.reason_start =
          rng_.Permille(10) ? static_cast<uint8_t>(kUnknown) : NextStart(play.reason_end);
      prev2 = prev;
      prev = track;
    }
  }

  void Podcast(Play ctx, int64_t day) {
    const int64_t epoch_day = DaysFromCivil(p_.first_year, 1, 1) + day;
    const uint32_t show = p_.shows[rng_.Below(static_cast<uint32_t>(p_.shows.size()))];
    uint32_t number = c_.LatestEpisode(show, epoch_day);
    if (rng_.Permille(400)) number = number > 5 ? number - rng_.Below(5) : number;
    const int episodes = rng_.Permille(700) ? 1 : 2;
    ctx.kind = Kind::kPodcast;
    ctx.shuffle = kFalse;
    for (int e = 0; e < episodes; ++e) {
      // An episode is often heard in pieces: pause (endplay), resume (playbtn).
      const uint32_t duration = c_.ShowEpisode(show, number).duration_ms;
      const uint32_t f = rng_.Below(10);
      const int pieces = f < 5 ? 1 : (f < 8 ? 2 : 3);
      uint32_t left = duration;
      for (int piece = 0; piece < pieces; ++piece) {
        Play play = ctx;
        play.item = show;
        play.sub = number;
        const bool last = piece + 1 == pieces;
        const uint32_t r = rng_.Below(100);
        if (!last) {
          play.reason_end = kEndplay;
          play.ms_played = std::min(left, PartialMs(duration / static_cast<uint32_t>(pieces), 300));
        } else if (r < 40) {
          play.reason_end = kTrackdone;
          play.ms_played = FullMs(left);
        } else if (r < 80) {
          play.reason_end = kEndplay;
          play.ms_played = PartialMs(left, 50);
        } else if (r < 95) {
          play.reason_end = kLogout;
          play.ms_played = PartialMs(left, 100);
        } else {
          play.reason_end = kFwdbtn;
          play.ms_played = SkipMs(left);
        }
        left -= play.ms_played;
        Emit(play);
        ctx.reason_start = last ? NextStart(play.reason_end) : static_cast<uint8_t>(kPlaybtn);
        if (!last) cursor_ms_ += 30000 + rng_.Below(900000);  // the pause
      }
      number = number > 1 ? number - 1 : number + 1;
    }
  }

  void Audiobook(Play ctx) {
    const uint32_t which = rng_.Below(static_cast<uint32_t>(p_.books.size()));
    const uint32_t book = p_.books[which];
    const int chapters = rng_.Range(1, 3);
    ctx.kind = Kind::kAudiobook;
    ctx.shuffle = kFalse;
    for (int i = 0; i < chapters; ++i) {
      uint32_t& chapter = book_progress_[which];
      Play play = ctx;
      play.item = book;
      play.sub = chapter;
      const uint32_t duration = c_.BookChapter(book, chapter).duration_ms;
      const bool finish = i + 1 < chapters || rng_.Permille(400);
      play.reason_end = finish ? kTrackdone : kEndplay;
      play.ms_played = finish ? FullMs(duration) : PartialMs(duration, 100);
      Emit(play);
      ctx.reason_start = NextStart(play.reason_end);
      if (finish) chapter = (chapter + 1) % c_.books()[book].chapters;
    }
  }

  const Catalogue& c_;
  const ListenerProfile& p_;
  Rng rng_;
  int64_t begin_ms_, end_ms_;
  int64_t cursor_ms_ = 0;
  bool first_in_session_ = true;
  bool last_session_logout_ = false;
  std::vector<uint32_t> book_progress_;
  std::vector<Play> out_;
};

}  // namespace

const char* ReasonJson(uint8_t reason) {
  static constexpr const char* kNames[] = {"\"trackdone\"", "\"fwdbtn\"",
                                           "\"backbtn\"",   "\"endplay\"",
                                           "\"clickrow\"",  "\"playbtn\"",
                                           "\"appload\"",   "\"remote\"",
                                           "\"logout\"",    "\"unexpected-exit-while-paused\"",
                                           "\"unknown\"",   "\"switched-to-video\"",
                                           "\"trackerror\""};
  return reason < sizeof(kNames) / sizeof(kNames[0]) ? kNames[reason] : "\"unknown\"";
}

int64_t HistoryBeginMs(int first_year) { return DaysFromCivil(first_year, 1, 1) * kDayMs; }
int64_t HistoryEndMs(int first_year, int years) {
  return DaysFromCivil(first_year + years, 1, 1) * kDayMs;
}

std::vector<Play> GenerateAudio(const Catalogue& catalogue, const ListenerProfile& profile,
                                uint64_t seed) {
  return AudioGenerator(catalogue, profile, seed).Run();
}

}  // namespace chorus::synth
