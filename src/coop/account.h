// Co-op accounts: how an account is opened, whoever opens it (the HTTP
// signup, `chorus member add`, the demo seed).
//
// Contract: NormalizeEmail() trims surrounding white space, lowercases ASCII
// letters and accepts only a plausible address (one '@', a non-empty local
// part, a dotted domain, no spaces or control characters, at most 254 bytes),
// else InvalidInput naming the problem. NewPseudonym() is "m-" followed by 12
// hex digits from libsodium's CSPRNG: what the public log names the member
// by, unrelated to the e-mail. OpenAccount() normalises the e-mail, hashes
// the password (password.h policy) and creates the member; an e-mail already
// in use is kInvalidInput with kEmailTakenMessage, so callers can tell it
// apart. Errors are values; nothing throws.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/store.h"

namespace chorus::coop {

inline constexpr std::string_view kEmailTakenMessage =
    "email: an account with this e-mail already exists; log in instead";

Result<std::string> NormalizeEmail(std::string_view email);
std::string NewPseudonym();
// `bytes` random bytes from the CSPRNG, as lowercase hex.
std::string RandomHex(size_t bytes);

struct AccountRequest {
  std::string email;  // as typed; normalised here
  std::string password;
  store::Role role = store::Role::kMember;
  int64_t now_ms = 0;
};
// The new member's id. `password_hash`, when not empty, is used instead of
// hashing `password` (the caller hashed it already, e.g. off a lock).
Result<int64_t> OpenAccount(store::Store& store, const AccountRequest& request,
                            const std::string& password_hash = "");

}  // namespace chorus::coop
