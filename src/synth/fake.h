// Fabricated histories for the co-op's proof-of-contribution checks: the five
// kinds of fraud of SynthOptions::fake, built from the same catalogue and
// profile as the genuine history and written by the same writer.
//
// Contract: every function is a pure function of its arguments (own seeded
// Rng streams, integer arithmetic only), so a fake is byte-identical per seed.
// UniformAudio(): about 33 music rows per day with end instants uniform over
// the whole history window, tracks uniform over the catalogue, sorted.
// OverlappingAudio(): on ~15 % of days, 4-8 concurrent back-to-back chains of
// full-length tracks for the same 7-10 h inside one UTC day (28-80 h of
// ms_played that day), sorted by end. ShiftPlays() moves every end (and so
// offline_timestamp) by `shift_ms`. DropRows() keeps round(0.7 n) rows of n,
// in their order. AppendJunkRow() writes the row AppendRow() would, then, for
// ~90 % of rows, shuffles its values across its keys until `ms_played` is no
// number and `ts` no longer holds its timestamp: still one valid JSON object.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "synth/catalog.h"
#include "synth/history.h"
#include "synth/listener.h"
#include "synth/rng.h"

namespace chorus::synth {

// The time-shift fake's constant: +37 days 3 h 11 min, whole seconds.
inline constexpr int64_t kFakeShiftMs = ((37 * 24 + 3) * 3600 + 11 * 60) * 1000LL;

std::vector<Play> UniformAudio(const Catalogue& catalogue, const ListenerProfile& profile,
                               uint64_t seed);
std::vector<Play> OverlappingAudio(const Catalogue& catalogue, const ListenerProfile& profile,
                                   uint64_t seed);
void ShiftPlays(int64_t shift_ms, std::vector<Play>* plays);
std::vector<Play> DropRows(const std::vector<Play>& plays, Rng& rng);
void AppendJunkRow(const Catalogue& catalogue, const ListenerProfile& profile, const Play& play,
                   Rng& rng, std::string* out);

}  // namespace chorus::synth
