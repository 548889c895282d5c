// Store: the co-op's durable state behind one interface, so SQLite (the
// embedded default) and PostgreSQL (for a co-op that outgrows one process)
// are interchangeable (DESIGN.md "Storage").
//
// Contract: OpenStore() opens or creates the database named by a URL
// ("sqlite:PATH" or "postgresql://…", a libpq URI) and applies every
// numbered migration not yet applied (migrations.h), each in its own
// transaction, so a store is always at SchemaVersion() == kLatestSchema after
// a successful open (a store newer than this binary is refused). Every
// method is one transaction: it happens entirely or not at all. Errors are
// values: bad input (a duplicate e-mail, an unknown scope or member) is
// InvalidInput/NotFound; a database failure is IoError. Nothing here throws,
// and no listening data or raw export is ever a column of any table.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace chorus::store {

enum class Role { kMember, kBuyer, kSteward };
std::string_view RoleName(Role role);

// The consent scopes a member opts into (DESIGN.md "The co-op").
inline constexpr std::string_view kConsentScopes[] = {"artist-signals", "listening-patterns",
                                                      "transitions", "dj-sets", "ai-training"};
bool IsConsentScope(std::string_view scope);

struct NewMember {
  std::string email;
  std::string password_hash;  // an Argon2id string; the store never sees a password
  std::string pseudonym;      // what the public log names the member by
  Role role = Role::kMember;
  int64_t created_ms = 0;
};

struct Member {
  int64_t id = 0;
  std::string email, password_hash, pseudonym;
  Role role = Role::kMember;
  int64_t created_ms = 0;
  int charter_version = 0;  // 0: has not accepted the charter, so not yet a member
  int64_t charter_accepted_ms = 0;
};

struct ConsentState {
  bool granted = false;
  int64_t changed_ms = 0;
};

struct ConsentChange {
  std::string scope;
  bool granted = false;
  int64_t at_ms = 0;
};

// A browser login session or an API bearer token. Only the SHA-256 (hex) of
// the secret the client holds is stored, so a copy of the database logs no
// one in.
enum class CredentialKind { kSession, kApiToken };
struct Credential {
  std::string token_hash;
  int64_t member_id = 0;
  CredentialKind kind = CredentialKind::kSession;
  std::string csrf_token;  // sessions only: the browser echoes it on every write
  int64_t created_ms = 0;
  int64_t expires_ms = 0;
};

// A member's merged contribution: the minimised summary built by
// contribution/ (never plays or a raw export), its MinHash signature, and the
// proof-of-contribution outcome shown to the member.
struct Contribution {
  int64_t member_id = 0;
  std::string summary_json;
  std::string signature;    // the MinHash signature, as contribution/ encodes it
  double quality = 0;       // in [0, 1]
  std::string checks_json;  // each check with its reason, and the quality breakdown
  int64_t plays = 0;
  int64_t updated_ms = 0;
};

// One row of the steward's member list: never an e-mail.
struct MemberSummary {
  int64_t id = 0;
  std::string pseudonym;
  Role role = Role::kMember;
  int charter_version = 0;
  bool has_contribution = false;
  double quality = 0;
  int64_t plays = 0;
};

// One accepted upload: how much it added.
struct ContributionEvent {
  int64_t at_ms = 0;
  int64_t plays_added = 0;
  double quality_before = 0;
  double quality_after = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  virtual int SchemaVersion() = 0;
  virtual Result<int64_t> CreateMember(const NewMember& member) = 0;
  virtual Result<std::optional<Member>> FindMemberByEmail(std::string_view email) = 0;
  virtual Result<std::optional<Member>> FindMember(int64_t id) = 0;
  // Records the change (time-stamped, kept as history) and the new state.
  virtual Status SetConsent(int64_t member, std::string_view scope, bool granted,
                            int64_t at_ms) = 0;
  // Every scope, with its latest state (not granted, time 0, when never set).
  virtual Result<std::map<std::string, ConsentState>> Consents(int64_t member) = 0;
  // Every change, oldest first.
  virtual Result<std::vector<ConsentChange>> ConsentHistory(int64_t member) = 0;
  // Joining: the member accepts charter `version` (re-accepting a newer one
  // replaces it).
  virtual Status AcceptCharter(int64_t member, int version, int64_t at_ms) = 0;
  // Deletes the member's personal data, consent history, credentials,
  // contribution and account keys. (Money records, when they exist, stay
  // under the pseudonym.)
  virtual Status EraseMember(int64_t member) = 0;
  virtual Result<int64_t> CountMembers() = 0;
  // Every account, oldest first, with its contribution's quality and plays.
  virtual Result<std::vector<MemberSummary>> ListMembers() = 0;

  virtual Status CreateCredential(const Credential& credential) = 0;
  virtual Result<std::optional<Credential>> FindCredential(std::string_view token_hash) = 0;
  virtual Status DeleteCredential(std::string_view token_hash) = 0;

  // Stores (replaces) the member's contribution, records the event, and
  // claims each account key (a keyed HMAC of an account identifier) for the
  // member, all in one transaction. A key already claimed by another member
  // is InvalidInput and nothing is written.
  virtual Status PutContribution(const Contribution& contribution,
                                 const std::vector<std::string>& account_keys,
                                 const ContributionEvent& event) = 0;
  virtual Result<std::optional<Contribution>> FindContribution(int64_t member) = 0;
  virtual Result<std::vector<ContributionEvent>> ContributionHistory(int64_t member) = 0;
  virtual Result<std::optional<int64_t>> AccountKeyOwner(std::string_view account_key) = 0;
  // Every stored signature, for building the uniqueness index at start-up.
  virtual Status ForEachSignature(
      const std::function<void(int64_t member, std::string_view signature)>& visit) = 0;

  // Co-op-wide settings (e.g. the HMAC key). Returns the stored value, first
  // storing `value_if_absent` when the key has none, so concurrent first
  // starts agree on one value.
  virtual Result<std::string> EnsureSetting(std::string_view key,
                                            std::string_view value_if_absent) = 0;
};

Result<std::unique_ptr<Store>> OpenStore(const std::string& url);

// Shared by the backends.
Role RoleFromName(std::string_view name);
std::string_view CredentialKindName(CredentialKind kind);
CredentialKind CredentialKindFromName(std::string_view name);
std::string DuplicateAccountMessage();

}  // namespace chorus::store
