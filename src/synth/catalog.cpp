#include "synth/catalog.h"

#include <fmt/format.h>

#include <utility>

#include "core/time_util.h"
#include "synth/names.h"

namespace chorus::synth {
namespace {

constexpr uint32_t kArtists = 3000;
constexpr uint32_t kShows = 120;
constexpr uint32_t kBooks = 40;

// Per cluster: share of artists, name style, typical track length (s).
struct ClusterSpec {
  uint32_t share;
  NameStyle style;
  uint32_t mean_seconds;
};
constexpr ClusterSpec kSpecs[kClusters] = {
    {20, NameStyle::kPlain, 200},     // pop
    {15, NameStyle::kFrench, 225},    // indie / chanson
    {15, NameStyle::kStreet, 190},    // hip-hop
    {14, NameStyle::kPlain, 300},     // electronic
    {8, NameStyle::kJazz, 330},       // jazz
    {10, NameStyle::kLatin, 210},     // latin
    {8, NameStyle::kEastAsian, 220},  // east asian pop
    {10, NameStyle::kNordic, 235},    // folk
};

uint32_t TrackDurationMs(Rng& rng, uint32_t mean_seconds) {
  // Triangular-ish spread of +-90 s around the cluster mean, rare long cuts.
  int64_t ms = static_cast<int64_t>(mean_seconds) * 1000 +
               static_cast<int64_t>(rng.Below(60001) + rng.Below(60001) + rng.Below(60001)) - 90000;
  if (rng.Permille(30)) ms += rng.Below(420000);
  if (ms < 45000) ms = 45000 + rng.Below(30000);
  return static_cast<uint32_t>(ms);
}

}  // namespace

Catalogue Catalogue::Build(uint64_t seed) {
  Catalogue c;
  Rng rng(Mix(seed, 0xCA7A1061ULL));

  uint32_t share_total = 0;
  uint32_t shares[kClusters];
  for (int k = 0; k < kClusters; ++k) share_total += shares[k] = kSpecs[k].share;

  // Artists first (names are needed for "feat." credits).
  std::vector<std::string> raw_names;
  c.artists_.resize(kArtists);
  raw_names.reserve(kArtists);
  for (uint32_t a = 0; a < kArtists; ++a) {
    uint32_t x = rng.Below(share_total);
    int k = 0;
    while (x >= shares[k]) x -= shares[k++];
    c.artists_[a].cluster = static_cast<uint8_t>(k);
    raw_names.push_back(ArtistName(rng, kSpecs[k].style));
    c.artists_[a].json_name = JsonQuote(raw_names.back());
    c.cluster_artists_[k].push_back(a);
    const uint64_t weight = 1000000000ULL / (a + 8);  // Zipf by global rank
    const uint64_t prev = c.cluster_cum_[k].empty() ? 0 : c.cluster_cum_[k].back();
    c.cluster_cum_[k].push_back(prev + weight);
  }

  for (uint32_t a = 0; a < kArtists; ++a) {
    Artist& artist = c.artists_[a];
    const ClusterSpec& spec = kSpecs[artist.cluster];
    const int album_count =
        a < 100 ? rng.Range(3, 8) : (a < 600 ? rng.Range(2, 5) : rng.Range(1, 3));
    artist.first_album = static_cast<uint32_t>(c.albums_.size());
    artist.album_count = static_cast<uint32_t>(album_count);
    artist.first_track = static_cast<uint32_t>(c.tracks_.size());
    for (int b = 0; b < album_count; ++b) {
      Album album;
      album.artist = a;
      const uint32_t kind = rng.Below(10);
      const int n = kind < 3 ? rng.Range(1, 2) : (kind < 5 ? rng.Range(4, 6) : rng.Range(8, 15));
      if (n <= 2) {
        album.json_name.clear();  // a single is named after its first track
      } else {
        album.json_name = JsonQuote(AlbumName(rng, spec.style));
      }
      album.first_track = static_cast<uint32_t>(c.tracks_.size());
      album.track_count = static_cast<uint32_t>(n);
      for (int t = 0; t < n; ++t) {
        Track track;
        const auto& cl = c.cluster_artists_[artist.cluster];
        const std::string& feat = raw_names[cl[rng.Below(static_cast<uint32_t>(cl.size()))]];
        std::string name = TrackName(rng, spec.style, feat == raw_names[a] ? "" : feat);
        if (album.json_name.empty()) album.json_name = JsonQuote(name);
        track.json_name = JsonQuote(name);
        track.album = static_cast<uint32_t>(c.albums_.size());
        track.duration_ms = TrackDurationMs(rng, spec.mean_seconds);
        Base62Id(rng, track.id.data());
        c.tracks_.push_back(std::move(track));
      }
      c.albums_.push_back(std::move(album));
    }
    artist.track_count = static_cast<uint32_t>(c.tracks_.size()) - artist.first_track;
    // Popularity within the artist: a random permutation of Zipf weights.
    std::vector<uint32_t> rank(artist.track_count);
    for (uint32_t i = 0; i < artist.track_count; ++i) rank[i] = i;
    for (uint32_t i = artist.track_count; i > 1; --i) std::swap(rank[i - 1], rank[rng.Below(i)]);
    uint32_t cum = 0;
    for (uint32_t i = 0; i < artist.track_count; ++i) {
      cum += 1000000U / (rank[i] + 2);
      c.tracks_[artist.first_track + i].cum_weight = cum;
    }
  }

  const int64_t day_2008 = DaysFromCivil(2008, 1, 1);
  for (uint32_t s = 0; s < kShows; ++s) {
    Show show;
    show.json_name = JsonQuote(ShowName(rng));
    show.first_day = day_2008 + rng.Below(365 * 16);
    show.minutes = 15 + rng.Below(60);
    show.seed = rng.Next();
    c.shows_.push_back(std::move(show));
  }
  for (uint32_t b = 0; b < kBooks; ++b) {
    Book book;
    book.json_title = JsonQuote(BookTitle(rng));
    Base62Id(rng, book.id.data());
    book.chapters = 8 + rng.Below(50);
    book.seed = rng.Next();
    c.books_.push_back(std::move(book));
  }
  return c;
}

uint32_t Catalogue::PickArtist(int cluster, Rng& rng) const {
  return cluster_artists_[cluster][rng.PickCumulative(cluster_cum_[cluster])];
}

uint32_t Catalogue::PickTrack(uint32_t artist, Rng& rng) const {
  const Artist& a = artists_[artist];
  const uint32_t total = tracks_[a.first_track + a.track_count - 1].cum_weight;
  const uint32_t x = rng.Below(total);
  uint32_t lo = a.first_track, hi = a.first_track + a.track_count - 1;
  while (lo < hi) {
    const uint32_t mid = (lo + hi) / 2;
    if (tracks_[mid].cum_weight > x) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo;
}

uint32_t Catalogue::LatestEpisode(uint32_t show, int64_t day) const {
  const int64_t since = day - shows_[show].first_day;
  return since < 0 ? 1 : static_cast<uint32_t>(since / 7 + 1);
}

Episode Catalogue::ShowEpisode(uint32_t show, uint32_t number) const {
  const Show& s = shows_[show];
  Rng rng(Mix(s.seed, number));
  Episode e;
  e.json_name = JsonQuote(EpisodeName(rng, static_cast<int>(number)));
  Base62Id(rng, e.id.data());
  const uint32_t base = s.minutes * 60000U;
  e.duration_ms = base / 2 + rng.Below(base) + rng.Below(60000);
  return e;
}

Episode Catalogue::BookChapter(uint32_t book, uint32_t chapter) const {
  const Book& b = books_[book];
  Rng rng(Mix(b.seed, chapter));
  Episode e;
  if (chapter == 0) {
    e.json_name = "\"Opening Credits\"";
  } else if (rng.Permille(100)) {
    e.json_name = "null";
  } else {
    e.json_name = fmt::format("\"Chapter {}\"", chapter);
  }
  Base62Id(rng, e.id.data());
  e.duration_ms = chapter == 0 ? 20000 + rng.Below(40000) : 600000 + rng.Below(1800000);
  return e;
}

}  // namespace chorus::synth
