#include "server/metrics.h"

#include <fmt/format.h>

namespace chorus::server {

void Metrics::Record(const std::string& method, const std::string& route, int status) {
  std::lock_guard lock(mutex_);
  ++requests_[{method, route, status}];
}

std::string Metrics::Text() const {
  std::string out =
      "# HELP chorus_http_requests_total HTTP requests answered, by route, method and status.\n"
      "# TYPE chorus_http_requests_total counter\n";
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, count] : requests_) {
      const auto& [method, route, status] = key;
      fmt::format_to(std::back_inserter(out),
                     "chorus_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                     route, method, status, count);
    }
  }
  double uptime =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  fmt::format_to(std::back_inserter(out),
                 "# HELP chorus_uptime_seconds Seconds since the server started.\n"
                 "# TYPE chorus_uptime_seconds gauge\n"
                 "chorus_uptime_seconds {:.3f}\n",
                 uptime);
  return out;
}

}  // namespace chorus::server
