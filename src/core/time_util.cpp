#include "core/time_util.h"

#include <fmt/format.h>

#include <chrono>

namespace chorus {

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

namespace {

bool Digits(std::string_view s, size_t pos, size_t n, unsigned* out) {
  if (pos + n > s.size()) return false;
  unsigned v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    unsigned c = static_cast<unsigned char>(s[i]) - '0';
    if (c > 9) return false;
    v = v * 10 + c;
  }
  *out = v;
  return true;
}

bool IsLeap(unsigned y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool ValidDate(unsigned y, unsigned mo, unsigned d) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1970 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
  unsigned dim = kDays[mo - 1] + (mo == 2 && IsLeap(y) ? 1 : 0);
  return d <= dim;
}

// Parses "YYYY-MM-DD?HH:MM" where ? is `sep`; the shared prefix of both shapes.
bool ParseDateHourMinute(std::string_view s, char sep, int64_t* epoch_ms) {
  unsigned y, mo, d, h, mi;
  if (s.size() < 16 || s[4] != '-' || s[7] != '-' || s[10] != sep || s[13] != ':') return false;
  if (!Digits(s, 0, 4, &y) || !Digits(s, 5, 2, &mo) || !Digits(s, 8, 2, &d) ||
      !Digits(s, 11, 2, &h) || !Digits(s, 14, 2, &mi))
    return false;
  if (!ValidDate(y, mo, d) || h > 23 || mi > 59) return false;
  int64_t days = DaysFromCivil(y, mo, d);
  *epoch_ms = ((days * 24 + h) * 60 + mi) * 60000;
  return true;
}

}  // namespace

bool ParseIsoUtc(std::string_view s, int64_t* epoch_ms) {
  int64_t base;
  if (!ParseDateHourMinute(s, 'T', &base)) return false;
  unsigned sec;
  if (s.size() < 20 || s[16] != ':' || !Digits(s, 17, 2, &sec) || sec > 60) return false;
  size_t pos = 19;
  unsigned millis = 0;
  if (s[pos] == '.') {
    size_t start = ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    size_t n = pos - start;
    if (n == 0 || n > 9) return false;
    unsigned frac;
    if (!Digits(s, start, n < 3 ? n : 3, &frac)) return false;
    for (size_t i = n; i < 3; ++i) frac *= 10;
    millis = frac;
  }
  if (pos + 1 != s.size() || s[pos] != 'Z') return false;
  *epoch_ms = base + static_cast<int64_t>(sec) * 1000 + millis;
  return true;
}

bool ParseMinuteUtc(std::string_view s, int64_t* epoch_ms) {
  return s.size() == 16 && ParseDateHourMinute(s, ' ', epoch_ms);
}

std::string FormatIsoUtc(int64_t epoch_ms) {
  int64_t days = epoch_ms >= 0 ? epoch_ms / 86400000 : (epoch_ms - 86399999) / 86400000;
  int64_t rem = epoch_ms - days * 86400000;
  // civil_from_days (Hinnant)
  int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  int64_t secs = rem / 1000;
  int64_t ms = rem % 1000;
  std::string out = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", y, m, d, secs / 3600,
                                (secs / 60) % 60, secs % 60);
  if (ms != 0) out += fmt::format(".{:03}", ms);
  out += 'Z';
  return out;
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace chorus
