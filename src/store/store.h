// Store: the co-op's durable state behind one interface, so SQLite (the
// embedded default) and PostgreSQL (for a co-op that outgrows one process)
// are interchangeable (DESIGN.md "Storage").
//
// Contract: OpenStore() opens or creates the database named by a URL
// ("sqlite:PATH"; PostgreSQL comes next) and applies every numbered migration
// not yet applied (migrations.h), each in its own transaction, so a store is
// always at SchemaVersion() == kLatestSchema after a successful open. Every
// method is one transaction: it happens entirely or not at all. Errors are
// values: bad input (a duplicate e-mail, an unknown scope or member) is
// InvalidInput/NotFound; a database failure is IoError. Nothing here throws,
// and no listening data or raw export is ever a column of any table.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

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
};

struct ConsentState {
  bool granted = false;
  int64_t changed_ms = 0;
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
  // Deletes the member's personal data and consent history.
  virtual Status EraseMember(int64_t member) = 0;
};

Result<std::unique_ptr<Store>> OpenStore(const std::string& url);

}  // namespace chorus::store
