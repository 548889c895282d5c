// Sessions: runs of plays with gaps of at most 30 minutes.
#include <algorithm>

#include "insights/report.h"

namespace chorus::insights {

void ComputeSessions(const Context& c, Report& r) {
  Sessions& s = r.sessions;
  const int64_t gap_ms = int64_t{s.gap_minutes} * 60'000;
  const auto& log = c.log();
  std::vector<Session> sessions;
  std::vector<uint8_t> start_hours;
  for (size_t i = 0; i < c.size(); ++i) {  // end order: a session grows forward
    if (!c.in_window(i)) continue;
    int64_t start = c.start_ms(i);
    if (sessions.empty() || start > sessions.back().end_ms + gap_ms) {
      sessions.push_back({start, log.end_ms(i), 0});
      start_hours.push_back(c.hour(i));
    }
    Session& cur = sessions.back();
    cur.start_ms = std::min(cur.start_ms, start);
    cur.end_ms = std::max(cur.end_ms, log.end_ms(i));
    ++cur.plays;
  }
  s.count = sessions.size();
  for (uint8_t h : start_hours) ++s.start_hours[h];

  s.length_histogram = {{"under 15 min", 15, 0}, {"15–30 min", 30, 0}, {"30–60 min", 60, 0},
                        {"1–2 h", 120, 0},       {"2–4 h", 240, 0},    {"4 h or more", {}, 0}};
  if (sessions.empty()) return;
  std::vector<double> lengths;
  double total = 0;
  const Session* longest = &sessions.front();
  for (const Session& x : sessions) {
    double m = x.minutes();
    lengths.push_back(m);
    total += m;
    if (m > longest->minutes()) longest = &x;
    for (auto& bucket : s.length_histogram) {
      if (!bucket.max_minutes || m < *bucket.max_minutes) {
        ++bucket.count;
        break;
      }
    }
  }
  s.longest = *longest;
  s.mean_minutes = total / static_cast<double>(lengths.size());
  size_t mid = lengths.size() / 2;
  std::nth_element(lengths.begin(), lengths.begin() + static_cast<std::ptrdiff_t>(mid),
                   lengths.end());
  double upper = lengths[mid];
  if (lengths.size() % 2 == 1) {
    s.median_minutes = upper;
  } else {
    double lower =
        *std::max_element(lengths.begin(), lengths.begin() + static_cast<std::ptrdiff_t>(mid));
    s.median_minutes = (lower + upper) / 2;
  }
}

}  // namespace chorus::insights
