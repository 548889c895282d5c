// Metrics: request counts by route, method and status, and uptime, as
// Prometheus text (exposition format 0.0.4) for GET /metrics.
//
// Contract: labels are the route table's paths (or "unmatched"), never the
// requested path, so no caller-chosen text or personal data reaches the
// output. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace chorus::server {

class Metrics {
 public:
  Metrics() : started_(std::chrono::steady_clock::now()) {}
  void Record(const std::string& method, const std::string& route, int status);
  std::string Text() const;

 private:
  std::chrono::steady_clock::time_point started_;
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
};

}  // namespace chorus::server
