// Musical keys of DJ tracks: one small integer whatever the notation, and the
// Open Key / Camelot names DJs read.
//
// Contract: a key is a uint8_t, 0 = unknown, 1..12 = C, C♯/D♭, D, E♭, E, F,
// F♯, G, A♭, A, B♭, B major, 13..24 = the same roots minor (Cm … Bm): the
// numbering of Mixxx's key_id, and Traktor's MUSICAL_KEY value + 1. Parsers
// map whatever text or number a file holds with the From*/ParseKeyText
// helpers; anything they do not recognise is 0, never a guess. Pure
// functions, no allocation.
#pragma once

#include <cstdint>
#include <string_view>

namespace chorus::key {

inline constexpr uint8_t kUnknown = 0;

// Traktor MUSICAL_KEY VALUE 0..23 (C … B major, Cm … Bm).
uint8_t FromTraktor(int64_t value);
// Mixxx library.key_id 1..24 (0 = none).
uint8_t FromMixxxId(int64_t id);
// Key text in any notation seen in real files: Camelot ("8A", "02A", "12B"),
// Open Key ("1m", "12d"), classic names ("Am", "F#m", "Abm", "Eb", "Amin",
// "Dbmaj", "G minor", Unicode "D♯m/E♭m", "F♯/G♭"), Mixxx's combined "10B D" /
// "5A Cm". A lone lower-case root ("f", "b♭") is taken as major.
uint8_t ParseKeyText(std::string_view text);

bool IsMinor(uint8_t key);
// 1..12 on the Camelot wheel (8 = C major / A minor), 0 for unknown.
int CamelotNumber(uint8_t key);
// "8B", "8A" … ; "" for unknown.
std::string_view Camelot(uint8_t key);
// Open Key: "1d" (C major), "1m" (A minor) … ; "" for unknown.
std::string_view OpenKey(uint8_t key);
// Classic name with sharps/flats as DJs write them: "C", "Db", "F#m", "Ebm".
std::string_view KeyName(uint8_t key);

// A harmonic ("in key") transition: the same key, a neighbour on the wheel in
// the same mode (±1), or the relative major/minor. False if either is unknown.
bool Harmonic(uint8_t from, uint8_t to);

}  // namespace chorus::key
