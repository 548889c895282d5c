// Passwords of co-op accounts: Argon2id (libsodium crypto_pwhash_str).
//
// Contract: HashPassword() checks the policy (10 to 256 bytes of valid
// UTF-8), then returns a self-describing "$argon2id$…" string with a random
// salt and libsodium's interactive limits; only that string is ever stored.
// VerifyPassword() compares in constant time and is false for anything that
// is not a hash of this password (including a malformed hash). Errors are
// values: a password outside the policy is InvalidInput with a reason a
// person can act on; running out of memory is kInternal. Nothing throws.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace chorus::coop {

inline constexpr size_t kMinPasswordBytes = 10;
inline constexpr size_t kMaxPasswordBytes = 256;

Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view hash, std::string_view password);

}  // namespace chorus::coop
