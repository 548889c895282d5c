// AudioFeatures: per-track audio features (valence, energy, tempo,
// danceability) that a listener supplies with `chorus report --enrich FILE`.
//
// Contract: the CSV has a header row; columns are found by name, in any
// order, case-insensitive. A row is keyed by a Spotify track URI (column
// `spotify_uri`, `track_uri`, `uri`, or a bare 22-character `id`/`track_id`)
// or by `artist` + `title` (or `track_name`/`name`), matched through the
// normalised track key (core/normalize.h). Feature columns: `valence`,
// `energy`, `danceability` in [0, 1] and `tempo` in BPM (0 < tempo < 400);
// each may be empty. A malformed row or value is an error naming the file,
// line and column. Nothing is invented: a track without a row has no features.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.h"

namespace chorus::insights {

struct Features {
  double valence = NAN, energy = NAN, tempo = NAN, danceability = NAN;
};

class AudioFeatures {
 public:
  static Result<AudioFeatures> LoadCsv(const std::string& path);
  static Result<AudioFeatures> ParseCsv(std::string_view text, const std::string& name);

  // By URI first, then by normalised artist + title; null when unknown.
  const Features* Find(std::string_view uri, std::string_view artist, std::string_view title) const;
  const std::string& name() const { return name_; }
  size_t size() const { return by_uri_.size() + by_key_.size(); }

 private:
  std::string name_;
  std::unordered_map<std::string, Features> by_uri_;
  std::unordered_map<uint64_t, Features> by_key_;
};

}  // namespace chorus::insights
