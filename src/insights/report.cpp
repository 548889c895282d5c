#include "insights/report.h"

#include <thread>

namespace chorus::insights {

Result<Report> ComputeReport(const history::PlayLog& log, const ReportOptions& options) {
  auto context = Context::Build(log, options.zone, options.window);
  if (!context.ok()) return context.status();
  const Context& c = context.value();
  Report r;
  r.zone = options.zone;
  r.window = options.window;
  // Two threads fill disjoint members of the report. The overview's years
  // and months feed top lists and mood, and top lists feed forgotten
  // favourites (discovery), so those run in order on this thread; the
  // sections that read only the context run on the other.
  std::thread other([&] {
    ComputeSessions(c, r);
    ComputeStreaks(c, r);
    ComputeBehaviour(c, r);
    ComputePhases(c, r);
    ComputeCrossPlatform(c, r);
    ComputeDj(c, r);
  });
  ComputeOverview(c, r);
  ComputeTop(c, r);
  ComputeDiscovery(c, r);
  ComputeMood(c, options.features, r);
  other.join();
  return r;
}

}  // namespace chorus::insights
