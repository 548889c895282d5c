// Account identifiers as digests: an export's account identifier (Spotify's
// `username`) is hashed the moment it is read and only the digest is kept.
//
// Contract: AccountDigest(service, id) is the lowercase hex SHA-256 of
// "chorus-account-v1:" + service + ":" + id (64 characters), the same on
// every machine; the co-op keys it again with its secret (coop/proof.h
// AccountKey) before storing anything. Callers must not keep `id`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace chorus::formats {

std::string AccountDigest(std::string_view service, std::string_view id);

// Sorts `digests` and removes repeats.
void SortUnique(std::vector<std::string>& digests);

}  // namespace chorus::formats
