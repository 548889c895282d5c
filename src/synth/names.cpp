#include "synth/names.h"

#include <fmt/format.h>

#include <cstdint>

namespace chorus::synth {
namespace {

constexpr const char* kOnsets[] = {"b",  "d",  "f", "g", "h",  "k",  "l",  "m",  "n",  "p",  "r",
                                   "s",  "t",  "v", "z", "br", "dr", "st", "tr", "sh", "ch", "kl",
                                   "fl", "gr", "j", "w", "y",  "c",  "pl", "sl", "th", "qu"};
constexpr const char* kVowels[] = {"a", "e", "i", "o", "u", "a", "e", "o", "ai", "ou", "ea", "y"};
constexpr const char* kCodas[] = {"", "", "", "", "n", "r", "s", "l", "x", "m", "nd", "rt", "ck"};
constexpr const char* kLatinVowels[] = {"á", "é", "í", "ó", "ú", "ñ"};
constexpr const char* kNordicVowels[] = {"ö", "ä", "å", "ø", "æ"};
constexpr const char* kFrenchVowels[] = {"è", "é", "ê", "ë", "ç", "ï"};
constexpr const char* kCjk[] = {"夜", "空", "花", "風", "雨", "星", "月", "光", "の", "さ",
                                "く", "ら", "ミ", "ラ", "イ", "ト", "海", "青", "하", "늘",
                                "별", "빛", "사", "랑", "春", "心", "夢", "東", "京", "音"};
constexpr const char* kSmallWords[] = {"of", "the", "in", "and", "for", "to", "on", "my"};

template <size_t N>
const char* Pick(Rng& rng, const char* const (&arr)[N]) {
  return arr[rng.Below(static_cast<uint32_t>(N))];
}

void Capitalise(std::string* s) {
  if (!s->empty() && (*s)[0] >= 'a' && (*s)[0] <= 'z') (*s)[0] = static_cast<char>((*s)[0] - 32);
}

std::string CjkWord(Rng& rng) {
  std::string w;
  const int n = rng.Range(2, 4);
  for (int i = 0; i < n; ++i) w += Pick(rng, kCjk);
  return w;
}

// Title-cased phrase of `words` words, with an occasional small word inside.
std::string Phrase(Rng& rng, NameStyle style, int words) {
  std::string out;
  for (int i = 0; i < words; ++i) {
    if (i > 0) {
      out += ' ';
      if (i + 1 < words && rng.Permille(250)) {
        out += Pick(rng, kSmallWords);
        out += ' ';
      }
    }
    out += Word(rng, style);
  }
  return out;
}

}  // namespace

std::string JsonQuote(std::string_view raw) {
  std::string out;
  out.reserve(raw.size() + 2);
  out += '"';
  for (char c : raw) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      switch (c) {
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        default: out += fmt::format("\\u{:04x}", static_cast<unsigned>(u));
      }
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

void Base62Id(Rng& rng, char* out) {
  static constexpr char kAlphabet[] =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  for (int i = 0; i < 22; ++i) out[i] = kAlphabet[rng.Below(62)];
}

std::string Word(Rng& rng, NameStyle style) {
  if (style == NameStyle::kEastAsian && rng.Permille(120)) return CjkWord(rng);
  std::string w;
  const uint32_t r = rng.Below(10);
  const int syllables = r < 3 ? 1 : (r < 8 ? 2 : 3);
  for (int i = 0; i < syllables; ++i) {
    if (i == 0 || rng.Permille(700)) w += Pick(rng, kOnsets);
    const char* vowel = Pick(rng, kVowels);
    if (i > 0 || w.size() > 0) {
      if (style == NameStyle::kLatin && rng.Permille(150)) vowel = Pick(rng, kLatinVowels);
      if (style == NameStyle::kNordic && rng.Permille(180)) vowel = Pick(rng, kNordicVowels);
      if (style == NameStyle::kFrench && rng.Permille(150)) vowel = Pick(rng, kFrenchVowels);
    }
    w += vowel;
    if (i + 1 == syllables || rng.Permille(300)) w += Pick(rng, kCodas);
  }
  Capitalise(&w);
  return w;
}

std::string ArtistName(Rng& rng, NameStyle style) {
  const uint32_t r = rng.Below(100);
  if (style == NameStyle::kStreet) {
    if (r < 20) return "Lil " + Word(rng, style);
    if (r < 35) return "MC " + Word(rng, style);
    if (r < 45) return Word(rng, style) + " $" + Word(rng, style);
  }
  if (style == NameStyle::kJazz) {
    if (r < 20) return Phrase(rng, style, 2) + " Quartet";
    if (r < 30) return Word(rng, style) + " Trio";
  }
  if (r < 8) return "DJ " + Word(rng, style);
  if (r < 22) return "The " + Word(rng, style) + "s";
  if (r < 27) return Word(rng, style) + " & the " + Word(rng, style) + "s";
  if (r < 63) return Phrase(rng, style, 2);
  if (r == 63 && rng.Permille(300)) return Word(rng, style) + "\\" + Word(rng, style);
  return Word(rng, style);
}

std::string AlbumName(Rng& rng, NameStyle style) {
  std::string name = Phrase(rng, style, rng.Range(1, 3));
  const uint32_t r = rng.Below(1000);
  if (r < 50) name += " (Deluxe Edition)";
  if (r >= 50 && r < 70) name += " (Live)";
  if (r >= 70 && r < 80) name = "\"" + name + "\"";
  return name;
}

std::string TrackName(Rng& rng, NameStyle style, std::string_view featured) {
  std::string name;
  const uint32_t r = rng.Below(1000);
  if (r < 30) {
    name = Word(rng, style) + "'s " + Phrase(rng, style, rng.Range(1, 2));
  } else if (r < 45) {
    name = "Don't " + Phrase(rng, style, rng.Range(1, 2));
  } else if (r < 55) {
    name = "\"" + Word(rng, style) + "\" " + Word(rng, style);
  } else if (r < 58) {
    name = Word(rng, style) + " \\ " + Word(rng, style);
  } else {
    name = Phrase(rng, style, rng.Range(1, 4));
  }
  const uint32_t s = rng.Below(1000);
  if (s < 40 && !featured.empty()) {
    name += " (feat. ";
    name += featured;
    name += ')';
  } else if (s < 60) {
    name += fmt::format(" - Remastered {}", 1995 + rng.Below(25));
  } else if (s < 75) {
    name += " - Live";
  } else if (s < 85) {
    name += " - Radio Edit";
  }
  return name;
}

std::string ShowName(Rng& rng) {
  const uint32_t r = rng.Below(100);
  if (r < 25) return "The " + Word(rng, NameStyle::kPlain) + " Show";
  if (r < 45) return Word(rng, NameStyle::kPlain) + " Talks";
  if (r < 60) return Word(rng, NameStyle::kPlain) + " & " + Word(rng, NameStyle::kPlain);
  if (r < 70) return "Daily " + Word(rng, NameStyle::kPlain);
  return Phrase(rng, NameStyle::kPlain, rng.Range(2, 3));
}

std::string EpisodeName(Rng& rng, int number) {
  const uint32_t r = rng.Below(100);
  const std::string topic = Phrase(rng, NameStyle::kPlain, rng.Range(2, 5));
  if (r < 35) return fmt::format("Ep. {}: {}", number, topic);
  if (r < 55) return fmt::format("#{} {}", number, topic);
  if (r < 62) return fmt::format("{}, pt. {}", topic, 1 + number % 3);
  if (r < 68) return fmt::format("\"{}\" with {}", topic, Word(rng, NameStyle::kPlain));
  return topic;
}

std::string BookTitle(Rng& rng) {
  const uint32_t r = rng.Below(100);
  if (r < 40) {
    return "The " + Word(rng, NameStyle::kPlain) + " of " + Phrase(rng, NameStyle::kPlain, 1);
  }
  if (r < 60) {
    return Phrase(rng, NameStyle::kPlain, 2) + " (" + Word(rng, NameStyle::kPlain) +
           " Series—Book " + std::to_string(1 + rng.Below(5)) + ")";
  }
  return Phrase(rng, NameStyle::kPlain, rng.Range(1, 3));
}

}  // namespace chorus::synth
