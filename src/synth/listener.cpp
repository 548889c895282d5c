#include "synth/listener.h"

#include <fmt/format.h>

#include <utility>

#include "core/time_util.h"
#include "synth/names.h"

namespace chorus::synth {
namespace {

struct Country {
  const char* code;
  int offset_minutes;
  int favoured_cluster;  // -1: none
};
constexpr Country kCountries[] = {
    {"US", -300, -1}, {"US", -480, -1}, {"US", -360, 2}, {"CA", -300, -1}, {"CA", -480, -1},
    {"GB", 0, -1},    {"IE", 0, 7},     {"DE", 60, 3},   {"FR", 60, 1},    {"ES", 60, 5},
    {"IT", 60, -1},   {"NL", 60, 3},    {"SE", 60, 7},   {"NO", 60, 7},    {"PL", 60, -1},
    {"BR", -180, 5},  {"MX", -360, 5},  {"AR", -180, 5}, {"JP", 540, 6},   {"KR", 540, 6},
    {"AU", 600, -1},  {"NZ", 720, -1},  {"IN", 330, -1}, {"TR", 180, -1},  {"ZA", 120, -1},
    {"PH", 480, 6},
};
constexpr uint32_t kCountryCount = sizeof(kCountries) / sizeof(kCountries[0]);

constexpr const char* kWebPlayers[] = {
    "web_player windows 10;chrome 120.0.0.0;desktop",
    "web_player osx 10.15.7;chrome 121.0.0.0;desktop",
    "web_player osx 10.15.7;safari 17.2;desktop",
    "web_player linux ;firefox 122.0;desktop",
    "web_player windows 10;microsoft edge 119.0.0.0;desktop",
};
constexpr const char* kCasts[] = {
    "Partner google cast_tv;Chromecast;;1.56.500000",
    "Partner google cast_tv;Chromecast_Ultra;;1.56.500000",
    "Partner google cast_tv;Google_TV_Streamer;;1.56.500000",
    "cast",
};

std::string DocIp(Rng& rng) {
  static constexpr const char* kNets[] = {"192.0.2.", "198.51.100.", "203.0.113."};
  return fmt::format("\"{}{}\"", kNets[rng.Below(3)], 1 + rng.Below(254));
}

void AddDevice(ListenerProfile* p, const char* platform, DeviceKind kind, uint32_t weight) {
  p->devices.push_back({JsonQuote(platform), kind, weight});
  p->device_cum.push_back((p->device_cum.empty() ? 0 : p->device_cum.back()) + weight);
}

void BuildTaste(const Catalogue& catalogue, Rng& rng, ListenerProfile* p) {
  // 1-3 favourite clusters get most of the weight; the rest share a little.
  uint32_t weights[kClusters];
  for (uint32_t& w : weights) w = 4;
  const int favourites = rng.Range(1, 3);
  static constexpr uint32_t kFavWeight[] = {60, 25, 12};
  const int favoured = kCountries[p->home_country].favoured_cluster;
  for (int f = 0; f < favourites; ++f) {
    int k = (f == 0 && favoured >= 0 && rng.Permille(500)) ? favoured : rng.Range(0, kClusters - 1);
    weights[k] += kFavWeight[f] * 10;
  }
  uint32_t cum = 0;
  for (int k = 0; k < kClusters; ++k) p->cluster_cum.push_back(cum += weights[k]);

  const uint32_t size = 60 + rng.Below(240);
  std::vector<bool> taken(catalogue.artists().size(), false);
  for (uint32_t tries = 0; p->library.size() < size && tries < size * 8; ++tries) {
    const int k = static_cast<int>(rng.PickCumulative(p->cluster_cum));
    const uint32_t a = catalogue.PickArtist(k, rng);
    if (taken[a]) continue;
    taken[a] = true;
    p->library.push_back({a, 1, 0, 0});
  }
  // Personal rotation: a random permutation of Zipf weights; about one artist
  // in six is a lifelong favourite, the rest come and go over the years.
  const auto n = static_cast<uint32_t>(p->library.size());
  std::vector<uint32_t> rank(n);
  for (uint32_t i = 0; i < n; ++i) rank[i] = i;
  for (uint32_t i = n; i > 1; --i) std::swap(rank[i - 1], rank[rng.Below(i)]);
  const int64_t total_days =
      DaysFromCivil(p->first_year + p->years, 1, 1) - DaysFromCivil(p->first_year, 1, 1);
  for (uint32_t i = 0; i < n; ++i) {
    LibraryArtist& la = p->library[i];
    la.weight = 1000000U / (rank[i] + 3);
    if (i < 3 || rng.Permille(170)) {
      la.first_day = -400;
      la.last_day = total_days + 400;
    } else {
      la.first_day = static_cast<int64_t>(rng.Below(static_cast<uint32_t>(total_days) + 180)) - 180;
      la.last_day = la.first_day + 60 + rng.Below(700);
    }
  }
  // Monthly tables of active artists.
  for (int m = 0; m < p->years * 12; ++m) {
    const int y = p->first_year + m / 12;
    const auto mo = static_cast<unsigned>(m % 12 + 1);
    const int64_t base = DaysFromCivil(p->first_year, 1, 1);
    const int64_t start = DaysFromCivil(y, mo, 1) - base;
    const int64_t end =
        (mo == 12 ? DaysFromCivil(y + 1, 1, 1) : DaysFromCivil(y, mo + 1, 1)) - base;
    p->month_first_day.push_back(start);
    std::vector<uint32_t> active;
    std::vector<uint64_t> cums;
    uint64_t c = 0;
    for (uint32_t i = 0; i < n; ++i) {
      if (p->library[i].first_day < end && p->library[i].last_day >= start) {
        active.push_back(i);
        cums.push_back(c += p->library[i].weight);
      }
    }
    p->month_artists.push_back(std::move(active));
    p->month_cum.push_back(std::move(cums));
  }
}

}  // namespace

const char* CountryCode(uint8_t country) { return kCountries[country % kCountryCount].code; }

ListenerProfile BuildListener(const Catalogue& catalogue, uint64_t seed, int index, int first_year,
                              int years) {
  Rng rng(Mix(Mix(seed, 0x115737E4ULL), static_cast<uint64_t>(index)));
  ListenerProfile p;
  p.index = index;
  p.json_username = fmt::format("\"synth-{}-{}\"", seed, index);
  p.first_year = first_year;
  p.years = years;
  p.home_country = static_cast<uint8_t>(rng.Below(kCountryCount));
  p.tz_offset_minutes = kCountries[p.home_country].offset_minutes;

  BuildTaste(catalogue, rng, &p);

  AddDevice(&p, rng.Permille(450) ? "ios" : "android", DeviceKind::kPhone, 70);
  if (rng.Permille(550)) {
    const uint32_t r = rng.Below(100);
    AddDevice(&p, r < 50 ? "osx" : (r < 94 ? "windows" : "linux"), DeviceKind::kDesktop, 30);
  }
  if (rng.Permille(200)) {
    AddDevice(&p, kWebPlayers[rng.Below(5)], DeviceKind::kWeb, 10);
  }
  if (rng.Permille(300)) AddDevice(&p, kCasts[rng.Below(4)], DeviceKind::kCast, 12);

  const uint32_t mobile_ips = 2 + rng.Below(3);
  for (uint32_t i = 0; i < mobile_ips + 3; ++i) p.json_ips.push_back(DocIp(rng));

  for (int y = 0; y < years; ++y) {
    const int trips = static_cast<int>(rng.Below(3));
    const int64_t year_start =
        DaysFromCivil(first_year + y, 1, 1) - DaysFromCivil(first_year, 1, 1);
    for (int t = 0; t < trips; ++t) {
      Trip trip;
      trip.first_day = year_start + rng.Below(350);
      trip.last_day = trip.first_day + 3 + rng.Below(12);
      trip.country = static_cast<uint8_t>(rng.Below(kCountryCount));
      if (trip.country == p.home_country)
        trip.country = static_cast<uint8_t>((trip.country + 7) % kCountryCount);
      p.trips.push_back(trip);
    }
  }

  p.skip_pm = 90 + rng.Below(190);
  p.shuffle_pm = 100 + rng.Below(650);
  p.offline_pm = rng.Permille(200) ? 0 : 5 + rng.Below(60);
  p.incognito_pm = rng.Permille(600) ? 0 : 2 + rng.Below(12);
  p.tracks_mean = 11 + rng.Below(7);
  p.idle_day_pm = 30 + rng.Below(90);
  p.chronotype = rng.Range(-1, 2);
  // Intensity: rows per active day, split between music sessions (about
  // tracks_mean + 1 rows each) and podcast sessions (about 2.2 rows each).
  const uint64_t rows_per_day = 28 + rng.Below(26);
  const uint64_t podcast_pm = rng.Permille(300) ? 0 : 20 + rng.Below(90);
  const uint64_t idle = p.idle_day_pm;
  p.sessions_x100 = static_cast<uint32_t>(rows_per_day * (1000 - podcast_pm) * 100 /
                                          ((p.tracks_mean + 1) * (1000 - idle)));
  p.podcast_sessions_x100 =
      static_cast<uint32_t>(rows_per_day * podcast_pm * 1000 / (22 * (1000 - idle)));
  if (podcast_pm > 0) {
    const int shows = rng.Range(1, 4);
    for (int s = 0; s < shows; ++s) {
      p.shows.push_back(rng.Below(static_cast<uint32_t>(catalogue.shows().size())));
    }
  }
  if (rng.Permille(250)) {
    p.audiobook_session_pm = 4 + rng.Below(7);
    const int books = rng.Range(1, 2);
    for (int b = 0; b < books; ++b) {
      p.books.push_back(rng.Below(static_cast<uint32_t>(catalogue.books().size())));
    }
  }
  return p;
}

}  // namespace chorus::synth
