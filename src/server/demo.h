// SeedDemo: the demo co-op `chorus serve --demo` starts with.
//
// Contract: creates, once, the steward account steward@demo.chorus with a
// random password (returned, so the caller prints it once; never stored in
// the clear) and accepts the charter for it. When the steward exists
// already, nothing changes and `created` is false with an empty password.
// The synthetic members and their contributions come later (another issue)
// and extend this function. Errors are values.
#pragma once

#include <string>

#include "core/status.h"
#include "store/store.h"

namespace chorus::server {

inline constexpr char kDemoStewardEmail[] = "steward@demo.chorus";

struct DemoSeed {
  bool created = false;
  std::string steward_email;
  std::string steward_password;  // empty unless created now
};

Result<DemoSeed> SeedDemo(store::Store& store);

}  // namespace chorus::server
