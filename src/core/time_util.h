// UTC timestamp parsing and formatting for export formats.
//
// Contract: parsers accept exactly the shapes named and reject anything else
// (including out-of-range fields such as month 13 or Feb 30) by returning
// false; they never throw or read past the view. Instants are epoch
// milliseconds, UTC, proleptic Gregorian.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace chorus {

// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);

// "YYYY-MM-DDTHH:MM:SSZ" (Spotify extended `ts`), optional ".fff" before Z.
bool ParseIsoUtc(std::string_view s, int64_t* epoch_ms);
// "YYYY-MM-DD HH:MM" (Spotify account `endTime`).
bool ParseMinuteUtc(std::string_view s, int64_t* epoch_ms);
// "YYYY-MM-DDTHH:MM:SSZ", with ".mmm" only when the milliseconds are not 0.
std::string FormatIsoUtc(int64_t epoch_ms);
// The wall clock now, as epoch milliseconds.
int64_t NowMs();

}  // namespace chorus
