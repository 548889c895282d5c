// Discovery vs comfort: new artists and tracks per month, time on recently
// discovered artists, and forgotten favourites.
#include <algorithm>
#include <unordered_map>

#include "insights/report.h"

namespace chorus::insights {

namespace {

constexpr int32_t kRecentDays = 90;
constexpr int32_t kForgottenDays = 365;
constexpr int kFavouriteRank = 10;
constexpr size_t kMaxForgotten = 20;

}  // namespace

void ComputeDiscovery(const Context& c, Report& r) {
  // First and last music play of every artist and track, over the whole log.
  std::vector<int32_t> artist_first(c.artist_count(), INT32_MAX);
  std::vector<int32_t> artist_last(c.artist_count(), INT32_MIN);
  std::vector<int32_t> track_first(c.track_count(), INT32_MAX);
  int32_t history_last = INT32_MIN;
  for (uint32_t i : c.by_day()) {
    history_last = c.day(i);
    if (!c.is_music(i)) continue;
    if (uint32_t a = c.artist(i); a != kNone) {
      artist_first[a] = std::min(artist_first[a], c.day(i));
      artist_last[a] = c.day(i);
    }
    if (uint32_t t = c.track(i); t != kNone) track_first[t] = std::min(track_first[t], c.day(i));
  }

  struct Acc {
    uint64_t new_artists = 0, new_tracks = 0;
    double minutes = 0, recent_minutes = 0;
  };
  std::unordered_map<int32_t, Acc> months;
  std::vector<bool> artist_counted(c.artist_count()), track_counted(c.track_count());
  for (uint32_t i : c.by_day()) {
    if (!c.in_window(i) || !c.is_music(i)) continue;
    Acc& m = months[c.month(i)];
    uint32_t a = c.artist(i), t = c.track(i);
    if (t != kNone && !track_counted[t] && track_first[t] == c.day(i)) {
      ++m.new_tracks;
      track_counted[t] = true;
    }
    if (a == kNone) continue;
    if (!artist_counted[a] && artist_first[a] == c.day(i)) {
      ++m.new_artists;
      artist_counted[a] = true;
    }
    double minutes = c.log().ms_played(i) / 60'000.0;
    m.minutes += minutes;
    if (c.day(i) - artist_first[a] <= kRecentDays) m.recent_minutes += minutes;
  }
  for (const Period& p : r.months) {
    auto it = months.find(p.key);
    DiscoveryMonth d{p.key, 0, 0, std::nullopt};
    if (it != months.end()) {
      d.new_artists = it->second.new_artists;
      d.new_tracks = it->second.new_tracks;
      if (it->second.minutes > 0) d.recent_share = it->second.recent_minutes / it->second.minutes;
    }
    r.discovery.months.push_back(d);
  }

  // Forgotten favourites: a year's top 10 artists, unheard in the last year.
  std::unordered_map<std::string_view, uint32_t> artist_ids;
  for (uint32_t a = 0; a < c.artist_count(); ++a) artist_ids.emplace(c.artist_name(a), a);
  std::unordered_map<std::string, bool> listed;
  for (const TopWindow& w : r.top) {
    if (w.label == "all") continue;
    int32_t year = std::stoi(w.label);
    for (size_t k = 0; k < w.artists_by_minutes.size() && k < kFavouriteRank; ++k) {
      const Ranked& artist = w.artists_by_minutes[k];
      auto id = artist_ids.find(artist.name);
      if (id == artist_ids.end()) continue;
      int32_t last = artist_last[id->second];
      if (history_last - last <= kForgottenDays || listed[artist.name]) continue;
      listed[artist.name] = true;
      r.discovery.forgotten_favourites.push_back(
          {artist.name, year, static_cast<int>(k + 1), last, artist.minutes});
    }
  }
  auto& f = r.discovery.forgotten_favourites;
  std::stable_sort(f.begin(), f.end(),
                   [](const auto& a, const auto& b) { return a.minutes > b.minutes; });
  if (f.size() > kMaxForgotten) f.resize(kMaxForgotten);
}

}  // namespace chorus::insights
