// Mood month by month: behavioural moods from how the listener listens, and
// audio moods from features the listener supplied (never invented).
#include <algorithm>
#include <cmath>
#include <map>

#include "insights/distinct.h"
#include "insights/report.h"

namespace chorus::insights {

namespace {

constexpr double kEnergyFullMinutesPerDay = 180;
constexpr int kNightEndsHour = 6;  // 00:00–05:59 is night

struct MonthAcc {
  double minutes = 0, music_minutes = 0, night_minutes = 0;
  uint64_t skip_known = 0, skips = 0, streams = 0, distinct_tracks = 0, new_track_streams = 0;
  // Audio features: covered minutes, and per feature weighted sum and weight.
  double covered = 0;
  std::array<double, 4> sum{}, weight{};
};

Maybe Ratio(double a, double b) { return b > 0 ? Maybe{a / b} : Maybe{}; }

}  // namespace

void ComputeMood(const Context& c, const AudioFeatures* features, Report& r) {
  const auto& log = c.log();
  // Features per item, looked up once: the --enrich CSV first, then the
  // tempo a DJ library measured (BPM) where the CSV has none.
  std::vector<Features> item_features;
  std::vector<bool> has_features;
  std::vector<std::string> sources;
  if (features != nullptr) sources.push_back("enrich:" + features->name());
  if (log.has_dj_facts()) sources.emplace_back("dj-library");
  if (!sources.empty()) {
    item_features.resize(log.items().size());
    has_features.resize(log.items().size(), false);
    const StringPool& s = log.strings();
    for (uint32_t k = 0; k < log.items().size(); ++k) {
      const Item& it = log.items()[k];
      if (it.kind != Kind::kMusic) continue;
      if (features != nullptr) {
        if (const Features* f =
                features->Find(s.View(it.ref.uri), s.View(it.ref.artist), s.View(it.ref.title))) {
          item_features[k] = *f;
          has_features[k] = true;
        }
      }
      uint16_t bpm_centi = log.item_dj_facts(k).bpm_centi;
      if (bpm_centi > 0 && std::isnan(item_features[k].tempo)) {
        item_features[k].tempo = bpm_centi / 100.0;
        has_features[k] = true;
      }
    }
    std::string joined;
    for (const auto& name : sources) joined += (joined.empty() ? "" : " + ") + name;
    r.mood.audio_source = joined;
  }

  std::vector<int32_t> track_first_month(c.track_count(), INT32_MAX);
  for (uint32_t i : c.by_day()) {
    uint32_t t = c.track(i);
    if (c.is_stream(i) && t != kNone && track_first_month[t] == INT32_MAX) {
      track_first_month[t] = c.month(i);
    }
  }

  std::map<int32_t, MonthAcc> months;
  Distinct tracks(c.track_count());
  for (uint32_t i : c.by_day()) {
    if (!c.in_window(i)) continue;
    MonthAcc& m = months[c.month(i)];
    double minutes = log.ms_played(i) / 60'000.0;
    m.minutes += minutes;
    if (c.hour(i) < kNightEndsHour) m.night_minutes += minutes;
    if (!c.is_music(i)) continue;
    m.music_minutes += minutes;
    if (c.skip(i) != Tri::kUnknown) {
      ++m.skip_known;
      m.skips += c.skip(i) == Tri::kTrue;
    }
    if (c.is_stream(i)) {
      ++m.streams;
      m.distinct_tracks += tracks.Add(c.track(i), c.month(i));
      if (c.track(i) != kNone && track_first_month[c.track(i)] == c.month(i)) ++m.new_track_streams;
    }
    if (!has_features.empty() && has_features[log.item_index(i)]) {
      const Features& f = item_features[log.item_index(i)];
      m.covered += minutes;
      const double values[4] = {f.valence, f.energy, f.tempo, f.danceability};
      for (int k = 0; k < 4; ++k) {
        if (std::isnan(values[k])) continue;
        m.sum[k] += values[k] * minutes;
        m.weight[k] += minutes;
      }
    }
  }

  std::map<int32_t, uint64_t> days;
  for (const Period& p : r.months) days[p.key] = p.days;
  for (const auto& [month, m] : months) {
    MoodMonth mood{month, {}, {}, {}, {}, {}};
    uint64_t d = days[month];
    if (d > 0)
      mood.energy =
          std::min(1.0, m.music_minutes / static_cast<double>(d) / kEnergyFullMinutesPerDay);
    mood.restlessness = Ratio(static_cast<double>(m.skips), static_cast<double>(m.skip_known));
    mood.nocturnality = Ratio(m.night_minutes, m.minutes);
    if (m.streams > 0) {
      mood.repetition =
          1.0 - static_cast<double>(m.distinct_tracks) / static_cast<double>(m.streams);
      mood.exploration = static_cast<double>(m.new_track_streams) / static_cast<double>(m.streams);
    }
    r.mood.behavioural.push_back(mood);

    if (has_features.empty()) continue;
    AudioMoodMonth audio{month, m.music_minutes > 0 ? m.covered / m.music_minutes : 0, {}, {}, {},
                         {}};
    Maybe* out[4] = {&audio.valence, &audio.energy, &audio.tempo, &audio.danceability};
    for (int k = 0; k < 4; ++k) *out[k] = Ratio(m.sum[k], m.weight[k]);
    r.mood.audio.push_back(audio);
  }
}

}  // namespace chorus::insights
