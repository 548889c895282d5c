// Dates in Takeout's HTML activity files. They are local times written in
// the account's English locale, with the offset or a zone abbreviation:
//   8 Dec 2025, 19:47:35 GMT+05:30      (day month year, 24 h; "Sept")
//   Jul 30, 2023, 10:27:03 PM EDT       (month day year, 12 h; U+202F before PM)
// Abbreviations map through the fixed table below, one meaning each: IST is
// India (+05:30), CST is US Central (-06:00), BST is British Summer Time.
#include <array>
#include <cstdint>
#include <string_view>

#include "core/time_util.h"
#include "formats/youtube_entry.h"

namespace chorus::formats::youtube_detail {

namespace {

struct ZoneAbbreviation {
  std::string_view name;
  int minutes;  // offset east of UTC
};

constexpr std::array<ZoneAbbreviation, 47> kZones{{
    {"UTC", 0},    {"GMT", 0},    {"Z", 0},      {"WET", 0},    {"WEST", 60},   {"BST", 60},
    {"IST", 330},  {"CET", 60},   {"CEST", 120}, {"MET", 60},   {"MEST", 120},  {"EET", 120},
    {"EEST", 180}, {"MSK", 180},  {"EST", -300}, {"EDT", -240}, {"CST", -360},  {"CDT", -300},
    {"MST", -420}, {"MDT", -360}, {"PST", -480}, {"PDT", -420}, {"AKST", -540}, {"AKDT", -480},
    {"HST", -600}, {"HDT", -540}, {"AST", -240}, {"ADT", -180}, {"NST", -210},  {"NDT", -150},
    {"JST", 540},  {"KST", 540},  {"HKT", 480},  {"SGT", 480},  {"PHT", 480},   {"AWST", 480},
    {"ACST", 570}, {"ACDT", 630}, {"AEST", 600}, {"AEDT", 660}, {"NZST", 720},  {"NZDT", 780},
    {"SAST", 120}, {"WAT", 60},   {"CAT", 120},  {"EAT", 180},  {"PKT", 300},
}};

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsFolded(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != b[i]) return false;
  }
  return true;
}

// 1..12 for "Jan", "Sept", "September", "sep." …; 0 otherwise.
unsigned Month(std::string_view s) {
  if (s.ends_with('.')) s.remove_suffix(1);
  for (size_t m = 0; m < kMonths.size(); ++m) {
    std::string_view full = kMonths[m];
    if (EqualsFolded(s, full) || EqualsFolded(s, full.substr(0, 3)) ||
        (m == 8 && EqualsFolded(s, "sept")))
      return static_cast<unsigned>(m + 1);
  }
  return 0;
}

// All of `s` as a decimal number of 1..max_digits digits.
bool Number(std::string_view s, size_t max_digits, unsigned* out) {
  if (s.empty() || s.size() > max_digits) return false;
  unsigned v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  *out = v;
  return true;
}

// "H:MM:SS" or "HH:MM:SS".
bool Clock(std::string_view s, unsigned* h, unsigned* m, unsigned* sec) {
  size_t c1 = s.find(':');
  if (c1 == std::string_view::npos) return false;
  size_t c2 = s.find(':', c1 + 1);
  if (c2 == std::string_view::npos) return false;
  return Number(s.substr(0, c1), 2, h) && c2 - c1 == 3 && Number(s.substr(c1 + 1, 2), 2, m) &&
         s.size() - c2 == 3 && Number(s.substr(c2 + 1), 2, sec) && *m < 60 && *sec < 60;
}

// "+05:30", "-4", "+0530" (after GMT/UTC, or alone).
bool Offset(std::string_view s, int* minutes) {
  if (s.empty() || (s[0] != '+' && s[0] != '-')) return false;
  int sign = s[0] == '-' ? -1 : 1;
  s.remove_prefix(1);
  unsigned h = 0, m = 0;
  size_t colon = s.find(':');
  if (colon != std::string_view::npos) {
    if (!Number(s.substr(0, colon), 2, &h) || s.size() - colon != 3 ||
        !Number(s.substr(colon + 1), 2, &m))
      return false;
  } else if (s.size() == 4) {
    if (!Number(s.substr(0, 2), 2, &h) || !Number(s.substr(2), 2, &m)) return false;
  } else if (!Number(s, 2, &h)) {
    return false;
  }
  if (h > 14 || m > 59) return false;
  *minutes = sign * static_cast<int>(h * 60 + m);
  return true;
}

bool Zone(std::string_view s, int* minutes) {
  if (s.starts_with("GMT") || s.starts_with("UTC")) {
    if (s.size() == 3) {
      *minutes = 0;
      return true;
    }
    return Offset(s.substr(3), minutes);
  }
  if (Offset(s, minutes)) return true;
  for (const auto& z : kZones) {
    if (z.name == s) {
      *minutes = z.minutes;
      return true;
    }
  }
  return false;
}

// Length of the separator at s[i] (space, comma, NBSP, U+202F, U+2009), or 0.
size_t Separator(std::string_view s, size_t i) {
  char c = s[i];
  if (c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r') return 1;
  if (s.substr(i, 2) == "\xC2\xA0") return 2;
  if (s.substr(i, 3) == "\xE2\x80\xAF" || s.substr(i, 3) == "\xE2\x80\x89") return 3;
  return 0;
}

bool IsLeap(unsigned y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

bool ParseTakeoutDate(std::string_view s, int64_t* epoch_ms) {
  constexpr size_t kMaxTokens = 6;
  std::array<std::string_view, kMaxTokens> tokens;
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    if (size_t sep = Separator(s, i)) {
      i += sep;
      continue;
    }
    size_t start = i;
    while (i < s.size() && Separator(s, i) == 0) ++i;
    if (n == kMaxTokens) return false;
    tokens[n++] = s.substr(start, i - start);
  }
  if (n < 5) return false;  // date (3), clock, zone, and maybe AM/PM
  unsigned day = 0, month = 0, year = 0;
  if (Number(tokens[0], 2, &day)) {
    month = Month(tokens[1]);
  } else {
    month = Month(tokens[0]);
    if (!Number(tokens[1], 2, &day)) return false;
  }
  if (month == 0 || tokens[2].size() != 4 || !Number(tokens[2], 4, &year)) return false;
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  unsigned days_in_month = kDays[month - 1] + (month == 2 && IsLeap(year) ? 1 : 0);
  if (year < 1970 || year > 2200 || day < 1 || day > days_in_month) return false;
  unsigned hour, minute, second;
  if (!Clock(tokens[3], &hour, &minute, &second)) return false;
  size_t next = 4;
  std::string_view half = tokens[4];
  bool am = EqualsFolded(half, "am") || EqualsFolded(half, "a.m.");
  bool pm = EqualsFolded(half, "pm") || EqualsFolded(half, "p.m.");
  if (am || pm) {
    if (hour < 1 || hour > 12) return false;
    hour = hour % 12 + (pm ? 12 : 0);
    ++next;
  } else if (hour > 23) {
    return false;
  }
  int offset = 0;
  if (next + 1 != n || !Zone(tokens[next], &offset)) return false;
  int64_t local_s = DaysFromCivil(year, month, day) * 86400 +
                    static_cast<int64_t>(hour * 3600 + minute * 60 + second);
  *epoch_ms = (local_s - int64_t{offset} * 60) * 1000;
  return true;
}

}  // namespace chorus::formats::youtube_detail
