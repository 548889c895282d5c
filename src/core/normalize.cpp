#include "core/normalize.h"

#include <utf8proc.h>

#include <array>
#include <cctype>
#include <cstdlib>
#include <functional>

namespace chorus {

namespace {

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Case fold and strip accents; falls back to ASCII lowering on bad UTF-8.
std::string Fold(std::string_view s) {
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()),
      &out,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                     UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE));
  if (n < 0) return AsciiLower(s);
  std::string folded(reinterpret_cast<char*>(out), static_cast<size_t>(n));
  std::free(out);
  return folded;
}

// Letters and digits stay; everything else becomes one space.
std::string KeepAlnum(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  utf8proc_ssize_t i = 0;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  const auto size = static_cast<utf8proc_ssize_t>(s.size());
  while (i < size) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate(p + i, size - i, &cp);
    if (len <= 0) {  // not UTF-8: keep ASCII alnum bytes only
      cp = -1;
      len = 1;
    }
    utf8proc_category_t cat = cp < 0 ? UTF8PROC_CATEGORY_CN : utf8proc_category(cp);
    bool keep = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL ||
                cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_LM ||
                cat == UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_ND ||
                cat == UTF8PROC_CATEGORY_NL || cat == UTF8PROC_CATEGORY_NO;
    if (keep) {
      if (space && !out.empty()) out += ' ';
      space = false;
      out.append(s.substr(static_cast<size_t>(i), static_cast<size_t>(len)));
    } else {
      space = true;
    }
    i += len;
  }
  return out;
}

bool HasWord(std::string_view s, std::string_view word) {
  return s.find(word) != std::string_view::npos;
}

// Drops " - <version words>" suffixes and featuring credits from a folded title.
std::string StripTitleExtras(std::string title) {
  static constexpr std::array<std::string_view, 10> kVersionWords{
      "remaster", "version",     "edit",  "mono",   "stereo",
      "deluxe",   "anniversary", "bonus", "single", "live"};
  size_t dash = title.find(" - ");
  if (dash != std::string::npos) {
    std::string_view tail = std::string_view(title).substr(dash + 3);
    for (auto w : kVersionWords) {
      if (HasWord(tail, w)) {
        title.resize(dash);
        break;
      }
    }
  }
  // "(feat. x)", "[ft. x]", "(with x)": drop the bracket.
  for (size_t open = title.find_first_of("(["); open != std::string::npos;
       open = title.find_first_of("([", open + 1)) {
    std::string_view inside = std::string_view(title).substr(open + 1);
    if (inside.rfind("feat", 0) == 0 || inside.rfind("ft.", 0) == 0 ||
        inside.rfind("featuring", 0) == 0 || inside.rfind("with ", 0) == 0) {
      size_t close = title.find_first_of(")]", open);
      title.erase(open, close == std::string::npos ? std::string::npos : close - open + 1);
      --open;
      if (open == std::string::npos) open = 0;
    }
  }
  // " feat. x" without brackets runs to the end.
  for (std::string_view marker : {" feat. ", " feat ", " ft. ", " featuring "}) {
    size_t at = title.find(marker);
    if (at != std::string::npos) title.resize(at);
  }
  return title;
}

}  // namespace

std::string NormalizeName(std::string_view name) { return KeepAlnum(Fold(name)); }

std::string NormalizeTitle(std::string_view title) {
  return KeepAlnum(StripTitleExtras(Fold(title)));
}

uint64_t TrackKey(std::string_view artist, std::string_view title) {
  std::string key = NormalizeName(artist);
  key += '\x1f';
  key += NormalizeTitle(title);
  return std::hash<std::string>()(key);
}

}  // namespace chorus
