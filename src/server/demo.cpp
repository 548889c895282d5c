#include "server/demo.h"

#include <chrono>

#include "coop/account.h"
#include "coop/charter.h"

namespace chorus::server {

Result<DemoSeed> SeedDemo(store::Store& store) {
  DemoSeed seed{false, kDemoStewardEmail, ""};
  auto existing = store.FindMemberByEmail(kDemoStewardEmail);
  if (!existing.ok()) return existing.status();
  if (existing.value()) return seed;
  int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  std::string password = coop::RandomHex(12);
  auto id = coop::OpenAccount(store, {kDemoStewardEmail, password, store::Role::kSteward, now});
  if (!id.ok()) return id.status();
  CHORUS_RETURN_IF_ERROR(store.AcceptCharter(id.value(), coop::kCharterVersion, now));
  seed.created = true;
  seed.steward_password = std::move(password);
  return seed;
}

}  // namespace chorus::server
