// Context: what every insight needs about each play, computed once.
//
// Contract: Build() walks the finalized PlayLog once and derives, per play,
// its local start (day, month, year, hour, weekday in the listener's zone;
// a play counts where it started, end − ms_played), whether it is a stream,
// a skip (tri-state), and dense ids for its artist, track (artist + title)
// and album (artist + album), so insights index flat vectors instead of
// hashing. The window (local days, inclusive) limits what the report shows;
// first-heard dates and year-over-year history still see the whole log.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "history/play_log.h"

namespace date {
class time_zone;
}

namespace chorus::insights {

inline constexpr uint32_t kNone = UINT32_MAX;

// Local days are days since 1970-01-01 in the listener's zone.
struct DayWindow {
  int32_t from = INT32_MIN;
  int32_t to = INT32_MAX;
  bool contains(int32_t day) const { return day >= from && day <= to; }
  bool whole() const { return from == INT32_MIN && to == INT32_MAX; }
};

// Months are counted as year * 12 + (month − 1).
inline int32_t MonthOf(int32_t year, unsigned month) {
  return year * 12 + static_cast<int32_t>(month) - 1;
}
std::string MonthLabel(int32_t month);  // "YYYY-MM"
std::string DayLabel(int32_t day);      // "YYYY-MM-DD"
int32_t DayFromLabel(std::string_view ymd, bool* ok);

class Context {
 public:
  static Result<Context> Build(const history::PlayLog& log, const std::string& zone,
                               DayWindow window);

  const history::PlayLog& log() const { return *log_; }
  const std::string& zone() const { return zone_; }
  const DayWindow& window() const { return window_; }
  size_t size() const { return day_.size(); }

  // Per play.
  int32_t day(size_t i) const { return day_[i]; }
  int32_t month(size_t i) const { return month_[i]; }
  int32_t year(size_t i) const { return month_[i] / 12; }
  uint8_t hour(size_t i) const { return hour_[i]; }
  uint8_t weekday(size_t i) const { return weekday_[i]; }  // 0 = Monday
  int64_t start_ms(size_t i) const { return log_->end_ms(i) - log_->ms_played(i); }
  bool in_window(size_t i) const { return window_.contains(day_[i]); }
  bool is_music(size_t i) const { return log_->kind(i) == Kind::kMusic; }
  bool is_stream(size_t i) const { return (flags_[i] & kStream) != 0; }
  Tri skip(size_t i) const { return static_cast<Tri>(flags_[i] >> 4 & 3); }
  // Dense ids (kNone when unknown): artists of music plays, tracks (artist +
  // title), albums (artist + album), podcast shows.
  uint32_t artist(size_t i) const { return item_artist_[log_->item_index(i)]; }
  uint32_t track(size_t i) const { return item_track_[log_->item_index(i)]; }
  uint32_t album(size_t i) const { return item_album_[log_->item_index(i)]; }
  uint32_t show(size_t i) const { return item_show_[log_->item_index(i)]; }

  size_t artist_count() const { return artist_names_.size(); }
  size_t track_count() const { return track_artist_.size(); }
  size_t album_count() const { return album_artist_.size(); }
  size_t show_count() const { return show_names_.size(); }
  std::string_view artist_name(uint32_t a) const { return log_->strings().View(artist_names_[a]); }
  std::string_view show_name(uint32_t s) const { return log_->strings().View(show_names_[s]); }
  uint32_t track_artist(uint32_t t) const { return track_artist_[t]; }
  std::string_view track_title(uint32_t t) const { return log_->strings().View(track_title_[t]); }
  uint32_t album_artist(uint32_t a) const { return album_artist_[a]; }
  std::string_view album_title(uint32_t a) const { return log_->strings().View(album_title_[a]); }
  // Play indices ordered by local day (stable), so per-day, per-month and
  // per-year passes see each period once, in order.
  const std::vector<uint32_t>& by_day() const { return by_day_; }

 private:
  enum : uint8_t { kStream = 1 };
  const history::PlayLog* log_ = nullptr;
  std::string zone_;
  DayWindow window_;
  std::vector<int32_t> day_, month_;
  std::vector<uint8_t> hour_, weekday_, flags_;
  std::vector<uint32_t> item_artist_, item_track_, item_album_, item_show_;
  std::vector<StrId> artist_names_, show_names_, track_title_, album_title_;
  std::vector<uint32_t> track_artist_, album_artist_;
  std::vector<uint32_t> by_day_;
};

// Whether a play was skipped: the export says so, or it ended by the forward
// button, or it is a music play under 30 s that did not end by finishing.
// Unknown when the source records neither skips nor end reasons nor duration.
Tri SkipOf(const history::PlayLog& log, size_t i);

}  // namespace chorus::insights
