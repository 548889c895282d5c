// Onboarding: turns one upload into an accepted or refused contribution
// (DESIGN.md "The co-op": Contribution, Proof of contribution).
//
// Contract: Contribute() reads the upload in memory only (an export ZIP,
// loose export files, or the contribution JSON `chorus contribute` wrote),
// builds the contribution exactly as `chorus contribute` does, and runs the
// proof: authenticity checks, uniqueness (account keys, a keyed HMAC of each
// account identifier, and MinHash similarity against every other member's
// signature), then quality. Only when every check passes is it merged into
// the member's stored contribution (one store transaction); a refusal
// writes nothing. The upload's bytes, the account identifiers and any play
// are never written anywhere; the stored summary is the contribution without
// its account digests (unkeyed hashes), whose keyed HMACs are stored
// instead. The HMAC key is made on first open and kept
// in the store's settings. Thread-safe: concurrent uploads serialise only
// around the uniqueness index and the store write.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contribution/contribution.h"
#include "contribution/lsh_index.h"
#include "coop/proof.h"
#include "core/status.h"
#include "importer/import.h"
#include "store/store.h"

namespace chorus::coop {

struct UploadPart {
  std::string name;        // the file name the member chose (messages only)
  std::string_view bytes;  // must outlive the call
};

enum class Verdict { kAccepted, kRejected, kDuplicate };
std::string_view VerdictName(Verdict verdict);

struct Outcome {
  Verdict verdict = Verdict::kRejected;
  std::string message;  // why, when not accepted: a sentence a person can act on
  std::vector<Check> checks;
  Quality quality;  // of the merged contribution when accepted, else of this upload
  double quality_before = 0;
  uint64_t plays_added = 0;
  uint64_t plays_total = 0;
  std::string summary_json;  // the canonical contribution (merged when accepted)
};

// Jaccard at or above which two histories are the same (minhash.h explains
// why a 30 %-thinned copy still scores about 0.49).
inline constexpr double kDuplicateJaccard = 0.3;

class Onboarding {
 public:
  static Result<std::unique_ptr<Onboarding>> Open(store::Store& store);

  // Bad input (not an export, over the ZIP limits) is an error value; a
  // history that fails a check is an Outcome with its verdict.
  Result<Outcome> Contribute(int64_t member, const std::vector<UploadPart>& parts, int64_t now_ms);
  // The same, for a contribution already built (by `chorus contribute`, or
  // from an import the caller also uses for a report).
  Result<Outcome> ContributeBuilt(int64_t member, contribution::Contribution built, int64_t now_ms);
  size_t indexed_members() const;

 private:
  Onboarding(store::Store& store, std::string hmac_key)
      : store_(store), hmac_key_(std::move(hmac_key)) {}

  store::Store& store_;
  std::string hmac_key_;
  mutable std::mutex mu_;
  contribution::LshIndex index_;
};

// An upload parsed but not yet judged: a single part holding contribution
// JSON is read as one (no import then); anything else is imported in memory.
struct ParsedUpload {
  contribution::Contribution contribution;
  std::optional<importer::ImportResult> import;  // for the member's own report
};
Result<ParsedUpload> ParseUpload(const std::vector<UploadPart>& parts);

}  // namespace chorus::coop
