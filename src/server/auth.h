// Auth: sessions, API bearer tokens, CSRF, password work, and the single
// access check every route goes through.
//
// Contract: secrets handed to clients (session and API tokens: 32 random
// bytes as hex) are never stored; only their SHA-256 (hex) is, via
// Store::CreateCredential. Sessions last 7 days and travel only in the
// `chorus_session` cookie (HttpOnly; SameSite=Strict; Path=/; Secure when
// configured); API tokens last 90 days and travel only as
// `Authorization: Bearer …`. A credential presented the other way, unknown,
// expired (then deleted) or of an erased account is 401. A state-changing
// request (POST, PUT, PATCH, DELETE) authenticated by cookie must carry
// `X-CSRF-Token` equal to the session's token (compared in constant time),
// else 403 csrf; bearer requests need none. Admit() is the one place roles
// are checked (route.h Access). Password hashing and verification run at
// most two at a time (each Argon2id call takes 64 MiB); CheckPassword()
// spends the same work when the account does not exist.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>
#include <string_view>

#include "core/status.h"
#include "server/route.h"
#include "store/store.h"

namespace chorus::server {

inline constexpr std::string_view kSessionCookie = "chorus_session";
inline constexpr int64_t kSessionTtlMs = int64_t{7} * 24 * 3600 * 1000;
inline constexpr int64_t kApiTokenTtlMs = int64_t{90} * 24 * 3600 * 1000;

struct NewSecret {
  std::string token;       // shown to the client once
  std::string csrf_token;  // sessions only
  int64_t expires_ms = 0;
};

class Auth {
 public:
  Auth(store::Store& store, bool secure_cookies);

  // nullopt: admitted (and *caller set unless `access` is kAnonymous);
  // otherwise the 401/403 reply to send.
  std::optional<Reply> Admit(const httplib::Request& request, Access access,
                             std::optional<Caller>* caller);

  Result<NewSecret> StartSession(int64_t member, int64_t now_ms);
  Result<NewSecret> CreateApiToken(int64_t member, int64_t now_ms);
  // Deletes the credential the caller used (logout).
  Status End(const Caller& caller);
  std::string SessionCookie(const NewSecret& session) const;
  std::string ClearedCookie() const;

  Result<std::string> HashPassword(std::string_view password);
  bool CheckPassword(const std::optional<store::Member>& member, std::string_view password);

  static std::string TokenHash(std::string_view token);

 private:
  std::optional<Reply> Identify(const httplib::Request& request, std::optional<Caller>* caller);
  Result<NewSecret> Issue(int64_t member, int64_t now_ms, store::CredentialKind kind);
  const std::string& DummyHash();

  store::Store& store_;
  bool secure_cookies_;
  std::counting_semaphore<2> password_work_{2};
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

}  // namespace chorus::server
