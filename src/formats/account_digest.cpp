#include "formats/account_digest.h"

#include <sodium.h>

#include <algorithm>
#include <array>

namespace chorus::formats {

std::string AccountDigest(std::string_view service, std::string_view id) {
  constexpr std::string_view kPrefix = "chorus-account-v1:";
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  auto feed = [&](std::string_view s) {
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(s.data()), s.size());
  };
  feed(kPrefix);
  feed(service);
  feed(":");
  feed(id);
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&state, digest.data());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * digest.size());
  for (unsigned char b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

void SortUnique(std::vector<std::string>& digests) {
  std::sort(digests.begin(), digests.end());
  digests.erase(std::unique(digests.begin(), digests.end()), digests.end());
}

}  // namespace chorus::formats
