#include "report/summary.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/time_util.h"

namespace chorus::report {

namespace {

using namespace insights;

constexpr const char* kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

std::string Hours(double minutes) { return fmt::format("{:.0f} h", minutes / 60); }

std::string Percent(const Maybe& x) {
  return x ? fmt::format("{:.0f} %", *x * 100) : std::string("—");
}

void TopLines(std::string& out, const char* title, const std::vector<Ranked>& list,
              bool with_artist) {
  if (list.empty()) return;
  out += fmt::format("\n{}\n", title);
  for (size_t k = 0; k < list.size() && k < 5; ++k) {
    const Ranked& x = list[k];
    std::string name = with_artist ? fmt::format("{} — {}", x.name, x.artist) : x.name;
    out += fmt::format("  {}. {}  ({}, {} streams)\n", k + 1, name, Hours(x.minutes), x.count);
  }
}

}  // namespace

std::string ReportSummary(const Report& r) {
  std::string out;
  const auto& t = r.totals;
  if (t.plays == 0) return "No plays in the chosen window.\n";
  out +=
      fmt::format("Listening report, {} to {} ({})\n", FormatIsoUtc(*t.first_end_ms).substr(0, 10),
                  FormatIsoUtc(*t.last_end_ms).substr(0, 10), r.zone);
  out += fmt::format("  {} plays, {} streams, {} ({} on music) over {} listening days\n", t.plays,
                     t.streams, Hours(t.minutes), Hours(t.music_minutes), t.listening_days);
  out += fmt::format("  {} artists, {} tracks, {} albums\n", t.artists, t.tracks, t.albums);
  if (!r.top.empty()) {
    TopLines(out, "Top artists (by minutes)", r.top.front().artists_by_minutes, false);
    TopLines(out, "Top tracks (by streams)", r.top.front().tracks_by_streams, true);
  }
  if (!r.years.empty()) {
    out += "\nBy year\n";
    for (const Period& y : r.years) {
      out += fmt::format("  {}  {:>7}  {:>6} streams  {:>5} artists\n", y.key, Hours(y.minutes),
                         y.streams, y.artists);
    }
  }
  // The clock's busiest hour.
  int best_day = 0, best_hour = 0;
  for (int d = 0; d < 7; ++d) {
    for (int h = 0; h < 24; ++h) {
      if (r.clock.minutes[d][h] > r.clock.minutes[best_day][best_hour]) {
        best_day = d;
        best_hour = h;
      }
    }
  }
  out += "\nHabits\n";
  out += fmt::format("  busiest hour: {} {:02}:00\n", kWeekdays[best_day], best_hour);
  const Sessions& s = r.sessions;
  out += fmt::format("  sessions: {}, median {:.0f} min", s.count, s.median_minutes);
  if (s.longest) {
    out +=
        fmt::format(", longest {:.1f} h ({} plays)", s.longest->minutes() / 60, s.longest->plays);
  }
  out += "\n";
  if (r.streaks.longest_days) {
    out +=
        fmt::format("  longest streak: {} days ({} to {})\n", r.streaks.longest_days->days,
                    DayLabel(r.streaks.longest_days->from), DayLabel(r.streaks.longest_days->to));
  }
  if (r.streaks.artist) {
    out += fmt::format("  longest artist streak: {}, {} days\n", r.streaks.artist->name,
                       r.streaks.artist->days);
  }
  uint64_t known = 0;
  double skips = 0;
  for (const BehaviourMonth& m : r.behaviour.months) {
    if (m.skip_rate) {
      ++known;
      skips += *m.skip_rate;
    }
  }
  out += fmt::format("  skip rate (mean of months): {}\n",
                     Percent(known ? Maybe{skips / static_cast<double>(known)} : Maybe{}));
  if (r.cross_platform) {
    out += fmt::format("  sources: {}; plays seen by more than one: {}\n",
                       fmt::join(r.cross_platform->sources, ", "), r.cross_platform->shared_plays);
  }
  out += "\nWrite the full report with -o report.html (and --json report.json).\n";
  return out;
}

}  // namespace chorus::report
