// Invented names and identifiers for the synthetic catalogue.
//
// Contract: names are pronounceable syllable strings in raw UTF-8 (some with
// accents, a few in CJK or Hangul, some with quotes, apostrophes or a
// backslash); they never reproduce real people, artists or works on purpose.
// JsonQuote() returns a complete JSON string literal (quotes included) escaped
// the way Spotify escapes: only `"`, `\` and control characters, never `/` or
// non-ASCII. Everything is a pure function of the Rng state.
#pragma once

#include <string>
#include <string_view>

#include "synth/rng.h"

namespace chorus::synth {

// Flavour of the syllable inventory, one per taste cluster family.
enum class NameStyle { kPlain, kLatin, kNordic, kFrench, kEastAsian, kStreet, kJazz };

// `"` + escaped(raw) + `"`.
std::string JsonQuote(std::string_view raw);

// 22 base62 characters (a Spotify id), written to out[0..21].
void Base62Id(Rng& rng, char* out);

// One capitalised word of 1-3 syllables.
std::string Word(Rng& rng, NameStyle style);
// Artist, album and track names; raw UTF-8 (not yet JSON-quoted).
std::string ArtistName(Rng& rng, NameStyle style);
std::string AlbumName(Rng& rng, NameStyle style);
// `featured` is used for "(feat. …)" suffixes; may be empty.
std::string TrackName(Rng& rng, NameStyle style, std::string_view featured);
std::string ShowName(Rng& rng);
std::string EpisodeName(Rng& rng, int number);
std::string BookTitle(Rng& rng);

}  // namespace chorus::synth
