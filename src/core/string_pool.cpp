#include "core/string_pool.h"

#include <cstring>
#include <functional>

namespace chorus {

namespace {
constexpr size_t kChunkBytes = 1 << 20;
}

StringPool::StringPool() : views_(1), hashes_(1, 0), slots_(1024, kNoString) {}

void StringPool::Grow() {
  std::vector<StrId> bigger(slots_.size() * 2, kNoString);
  const size_t mask = bigger.size() - 1;
  for (StrId id : slots_) {
    if (id == kNoString) continue;
    size_t pos = hashes_[id] & mask;
    while (bigger[pos] != kNoString) pos = (pos + 1) & mask;
    bigger[pos] = id;
  }
  slots_.swap(bigger);
}

std::string_view StringPool::Store(std::string_view s) {
  if (s.size() > kChunkBytes / 4) {
    big_.emplace_back(s);
    return big_.back();
  }
  if (chunks_.empty() || chunk_used_ + s.size() > chunks_.back().size()) {
    chunks_.emplace_back(kChunkBytes, '\0');
    chunk_used_ = 0;
  }
  char* dst = chunks_.back().data() + chunk_used_;
  std::memcpy(dst, s.data(), s.size());
  chunk_used_ += s.size();
  return {dst, s.size()};
}

StrId StringPool::Intern(std::string_view s) {
  if (s.empty()) return kNoString;
  const uint64_t h = std::hash<std::string_view>()(s);
  size_t mask = slots_.size() - 1;
  size_t pos = h & mask;
  for (; slots_[pos] != kNoString; pos = (pos + 1) & mask) {
    StrId id = slots_[pos];
    if (hashes_[id] == h && views_[id] == s) return id;
  }
  auto id = static_cast<StrId>(views_.size());
  views_.push_back(Store(s));
  hashes_.push_back(h);
  bytes_ += s.size();
  slots_[pos] = id;
  if (2 * views_.size() > slots_.size()) Grow();
  return id;
}

}  // namespace chorus
