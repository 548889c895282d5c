#include "core/string_pool.h"

#include <cstring>
#include <functional>

namespace chorus {

namespace {
constexpr size_t kChunkBytes = 1 << 20;
}

size_t StringPool::Hash::operator()(std::string_view s) const noexcept {
  return std::hash<std::string_view>()(s);
}

StringPool::StringPool() {
  views_.emplace_back();
  index_.emplace(std::string_view(), kNoString);
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
  auto it = index_.find(s);
  if (it != index_.end()) return it->second;
  std::string_view stored = Store(s);
  bytes_ += s.size();
  auto id = static_cast<StrId>(views_.size());
  views_.push_back(stored);
  index_.emplace(stored, id);
  return id;
}

}  // namespace chorus
