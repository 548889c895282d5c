#include "server/demo.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "coop/account.h"
#include "coop/charter.h"
#include "core/time_util.h"
#include "importer/import.h"
#include "synth/synth.h"

namespace chorus::server {

namespace {

// Demo members never log in: their hash is no Argon2id string, so no
// password verifies against it (and seeding skips 200 slow hashes).
constexpr std::string_view kNoLogin = "!demo-member-no-login";
constexpr uint64_t kDemoSeed = 2026;

// One synthetic listener's contribution, built from an export rendered and
// imported in memory, as an upload would be.
Result<contribution::Contribution> BuildListener(const synth::ListenerRenderer& renderer, int i) {
  std::vector<synth::SynthFile> files = renderer.Render(i);
  importer::ImportOptions options;
  options.threads = 1;
  options.keep_readers = true;
  for (const auto& f : files) options.memory_files.push_back({f.name, f.data});
  auto imported = importer::Import(options);
  if (!imported.ok()) return imported.status();
  return contribution::Build(imported.value());
}

Status SeedMembers(store::Store& store, coop::Onboarding& onboarding, int count, int64_t now) {
  synth::SynthOptions options;
  options.seed = kDemoSeed;
  options.years = 1;
  const synth::ListenerRenderer renderer(options);
  std::vector<std::optional<Result<contribution::Contribution>>> built(count);
  std::atomic<int> next{0};
  auto work = [&] {
    for (int i; (i = next.fetch_add(1)) < count;) built[i].emplace(BuildListener(renderer, i + 1));
  };
  std::vector<std::thread> pool;
  unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
  for (auto& t : pool) t.join();

  for (int i = 0; i < count; ++i) {
    if (!built[i]->ok()) return built[i]->status();
    auto id =
        store.CreateMember({fmt::format("member{:03}@demo.chorus", i + 1), std::string(kNoLogin),
                            coop::NewPseudonym(), store::Role::kMember, now});
    if (!id.ok()) return id.status();
    CHORUS_RETURN_IF_ERROR(store.AcceptCharter(id.value(), coop::kCharterVersion, now));
    // A spread of consent, so the co-op's numbers are not all alike.
    size_t scope = 0;
    for (std::string_view name : store::kConsentScopes) {
      bool granted = (i + scope++) % 3 != 0;
      CHORUS_RETURN_IF_ERROR(store.SetConsent(id.value(), name, granted, now));
    }
    auto outcome = onboarding.ContributeBuilt(id.value(), std::move(built[i]->value()), now);
    if (!outcome.ok()) return outcome.status();
    if (outcome->verdict != coop::Verdict::kAccepted) {
      return Status(Code::kInternal, fmt::format("demo member {}: contribution refused: {}", i + 1,
                                                 outcome->message));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<DemoSeed> SeedDemo(store::Store& store, coop::Onboarding* onboarding, int members) {
  DemoSeed seed{false, kDemoStewardEmail, ""};
  auto existing = store.FindMemberByEmail(kDemoStewardEmail);
  if (!existing.ok()) return existing.status();
  if (existing.value()) return seed;
  int64_t now = NowMs();
  std::string password = coop::RandomHex(12);
  auto id = coop::OpenAccount(store, {kDemoStewardEmail, password, store::Role::kSteward, now});
  if (!id.ok()) return id.status();
  CHORUS_RETURN_IF_ERROR(store.AcceptCharter(id.value(), coop::kCharterVersion, now));
  if (onboarding != nullptr && members > 0) {
    CHORUS_RETURN_IF_ERROR(SeedMembers(store, *onboarding, members, now));
  }
  seed.created = true;
  seed.steward_password = std::move(password);
  seed.members = onboarding != nullptr ? members : 0;
  return seed;
}

}  // namespace chorus::server
