#include "server/rate_limit.h"

#include <sodium.h>

#include <algorithm>
#include <vector>

namespace chorus::server {

RateLimiter::RateLimiter(int64_t window_ms) : window_ms_(window_ms) {
  if (sodium_init() < 0) std::fill(std::begin(secret_), std::end(secret_), 0x5a);
  randombytes_buf(secret_, sizeof secret_);
}

std::string RateLimiter::Digest(std::string_view key) const {
  unsigned char out[16];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(key.data()),
                     key.size(), secret_, sizeof secret_);
  return std::string(reinterpret_cast<const char*>(out), sizeof out);
}

void RateLimiter::Expire(std::deque<int64_t>& events, int64_t now_ms) const {
  while (!events.empty() && events.front() <= now_ms - window_ms_) events.pop_front();
}

int64_t RateLimiter::RetryAfter(std::string_view key, int max, int64_t now_ms) {
  std::lock_guard lock(mutex_);
  auto it = events_.find(Digest(key));
  if (it == events_.end()) return 0;
  Expire(it->second, now_ms);
  if (static_cast<int>(it->second.size()) < max) return 0;
  // The (size − max + 1)-th oldest event must leave the window.
  int64_t frees_at = it->second[it->second.size() - static_cast<size_t>(max)] + window_ms_;
  return std::max<int64_t>(1, (frees_at - now_ms + 999) / 1000);
}

void RateLimiter::Record(std::string_view key, int64_t now_ms) {
  std::lock_guard lock(mutex_);
  if (events_.size() >= kMaxKeys) Prune(now_ms);
  auto& events = events_[Digest(key)];
  Expire(events, now_ms);
  events.push_back(now_ms);
}

void RateLimiter::Clear(std::string_view key) {
  std::lock_guard lock(mutex_);
  events_.erase(Digest(key));
}

void RateLimiter::Prune(int64_t now_ms) {
  for (auto it = events_.begin(); it != events_.end();) {
    Expire(it->second, now_ms);
    it = it->second.empty() ? events_.erase(it) : std::next(it);
  }
  if (events_.size() < kMaxKeys / 2) return;
  std::vector<std::pair<int64_t, std::string>> newest;
  newest.reserve(events_.size());
  for (const auto& [k, v] : events_) newest.emplace_back(v.back(), k);
  auto middle = newest.begin() + static_cast<std::ptrdiff_t>(newest.size() / 2);
  std::nth_element(newest.begin(), middle, newest.end());
  for (auto it = newest.begin(); it != middle; ++it) events_.erase(it->second);
}

}  // namespace chorus::server
