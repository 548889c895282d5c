// Behaviour: skips, shuffle, offline, incognito, reasons and devices.
#include <algorithm>
#include <map>

#include "insights/report.h"

namespace chorus::insights {

namespace {

constexpr size_t kSkipArtists = 20;

// A share of the plays whose source records the fact.
struct Share {
  uint64_t known = 0, yes = 0;
  void Add(Tri t) {
    if (t == Tri::kUnknown) return;
    ++known;
    yes += t == Tri::kTrue;
  }
  Maybe value() const {
    return known == 0 ? Maybe{} : Maybe{static_cast<double>(yes) / static_cast<double>(known)};
  }
};

struct MonthShares {
  Share skip, shuffle, offline, incognito;
};

template <typename Enum, typename NameOf>
std::vector<NamedCount> Sorted(const std::map<Enum, NamedCount>& counts, NameOf name_of) {
  std::vector<NamedCount> out;
  for (const auto& [key, value] : counts) {
    out.push_back(value);
    out.back().name = std::string(name_of(key));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const NamedCount& a, const NamedCount& b) { return a.plays > b.plays; });
  return out;
}

}  // namespace

void ComputeBehaviour(const Context& c, Report& r) {
  const auto& log = c.log();
  Behaviour& b = r.behaviour;
  std::map<int32_t, MonthShares> months;
  std::array<Share, 24> by_hour{};
  std::vector<Share> by_artist(c.artist_count());
  std::vector<uint64_t> artist_streams(c.artist_count(), 0);
  std::map<Reason, NamedCount> end_reasons, start_reasons;
  std::map<Device, NamedCount> devices;
  for (uint32_t i : c.by_day()) {
    if (!c.in_window(i)) continue;
    MonthShares& m = months[c.month(i)];
    if (c.is_music(i)) {
      m.skip.Add(c.skip(i));
      by_hour[c.hour(i)].Add(c.skip(i));
      if (uint32_t a = c.artist(i); a != kNone) {
        by_artist[a].Add(c.skip(i));
        artist_streams[a] += c.is_stream(i);
      }
    }
    m.shuffle.Add(log.shuffle(i));
    m.offline.Add(log.offline(i));
    m.incognito.Add(log.incognito(i));
    double minutes = log.ms_played(i) / 60'000.0;
    if (log.reason_end(i) != Reason::kUnknown) ++end_reasons[log.reason_end(i)].plays;
    if (log.reason_start(i) != Reason::kUnknown) ++start_reasons[log.reason_start(i)].plays;
    if (log.device(i) != Device::kUnknown) {
      NamedCount& d = devices[log.device(i)];
      ++d.plays;
      d.minutes += minutes;
    }
  }
  for (const auto& [month, m] : months) {
    b.months.push_back(
        {month, m.skip.value(), m.shuffle.value(), m.offline.value(), m.incognito.value()});
  }
  for (int h = 0; h < 24; ++h) b.skip_by_hour[h] = by_hour[h].value();

  std::vector<uint32_t> artists;
  for (uint32_t a = 0; a < c.artist_count(); ++a) {
    if (artist_streams[a] > 0) artists.push_back(a);
  }
  size_t k = std::min(kSkipArtists, artists.size());
  std::partial_sort(artists.begin(), artists.begin() + static_cast<std::ptrdiff_t>(k),
                    artists.end(), [&](uint32_t x, uint32_t y) {
                      if (artist_streams[x] != artist_streams[y]) {
                        return artist_streams[x] > artist_streams[y];
                      }
                      return c.artist_name(x) < c.artist_name(y);
                    });
  for (size_t j = 0; j < k; ++j) {
    uint32_t a = artists[j];
    b.skip_by_artist.push_back(
        {std::string(c.artist_name(a)), by_artist[a].known, 0, by_artist[a].value()});
  }
  b.end_reasons = Sorted(end_reasons, ReasonName);
  b.start_reasons = Sorted(start_reasons, ReasonName);
  b.devices = Sorted(devices, DeviceName);
}

}  // namespace chorus::insights
