#include "insights/report.h"

namespace chorus::insights {

Result<Report> ComputeReport(const history::PlayLog& log, const ReportOptions& options) {
  auto context = Context::Build(log, options.zone, options.window);
  if (!context.ok()) return context.status();
  const Context& c = context.value();
  Report r;
  r.zone = options.zone;
  r.window = options.window;
  // Order matters where a section reads another: top lists feed forgotten
  // favourites, months feed discovery and mood.
  ComputeOverview(c, r);
  ComputeTop(c, r);
  ComputeSessions(c, r);
  ComputeStreaks(c, r);
  ComputeDiscovery(c, r);
  ComputeBehaviour(c, r);
  ComputePhases(c, r);
  ComputeMood(c, options.features, r);
  ComputeCrossPlatform(c, r);
  return r;
}

}  // namespace chorus::insights
