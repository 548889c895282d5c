// RateLimiter: counts events (failed logins, signups) per key in a sliding
// window, in memory only.
//
// Contract: keys (an e-mail, a client address) are never stored as given:
// each is reduced to a keyed BLAKE2b digest with a key drawn at start-up, so
// not even a core dump lists the addresses, and nothing is ever written to
// disk or logged. RetryAfter() is 0 while fewer than `max` events of the key
// fall in the last `window_ms`, else the seconds until the oldest leaves it.
// Memory is bounded: when more than kMaxKeys keys are tracked, keys with no
// event in the window are dropped, then the oldest half. Thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace chorus::server {

class RateLimiter {
 public:
  static constexpr size_t kMaxKeys = 100000;

  explicit RateLimiter(int64_t window_ms);

  int64_t RetryAfter(std::string_view key, int max, int64_t now_ms);
  void Record(std::string_view key, int64_t now_ms);
  void Clear(std::string_view key);

 private:
  std::string Digest(std::string_view key) const;
  void Expire(std::deque<int64_t>& events, int64_t now_ms) const;
  void Prune(int64_t now_ms);

  int64_t window_ms_;
  unsigned char secret_[32];
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<int64_t>> events_;
};

}  // namespace chorus::server
