// Top artists, tracks, albums and shows per window; year-over-year changes.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "insights/report.h"

namespace chorus::insights {

namespace {

constexpr size_t kTopAll = 50, kTopYear = 20, kYoyTop = 20;

struct Tally {
  std::vector<double> minutes;
  std::vector<uint64_t> count;
  std::vector<bool> seen;
  std::vector<uint32_t> touched;
  explicit Tally(size_t n) : minutes(n, 0), count(n, 0), seen(n, false) {}
  void Add(uint32_t id, double m, bool counted) {
    if (id == kNone) return;
    // Not "minutes == 0": a first play may last 0 ms (a scrobble, a skip).
    if (!seen[id]) {
      seen[id] = true;
      touched.push_back(id);
    }
    minutes[id] += m;
    count[id] += counted;
  }
};

template <typename NameOf>
std::vector<Ranked> Rank(const Tally& t, bool by_minutes, size_t limit, NameOf name_of) {
  std::vector<uint32_t> ids;
  for (uint32_t id : t.touched) {
    if (by_minutes ? t.minutes[id] > 0 : t.count[id] > 0) ids.push_back(id);
  }
  auto better = [&](uint32_t a, uint32_t b) {
    double ma = by_minutes ? t.minutes[a] : static_cast<double>(t.count[a]);
    double mb = by_minutes ? t.minutes[b] : static_cast<double>(t.count[b]);
    if (ma != mb) return ma > mb;
    auto [na, aa] = name_of(a);
    auto [nb, ab] = name_of(b);
    return na != nb ? na < nb : aa < ab;
  };
  size_t k = std::min(limit, ids.size());
  std::partial_sort(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(k), ids.end(), better);
  std::vector<Ranked> out;
  for (size_t j = 0; j < k; ++j) {
    auto [name, artist] = name_of(ids[j]);
    out.push_back({std::string(name), std::string(artist), t.minutes[ids[j]], t.count[ids[j]]});
  }
  return out;
}

// Tops over the plays by_day()[begin, end) that pass `keep`.
template <typename Keep>
TopWindow TopOf(const Context& c, size_t begin, size_t end, size_t limit, Keep keep) {
  Tally artists(c.artist_count()), tracks(c.track_count()), albums(c.album_count()),
      shows(c.show_count());
  const auto& order = c.by_day();
  TopWindow w;
  w.from = INT32_MAX;
  w.to = INT32_MIN;
  for (size_t k = begin; k < end; ++k) {
    uint32_t i = order[k];
    if (!keep(i)) continue;
    w.from = std::min(w.from, c.day(i));
    w.to = std::max(w.to, c.day(i));
    double m = c.log().ms_played(i) / 60'000.0;
    if (c.is_music(i)) {
      bool stream = c.is_stream(i);
      artists.Add(c.artist(i), m, stream);
      tracks.Add(c.track(i), m, stream);
      albums.Add(c.album(i), m, stream);
    } else {
      shows.Add(c.show(i), m, true);
    }
  }
  auto artist_name = [&](uint32_t a) { return std::pair{c.artist_name(a), std::string_view{}}; };
  auto track_name = [&](uint32_t t) {
    return std::pair{c.track_title(t), c.artist_name(c.track_artist(t))};
  };
  auto album_name = [&](uint32_t a) {
    return std::pair{c.album_title(a), c.artist_name(c.album_artist(a))};
  };
  auto show_name = [&](uint32_t s) { return std::pair{c.show_name(s), std::string_view{}}; };
  w.artists_by_minutes = Rank(artists, true, limit, artist_name);
  w.artists_by_streams = Rank(artists, false, limit, artist_name);
  w.tracks_by_minutes = Rank(tracks, true, limit, track_name);
  w.tracks_by_streams = Rank(tracks, false, limit, track_name);
  w.albums_by_minutes = Rank(albums, true, limit, album_name);
  w.albums_by_streams = Rank(albums, false, limit, album_name);
  w.shows_by_minutes = Rank(shows, true, limit, show_name);
  w.shows_by_plays = Rank(shows, false, limit, show_name);
  return w;
}

// [begin, end) of each calendar year in by_day().
std::map<int32_t, std::pair<size_t, size_t>> YearRanges(const Context& c) {
  std::map<int32_t, std::pair<size_t, size_t>> ranges;
  const auto& order = c.by_day();
  for (size_t k = 0; k < order.size(); ++k) {
    auto [it, fresh] = ranges.try_emplace(c.year(order[k]), k, k);
    it->second.second = k + 1;
  }
  return ranges;
}

YearChange Compare(int32_t year, const std::vector<Ranked>& now,
                   const std::vector<Ranked>& before) {
  YearChange y;
  y.year = year;
  y.previous = year - 1;
  std::unordered_map<std::string_view, int> previous_rank;
  for (size_t k = 0; k < before.size() && k < kYoyTop; ++k) {
    previous_rank[before[k].name] = static_cast<int>(k + 1);
  }
  std::unordered_map<std::string_view, bool> present;
  for (size_t k = 0; k < now.size() && k < kYoyTop; ++k) {
    RankChange change{now[k].name, static_cast<int>(k + 1), std::nullopt};
    auto it = previous_rank.find(now[k].name);
    if (it != previous_rank.end()) {
      change.previous_rank = it->second;
    } else {
      y.new_entries.push_back(now[k].name);
    }
    present[now[k].name] = true;
    y.artists.push_back(std::move(change));
  }
  for (size_t k = 0; k < before.size() && k < kYoyTop; ++k) {
    if (!present.count(before[k].name)) y.drop_outs.push_back(before[k].name);
  }
  return y;
}

}  // namespace

void ComputeTop(const Context& c, Report& r) {
  auto in_window = [&](uint32_t i) { return c.in_window(i); };
  auto everything = [](uint32_t) { return true; };
  TopWindow all = TopOf(c, 0, c.by_day().size(), kTopAll, in_window);
  all.label = "all";
  if (!c.window().whole()) {
    all.from = c.window().from;
    all.to = c.window().to;
  }
  r.top.push_back(std::move(all));

  auto ranges = YearRanges(c);
  for (const Period& year : r.years) {
    auto [begin, end] = ranges.at(year.key);
    TopWindow w = TopOf(c, begin, end, kTopYear, in_window);
    w.label = std::to_string(year.key);
    // Year over year looks at the whole previous calendar year, even before
    // the window: "how did 2023 differ from 2022" needs 2022.
    auto previous = ranges.find(year.key - 1);
    if (previous != ranges.end()) {
      TopWindow before =
          TopOf(c, previous->second.first, previous->second.second, kYoyTop, everything);
      r.year_over_year.push_back(
          Compare(year.key, w.artists_by_minutes, before.artists_by_minutes));
    }
    r.top.push_back(std::move(w));
  }
}

}  // namespace chorus::insights
