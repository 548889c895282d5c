// Contribution: the minimised summary of one member's listening that the
// co-op receives (DESIGN.md "The co-op" — Contribution), built from an
// import's PlayLog, as canonical JSON, and merged across exports.
//
// Contract: Build() is a pure function of the import (same input, same
// bytes from ToJson on any machine and thread count). Nothing here keeps a
// play, a timestamp finer than a month (beyond first/last end), an IP, a
// user name or a file name: only per-month counts, the top artists' monthly
// plays/minutes, bounded transition counts, field/source names, account
// digests and a MinHash signature. Months are UTC calendar months of a
// play's start (end − ms_played). ToJson() is canonical (fixed key order,
// integers only, no whitespace variation); FromJson() is strict (types,
// version, bounds, order) and FromJson(ToJson(c)) == c. Merge() is
// documented at its declaration. Errors are values; nothing throws.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "history/play_log.h"
#include "importer/import.h"

namespace chorus::contribution {

inline constexpr int kFormatVersion = 2;        // FromJson also reads version 1
inline constexpr size_t kMaxArtists = 200;      // top artists by minutes
inline constexpr size_t kMaxTransitions = 500;  // top artist → artist pairs by count
inline constexpr size_t kSignatureSize = 128;   // MinHash values
inline constexpr int64_t kSessionGapMs = 30 * 60'000;
inline constexpr int kReasonCount = 16;  // core/play.h Reason, kUnknown … kOther
// Bounds FromJson enforces beyond the above (a century of months, names).
inline constexpr size_t kMaxMonths = 1200;
inline constexpr size_t kMaxNameBytes = 1024;
inline constexpr size_t kMaxDigests = 64;

// One artist's plays and minutes (rounded from its summed ms) in one month.
struct ArtistMonth {
  std::string month;  // "YYYY-MM", ascending within an artist
  uint64_t plays = 0;
  uint64_t minutes = 0;
  bool operator==(const ArtistMonth&) const = default;
};

struct ArtistMonths {
  std::string artist;  // the PlayLog's name for it
  std::vector<ArtistMonth> months;
  bool operator==(const ArtistMonths&) const = default;
};

// Consecutive music plays of two different known artists within a listening
// session (a gap over kSessionGapMs between one play's end and the next
// one's start begins a new session).
struct Transition {
  std::string from, to;
  uint64_t count = 0;
  bool operator==(const Transition&) const = default;
};

// DJ transitions: consecutive plays of one DJ source in one set (an hour
// without a play ends it), by tempo change and key relation.
inline constexpr int kBpmBuckets = 6;  // |ΔBPM|/BPM: <1 %, 1–3, 3–6, 6–10, ≥10 %, unknown
inline constexpr int kKeyRelations = 4;  // same key, harmonic neighbour/relative, clash, unknown
struct DjTransitions {
  uint64_t transitions = 0;
  std::array<uint64_t, kBpmBuckets> bpm_delta{};
  std::array<uint64_t, kKeyRelations> key_relation{};
  bool operator==(const DjTransitions&) const = default;
};

// Everything additive about one month's plays, so merging exports can pick
// each month from one of them and stay consistent.
struct MonthStats {
  std::string month;  // "YYYY-MM"
  uint64_t plays = 0, music = 0, podcast = 0, audiobook = 0, video = 0;
  uint64_t streams = 0;                  // history/totals.h definition
  uint64_t ms_played = 0;                // every ms of every play
  uint64_t skip_known = 0, skipped = 0;  // plays whose source records skips; of which skipped
  // Plays running while two others already play (beyond a tolerance of two
  // concurrent streams: a phone and a speaker). Measured plays only.
  uint64_t overlapping = 0;
  uint64_t max_day_ms = 0;             // the most ms played in one UTC day of the month
  uint64_t max_play_ms = 0;            // the longest single play
  std::array<uint64_t, 24> hours{};    // plays by UTC hour of start
  std::array<uint64_t, 7> weekdays{};  // plays by UTC weekday of start, Monday first
  std::array<uint64_t, kReasonCount> reason_end{};  // by core/play.h Reason
  bool operator==(const MonthStats&) const = default;
};

struct Contribution {
  int version = kFormatVersion;
  // What the import read (files, not plays): records = plays + duplicates +
  // rejected; rejected_no_item of the rejected hold nothing by design.
  uint64_t records = 0, rejected = 0, rejected_no_item = 0;
  uint64_t tracks = 0, artists = 0;           // distinct, history/totals.h definitions
  int64_t first_end_ms = 0, last_end_ms = 0;  // 0 when there are no plays
  std::vector<std::string> sources;           // core SourceName, in Source order
  // Optional fields some play recorded (kFieldNames order).
  std::vector<std::string> fields;
  std::vector<MonthStats> months;             // ascending, only months with plays
  std::vector<ArtistMonths> artists_monthly;  // by minutes, descending; ≤ kMaxArtists
  std::vector<Transition> transitions;        // by count, descending; ≤ kMaxTransitions
  DjTransitions dj;
  std::vector<std::string> account_digests;          // sorted, unique (formats/account_digest.h)
  std::array<uint32_t, kSignatureSize> signature{};  // minhash.h
  bool operator==(const Contribution&) const = default;
};

// The optional fields a source may record, as named in `fields`.
inline constexpr std::array<std::string_view, 11> kFieldNames = {
    "ms_played", "album",   "uri",       "reason_start", "reason_end", "shuffle",
    "skipped",   "offline", "incognito", "device",       "dj_facts"};

// Whole-history figures, summed over `months` (the proof checks read these).
struct Summary {
  uint64_t plays = 0, music = 0, podcast = 0, audiobook = 0, video = 0, streams = 0;
  uint64_t ms_played = 0, skip_known = 0, skipped = 0, overlapping = 0;
  uint64_t max_day_ms = 0, max_play_ms = 0;
  std::array<uint64_t, 24> hours{};
  std::array<uint64_t, 7> weekdays{};
  std::array<uint64_t, kReasonCount> reason_end{};
  std::optional<double> skip_rate() const;  // nullopt when no source records skips
  double overlap_share() const;             // overlapping / plays, 0 without plays
};
Summary Summarize(const Contribution& c);

// Import accounting that is not in the log.
struct ImportCounts {
  uint64_t records = 0, rejected = 0, rejected_no_item = 0;
};
Contribution BuildFromLog(const history::PlayLog& log, const ImportCounts& counts,
                          std::vector<std::string> account_digests);
Result<Contribution> Build(const importer::ImportResult& import);

// Canonical bytes (compact JSON, fixed key order, a final newline).
std::string ToJson(const Contribution& c);
// Strict: every key present, of its type, within bounds, in canonical order;
// errors name the field (e.g. "months[3].hours: expected 24 numbers").
Result<Contribution> FromJson(std::string_view json);

// Merges a later export of the same member into an earlier contribution
// without double counting an overlap. Rule: each month is taken whole from
// the side with more plays in it (ties: `later`) — its MonthStats and its
// artists' entries for that month; artists are then re-ranked by their
// summed minutes and cut to kMaxArtists. Transitions take the maximum per
// key (a session seen in both exports counts once), re-cut to
// kMaxTransitions; DJ counts come whole from the side with more DJ
// transitions. Signature: element-wise minimum (the MinHash of the union of
// both shingle sets, less the pairs across the two exports' boundary).
// rejected, rejected_no_item, tracks and artists take the maximum (lower
// bounds of the union; each upload is checked alone before it is merged);
// records = max(both records, merged plays + rejected); first/last end,
// sources, fields and account digests are the union. Merge(c, c) == c.
Contribution Merge(const Contribution& old, const Contribution& later);

// The canonical order of transitions (by count, then names), cut to
// kMaxTransitions.
void RankTransitions(std::vector<Transition>* transitions);
bool TransitionRanksBefore(uint64_t count_a, std::string_view from_a, std::string_view to_a,
                           uint64_t count_b, std::string_view from_b, std::string_view to_b);
bool TransitionRanksBefore(const Transition& a, const Transition& b);
// The canonical order of artists: by minutes (the sum of an artist's
// monthly minutes, so Build and Merge rank alike), then by name.
bool ArtistRanksBefore(uint64_t minutes_a, std::string_view artist_a, uint64_t minutes_b,
                       std::string_view artist_b);
uint64_t TotalMinutes(const ArtistMonths& artist);

// "YYYY-MM" of a UTC instant.
std::string MonthOf(int64_t ms);

}  // namespace chorus::contribution
