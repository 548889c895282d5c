#include "server/auth.h"

#include <sodium.h>
#include <strings.h>

#include "coop/account.h"
#include "coop/password.h"
#include "core/time_util.h"

namespace chorus::server {

namespace {

bool IsWrite(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// The value of cookie `name` in a Cookie header, or empty.
std::string CookieValue(const std::string& header, std::string_view name) {
  std::string_view rest = header;
  while (!rest.empty()) {
    size_t end = rest.find(';');
    std::string_view pair = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
      return std::string(pair.substr(eq + 1));
    }
  }
  return {};
}

bool SameSecret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

class Permit {  // holds one of the password-work slots
 public:
  explicit Permit(std::counting_semaphore<2>& s) : s_(s) { s_.acquire(); }
  ~Permit() { s_.release(); }
  Permit(const Permit&) = delete;
  Permit& operator=(const Permit&) = delete;

 private:
  std::counting_semaphore<2>& s_;
};

Reply Unauthenticated(std::string_view message) {
  return ErrorReply(401, "unauthenticated", message);
}

}  // namespace

Auth::Auth(store::Store& store, bool secure_cookies)
    : store_(store), secure_cookies_(secure_cookies) {}

std::string Auth::TokenHash(std::string_view token) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex);
}

std::optional<Reply> Auth::Identify(const httplib::Request& request,
                                    std::optional<Caller>* caller) {
  std::string token;
  store::CredentialKind kind = store::CredentialKind::kSession;
  if (request.has_header("Authorization")) {
    std::string value = request.get_header_value("Authorization");
    if (value.size() <= 7 || strncasecmp(value.c_str(), "Bearer ", 7) != 0) {
      return Unauthenticated("Authorization header: expected \"Bearer <token>\"");
    }
    token = value.substr(7);
    kind = store::CredentialKind::kApiToken;
  } else {
    token = CookieValue(request.get_header_value("Cookie"), kSessionCookie);
  }
  if (token.empty()) {
    return Unauthenticated(
        "log in first (POST /api/v1/auth/login), or send an API token as "
        "\"Authorization: Bearer <token>\"");
  }
  std::string hash = TokenHash(token);
  auto credential = store_.FindCredential(hash);
  if (!credential.ok()) return StatusReply(credential.status());
  bool api = kind == store::CredentialKind::kApiToken;
  if (!credential.value() || credential.value()->kind != kind) {
    return Unauthenticated(api ? "this API token is not valid (revoked, or never issued); "
                                 "create a new one with POST /api/v1/auth/tokens"
                               : "your session has ended; log in again");
  }
  if (credential.value()->expires_ms <= NowMs()) {
    (void)store_.DeleteCredential(hash);
    return ErrorReply(401, "expired",
                      api ? "this API token has expired; create a new one after logging in"
                          : "your session has expired; log in again");
  }
  auto member = store_.FindMember(credential.value()->member_id);
  if (!member.ok()) return StatusReply(member.status());
  if (!member.value()) return Unauthenticated("this account no longer exists");
  *caller = Caller{std::move(*member.value()), kind, hash, credential.value()->csrf_token};
  return std::nullopt;
}

std::optional<Reply> Auth::Admit(const httplib::Request& request, Access access,
                                 std::optional<Caller>* caller) {
  if (access == Access::kAnonymous) return std::nullopt;
  if (auto rejected = Identify(request, caller)) return rejected;
  const Caller& who = **caller;
  if (who.via == store::CredentialKind::kSession && IsWrite(request.method) &&
      !SameSecret(request.get_header_value("X-CSRF-Token"), who.csrf_token)) {
    return ErrorReply(403, "csrf",
                      "missing or wrong X-CSRF-Token header: send the csrf_token from the "
                      "login response or GET /api/v1/me");
  }
  store::Role role = who.member.role;
  switch (access) {
    case Access::kAnonymous:
    case Access::kAccount: return std::nullopt;
    case Access::kMemberAccount:
    case Access::kJoinedMember:
      if (role == store::Role::kBuyer) {
        return ErrorReply(403, "forbidden",
                          "buyer accounts cannot join the co-op, consent or contribute; "
                          "this needs a member account");
      }
      if (access == Access::kJoinedMember && who.member.charter_version <= 0) {
        return ErrorReply(403, "not_joined",
                          "join the co-op first: POST /api/v1/me/join with "
                          "{\"accept_charter\": true} (the charter is at GET /api/v1/charter)");
      }
      return std::nullopt;
    case Access::kSteward:
      if (role != store::Role::kSteward) {
        return ErrorReply(403, "forbidden", "only a steward of the co-op can do this");
      }
      return std::nullopt;
  }
  return std::nullopt;
}

Result<NewSecret> Auth::Issue(int64_t member, int64_t now_ms, store::CredentialKind kind) {
  bool session = kind == store::CredentialKind::kSession;
  NewSecret secret{coop::RandomHex(32), session ? coop::RandomHex(32) : std::string(),
                   now_ms + (session ? kSessionTtlMs : kApiTokenTtlMs)};
  if (secret.token.empty()) return Status(Code::kInternal, "no random bytes");
  store::Credential credential{TokenHash(secret.token), member, kind,
                               secret.csrf_token,       now_ms, secret.expires_ms};
  CHORUS_RETURN_IF_ERROR(store_.CreateCredential(credential));
  return secret;
}

Result<NewSecret> Auth::StartSession(int64_t member, int64_t now_ms) {
  return Issue(member, now_ms, store::CredentialKind::kSession);
}

Result<NewSecret> Auth::CreateApiToken(int64_t member, int64_t now_ms) {
  return Issue(member, now_ms, store::CredentialKind::kApiToken);
}

Status Auth::End(const Caller& caller) { return store_.DeleteCredential(caller.token_hash); }

std::string Auth::SessionCookie(const NewSecret& session) const {
  return std::string(kSessionCookie) + "=" + session.token +
         "; Path=/; Max-Age=" + std::to_string(kSessionTtlMs / 1000) +
         "; HttpOnly; SameSite=Strict" + (secure_cookies_ ? "; Secure" : "");
}

std::string Auth::ClearedCookie() const {
  return std::string(kSessionCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" +
         (secure_cookies_ ? "; Secure" : "");
}

Result<std::string> Auth::HashPassword(std::string_view password) {
  Permit permit(password_work_);
  return coop::HashPassword(password);
}

const std::string& Auth::DummyHash() {
  std::call_once(dummy_once_, [this] {
    auto hash = coop::HashPassword(coop::RandomHex(16));
    if (hash.ok()) dummy_hash_ = hash.value();
  });
  return dummy_hash_;
}

bool Auth::CheckPassword(const std::optional<store::Member>& member, std::string_view password) {
  const std::string& dummy = DummyHash();
  Permit permit(password_work_);
  if (!member) {
    (void)coop::VerifyPassword(dummy, password);
    return false;
  }
  return coop::VerifyPassword(member->password_hash, password);
}

}  // namespace chorus::server
