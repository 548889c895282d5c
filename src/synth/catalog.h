// The shared synthetic catalogue: artists, albums, tracks, podcast shows and
// audiobooks that every synthetic listener draws from.
//
// Contract: Catalogue::Build(seed) is a pure function of the seed (and of
// nothing else, in particular not of the number of listeners or years), so
// the same seed yields the same names and the same stable Spotify-style ids.
// Artist ids are global popularity ranks (0 = most popular, Zipf weights);
// each artist belongs to one of kClusters taste clusters. Names are stored as
// ready-to-write JSON string literals (quotes included, escaped).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "synth/rng.h"

namespace chorus::synth {

inline constexpr int kClusters = 8;

struct Artist {
  std::string json_name;
  uint8_t cluster = 0;
  uint32_t first_album = 0, album_count = 0;
  uint32_t first_track = 0, track_count = 0;  // tracks of all its albums, contiguous
};

struct Album {
  std::string json_name;
  uint32_t artist = 0;
  uint32_t first_track = 0, track_count = 0;
};

struct Track {
  std::string json_name;
  uint32_t album = 0;
  uint32_t duration_ms = 0;
  uint32_t cum_weight = 0;  // prefix sum of popularity within its artist
  std::array<char, 22> id{};
};

struct Show {
  std::string json_name;
  int64_t first_day = 0;  // days since epoch of episode 1; weekly after that
  uint32_t minutes = 30;  // typical episode length
  uint64_t seed = 0;
};

struct Book {
  std::string json_title;
  std::array<char, 22> id{};
  uint32_t chapters = 0;
  uint64_t seed = 0;
};

// One podcast episode or audiobook chapter, materialised on demand.
struct Episode {
  std::string json_name;  // "null" for an untitled audiobook chapter
  std::array<char, 22> id{};
  uint32_t duration_ms = 0;
};

class Catalogue {
 public:
  static Catalogue Build(uint64_t seed);

  const std::vector<Artist>& artists() const { return artists_; }
  const std::vector<Album>& albums() const { return albums_; }
  const std::vector<Track>& tracks() const { return tracks_; }
  const std::vector<Show>& shows() const { return shows_; }
  const std::vector<Book>& books() const { return books_; }

  // An artist of `cluster`, by global popularity.
  uint32_t PickArtist(int cluster, Rng& rng) const;
  // A track of `artist`, by its popularity within the artist.
  uint32_t PickTrack(uint32_t artist, Rng& rng) const;
  // The latest episode number of `show` released on or before `day` (>= 1).
  uint32_t LatestEpisode(uint32_t show, int64_t day) const;
  Episode ShowEpisode(uint32_t show, uint32_t number) const;
  Episode BookChapter(uint32_t book, uint32_t chapter) const;

 private:
  std::vector<Artist> artists_;
  std::vector<Album> albums_;
  std::vector<Track> tracks_;
  std::vector<Show> shows_;
  std::vector<Book> books_;
  std::array<std::vector<uint32_t>, kClusters> cluster_artists_;
  std::array<std::vector<uint64_t>, kClusters> cluster_cum_;
};

}  // namespace chorus::synth
