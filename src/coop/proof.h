// Proof of contribution (DESIGN.md "The co-op"): the checks a contribution
// must pass before it is stored, its quality score, and the keyed account
// identifier the co-op stores instead of any account name.
//
// Contract: pure functions of a contribution::Contribution (and the clock,
// passed in). Each Check carries a reason a person can read, pass or fail.
// Authenticity checks: "schema", "timestamps", "human-pace", "daily-rhythm",
// "volume" (thresholds below, every real fixture passes them). A DJ-only
// contribution (every source DJ software) is judged by the checks that
// apply to DJ sets: "daily-rhythm" does not apply (a few sets in one night
// have no daily rhythm) and "volume" asks for one play, not 10; both say so
// in their reason. ScoreQuality follows docs/quality-score.md exactly.
// AccountKey is HMAC-SHA256(key, digest) in lowercase hex. Nothing throws.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "contribution/contribution.h"

namespace chorus::coop {

struct Check {
  std::string id;
  bool passed = false;
  std::string reason;
};

// Thresholds, tuned so that every export in ../shared/fixtures passes.
inline constexpr double kMaxInvalidShare = 0.20;          // schema
inline constexpr int64_t kEarliestEndMs = 1136073600000;  // 2006-01-01T00:00:00Z
inline constexpr int64_t kMaxPlayMs = 24 * 3'600'000;     // one play longer than a day
inline constexpr double kMaxOverlapShare = 0.05;          // human-pace
inline constexpr uint64_t kMaxDayMs = 24 * 3'600'000;     // human-pace
inline constexpr double kMinQuietShare = 0.12;            // daily-rhythm: quietest 5 h window
inline constexpr uint64_t kMinPlays = 10;                 // volume
inline constexpr uint64_t kMinRhythmPlays = 200;          // daily-rhythm needs this many plays

std::vector<Check> CheckAuthenticity(const contribution::Contribution& c, int64_t now_ms);
// With the system clock.
std::vector<Check> CheckAuthenticity(const contribution::Contribution& c);
bool AllPassed(const std::vector<Check>& checks);

struct QualityComponent {
  std::string name;
  double value = 0;  // in [0, 1]
  double weight = 0;
  std::string explanation;
};
struct Quality {
  double score = 0;  // Σ weight × value, in [0, 1]
  std::vector<QualityComponent> components;
};
Quality ScoreQuality(const contribution::Contribution& c);

// HMAC-SHA256 of an account digest under the co-op's secret key, hex.
std::string AccountKey(std::string_view hmac_key, std::string_view account_digest);

// {"checks":[{"id","passed","reason"}…],"passed":bool,"quality":{"score",
// "components":[{"name","value","weight","explanation"}…]}}; doubles with
// 4 decimals.
std::string ChecksJson(const std::vector<Check>& checks, const Quality& quality);

}  // namespace chorus::coop
