#include "coop/onboarding.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>

#include "coop/account.h"
#include "importer/import.h"

namespace chorus::coop {

namespace {

constexpr std::string_view kHmacKeySetting = "account-hmac-key";

std::string EncodeSignature(const contribution::Signature& sig) {
  std::string out;
  out.reserve(sig.size() * 8);
  for (uint32_t v : sig) out += fmt::format("{:08x}", v);
  return out;
}

bool DecodeSignature(std::string_view hex, contribution::Signature* sig) {
  if (hex.size() != sig->size() * 8) return false;
  for (size_t i = 0; i < sig->size(); ++i) {
    uint32_t v = 0;
    for (char ch : hex.substr(i * 8, 8)) {
      int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
      if (d < 0) return false;
      v = v << 4 | static_cast<uint32_t>(d);
    }
    (*sig)[i] = v;
  }
  return true;
}

// A contribution JSON from `chorus contribute`, as opposed to export files.
bool LooksLikeContribution(std::string_view bytes) {
  size_t start = bytes.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || bytes[start] != '{') return false;
  return bytes.substr(start, 64).find(R"("format":"chorus-contribution")") !=
         std::string_view::npos;
}

Outcome Refusal(Verdict verdict, std::string message, std::vector<Check> checks,
                const contribution::Contribution& built) {
  Outcome o;
  o.verdict = verdict;
  o.message = std::move(message);
  o.checks = std::move(checks);
  o.quality = ScoreQuality(built);
  return o;
}

}  // namespace

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kAccepted: return "accepted";
    case Verdict::kRejected: return "rejected";
    case Verdict::kDuplicate: return "duplicate";
  }
  return "rejected";
}

Result<ParsedUpload> ParseUpload(const std::vector<UploadPart>& parts) {
  if (parts.empty()) return InvalidInput("the upload is empty: send an export ZIP or JSON files");
  ParsedUpload parsed;
  if (parts.size() == 1 && LooksLikeContribution(parts[0].bytes)) {
    auto c = contribution::FromJson(parts[0].bytes);
    if (!c.ok()) return InvalidInput(fmt::format("{}: {}", parts[0].name, c.status().message()));
    parsed.contribution = std::move(c).value();
    return parsed;
  }
  importer::ImportOptions options;
  options.threads = 1;  // the server runs uploads side by side already
  options.keep_readers = true;
  for (const UploadPart& p : parts) options.memory_files.push_back({p.name, p.bytes});
  auto imported = importer::Import(options);
  if (!imported.ok()) return imported.status();
  auto built = contribution::Build(imported.value());
  if (!built.ok()) return built.status();
  parsed.contribution = std::move(built).value();
  parsed.import = std::move(imported).value();
  return parsed;
}

Result<std::unique_ptr<Onboarding>> Onboarding::Open(store::Store& store) {
  if (sodium_init() < 0) return IoError("libsodium failed to initialise");
  auto key = store.EnsureSetting(kHmacKeySetting, RandomHex(32));
  if (!key.ok()) return key.status();
  std::unique_ptr<Onboarding> onboarding(new Onboarding(store, key.value()));
  Status bad;
  Status visited = store.ForEachSignature([&](int64_t member, std::string_view hex) {
    contribution::Signature sig;
    if (!DecodeSignature(hex, &sig)) {
      if (bad.ok()) bad = IoError(fmt::format("member {}: stored signature is damaged", member));
      return;
    }
    onboarding->index_.Insert(static_cast<uint64_t>(member), sig);
  });
  CHORUS_RETURN_IF_ERROR(visited);
  CHORUS_RETURN_IF_ERROR(bad);
  return onboarding;
}

size_t Onboarding::indexed_members() const {
  std::lock_guard<std::mutex> lock(mu_);
  return index_.size();
}

Result<Outcome> Onboarding::Contribute(int64_t member, const std::vector<UploadPart>& parts,
                                       int64_t now_ms) {
  auto parsed = ParseUpload(parts);
  if (!parsed.ok()) return parsed.status();
  return ContributeBuilt(member, std::move(parsed.value().contribution), now_ms);
}

