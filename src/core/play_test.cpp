#include "core/play.h"

#include <gtest/gtest.h>

namespace chorus {
namespace {

TEST(ParseReason, EveryNameReadsBackAsItsReason) {
  for (int r = 1; r < static_cast<int>(Reason::kOther); ++r) {
    const auto reason = static_cast<Reason>(r);
    EXPECT_EQ(ParseReason(ReasonName(reason)), reason) << ReasonName(reason);
  }
  EXPECT_EQ(ParseReason("unknown"), Reason::kUnknown);
  EXPECT_EQ(ParseReason(""), Reason::kUnknown);
}

TEST(ParseReason, NamesThatOnlyResembleOneAreOther) {
  // Same slot or same first letter and length as a real name, a prefix, an
  // extension, another case: none of them is that name.
  for (const char* s :
       {"trackdonE", "Trackdone", "trackdon", "trackdonex", "trackerros", "fwdbtx", "fwdbtn ",
        "playbtm", "endplaz", "unexpected-exit-while-pausex", "x", "popup\n"}) {
    EXPECT_EQ(ParseReason(s), Reason::kOther) << s;
  }
}

}  // namespace
}  // namespace chorus
