#include "coop/password.h"

#include <fmt/format.h>
#include <simdjson.h>
#include <sodium.h>

namespace chorus::coop {

namespace {

bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  if (password.size() < kMinPasswordBytes) {
    return InvalidInput(fmt::format("password: use at least {} characters", kMinPasswordBytes));
  }
  if (password.size() > kMaxPasswordBytes) {
    return InvalidInput(fmt::format("password: use at most {} bytes", kMaxPasswordBytes));
  }
  if (!simdjson::validate_utf8(password.data(), password.size()))
    return InvalidInput("password: not valid UTF-8 text");
  if (!SodiumReady()) return Status(Code::kInternal, "libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Status(Code::kInternal, "password hashing ran out of memory");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  if (!SodiumReady() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  char stored[crypto_pwhash_STRBYTES] = {};
  hash.copy(stored, hash.size());
  return crypto_pwhash_str_verify(stored, password.data(), password.size()) == 0;
}

}  // namespace chorus::coop
