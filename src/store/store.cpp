// What the backends share: names of roles and credential kinds, and the URL
// dispatch of OpenStore().
#include "store/store.h"

#include <fmt/format.h>

#include <algorithm>

#include "store/backends.h"

namespace chorus::store {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kMember: return "member";
    case Role::kBuyer: return "buyer";
    case Role::kSteward: return "steward";
  }
  return "member";
}

std::string_view CredentialKindName(CredentialKind kind) {
  return kind == CredentialKind::kApiToken ? "api" : "session";
}

CredentialKind CredentialKindFromName(std::string_view name) {
  return name == "api" ? CredentialKind::kApiToken : CredentialKind::kSession;
}

std::string DuplicateAccountMessage() {
  return "this export's listening account already belongs to another member of the co-op: "
         "one account can be contributed once";
}

bool IsConsentScope(std::string_view scope) {
  return std::find(std::begin(kConsentScopes), std::end(kConsentScopes), scope) !=
         std::end(kConsentScopes);
}

Role RoleFromName(std::string_view name) {
  if (name == "steward") return Role::kSteward;
  if (name == "buyer") return Role::kBuyer;
  return Role::kMember;
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.rfind(kSqlite, 0) == 0) return OpenSqliteStore(url.substr(kSqlite.size()));
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return OpenPostgresStore(url);
  }
  return InvalidInput(fmt::format("database {}: expected sqlite:PATH or postgresql://…", url));
}

}  // namespace chorus::store
