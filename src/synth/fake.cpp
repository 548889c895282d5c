#include "synth/fake.h"

#include <algorithm>
#include <numeric>
#include <string_view>
#include <utility>

#include "synth/writer.h"

namespace chorus::synth {
namespace {

constexpr int64_t kDayMs = 86400000;
constexpr int64_t kHourMs = 3600000;

void SortByEnd(std::vector<Play>* plays) {
  std::stable_sort(plays->begin(), plays->end(),
                   [](const Play& a, const Play& b) { return a.end_ms < b.end_ms; });
}

Play MusicPlay(const ListenerProfile& p, uint32_t track, Rng& rng) {
  Play play;
  play.kind = Kind::kMusic;
  play.item = track;
  play.device = static_cast<uint8_t>(rng.PickCumulative(p.device_cum));
  play.country = p.home_country;
  play.shuffle = rng.Permille(p.shuffle_pm) ? kTrue : kFalse;
  return play;
}

bool IsNumber(std::string_view v) {
  return !v.empty() && (v[0] == '-' || (v[0] >= '0' && v[0] <= '9'));
}

}  // namespace

std::vector<Play> UniformAudio(const Catalogue& c, const ListenerProfile& p, uint64_t seed) {
  Rng rng(Mix(Mix(seed, 0xF0A1ULL), static_cast<uint64_t>(p.index)));
  const int64_t begin = HistoryBeginMs(p.first_year);
  const int64_t end = HistoryEndMs(p.first_year, p.years);
  const auto tracks = static_cast<uint32_t>(c.tracks().size());
  const int64_t rows = (end - begin) / kDayMs * 33;
  std::vector<Play> out;
  out.reserve(static_cast<size_t>(rows));
  for (int64_t i = 0; i < rows; ++i) {
    Play play = MusicPlay(p, rng.Below(tracks), rng);
    const uint32_t duration = c.tracks()[play.item].duration_ms;
    if (rng.Permille(700)) {
      play.ms_played = duration - rng.Below(std::min(duration, 400U));
      play.reason_end = kTrackdone;
    } else {
      play.ms_played = duration / 20 + rng.Below(duration / 2 + 1);
      play.reason_end = kFwdbtn;
      play.skipped = kTrue;
    }
    play.reason_start = rng.Permille(500) ? kTrackdone : kClickrow;
    // The stream starts inside the window too.
    play.end_ms =
        begin + play.ms_played +
        static_cast<int64_t>(rng.Below64(static_cast<uint64_t>(end - begin - play.ms_played)));
    out.push_back(play);
  }
  SortByEnd(&out);
  return out;
}

std::vector<Play> OverlappingAudio(const Catalogue& c, const ListenerProfile& p, uint64_t seed) {
  Rng rng(Mix(Mix(seed, 0x0E71AULL), static_cast<uint64_t>(p.index)));
  const int64_t begin = HistoryBeginMs(p.first_year);
  const int64_t days = (HistoryEndMs(p.first_year, p.years) - begin) / kDayMs;
  // A stream farm loops a short playlist.
  std::vector<uint32_t> playlist(40);
  for (uint32_t& t : playlist) t = rng.Below(static_cast<uint32_t>(c.tracks().size()));
  const auto devices = static_cast<uint32_t>(p.devices.size());
  std::vector<Play> out;
  for (int64_t d = 0; d < days; ++d) {
    if (!rng.Permille(150)) continue;
    const int chains = rng.Range(4, 8);
    const int64_t hours = rng.Range(7, 10);
    // The window lies inside this UTC day; over the days it covers every hour.
    const int64_t start =
        begin + d * kDayMs + rng.Below(static_cast<uint32_t>(kDayMs - hours * kHourMs));
    const int64_t stop = start + hours * kHourMs;
    for (int chain = 0; chain < chains; ++chain) {
      int64_t t = start + rng.Below(120000);
      uint32_t pos = rng.Below(static_cast<uint32_t>(playlist.size()));
      while (true) {
        Play play = MusicPlay(p, playlist[pos++ % playlist.size()], rng);
        play.device = static_cast<uint8_t>(static_cast<uint32_t>(chain) % devices);
        play.ms_played = c.tracks()[play.item].duration_ms;
        play.reason_start = kTrackdone;
        play.reason_end = kTrackdone;
        if (t + play.ms_played > stop) break;
        t += play.ms_played;
        play.end_ms = t;
        out.push_back(play);
        t += rng.Below(3000);
      }
    }
  }
  SortByEnd(&out);
  return out;
}

void ShiftPlays(int64_t shift_ms, std::vector<Play>* plays) {
  for (Play& play : *plays) play.end_ms += shift_ms;
}

std::vector<Play> DropRows(const std::vector<Play>& plays, Rng& rng) {
  const size_t n = plays.size();
  const size_t drop = n - (7 * n + 5) / 10;
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0U);
  std::vector<bool> dropped(n, false);
  for (size_t i = 0; i < drop; ++i) {  // partial Fisher-Yates: `drop` distinct rows
    const size_t j = i + rng.Below64(n - i);
    std::swap(order[i], order[j]);
    dropped[order[i]] = true;
  }
  std::vector<Play> out;
  out.reserve(n - drop);
  for (size_t i = 0; i < n; ++i) {
    if (!dropped[i]) out.push_back(plays[i]);
  }
  return out;
}

void AppendJunkRow(const Catalogue& c, const ListenerProfile& p, const Play& play, Rng& rng,
                   std::string* out) {
  std::string row;
  AppendRow(c, p, play, &row);
  if (!rng.Permille(900)) {
    out->append(row);
    return;
  }
  // Lines between "  {" and "  }" are `    "key": value` with an optional
  // comma; values never hold a newline (strings are escaped).
  std::vector<std::string_view> keys, values;
  std::string_view rest(row);
  rest.remove_prefix(rest.find('\n') + 1);
  rest.remove_suffix(rest.size() - rest.rfind('\n'));
  while (!rest.empty()) {
    const size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    if (line.back() == ',') line.remove_suffix(1);
    const size_t colon = line.find("\": ") + 1;
    keys.push_back(line.substr(0, colon));
    values.push_back(line.substr(colon + 2));
  }
  const std::vector<std::string_view> original = values;
  // keys[0] is ts, keys[3] ms_played (AppendRow's order).
  for (int attempt = 0; attempt < 32; ++attempt) {
    for (size_t i = values.size() - 1; i > 0; --i) {
      std::swap(values[i], values[rng.Below(static_cast<uint32_t>(i + 1))]);
    }
    if (!IsNumber(values[3]) && values[0] != original[0]) break;
  }
  if (IsNumber(values[3]) || values[0] == original[0]) {
    values[0] = original[3];
    values[3] = original[0];
  }
  out->append("  {\n");
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) out->append(",\n");
    out->append(keys[i]);
    out->append(": ");
    out->append(values[i]);
  }
  out->append("\n  }");
}

}  // namespace chorus::synth
