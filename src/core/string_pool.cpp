#include "core/string_pool.h"

#include <cstring>
#include <functional>

namespace chorus {

namespace {
constexpr size_t kChunkBytes = 1 << 20;
}

StringPool::StringPool() : views_(1), slots_(1024) {}

void StringPool::Place(Slot slot) {
  const size_t mask = slots_.size() - 1;
  size_t pos = slot.hash & mask;
  while (slots_[pos].id != kNoString) pos = (pos + 1) & mask;
  slots_[pos] = slot;
}

void StringPool::Grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  for (const Slot& slot : old) {
    if (slot.id != kNoString) Place(slot);
  }
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

StrId StringPool::Add(std::string_view s, uint32_t hash, size_t slot) {
  const StrId id = AppendNew(s);
  slots_[slot] = {id, hash};
  indexed_ = views_.size();
  if (2 * views_.size() > slots_.size()) Grow();
  return id;
}

uint32_t StringPool::HashOf(std::string_view s) {
  return static_cast<uint32_t>(std::hash<std::string_view>()(s));
}

void StringPool::IndexAppended() {
  while (2 * views_.size() > slots_.size()) Grow();
  for (; indexed_ < views_.size(); ++indexed_)
    Place({static_cast<StrId>(indexed_), HashOf(views_[indexed_])});
}

StrId StringPool::Intern(std::string_view s) {
  return s.empty() ? kNoString : Intern(s, HashOf(s));
}

StrId StringPool::Intern(std::string_view s, uint32_t h) {
  if (s.empty()) return kNoString;
  if (indexed_ < views_.size()) IndexAppended();
  const size_t mask = slots_.size() - 1;
  size_t pos = h & mask;
  for (; slots_[pos].id != kNoString; pos = (pos + 1) & mask) {
    const Slot& slot = slots_[pos];
    if (slot.hash == h && views_[slot.id] == s) return slot.id;
  }
  return Add(s, h, pos);
}

StrId StringPool::AppendNew(std::string_view s) {
  auto id = static_cast<StrId>(views_.size());
  views_.push_back(Store(s));
  bytes_ += s.size();
  return id;
}

}  // namespace chorus
