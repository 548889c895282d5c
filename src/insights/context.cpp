#include "insights/context.h"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "core/time_util.h"
#include "history/totals.h"

namespace chorus::insights {

namespace {

// Offsets from UTC change a few times a year: remember the current rule and
// ask the zone database only when an instant leaves it.
class OffsetCache {
 public:
  explicit OffsetCache(const date::time_zone* zone) : zone_(zone) {}
  int64_t OffsetMs(int64_t utc_ms) {
    if (utc_ms < begin_ms_ || utc_ms >= end_ms_) {
      using namespace std::chrono;
      auto info = zone_->get_info(date::sys_seconds{seconds{FloorDiv(utc_ms, 1000)}});
      begin_ms_ = info.begin.time_since_epoch().count() * 1000;
      end_ms_ = info.end.time_since_epoch().count() * 1000;
      offset_ms_ = info.offset.count() * 1000;
    }
    return offset_ms_;
  }
  static int64_t FloorDiv(int64_t a, int64_t b) {
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
  }

 private:
  const date::time_zone* zone_;
  int64_t begin_ms_ = 1, end_ms_ = 0, offset_ms_ = 0;
};

bool HasDuration(Source s) { return s != Source::kLastfm && s != Source::kYouTubeMusic; }

}  // namespace

std::string MonthLabel(int32_t month) {
  return fmt::format("{:04}-{:02}", month / 12, month % 12 + 1);
}

std::string DayLabel(int32_t day) {
  date::year_month_day ymd{date::sys_days{date::days{day}}};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

int32_t DayFromLabel(std::string_view s, bool* ok) {
  int64_t ms = 0;
  std::string iso = std::string(s) + "T00:00:00Z";
  *ok = s.size() == 10 && ParseIsoUtc(iso, &ms);
  return *ok ? static_cast<int32_t>(ms / 86'400'000) : 0;
}

Tri SkipOf(const history::PlayLog& log, size_t i) {
  if (log.skipped(i) == Tri::kTrue || log.reason_end(i) == Reason::kForwardButton) {
    return Tri::kTrue;
  }
  bool timed = HasDuration(log.source(i));
  if (timed && log.kind(i) == Kind::kMusic && log.ms_played(i) < history::kStreamMs &&
      log.reason_end(i) != Reason::kTrackDone) {
    return Tri::kTrue;
  }
  if (log.skipped(i) == Tri::kFalse || log.reason_end(i) != Reason::kUnknown || timed) {
    return Tri::kFalse;
  }
  return Tri::kUnknown;
}

Result<Context> Context::Build(const history::PlayLog& log, const std::string& zone_name,
                               DayWindow window) {
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(zone_name);
  } catch (const std::exception&) {
    return InvalidInput(fmt::format("time zone {}: not an IANA time zone", zone_name));
  }
  Context c;
  c.log_ = &log;
  c.zone_ = zone_name;
  c.window_ = window;
  const size_t n = log.size();
  c.day_.resize(n);
  c.month_.resize(n);
  c.hour_.resize(n);
  c.weekday_.resize(n);
  c.flags_.resize(n);

  OffsetCache zone_offsets(zone);
  int32_t cached_day = INT32_MIN, cached_month = 0;
  uint8_t cached_weekday = 0;
  for (size_t i = 0; i < n; ++i) {
    int64_t start = log.end_ms(i) - log.ms_played(i);
    int64_t local = start + zone_offsets.OffsetMs(start);
    auto day = static_cast<int32_t>(OffsetCache::FloorDiv(local, 86'400'000));
    if (day != cached_day) {
      cached_day = day;
      date::year_month_day ymd{date::sys_days{date::days{day}}};
      cached_month = MonthOf(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()));
      cached_weekday =
          static_cast<uint8_t>(date::weekday{date::sys_days{date::days{day}}}.iso_encoding() - 1);
    }
    c.day_[i] = day;
    c.month_[i] = cached_month;
    c.weekday_[i] = cached_weekday;
    c.hour_[i] = static_cast<uint8_t>((local - int64_t{day} * 86'400'000) / 3'600'000);
    bool stream = log.kind(i) == Kind::kMusic &&
                  (log.ms_played(i) >= history::kStreamMs || log.source(i) == Source::kLastfm);
    c.flags_[i] =
        static_cast<uint8_t>((stream ? kStream : 0) | static_cast<unsigned>(SkipOf(log, i)) << 4);
  }

  // Counting sort by day: starts are almost in end order, but not quite.
  if (n > 0) {
    auto [lo, hi] = std::minmax_element(c.day_.begin(), c.day_.end());
    std::vector<uint32_t> offsets(static_cast<size_t>(*hi - *lo) + 2, 0);
    for (int32_t d : c.day_) ++offsets[static_cast<size_t>(d - *lo) + 1];
    for (size_t k = 1; k < offsets.size(); ++k) offsets[k] += offsets[k - 1];
    c.by_day_.resize(n);
    for (size_t i = 0; i < n; ++i) {
      c.by_day_[offsets[static_cast<size_t>(c.day_[i] - *lo)]++] = static_cast<uint32_t>(i);
    }
  }

  // Dense ids per item: artists by name id, tracks by (artist, title), albums
  // by (artist, album), shows by name.
  const auto& items = log.items();
  c.item_artist_.assign(items.size(), kNone);
  c.item_track_.assign(items.size(), kNone);
  c.item_album_.assign(items.size(), kNone);
  c.item_show_.assign(items.size(), kNone);
  std::unordered_map<StrId, uint32_t> artist_ids, show_ids;
  std::unordered_map<uint64_t, uint32_t> track_ids, album_ids;
  for (size_t k = 0; k < items.size(); ++k) {
    const Item& it = items[k];
    const ItemRef& r = it.ref;
    if (it.kind == Kind::kPodcast && r.artist != kNoString) {
      auto [s, fresh] = show_ids.try_emplace(r.artist, static_cast<uint32_t>(c.show_names_.size()));
      if (fresh) c.show_names_.push_back(r.artist);
      c.item_show_[k] = s->second;
    }
    if (it.kind != Kind::kMusic || r.artist == kNoString) continue;
    auto [a, fresh_artist] =
        artist_ids.try_emplace(r.artist, static_cast<uint32_t>(c.artist_names_.size()));
    if (fresh_artist) c.artist_names_.push_back(r.artist);
    uint32_t artist = a->second;
    c.item_artist_[k] = artist;
    if (r.title != kNoString) {
      auto [t, fresh] = track_ids.try_emplace(uint64_t{r.artist} << 32 | r.title,
                                              static_cast<uint32_t>(c.track_title_.size()));
      if (fresh) {
        c.track_title_.push_back(r.title);
        c.track_artist_.push_back(artist);
      }
      c.item_track_[k] = t->second;
    }
    if (r.album != kNoString) {
      auto [al, fresh] = album_ids.try_emplace(uint64_t{r.artist} << 32 | r.album,
                                               static_cast<uint32_t>(c.album_title_.size()));
      if (fresh) {
        c.album_title_.push_back(r.album);
        c.album_artist_.push_back(artist);
      }
      c.item_album_[k] = al->second;
    }
  }
  return c;
}

}  // namespace chorus::insights
