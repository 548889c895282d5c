// Taste phases: stretches of months that a group of artists dominated.
#include <algorithm>
#include <unordered_map>

#include "insights/report.h"

namespace chorus::insights {

namespace {

constexpr double kDominantShare = 0.05;
constexpr int32_t kMinRunMonths = 3;

struct Run {
  int32_t from, to;  // months, inclusive
  std::vector<uint32_t> artists;
};

int32_t Overlap(const Run& a, const Run& b) {
  return std::min(a.to, b.to) - std::max(a.from, b.from) + 1;
}

}  // namespace

void ComputePhases(const Context& c, Report& r) {
  // Music minutes per artist, month by month (by_day order keeps months together).
  std::vector<double> minutes(c.artist_count(), 0);
  std::vector<bool> in_month(c.artist_count(), false);
  std::vector<uint32_t> touched;
  std::unordered_map<uint32_t, std::pair<int32_t, int32_t>> open_runs;  // artist → (from, last)
  std::vector<Run> runs;
  int32_t month = INT32_MIN;
  double month_total = 0;
  auto close_month = [&] {
    for (uint32_t a : touched) {
      bool dominant = month_total > 0 && minutes[a] / month_total >= kDominantShare;
      if (dominant) {
        auto [it, fresh] = open_runs.try_emplace(a, month, month);
        if (!fresh && it->second.second == month - 1) {
          it->second.second = month;
        } else if (!fresh) {
          if (it->second.second - it->second.first + 1 >= kMinRunMonths) {
            runs.push_back({it->second.first, it->second.second, {a}});
          }
          it->second = {month, month};
        }
      }
      minutes[a] = 0;
      in_month[a] = false;
    }
    touched.clear();
    month_total = 0;
  };
  for (uint32_t i : c.by_day()) {
    if (!c.in_window(i) || !c.is_music(i) || c.artist(i) == kNone) continue;
    if (c.month(i) != month) {
      close_month();
      month = c.month(i);
    }
    uint32_t a = c.artist(i);
    if (!in_month[a]) {  // not "minutes == 0": plays may last 0 ms
      in_month[a] = true;
      touched.push_back(a);
    }
    double m = c.log().ms_played(i) / 60'000.0;
    minutes[a] += m;
    month_total += m;
  }
  close_month();
  for (const auto& [a, span] : open_runs) {
    if (span.second - span.first + 1 >= kMinRunMonths)
      runs.push_back({span.first, span.second, {a}});
  }
  std::sort(runs.begin(), runs.end(), [&](const Run& x, const Run& y) {
    if (x.from != y.from) return x.from < y.from;
    return c.artist_name(x.artists[0]) < c.artist_name(y.artists[0]);
  });

  // Merge runs that overlap by at least half the shorter one.
  std::vector<Run> phases;
  for (Run& run : runs) {
    bool merged = false;
    for (Run& p : phases) {
      int32_t shorter = std::min(p.to - p.from, run.to - run.from) + 1;
      if (2 * Overlap(p, run) >= shorter) {
        p.from = std::min(p.from, run.from);
        p.to = std::max(p.to, run.to);
        // An artist with two runs in one phase is listed once.
        if (std::find(p.artists.begin(), p.artists.end(), run.artists[0]) == p.artists.end()) {
          p.artists.push_back(run.artists[0]);
        }
        merged = true;
        break;
      }
    }
    if (!merged) phases.push_back(std::move(run));
  }

  // Each phase's share of music minutes over its months.
  std::vector<double> phase_minutes(phases.size(), 0), total_minutes(phases.size(), 0);
  for (uint32_t i : c.by_day()) {
    if (!c.in_window(i) || !c.is_music(i)) continue;
    double m = c.log().ms_played(i) / 60'000.0;
    for (size_t k = 0; k < phases.size(); ++k) {
      const Run& p = phases[k];
      if (c.month(i) < p.from || c.month(i) > p.to) continue;
      total_minutes[k] += m;
      if (std::find(p.artists.begin(), p.artists.end(), c.artist(i)) != p.artists.end()) {
        phase_minutes[k] += m;
      }
    }
  }
  for (size_t k = 0; k < phases.size(); ++k) {
    Phase out{phases[k].from, phases[k].to, {}, 0};
    for (uint32_t a : phases[k].artists) out.artists.emplace_back(c.artist_name(a));
    out.share = total_minutes[k] > 0 ? phase_minutes[k] / total_minutes[k] : 0;
    r.phases.push_back(std::move(out));
  }
  std::stable_sort(r.phases.begin(), r.phases.end(),
                   [](const Phase& a, const Phase& b) { return a.from < b.from; });
}

}  // namespace chorus::insights
