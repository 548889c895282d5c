// PlayLog::Finalize: sorting and DESIGN.md's counting rules. Kept apart from
// play_log.cpp because the rules are the part people will want to read.
#include <algorithm>
#include <bit>
#include <cstdlib>
#include <functional>
#include <memory>
#include <numeric>
#include <unordered_map>

#include "core/helper_thread.h"
#include "core/normalize.h"
#include "history/play_log.h"

namespace chorus::history {

namespace {

constexpr int64_t kMinute = 60'000;

struct TwinKey {  // an account row's view of a play: minute, names, duration
  int64_t minute;
  uint32_t artist, title, ms;
  bool operator==(const TwinKey&) const = default;
};
struct TwinKeyHash {
  size_t operator()(const TwinKey& k) const noexcept {
    uint64_t h = static_cast<uint64_t>(k.minute);
    for (uint32_t v : {k.artist, k.title, k.ms}) h = (h ^ v) * 0x9E3779B97F4A7C15ull;
    return static_cast<size_t>(h ^ (h >> 31));
  }
};
struct MinuteMs {
  int64_t minute;
  uint32_t ms;
  bool operator==(const MinuteMs&) const = default;
};
struct MinuteMsHash {
  size_t operator()(const MinuteMs& k) const noexcept {
    uint64_t h = (static_cast<uint64_t>(k.minute) * 0x9E3779B97F4A7C15ull) ^ k.ms;
    return static_cast<size_t>(h ^ (h >> 29));
  }
};

constexpr int64_t kScrobbleWindowMs = 90'000;
// Last.fm scrobbles a track of 30 s or more once half of it has played: a
// play under 15 s (a skip) was never scrobbled, so no scrobble is its twin.
constexpr uint32_t kScrobbledMinMs = 15'000;

int64_t FloorMinute(int64_t ms) { return (ms >= 0 ? ms : ms - kMinute + 1) / kMinute * kMinute; }

// Sort keys for merging by end time: each row's end, relative to the
// earliest (`lo`; the latest is `hi`), above the row's index in the low
// `index_bits`. Merging compares these plain integers read in sequence, not
// end times fetched through an order vector (on the 1 GB benchmark, 13
// instead of 22 ms), and equal ends stay in row order. Empty when end times
// and indices do not fit in 64 bits together (ends centuries apart).
// Not zeroed first: every key is written before it is read.
using Keys = std::unique_ptr<uint64_t[]>;

Keys PackedEndKeys(const Column<int64_t>& end, int64_t lo, int64_t hi, int* index_bits,
                   HelperThread& helper) {
  const size_t n = end.size();
  *index_bits = static_cast<int>(std::bit_width(n));
  // hi - lo overflows int64 for ends of opposite extremes: subtract unsigned.
  const uint64_t range = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo);
  if (n == 0 || static_cast<int>(std::bit_width(range)) + *index_bits > 64) return {};
  Keys keys = std::make_unique_for_overwrite<uint64_t[]>(n);
  auto pack = [&, bits = *index_bits](size_t from, size_t to) {
    for (size_t i = from; i < to; ++i)
      keys[i] = (static_cast<uint64_t>(end[i]) - static_cast<uint64_t>(lo)) << bits | i;
  };
  helper.RunBoth([&] { pack(0, n / 2); }, [&] { pack(n / 2, n); });
  return keys;
}

// How many of the first k keys of the merge of the ascending, distinct
// a[0, na) and b[0, nb) come from a (the merge path's binary search).
size_t TakenFromFirst(const uint64_t* a, size_t na, const uint64_t* b, size_t nb, size_t k) {
  size_t lo = k > nb ? k - nb : 0, hi = std::min(k, na);
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (a[mid] < b[k - mid - 1]) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

// Writes keys [k0, k1) of the merge of the adjacent runs [first, middle) and
// [middle, last) to out[k0, k1); a run wholly before its neighbour is
// copied, not compared.
void MergePart(const uint64_t* first, const uint64_t* middle, const uint64_t* last, uint64_t* out,
               size_t k0, size_t k1) {
  if (middle == last || first == middle || *(middle - 1) < *middle) {
    std::copy(first + k0, first + k1, out + k0);
    return;
  }
  const size_t na = middle - first, nb = last - middle;
  const size_t i0 = TakenFromFirst(first, na, middle, nb, k0);
  const size_t i1 = TakenFromFirst(first, na, middle, nb, k1);
  std::merge(first + i0, first + i1, middle + (k0 - i0), middle + (k1 - i1), out + k0);
}

// Merges the sorted runs [runs[r], runs[r + 1]) of `keys` pairwise: log2(runs)
// sequential passes; the caller and the helper each write one half of every
// pass's output.
void MergeRuns(const std::vector<size_t>& runs, size_t n, Keys& keys, HelperThread& helper) {
  std::vector<size_t> bounds = runs;
  Keys scratch = std::make_unique_for_overwrite<uint64_t[]>(n);
  while (bounds.size() > 2) {
    std::vector<size_t> merged{0};
    for (size_t r = 0; r + 1 < bounds.size(); r += 2)
      merged.push_back(r + 2 < bounds.size() ? bounds[r + 2] : bounds[r + 1]);
    auto merge_outputs = [&](size_t from, size_t to) {
      for (size_t r = 0; r + 1 < bounds.size(); r += 2) {
        const size_t begin = bounds[r], end = merged[r / 2 + 1];
        if (end <= from || begin >= to) continue;
        MergePart(keys.get() + begin, keys.get() + bounds[r + 1], keys.get() + end,
                  scratch.get() + begin, std::max(from, begin) - begin, std::min(to, end) - begin);
      }
    };
    helper.RunBoth([&] { merge_outputs(0, n / 2); }, [&] { merge_outputs(n / 2, n); });
    bounds.swap(merged);
    keys.swap(scratch);
  }
}

}  // namespace

// Rule 4. A scrobble (Last.fm) of a play another source recorded is that
// play seen twice: the same normalised track, starting within 90 s (start =
// end - ms_played; a scrobble's end is its start). Matched one to one, the
// closest start first; the play keeps its source and gains the scrobbler's.
void PlayLog::MergeScrobbles(const std::vector<uint32_t>& kept, std::vector<bool>& drop,
                             DedupeStats& stats) {
  auto is_scrobble = [&](uint32_t p) { return static_cast<Source>(source_[p]) == Source::kLastfm; };
  auto start = [&](uint32_t p) { return end_ms_[p] - static_cast<int64_t>(ms_played_[p]); };
  int64_t first = INT64_MAX, last = INT64_MIN;
  for (size_t k = 0; k < kept.size(); ++k) {
    if (drop[k] || !is_scrobble(kept[k])) continue;
    first = std::min(first, start(kept[k]));
    last = std::max(last, start(kept[k]));
  }
  if (first > last) return;  // no scrobbles

  std::unordered_map<uint32_t, uint64_t> key_of_item;
  auto key = [&](uint32_t p) {
    auto [it, fresh] = key_of_item.try_emplace(item_[p], 0);
    if (fresh) {
      const ItemRef& r = items_[item_[p]].ref;
      it->second = TrackKey(strings_.View(r.artist), strings_.View(r.title));
    }
    return it->second;
  };
  // Candidates: plays of other sources starting inside the scrobbles' window.
  std::unordered_map<uint64_t, std::vector<size_t>> candidates;
  for (size_t k = 0; k < kept.size(); ++k) {
    uint32_t p = kept[k];
    if (drop[k] || is_scrobble(p)) continue;
    bool timed = static_cast<Source>(source_[p]) != Source::kYouTubeMusic;
    if (timed && ms_played_[p] < kScrobbledMinMs) continue;
    int64_t s = start(p);
    if (s < first - kScrobbleWindowMs || s > last + kScrobbleWindowMs) continue;
    candidates[key(p)].push_back(k);
  }
  std::vector<bool> used(kept.size(), false);
  for (size_t k = 0; k < kept.size(); ++k) {
    uint32_t p = kept[k];
    if (drop[k] || !is_scrobble(p)) continue;
    auto it = candidates.find(key(p));
    if (it == candidates.end()) continue;
    size_t best = kept.size();
    int64_t best_gap = kScrobbleWindowMs + 1;
    for (size_t c : it->second) {
      int64_t gap = std::llabs(start(kept[c]) - start(p));
      if (!used[c] && gap < best_gap) {
        best = c;
        best_gap = gap;
      }
    }
    if (best == kept.size()) continue;
    used[best] = true;
    drop[k] = true;
    sources_.at(kept[best]) |= sources_[p];
    ++stats.cross_source;
  }
}

DedupeStats PlayLog::Finalize() {
  HelperThread none(false);
  return Finalize(none);
}

DedupeStats PlayLog::Finalize(HelperThread& helper) {
  finalized_ = true;
  if (!pending_facts_.empty()) {
    dj_facts_.assign(items_.size(), DjTrackFacts{});
    for (const auto& [item, facts] : pending_facts_) dj_facts_[item] = facts;
    pending_facts_.clear();
  }
  DedupeStats stats;
  const size_t n = size();

  // Identity of what was played: the URI when there is one, else the names.
  auto ident = [&](uint32_t i) -> uint64_t {
    const Item& it = items_[item_[i]];
    return it.ref.uri != kNoString ? it.ref.uri : (uint64_t{1} << 32) | item_[i];
  };
  auto before = [&](uint32_t a, uint32_t b) {
    if (end_ms_[a] != end_ms_[b]) return end_ms_[a] < end_ms_[b];
    if (source_[a] != source_[b]) return source_[a] < source_[b];
    Kind ka = items_[item_[a]].kind, kb = items_[item_[b]].kind;
    if (ka != kb) return ka < kb;
    uint64_t ia = ident(a), ib = ident(b);
    if (ia != ib) return ia < ib;
    if (ms_played_[a] != ms_played_[b]) return ms_played_[a] > ms_played_[b];
    if (origin_[a] != origin_[b]) return origin_[a] < origin_[b];
    return a < b;
  };
  // One pass over the rows finds the sources present (rules 0 and 4 apply
  // only with theirs), where the sorted runs start and the range of ends.
  std::vector<size_t> runs{0};
  int64_t lo = n > 0 ? end_ms_[0] : 0, hi = lo;
  auto present = static_cast<SourceMask>(n > 0 ? 1u << source_[0] : 0u);
  for (size_t i = 1; i < n; ++i) {
    const int64_t end = end_ms_[i];
    if (end < end_ms_[i - 1]) runs.push_back(i);
    lo = std::min(lo, end);
    hi = std::max(hi, end);
    present |= static_cast<SourceMask>(1u << source_[i]);
  }
  runs.push_back(n);
  // Rule 0. Apple's Daily Tracks and Recently Played sum up plays that Play
  // Activity lists one by one and share no key with them: with Play Activity
  // in the import, the summaries are superseded.
  const bool has_apple_activity = (present & (1u << static_cast<unsigned>(Source::kAppleMusic)));
  // Rule 1. Extended rows (second precision): the same end, kind and item is
  // one play; the longest is kept. Account rows (minute precision): repeats
  // inside one export are real plays (a skip and a replay in one minute), so
  // for each (minute, item, ms) keep as many as the export that has the most.
  // keep_rows takes rows in `before` order; a play's rows share an end, so
  // two threads can each take the rows of their own ends.
  struct KeptRows {
    std::vector<uint32_t> kept;
    DedupeStats stats;
    int64_t account_first = INT64_MAX, account_last = INT64_MIN;
  };
  auto keep_rows = [&](const uint32_t* rows, size_t count, KeptRows& out) {
    for (size_t i = 0; i < count;) {
      uint32_t head = rows[i];
      size_t j = i + 1;
      auto same_play = [&](uint32_t x) {
        return end_ms_[x] == end_ms_[head] && source_[x] == source_[head] &&
               items_[item_[x]].kind == items_[item_[head]].kind && ident(x) == ident(head);
      };
      while (j < count && same_play(rows[j])) ++j;
      if (has_apple_activity && static_cast<Source>(source_[head]) == Source::kAppleMusicSummary) {
        out.stats.superseded += j - i;
      } else if (static_cast<Source>(source_[head]) != Source::kSpotifyAccount) {
        out.kept.push_back(head);
        out.stats.same_item += j - i - 1;
      } else {
        out.account_first = std::min(out.account_first, end_ms_[head]);
        out.account_last = std::max(out.account_last, end_ms_[head]);
        for (size_t k = i; k < j;) {  // runs of equal ms, origins ascending inside
          size_t m = k;
          size_t best = 0;
          while (m < j && ms_played_[rows[m]] == ms_played_[rows[k]]) {
            size_t run = m;
            while (m < j && ms_played_[rows[m]] == ms_played_[rows[k]] &&
                   origin_[rows[m]] == origin_[rows[run]])
              ++m;
            best = std::max(best, m - run);
          }
          for (size_t t = 0; t < best; ++t) out.kept.push_back(rows[k + t]);
          out.stats.overlap += (m - k) - best;
          k = m;
        }
      }
      i = j;
    }
  };
  KeptRows first_half, second_half;

  // Files are mostly sorted runs (Spotify's 2023-2025 files, account data):
  // merging the runs by end time is O(n log runs); ties are then ordered
  // with the full key inside their (tiny) groups, and each group is kept or
  // dropped as it is met, so the rows are never read through a full order
  // vector (1 GB benchmark, one thread: ordering ties and rule 1 took 28 ms
  // through one, 11-15 ms now).
  int index_bits = 0;
  Keys keys;
  if (runs.size() - 1 <= n / 16 + 1) keys = PackedEndKeys(end_ms_, lo, hi, &index_bits, helper);
  if (keys == nullptr) {
    std::vector<uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), before);
    first_half.kept.reserve(n);  // room for both halves
    size_t mid = n / 2;          // the two halves split between ends, not inside a play
    while (mid > 0 && mid < n && end_ms_[order[mid]] == end_ms_[order[mid - 1]]) ++mid;
    helper.RunBoth([&] { keep_rows(order.data(), mid, first_half); },
                   [&] { keep_rows(order.data() + mid, n - mid, second_half); });
  } else {
    MergeRuns(runs, n, keys, helper);
    first_half.kept.reserve(n);  // room for both halves, after the merge's scratch is freed
    // Copied out of the captures: read through references, they were
    // reloaded on every row.
    const uint64_t* const sorted = keys.get();
    const int bits = index_bits;
    const uint64_t index_mask = (uint64_t{1} << bits) - 1;
    auto end_of = [sorted, bits](size_t i) { return sorted[i] >> bits; };
    auto keep_sorted = [&, sorted, index_mask, end_of](size_t from, size_t to, KeptRows& out) {
      std::vector<uint32_t> tie;
      for (size_t i = from; i < to;) {
        size_t j = i + 1;
        while (j < to && end_of(j) == end_of(i)) ++j;
        if (j - i == 1) {
          // One row at its end: kept, unless rule 0 or an account row's
          // count says otherwise (keep_rows decides those).
          const auto row = static_cast<uint32_t>(sorted[i] & index_mask);
          const auto source = static_cast<Source>(source_[row]);
          if (source == Source::kSpotifyAccount || source == Source::kAppleMusicSummary) {
            keep_rows(&row, 1, out);
          } else {
            out.kept.push_back(row);
          }
        } else {
          tie.clear();
          for (size_t k = i; k < j; ++k)
            tie.push_back(static_cast<uint32_t>(sorted[k] & index_mask));
          std::sort(tie.begin(), tie.end(), before);
          keep_rows(tie.data(), tie.size(), out);
        }
        i = j;
      }
    };
    size_t mid = n / 2;  // the two halves split between ends, not inside a play
    while (mid > 0 && mid < n && end_of(mid) == end_of(mid - 1)) ++mid;
    helper.RunBoth([&] { keep_sorted(0, mid, first_half); },
                   [&] { keep_sorted(mid, n, second_half); });
    keys.reset();
  }
  std::vector<uint32_t> kept = std::move(first_half.kept);  // the plays kept by rule 1
  kept.insert(kept.end(), second_half.kept.begin(), second_half.kept.end());
  second_half.kept = {};
  for (const KeptRows* half : {&first_half, &second_half}) {
    stats.same_item += half->stats.same_item;
    stats.overlap += half->stats.overlap;
    stats.superseded += half->stats.superseded;
  }
  const int64_t account_first = std::min(first_half.account_first, second_half.account_first);
  const int64_t account_last = std::max(first_half.account_last, second_half.account_last);

  // Rule 2. An account row whose extended twin is present is the same play:
  // first match on (minute, artist, title, ms), then, among what is still
  // unmatched on both sides, on (minute, ms) alone, which catches the rows
  // where the two files spell names differently ("feat." parts, Unknown
  // Artist). Every matched pair in real exports has the same ms.
  std::vector<bool> drop(kept.size(), false);
  if (account_first <= account_last) {
    std::unordered_map<TwinKey, uint32_t, TwinKeyHash> by_names;
    std::unordered_map<MinuteMs, uint32_t, MinuteMsHash> by_minute;
    for (uint32_t p : kept) {
      if (static_cast<Source>(source_[p]) == Source::kSpotifyAccount) continue;
      int64_t minute = FloorMinute(end_ms_[p]);
      if (minute < account_first || minute > account_last) continue;
      const ItemRef& r = items_[item_[p]].ref;
      ++by_names[{minute, r.artist, r.title, ms_played_[p]}];
      ++by_minute[{minute, ms_played_[p]}];
    }
    for (int pass = 0; pass < 2; ++pass) {
      for (size_t k = 0; k < kept.size(); ++k) {
        uint32_t p = kept[k];
        if (drop[k] || static_cast<Source>(source_[p]) != Source::kSpotifyAccount) continue;
        const ItemRef& r = items_[item_[p]].ref;
        MinuteMs mm{end_ms_[p], ms_played_[p]};
        auto slot = by_minute.find(mm);
        if (slot == by_minute.end() || slot->second == 0) continue;
        if (pass == 0) {
          auto twin = by_names.find({end_ms_[p], r.artist, r.title, ms_played_[p]});
          if (twin == by_names.end() || twin->second == 0) continue;
          --twin->second;
        } else {
          ++stats.account_merged_by_minute_ms;
        }
        --slot->second;
        drop[k] = true;
        ++stats.account_merged;
      }
    }
  }

  if (present & (1u << static_cast<unsigned>(Source::kLastfm))) MergeScrobbles(kept, drop, stats);

  std::vector<uint32_t> final_order;
  final_order.reserve(kept.size());
  for (size_t k = 0; k < kept.size(); ++k) {
    if (!drop[k]) final_order.push_back(kept[k]);
  }
  kept.clear();
  kept.shrink_to_fit();

  helper.RunBoth(
      [&] {
        end_ms_.Gather(final_order);
        item_.Gather(final_order);
        reason_start_.Gather(final_order);
        reason_end_.Gather(final_order);
        tris_.Gather(final_order);
      },
      [&] {
        ms_played_.Gather(final_order);
        origin_ = {};  // only the counting rules read it
        source_.Gather(final_order);
        sources_.Gather(final_order);
        device_.Gather(final_order);
      });
  return stats;
}

}  // namespace chorus::history
