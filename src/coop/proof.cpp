#include "coop/proof.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "core/json_writer.h"
#include "core/time_util.h"

namespace chorus::coop {

namespace {

using contribution::Contribution;
using contribution::Summary;

constexpr int64_t kDayMs = 86'400'000;
constexpr int kQuietWindowHours = 5;

bool IsDjSource(std::string_view s) {
  return s == "traktor" || s == "rekordbox" || s == "serato" || s == "mixxx";
}

bool DjOnly(const Contribution& c) {
  return !c.sources.empty() && std::all_of(c.sources.begin(), c.sources.end(),
                                           [](const std::string& s) { return IsDjSource(s); });
}

std::string Percent(double share) { return fmt::format("{:.1f}%", 100.0 * share); }

Check Schema(const Contribution& c) {
  const uint64_t invalid = c.rejected - c.rejected_no_item;
  const double share =
      c.records == 0 ? 0.0 : static_cast<double>(invalid) / static_cast<double>(c.records);
  if (share > kMaxInvalidShare)
    return {"schema", false,
            fmt::format("{} of {} records do not follow the export's format (fields missing or "
                        "of the wrong type); at most {} may",
                        invalid, c.records, Percent(kMaxInvalidShare))};
  return {"schema", true,
          fmt::format("{} of {} records do not follow the export's format (at most {} may)",
                      invalid, c.records, Percent(kMaxInvalidShare))};
}

Check Timestamps(const Contribution& c, const Summary& s, int64_t now_ms) {
  if (s.plays == 0) return {"timestamps", false, "no plays, so no times to check"};
  if (c.first_end_ms < kEarliestEndMs)
    return {"timestamps", false,
            fmt::format("the first play ends {}, before 2006, when no streaming service this "
                        "export could come from kept histories",
                        FormatIsoUtc(c.first_end_ms))};
  if (c.last_end_ms > now_ms + kDayMs)
    return {"timestamps", false,
            fmt::format("the last play ends {}, in the future", FormatIsoUtc(c.last_end_ms))};
  if (s.max_play_ms > static_cast<uint64_t>(kMaxPlayMs))
    return {"timestamps", false,
            fmt::format("one play lasts {:.1f} hours: no single stream runs longer than a day",
                        static_cast<double>(s.max_play_ms) / 3.6e6)};
  return {"timestamps", true,
          fmt::format("plays end between {} and {}; the longest lasts {:.1f} hours",
                      FormatIsoUtc(c.first_end_ms), FormatIsoUtc(c.last_end_ms),
                      static_cast<double>(s.max_play_ms) / 3.6e6)};
}

Check HumanPace(const Summary& s) {
  const double share = s.overlap_share();
  if (share > kMaxOverlapShare)
    return {"human-pace", false,
            fmt::format("plays overlap: {} of plays run while two others are already playing "
                        "(at most {} may: two devices at once are normal, three are not)",
                        Percent(share), Percent(kMaxOverlapShare))};
  if (s.max_day_ms > kMaxDayMs)
    return {"human-pace", false,
            fmt::format("more than 24 hours of listening in one day ({:.1f} hours)",
                        static_cast<double>(s.max_day_ms) / 3.6e6)};
  return {"human-pace", true,
          fmt::format("{} of plays overlap two others; at most {:.1f} hours of listening in one "
                      "UTC day",
                      Percent(share), static_cast<double>(s.max_day_ms) / 3.6e6)};
}

Check DailyRhythm(const Contribution& c, const Summary& s) {
  if (DjOnly(c))
    return {"daily-rhythm", true,
            "not applicable: a DJ's sets fall in a few nights, not in a daily rhythm"};
  if (s.plays == 0) return {"daily-rhythm", false, "no plays, so no daily rhythm"};
  uint64_t quietest = UINT64_MAX;
  int start = 0;
  for (int h = 0; h < 24; ++h) {
    uint64_t sum = 0;
    for (int k = 0; k < kQuietWindowHours; ++k) sum += s.hours[static_cast<size_t>((h + k) % 24)];
    if (sum < quietest) {
      quietest = sum;
      start = h;
    }
  }
  const double share = static_cast<double>(quietest) / static_cast<double>(s.plays);
  if (share >= kMinQuietShare)
    return {"daily-rhythm", false,
            fmt::format("listening is spread evenly over all 24 hours, as random timestamps are; "
                        "real listeners sleep (the quietest 5 hours, {:02}:00–{:02}:00 UTC, hold "
                        "{} of plays; under {} expected)",
                        start, (start + kQuietWindowHours) % 24, Percent(share),
                        Percent(kMinQuietShare))};
  return {"daily-rhythm", true,
          fmt::format("the quietest 5 hours ({:02}:00–{:02}:00 UTC) hold {} of plays", start,
                      (start + kQuietWindowHours) % 24, Percent(share))};
}

Check Volume(const Contribution& c, const Summary& s) {
  if (DjOnly(c)) {
    if (s.plays == 0) return {"volume", false, "no plays: a DJ library alone holds no history"};
    return {"volume", true,
            fmt::format("{} DJ plays: DJ histories are judged set by set (the quality score "
                        "weighs their size)",
                        s.plays)};
  }
  if (s.plays < kMinPlays)
    return {"volume", false,
            fmt::format("{} plays: not enough to judge (at least {} needed)", s.plays, kMinPlays)};
  return {"volume", true, fmt::format("{} plays (at least {} needed)", s.plays, kMinPlays)};
}

}  // namespace

std::vector<Check> CheckAuthenticity(const Contribution& c, int64_t now_ms) {
  const Summary s = contribution::Summarize(c);
  return {Schema(c), Timestamps(c, s, now_ms), HumanPace(s), DailyRhythm(c, s), Volume(c, s)};
}

std::vector<Check> CheckAuthenticity(const Contribution& c) {
  return CheckAuthenticity(c, NowMs());
}

bool AllPassed(const std::vector<Check>& checks) {
  return std::all_of(checks.begin(), checks.end(), [](const Check& c) { return c.passed; });
}

Quality ScoreQuality(const Contribution& c) {
  const Summary s = contribution::Summarize(c);
  Quality q;
  const double months = static_cast<double>(c.months.size());
  q.components.push_back(
      {"months", std::min(1.0, months / 24.0), 0.30,
       fmt::format("{} months with plays; 24 or more score 1", c.months.size())});
  const double plays = static_cast<double>(s.plays);
  q.components.push_back(
      {"volume", std::min(1.0, std::log10(1.0 + plays) / 5.0), 0.30,
       fmt::format("{} plays: log10(1 + plays) / 5, 100,000 plays score 1", s.plays)});
  // Entropy of the top artists' minutes, normalised by ln(200).
  std::vector<double> minutes;
  double total = 0;
  for (const auto& a : c.artists_monthly) {
    double m = 0;
    for (const auto& month : a.months) m += static_cast<double>(month.minutes);
    if (m > 0) minutes.push_back(m);
    total += m;
  }
  double entropy = 0;
  for (double m : minutes) entropy -= (m / total) * std::log(m / total);
  const double spread = entropy / std::log(static_cast<double>(contribution::kMaxArtists));
  const double breadth = std::min(1.0, static_cast<double>(c.artists) / 500.0);
  q.components.push_back(
      {"diversity", 0.5 * breadth + 0.5 * spread, 0.25,
       fmt::format("{} distinct artists (500 score 1) and how evenly minutes spread over the "
                   "top artists (entropy / ln 200 = {:.3f})",
                   c.artists, spread)});
  const double fields = static_cast<double>(c.fields.size());
  q.components.push_back({"richness",
                          fields / static_cast<double>(contribution::kFieldNames.size()), 0.15,
                          fmt::format("{} of {} optional fields recorded", c.fields.size(),
                                      contribution::kFieldNames.size())});
  for (const auto& comp : q.components) q.score += comp.weight * comp.value;
  q.score = std::clamp(q.score, 0.0, 1.0);
  return q;
}

std::string AccountKey(std::string_view hmac_key, std::string_view account_digest) {
  // libsodium's HMAC takes keys of any length (hashed when over 64 bytes).
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(hmac_key.data()),
                              hmac_key.size());
  crypto_auth_hmacsha256_update(
      &state, reinterpret_cast<const unsigned char*>(account_digest.data()), account_digest.size());
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_final(&state, mac.data());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : mac) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

std::string ChecksJson(const std::vector<Check>& checks, const Quality& quality) {
  auto fixed = [](double v) { return std::round(v * 1e4) / 1e4; };
  JsonWriter w(false);
  w.BeginObject().Key("checks").BeginArray();
  for (const Check& c : checks) {
    w.BeginObject().Key("id").String(c.id).Key("passed").Bool(c.passed);
    w.Key("reason").String(c.reason).EndObject();
  }
  w.EndArray().Key("passed").Bool(AllPassed(checks));
  w.Key("quality").BeginObject().Key("score").Double(fixed(quality.score));
  w.Key("components").BeginArray();
  for (const auto& comp : quality.components) {
    w.BeginObject().Key("name").String(comp.name).Key("value").Double(fixed(comp.value));
    w.Key("weight").Double(comp.weight).Key("explanation").String(comp.explanation).EndObject();
  }
  w.EndArray().EndObject().EndObject();
  return w.str();
}

}  // namespace chorus::coop
