// Shared pieces of the DJ-software parsers (Traktor, rekordbox, Mixxx,
// Serato): what a DJ file holds beyond plays, number helpers, XML loading.
//
// Contract: DjNotes counts what a DJ file holds, by the definitions of
// ../shared/fixtures/dj/README.md (tracks, with BPM, with key, cues, loops,
// history entries, first/last start), so tests and the report can state them.
// AddDjTrack() interns a track (kind music, no URI: DJ files name local files,
// whose paths are never kept) and records its facts in the batch. LoadXml()
// parses a whole buffer with pugixml; a parse error becomes an InvalidInput
// naming the file and byte offset. Nothing here throws.
#pragma once

#include <cstdint>
#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "core/dictionary.h"
#include "core/play.h"
#include "core/status.h"

namespace chorus::formats {

struct DjNotes {
  uint64_t tracks = 0;         // library / collection entries
  uint64_t with_bpm = 0;       // tracks with a BPM > 0
  uint64_t with_key = 0;       // tracks with a key (numeric, or non-empty key text)
  uint64_t cues = 0;           // cue points (hot and memory), AutoGrid/beat-grid markers excluded
  uint64_t loops = 0;          // stored loops
  uint64_t history = 0;        // history entries (deck loads / set-log rows)
  uint64_t sessions = 0;       // Serato history.database: sessions listed
  int64_t first_start_ms = 0;  // earliest / latest history start (0: none)
  int64_t last_start_ms = 0;
  void SawStart(int64_t start_ms);
};

// BPM × 100, rounded; 0 for non-positive, non-finite or absurd (> 600) BPM.
uint16_t BpmCenti(double bpm);
// Saturating add for the uint8 cue/loop counters.
inline uint8_t Saturate8(uint64_t n) { return n > 255 ? uint8_t{255} : static_cast<uint8_t>(n); }

// The item of a DJ track in `dict`; records `facts` in the batch when any is known.
uint32_t AddDjTrack(PlayBatch& batch, Dictionary& dict, std::string_view title,
                    std::string_view artist, std::string_view album, const DjTrackFacts& facts,
                    ItemRef* ref);

Status LoadXml(const std::string& display, std::string_view text, pugi::xml_document* doc);

// The root element's name of an XML text ("NML", "DJ_PLAYLISTS"), skipping a
// BOM, the declaration, comments and DOCTYPE; "" when it does not look like XML.
std::string_view XmlRootName(std::string_view text);

// Strict numbers from attribute text: the whole text must be the number.
bool ParseInt(std::string_view s, int64_t* out);
bool ParseDouble(std::string_view s, double* out);

}  // namespace chorus::formats
