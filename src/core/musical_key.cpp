#include "core/musical_key.h"

#include <array>
#include <cctype>

namespace chorus::key {
namespace {

// Pitch class of a key (C = 0) and its mode.
int PitchClass(uint8_t key) { return (key - 1) % 12; }

uint8_t Make(int pitch_class, bool minor) {
  return static_cast<uint8_t>(((pitch_class % 12) + 12) % 12 + 1 + (minor ? 12 : 0));
}

// Key from a Camelot wheel position (1..12) and mode.
uint8_t FromCamelot(int number, bool minor) {
  // Major: number = (7 pc + 7) mod 12 + 1, so pc = 7 (number - 1 - 7) mod 12
  // (7 is its own inverse mod 12). Minor: its relative major is pc + 3.
  int major_pc = (7 * (number - 8) % 12 + 12) % 12;
  return minor ? Make(major_pc - 3, true) : Make(major_pc, false);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\0'))
    s.remove_suffix(1);
  return s;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

// "8A", "02A", "12b" (Camelot) or "1m", "12d" (Open Key).
uint8_t ParseWheel(std::string_view s) {
  size_t i = 0;
  int number = 0;
  while (i < s.size() && IsDigit(s[i]) && i < 3) number = number * 10 + (s[i++] - '0');
  if (i == 0 || i + 1 != s.size() || number < 1 || number > 12) return kUnknown;
  switch (Lower(s[i])) {
    case 'a': return FromCamelot(number, true);
    case 'b': return FromCamelot(number, false);
    // Open Key n = Camelot (n + 6) mod 12 + 1: 1d = 8B, 6d = 1B.
    case 'm': return FromCamelot((number + 6) % 12 + 1, true);
    case 'd': return FromCamelot((number + 6) % 12 + 1, false);
    default: return kUnknown;
  }
}

// "Am", "F#m", "Abm", "Eb", "Amin", "Dbmaj", "G minor", "D♯m", "b♭".
uint8_t ParseName(std::string_view s) {
  static constexpr std::array<int, 7> kRoot{9, 11, 0, 2, 4, 5, 7};  // a..g
  if (s.empty()) return kUnknown;
  char letter = Lower(s[0]);
  if (letter < 'a' || letter > 'g') return kUnknown;
  int pc = kRoot[static_cast<size_t>(letter - 'a')];
  s.remove_prefix(1);
  if (s.starts_with("#")) {
    ++pc;
    s.remove_prefix(1);
  } else if (s.starts_with("\u266F")) {  // ♯
    ++pc;
    s.remove_prefix(3);
  } else if (s.starts_with("\u266D")) {  // ♭
    --pc;
    s.remove_prefix(3);
  } else if (s.starts_with("b")) {  // "Eb", "Ebm", "Dbmaj"
    --pc;
    s.remove_prefix(1);
  }
  s = Trim(s);
  if (s.empty() || EqualsNoCase(s, "maj") || EqualsNoCase(s, "major")) return Make(pc, false);
  if (s == "m" || EqualsNoCase(s, "min") || EqualsNoCase(s, "minor")) return Make(pc, true);
  return kUnknown;
}

constexpr std::array<std::string_view, 25> kCamelot{
    "",   "8B",  "3B", "10B", "5B", "12B", "7B",  "2B", "9B", "4B", "11B", "6B", "1B",
    "5A", "12A", "7A", "2A",  "9A", "4A",  "11A", "6A", "1A", "8A", "3A",  "10A"};
constexpr std::array<std::string_view, 25> kOpenKey{
    "",    "1d", "8d",  "3d", "10d", "5d", "12d", "7d",  "2d", "9d", "4d", "11d", "6d",
    "10m", "5m", "12m", "7m", "2m",  "9m", "4m",  "11m", "6m", "1m", "8m", "3m"};
constexpr std::array<std::string_view, 25> kNames{
    "",   "C",   "Db", "D",   "Eb", "E",  "F",   "F#", "G",   "Ab", "A",   "Bb", "B",
    "Cm", "C#m", "Dm", "Ebm", "Em", "Fm", "F#m", "Gm", "G#m", "Am", "Bbm", "Bm"};

}  // namespace

uint8_t FromTraktor(int64_t value) {
  return value >= 0 && value <= 23 ? static_cast<uint8_t>(value + 1) : kUnknown;
}

uint8_t FromMixxxId(int64_t id) {
  return id >= 1 && id <= 24 ? static_cast<uint8_t>(id) : kUnknown;
}

uint8_t ParseKeyText(std::string_view text) {
  text = Trim(text);
  if (text.empty()) return kUnknown;
  // Enharmonic spellings "F♯/G♭", "D♯m/E♭m": the first names the key.
  if (size_t slash = text.find('/'); slash != std::string_view::npos)
    text = Trim(text.substr(0, slash));
  if (uint8_t k = IsDigit(text[0]) ? ParseWheel(text) : ParseName(text); k != kUnknown) return k;
  // Mixxx's "Lancelot + traditional": "10B D", "5A Cm"; also "G minor".
  if (size_t space = text.find(' '); space != std::string_view::npos) {
    std::string_view first = text.substr(0, space);
    if (!first.empty() && IsDigit(first[0])) {
      uint8_t wheel = ParseWheel(first);
      uint8_t name = ParseName(Trim(text.substr(space + 1)));
      if (wheel != kUnknown && (name == kUnknown || name == wheel)) return wheel;
    }
  }
  return kUnknown;
}

bool IsMinor(uint8_t key) { return key > 12 && key <= 24; }

int CamelotNumber(uint8_t key) {
  if (key == kUnknown || key > 24) return 0;
  int pc = PitchClass(key);
  int major_pc = IsMinor(key) ? (pc + 3) % 12 : pc;
  return (7 * major_pc + 7) % 12 + 1;
}

std::string_view Camelot(uint8_t key) { return key <= 24 ? kCamelot[key] : ""; }
std::string_view OpenKey(uint8_t key) { return key <= 24 ? kOpenKey[key] : ""; }
std::string_view KeyName(uint8_t key) { return key <= 24 ? kNames[key] : ""; }

bool Harmonic(uint8_t from, uint8_t to) {
  int a = CamelotNumber(from), b = CamelotNumber(to);
  if (a == 0 || b == 0) return false;
  if (IsMinor(from) != IsMinor(to)) return a == b;  // relative major/minor
  int d = (a - b + 12) % 12;
  return d == 0 || d == 1 || d == 11;
}

}  // namespace chorus::key
