// Normalised track keys for matching the same track across platforms.
//
// Contract: NormalizeName() folds case (Unicode case folding), strips
// accents ("Beyoncé" → "beyonce"), turns punctuation into spaces and
// collapses spaces, so spellings of one name compare equal. NormalizeTitle()
// also drops featuring credits ("(feat. X)", "[ft. X]", " feat. X") and
// version suffixes after " - " such as "- Remastered 2011", "- Radio Edit",
// "- Mono Version". TrackKey() is a 64-bit hash of both, for hash maps.
// Invalid UTF-8 never fails: bytes that do not decode are folded as ASCII.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace chorus {

std::string NormalizeName(std::string_view name);
std::string NormalizeTitle(std::string_view title);
uint64_t TrackKey(std::string_view artist, std::string_view title);

}  // namespace chorus
