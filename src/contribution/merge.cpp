// Merge: a later export of the same member folded into an earlier
// contribution (the rule is documented in contribution.h).
#include <algorithm>
#include <map>
#include <set>

#include "contribution/contribution.h"
#include "contribution/minhash.h"

namespace chorus::contribution {

namespace {

std::vector<std::string> UnionInOrder(const std::vector<std::string>& a,
                                      const std::vector<std::string>& b,
                                      const std::vector<std::string_view>& order) {
  std::vector<std::string> out;
  for (std::string_view name : order) {
    auto has = [&](const std::vector<std::string>& v) {
      return std::find(v.begin(), v.end(), name) != v.end();
    };
    if (has(a) || has(b)) out.emplace_back(name);
  }
  return out;
}

}  // namespace

Contribution Merge(const Contribution& old, const Contribution& later) {
  Contribution c;
  c.rejected = std::max(old.rejected, later.rejected);
  c.rejected_no_item = std::max(old.rejected_no_item, later.rejected_no_item);
  c.tracks = std::max(old.tracks, later.tracks);
  c.artists = std::max(old.artists, later.artists);
  const bool old_any = !old.months.empty(), later_any = !later.months.empty();
  if (old_any && later_any) {
    c.first_end_ms = std::min(old.first_end_ms, later.first_end_ms);
    c.last_end_ms = std::max(old.last_end_ms, later.last_end_ms);
  } else {
    const Contribution& some = old_any ? old : later;
    c.first_end_ms = some.first_end_ms;
    c.last_end_ms = some.last_end_ms;
  }
  std::vector<std::string_view> sources, fields(kFieldNames.begin(), kFieldNames.end());
  for (int s = 0; s < kSourceCount; ++s) sources.push_back(SourceName(static_cast<Source>(s)));
  c.sources = UnionInOrder(old.sources, later.sources, sources);
  c.fields = UnionInOrder(old.fields, later.fields, fields);

  // Each month from the side with more plays in it (ties: later).
  std::map<std::string, const MonthStats*> old_months, later_months;
  for (const auto& m : old.months) old_months[m.month] = &m;
  for (const auto& m : later.months) later_months[m.month] = &m;
  std::map<std::string, bool> from_later;  // month → taken from `later`
  for (const auto& [month, m] : old_months) from_later[month] = false;
  for (const auto& [month, m] : later_months) {
    auto it = old_months.find(month);
    from_later[month] = it == old_months.end() || m->plays >= it->second->plays;
  }
  for (const auto& [month, use_later] : from_later)
    c.months.push_back(use_later ? *later_months[month] : *old_months[month]);

  uint64_t plays = 0;
  for (const auto& m : c.months) plays += m.plays;
  c.records = std::max({old.records, later.records, plays + c.rejected});

  // Artists: the winning side's entries per month, re-ranked by minutes.
  std::map<std::string, std::vector<ArtistMonth>> artists;
  for (const bool is_later : {false, true}) {
    const Contribution* side = is_later ? &later : &old;  // may be one object
    for (const ArtistMonths& a : side->artists_monthly) {
      for (const ArtistMonth& m : a.months) {
        if (from_later[m.month] == is_later) artists[a.artist].push_back(m);
      }
    }
  }
  std::vector<std::pair<uint64_t, std::string>> ranked;
  for (auto& [artist, months] : artists) {
    std::sort(months.begin(), months.end(),
              [](const ArtistMonth& a, const ArtistMonth& b) { return a.month < b.month; });
    uint64_t minutes = 0;
    for (const auto& m : months) minutes += m.minutes;
    ranked.emplace_back(minutes, artist);
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return ArtistRanksBefore(a.first, a.second, b.first, b.second);
  });
  if (ranked.size() > kMaxArtists) ranked.resize(kMaxArtists);
  for (const auto& [minutes, artist] : ranked)
    c.artists_monthly.push_back({artist, std::move(artists[artist])});

  // Transitions: maximum per key, re-cut.
  std::map<std::pair<std::string, std::string>, uint64_t> pairs;
  for (const Contribution* side : {&old, &later}) {
    for (const Transition& t : side->transitions) {
      uint64_t& n = pairs[{t.from, t.to}];
      n = std::max(n, t.count);
    }
  }
  for (const auto& [key, count] : pairs) c.transitions.push_back({key.first, key.second, count});
  RankTransitions(&c.transitions);

  c.dj = later.dj.transitions >= old.dj.transitions ? later.dj : old.dj;

  std::set<std::string> digests(old.account_digests.begin(), old.account_digests.end());
  digests.insert(later.account_digests.begin(), later.account_digests.end());
  c.account_digests.assign(digests.begin(), digests.end());
  c.signature = UnionOf(old.signature, later.signature);
  return c;
}

}  // namespace chorus::contribution
