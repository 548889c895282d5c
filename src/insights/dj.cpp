// DJ sets: plays from DJ software grouped into sets, with the BPM flow, the
// share of harmonic transitions and tempo jumps, and what a DJ plays out
// beside what they listen to.
#include <algorithm>
#include <cmath>

#include "core/musical_key.h"
#include "insights/report.h"

namespace chorus::insights {

namespace {

// DJs pause between tracks to dig; an hour without a deck load ends a set.
constexpr int64_t kSetGapMs = 60 * 60'000;
// A pitch fader reaches ±6 % (±8 % on many decks): a bigger step is a jump.
constexpr double kTempoJump = 0.06;
constexpr size_t kTopTracks = 20;

bool IsDj(Source s) {
  return s == Source::kTraktor || s == Source::kRekordbox || s == Source::kSerato ||
         s == Source::kMixxx;
}

std::vector<Ranked> TopTracks(const Context& c, const std::vector<uint64_t>& counts) {
  std::vector<uint32_t> ids;
  for (uint32_t t = 0; t < counts.size(); ++t) {
    if (counts[t] > 0) ids.push_back(t);
  }
  size_t k = std::min(kTopTracks, ids.size());
  std::partial_sort(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(k), ids.end(),
                    [&](uint32_t a, uint32_t b) {
                      if (counts[a] != counts[b]) return counts[a] > counts[b];
                      return c.track_title(a) < c.track_title(b);
                    });
  std::vector<Ranked> out;
  for (size_t j = 0; j < k; ++j) {
    uint32_t t = ids[j];
    out.push_back({std::string(c.track_title(t)), std::string(c.artist_name(c.track_artist(t))), 0,
                   counts[t]});
  }
  return out;
}

}  // namespace

void ComputeDj(const Context& c, Report& r) {
  const auto& log = c.log();
  DjSection dj;
  std::vector<uint64_t> played_out(c.track_count(), 0), listened(c.track_count(), 0);
  const DjTrackFacts* previous = nullptr;
  for (size_t i = 0; i < c.size(); ++i) {  // end order: sets grow forward
    if (!c.in_window(i)) continue;
    uint32_t track = c.track(i);
    if (!IsDj(log.source(i))) {
      if (c.is_stream(i) && track != kNone) ++listened[track];
      continue;
    }
    ++dj.plays;
    if (track != kNone) ++played_out[track];
    int64_t start = c.start_ms(i);
    if (dj.sets.empty() || start > dj.sets.back().end_ms + kSetGapMs ||
        dj.sets.back().source != SourceName(log.source(i))) {
      DjSet fresh;
      fresh.start_ms = start;
      fresh.end_ms = log.end_ms(i);
      fresh.source = SourceName(log.source(i));
      dj.sets.push_back(std::move(fresh));
      previous = nullptr;
    }
    DjSet& set = dj.sets.back();
    set.end_ms = std::max(set.end_ms, log.end_ms(i));
    ++set.plays;
    const DjTrackFacts& facts = log.dj_facts(i);
    set.bpm.push_back(facts.bpm_centi > 0 ? Maybe{facts.bpm_centi / 100.0} : Maybe{});
    set.keys.emplace_back(key::Camelot(facts.key));
    if (previous != nullptr) {
      ++set.transitions;
      if (previous->key != key::kUnknown && facts.key != key::kUnknown) {
        ++set.keyed;
        set.harmonic += key::Harmonic(previous->key, facts.key);
      }
      if (previous->bpm_centi > 0 && facts.bpm_centi > 0) {
        ++set.tempo_known;
        double step = std::abs(static_cast<double>(facts.bpm_centi) - previous->bpm_centi) /
                      previous->bpm_centi;
        set.tempo_jumps += step > kTempoJump;
      }
    }
    previous = &facts;
  }
  if (dj.plays == 0) return;
  for (const DjSet& set : dj.sets) {
    dj.transitions += set.transitions;
    dj.harmonic += set.harmonic;
    dj.keyed += set.keyed;
    dj.tempo_jumps += set.tempo_jumps;
    dj.tempo_known += set.tempo_known;
  }
  dj.played_out = TopTracks(c, played_out);
  dj.listened = TopTracks(c, listened);
  r.dj = std::move(dj);
}

}  // namespace chorus::insights
