// Distinct: counts distinct dense ids within consecutive periods.
//
// Contract: Add(id, period) is true the first time an id is seen in a
// period. Exact only when periods arrive in order (walk Context::by_day()):
// a period never comes back once another has started. kNone is never new.
#pragma once

#include <cstdint>
#include <vector>

#include "insights/context.h"

namespace chorus::insights {

class Distinct {
 public:
  explicit Distinct(size_t ids) : stamp_(ids, INT32_MIN) {}
  bool Add(uint32_t id, int32_t period) {
    if (id == kNone || stamp_[id] == period) return false;
    stamp_[id] = period;
    return true;
  }

 private:
  std::vector<int32_t> stamp_;
};

}  // namespace chorus::insights
