// SeedDemo: the demo co-op `chorus serve --demo` starts with.
//
// Contract: creates, once, the steward account steward@demo.chorus with a
// random password (returned, so the caller prints it once; never stored in
// the clear) and accepts the charter for it. When the steward exists
// already, nothing changes and `created` is false with an empty password.
// With an Onboarding, it also adds `members` synthetic members (one year of
// synth listening each, rendered and imported in memory, accepted through
// the same proof of contribution as any upload), with a spread of consent;
// they cannot log in. Errors are values.
#pragma once

#include <string>

#include "coop/onboarding.h"
#include "core/status.h"
#include "store/store.h"

namespace chorus::server {

inline constexpr char kDemoStewardEmail[] = "steward@demo.chorus";

struct DemoSeed {
  bool created = false;
  std::string steward_email;
  std::string steward_password;  // empty unless created now
  int members = 0;               // synthetic members added now
};

Result<DemoSeed> SeedDemo(store::Store& store, coop::Onboarding* onboarding = nullptr,
                          int members = 200);

}  // namespace chorus::server