namespace {

// The accepted outcome and the rows that store it, for one stored state of
// the member's contribution: everything that does not depend on other
// members, so it is worked out before the uniqueness lock is taken.
struct Planned {
  Outcome outcome;
  store::Contribution row;
  store::ContributionEvent event;
  contribution::Signature signature;  // the merged one, for the index
};

Result<Planned> Plan(int64_t member, const contribution::Contribution& built,
                     const std::optional<store::Contribution>& stored, std::vector<Check> checks,
                     int64_t now_ms) {
  contribution::Contribution merged;
  double quality_before = 0;
  uint64_t plays_before = 0;
  if (stored) {
    auto old = contribution::FromJson(stored->summary_json);
    if (!old.ok()) {
      return IoError(fmt::format("member {}: stored contribution is damaged: {}", member,
                                 old.status().message()));
    }
    merged = contribution::Merge(old.value(), built);
    quality_before = stored->quality;
    plays_before = contribution::Summarize(old.value()).plays;
  } else {
    merged = built;
  }
  // The account digests are unkeyed hashes of user names: only their keyed
  // HMACs (account_keys) are kept.
  merged.account_digests.clear();
  Planned p;
  Outcome& o = p.outcome;
  o.verdict = Verdict::kAccepted;
  o.quality = ScoreQuality(merged);
  o.quality_before = quality_before;
  o.plays_total = contribution::Summarize(merged).plays;
  o.plays_added = o.plays_total > plays_before ? o.plays_total - plays_before : 0;
  o.summary_json = contribution::ToJson(merged);
  o.checks = std::move(checks);
  p.row = {member,
           o.summary_json,
           EncodeSignature(merged.signature),
           o.quality.score,
           ChecksJson(o.checks, o.quality),
           static_cast<int64_t>(o.plays_total),
           now_ms};
  p.event = {now_ms, static_cast<int64_t>(o.plays_added), quality_before, o.quality.score};
  p.signature = merged.signature;
  return p;
}

bool SameStoredState(const std::optional<store::Contribution>& a,
                     const std::optional<store::Contribution>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->updated_ms == b->updated_ms && a->summary_json == b->summary_json);
}

}  // namespace

Result<Outcome> Onboarding::ContributeBuilt(int64_t member, contribution::Contribution built,
                                            int64_t now_ms) {
  std::vector<Check> checks = CheckAuthenticity(built);
  auto failed =
      std::find_if(checks.begin(), checks.end(), [](const Check& c) { return !c.passed; });
  if (failed != checks.end()) {
    std::string why = failed->reason;
    return Refusal(Verdict::kRejected, std::move(why), std::move(checks), built);
  }

  std::vector<std::string> keys;
  for (const std::string& digest : built.account_digests) {
    keys.push_back(AccountKey(hmac_key_, digest));
  }
  const Check unique_account{"unique-account", true,
                             keys.empty()
                                 ? "the export names no listening account (nothing to compare)"
                                 : "no other member has contributed this listening account"};
  const Check unique_history{"unique-history", true,
                             "no other member's history is alike (MinHash similarity below 30%)"};

  // Merging and serialising (most of the work) happen before the lock, on
  // the stored state read now; under the lock that state is read again and
  // the plan redone only if another upload of this member landed meanwhile.
  std::vector<Check> if_unique = checks;
  if_unique.push_back(unique_account);
  if_unique.push_back(unique_history);
  auto stored = store_.FindContribution(member);
  if (!stored.ok()) return stored.status();
  auto planned = Plan(member, built, stored.value(), if_unique, now_ms);
  if (!planned.ok()) return planned.status();

  // PutContribution claims the account keys atomically; this earlier look
  // gives the refusal its reason without a write.
  for (const std::string& key : keys) {
    auto owner = store_.AccountKeyOwner(key);
    if (!owner.ok()) return owner.status();
    if (owner.value() && *owner.value() != member) {
      checks.push_back({"unique-account", false, store::DuplicateAccountMessage()});
      return Refusal(Verdict::kDuplicate, store::DuplicateAccountMessage(), std::move(checks),
                     built);
    }
  }
  checks.push_back(unique_account);

  std::lock_guard<std::mutex> lock(mu_);
  for (const contribution::LshMatch& match : index_.Query(built.signature, kDuplicateJaccard)) {
    auto other = static_cast<int64_t>(match.member_id);
    if (other == member) continue;
    // An erased member's signature leaves the index lazily, here.
    auto still = store_.FindContribution(other);
    if (!still.ok()) return still.status();
    if (!still.value()) {
      index_.Remove(match.member_id);
      continue;
    }
    std::string why = fmt::format(
        "this listening history is the same as one another member already contributed "
        "({:.0f}% alike, even allowing for shifted times or dropped rows): a history can be "
        "contributed once",
        match.jaccard * 100);
    checks.push_back({"unique-history", false, why});
    // Only the first match is named; which member it is never leaves here.
    return Refusal(Verdict::kDuplicate, std::move(why), std::move(checks), built);
  }

  auto now_stored = store_.FindContribution(member);
  if (!now_stored.ok()) return now_stored.status();
  if (!SameStoredState(stored.value(), now_stored.value())) {
    planned = Plan(member, built, now_stored.value(), std::move(if_unique), now_ms);
    if (!planned.ok()) return planned.status();
  }
  Planned& p = planned.value();
  Status put = store_.PutContribution(p.row, keys, p.event);
  if (put.code() == Code::kInvalidInput) {  // an account claimed meanwhile
    return Refusal(Verdict::kDuplicate, put.message(), std::move(p.outcome.checks), built);
  }
  CHORUS_RETURN_IF_ERROR(put);
  index_.Insert(static_cast<uint64_t>(member), p.signature);
  return std::move(p.outcome);
}

}  // namespace chorus::coop
