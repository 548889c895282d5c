// Cross-platform: each source's monthly plays, how their volumes move
// together, and artists heard on one source only.
#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <unordered_map>

#include "core/normalize.h"
#include "insights/report.h"

namespace chorus::insights {

namespace {

constexpr size_t kUniqueTop = 10;
constexpr size_t kMinSharedMonths = 3;

Maybe Pearson(const std::vector<double>& x, const std::vector<double>& y) {
  size_t shared = 0;
  for (size_t k = 0; k < x.size(); ++k) shared += x[k] > 0 && y[k] > 0;
  if (shared < kMinSharedMonths) return {};
  double n = static_cast<double>(x.size()), mx = 0, my = 0;
  for (size_t k = 0; k < x.size(); ++k) {
    mx += x[k] / n;
    my += y[k] / n;
  }
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t k = 0; k < x.size(); ++k) {
    sxy += (x[k] - mx) * (y[k] - my);
    sxx += (x[k] - mx) * (x[k] - mx);
    syy += (y[k] - my) * (y[k] - my);
  }
  if (sxx == 0 || syy == 0) return {};
  return sxy / std::sqrt(sxx * syy);
}

// Which tracks each source shares with the others, by normalised key, so
// "Halo - Remastered 2011" by "Beyoncé" meets "Halo" by "Beyonce".
std::vector<TrackMatch> MatchTracks(const Context& c, const std::vector<int>& column,
                                    const std::vector<std::string>& names) {
  const auto& log = c.log();
  std::vector<uint64_t> key_of(c.track_count());
  for (uint32_t t = 0; t < c.track_count(); ++t) {
    key_of[t] = TrackKey(c.artist_name(c.track_artist(t)), c.track_title(t));
  }
  struct Seen {
    unsigned sources = 0;
    uint32_t track = 0;  // a spelling to show
    std::vector<uint64_t> plays;
  };
  std::unordered_map<uint64_t, Seen> keys;
  for (uint32_t i : c.by_day()) {
    if (!c.in_window(i) || !c.is_music(i) || c.track(i) == kNone) continue;
    Seen& seen = keys[key_of[c.track(i)]];
    if (seen.plays.empty()) {
      seen.track = c.track(i);
      seen.plays.resize(names.size(), 0);
    }
    unsigned mask = log.sources(i);
    seen.sources |= mask;
    for (unsigned b = 0; b < 16; ++b) {
      if (mask >> b & 1) ++seen.plays[static_cast<size_t>(column[b])];
    }
  }
  std::vector<TrackMatch> out(names.size());
  std::vector<std::vector<std::pair<uint64_t, uint32_t>>> only(names.size());
  for (size_t k = 0; k < names.size(); ++k) out[k].source = names[k];
  for (const auto& [key, seen] : keys) {
    bool shared = std::popcount(seen.sources) > 1;
    for (size_t k = 0; k < names.size(); ++k) {
      if (seen.plays[k] == 0) continue;
      ++out[k].tracks;
      if (shared) {
        ++out[k].matched;
      } else {
        only[k].emplace_back(seen.plays[k], seen.track);
      }
    }
  }
  for (size_t k = 0; k < names.size(); ++k) {
    auto& list = only[k];
    size_t n = std::min(kUniqueTop, list.size());
    std::partial_sort(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(n), list.end(),
                      [&](const auto& a, const auto& b) {
                        if (a.first != b.first) return a.first > b.first;
                        return c.track_title(a.second) < c.track_title(b.second);
                      });
    for (size_t j = 0; j < n; ++j) {
      uint32_t t = list[j].second;
      out[k].only_here.push_back({std::string(c.track_title(t)),
                                  std::string(c.artist_name(c.track_artist(t))), 0, list[j].first});
    }
  }
  return out;
}

}  // namespace

void ComputeCrossPlatform(const Context& c, Report& r) {
  const auto& log = c.log();
  // Which sources appear (any bit of any play's source mask).
  unsigned mask = 0;
  for (size_t i = 0; i < c.size(); ++i) {
    if (c.in_window(i)) mask |= log.sources(i);
  }
  if (std::popcount(mask) < 2) return;
  CrossPlatform x;
  std::vector<int> column(16, -1);
  for (unsigned s = 0; s < 16; ++s) {
    if (!(mask >> s & 1)) continue;
    column[s] = static_cast<int>(x.sources.size());
    x.sources.emplace_back(SourceName(static_cast<Source>(s)));
  }
  const size_t n = x.sources.size();

  // Artists by normalised name, so "Beyoncé" on one source is "Beyonce" on another.
  std::unordered_map<std::string, uint32_t> normalised_ids;
  std::vector<uint32_t> artist_group(c.artist_count());
  std::vector<std::string_view> group_name;
  for (uint32_t a = 0; a < c.artist_count(); ++a) {
    auto [it, fresh] = normalised_ids.try_emplace(NormalizeName(c.artist_name(a)),
                                                  static_cast<uint32_t>(group_name.size()));
    if (fresh) group_name.push_back(c.artist_name(a));
    artist_group[a] = it->second;
  }
  std::vector<unsigned> group_sources(group_name.size(), 0);
  std::vector<uint64_t> group_plays(group_name.size(), 0);

  std::map<int32_t, std::vector<uint64_t>> months;
  for (uint32_t i : c.by_day()) {
    if (!c.in_window(i)) continue;
    auto& row = months[c.month(i)];
    row.resize(n, 0);
    unsigned s = log.sources(i);
    if (std::popcount(s) > 1) ++x.shared_plays;
    for (unsigned b = 0; b < 16; ++b) {
      if (s >> b & 1) ++row[static_cast<size_t>(column[b])];
    }
    if (c.is_music(i) && c.artist(i) != kNone) {
      uint32_t g = artist_group[c.artist(i)];
      group_sources[g] |= s;
      ++group_plays[g];
    }
  }
  std::vector<std::vector<double>> series(n);
  for (auto& [month, row] : months) {
    for (size_t k = 0; k < n; ++k) series[k].push_back(static_cast<double>(row[k]));
    x.months.push_back({month, std::move(row)});
  }
  for (size_t a = 0; a < n; ++a) {
    for (size_t b = a + 1; b < n; ++b) {
      x.correlations.push_back({x.sources[a], x.sources[b], Pearson(series[a], series[b])});
    }
  }
  for (unsigned s = 0; s < 16; ++s) {
    if (column[s] < 0) continue;
    std::vector<uint32_t> only;
    for (uint32_t g = 0; g < group_name.size(); ++g) {
      if (group_sources[g] == (1u << s)) only.push_back(g);
    }
    std::sort(only.begin(), only.end(), [&](uint32_t p, uint32_t q) {
      if (group_plays[p] != group_plays[q]) return group_plays[p] > group_plays[q];
      return group_name[p] < group_name[q];
    });
    UniqueArtists u{x.sources[static_cast<size_t>(column[s])], only.size(), {}};
    for (size_t k = 0; k < only.size() && k < kUniqueTop; ++k) {
      u.top.emplace_back(group_name[only[k]]);
    }
    x.unique_artists.push_back(std::move(u));
  }
  x.track_matches = MatchTracks(c, column, x.sources);
  r.cross_platform = std::move(x);
}

}  // namespace chorus::insights
