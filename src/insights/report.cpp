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
  // The overview's years and months feed top lists, discovery and mood;
  // top lists feed forgotten favourites (discovery). After the overview, two
  // threads fill disjoint members of the report, each reading only what the
  // overview or its own earlier sections wrote.
  ComputeOverview(c, r);
  std::thread other([&] {
    ComputeSessions(c, r);
    ComputeBehaviour(c, r);
    ComputePhases(c, r);
    ComputeMood(c, options.features, r);
    ComputeCrossPlatform(c, r);
    ComputeDj(c, r);
  });
  ComputeTop(c, r);
  ComputeDiscovery(c, r);
  ComputeStreaks(c, r);
  other.join();
  return r;
}

}  // namespace chorus::insights
