#include "insights/features.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <sstream>
#include <vector>

#include "core/normalize.h"
#include "formats/csv.h"

namespace chorus::insights {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return out;
}

int FindColumn(const std::vector<std::string>& header, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    auto it = std::find(header.begin(), header.end(), name);
    if (it != header.end()) return static_cast<int>(it - header.begin());
  }
  return -1;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

Result<AudioFeatures> AudioFeatures::LoadCsv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(fmt::format("{}: cannot open the --enrich file", path));
  std::ostringstream text;
  text << in.rdbuf();
  return ParseCsv(text.str(), path);
}

Result<AudioFeatures> AudioFeatures::ParseCsv(std::string_view text, const std::string& name) {
  formats::CsvReader reader(text);
  std::vector<std::string_view> fields;
  Status error;
  if (!reader.Next(&fields, &error)) {
    if (!error.ok()) return InvalidInput(fmt::format("{}: {}", name, error.message()));
    return InvalidInput(fmt::format("{}: empty file, expected a header row", name));
  }
  std::vector<std::string> header;
  for (auto f : fields) header.push_back(Lower(Trim(f)));
  int uri = FindColumn(header, {"spotify_uri", "track_uri", "uri"});
  int id = FindColumn(header, {"id", "track_id"});
  int artist = FindColumn(header, {"artist", "artists", "artist_name"});
  int title = FindColumn(header, {"title", "track_name", "name", "track"});
  const char* kFeatureNames[] = {"valence", "energy", "tempo", "danceability"};
  int feature[4];
  bool any = false;
  for (int k = 0; k < 4; ++k) {
    feature[k] = FindColumn(header, {kFeatureNames[k]});
    any = any || feature[k] >= 0;
  }
  if (uri < 0 && id < 0 && (artist < 0 || title < 0)) {
    return InvalidInput(fmt::format(
        "{}: line 1: no key column; expected spotify_uri (or track_uri, uri, id) or artist + "
        "title",
        name));
  }
  if (!any) {
    return InvalidInput(fmt::format(
        "{}: line 1: no feature column; expected valence, energy, tempo or danceability", name));
  }

  AudioFeatures out;
  out.name_ = name;
  while (reader.Next(&fields, &error)) {
    auto field = [&](int col) {
      return col >= 0 && static_cast<size_t>(col) < fields.size() ? Trim(fields[col])
                                                                  : std::string_view{};
    };
    Features f;
    double* slots[4] = {&f.valence, &f.energy, &f.tempo, &f.danceability};
    for (int k = 0; k < 4; ++k) {
      std::string_view v = field(feature[k]);
      if (v.empty()) continue;
      double x = 0;
      auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
      bool in_range = k == 2 ? (x > 0 && x < 400) : (x >= 0 && x <= 1);
      if (ec != std::errc() || end != v.data() + v.size() || !in_range) {
        return InvalidInput(fmt::format("{}: line {}, column {}: \"{}\" is not a {} ({})", name,
                                        reader.line(), kFeatureNames[k], v, kFeatureNames[k],
                                        k == 2 ? "BPM between 0 and 400" : "number from 0 to 1"));
      }
      *slots[k] = x;
    }
    std::string_view u = field(uri);
    std::string_view bare = field(id);
    if (!u.empty()) {
      out.by_uri_[std::string(u)] = f;
    } else if (bare.size() == 22) {
      out.by_uri_["spotify:track:" + std::string(bare)] = f;
    } else if (!field(artist).empty() && !field(title).empty()) {
      out.by_key_[TrackKey(field(artist), field(title))] = f;
    } else {
      return InvalidInput(fmt::format("{}: line {}: row has neither a track URI nor artist + title",
                                      name, reader.line()));
    }
  }
  if (!error.ok()) return InvalidInput(fmt::format("{}: {}", name, error.message()));
  return out;
}

const Features* AudioFeatures::Find(std::string_view uri, std::string_view artist,
                                    std::string_view title) const {
  if (!uri.empty() && !by_uri_.empty()) {
    auto it = by_uri_.find(std::string(uri));
    if (it != by_uri_.end()) return &it->second;
  }
  if (by_key_.empty() || artist.empty() || title.empty()) return nullptr;
  auto it = by_key_.find(TrackKey(artist, title));
  return it == by_key_.end() ? nullptr : &it->second;
}

}  // namespace chorus::insights
