// rekordbox XML parser ("Export Collection in xml format", rekordbox 5 … 7).
//
// Contract: ParseRekordboxXml() reads a `<DJ_PLAYLISTS>` document and returns
// a batch (source kRekordbox) with no plays, whose `format` is
//   "rekordbox-history"     some playlist NODE (Type="1") is named
//                           "HISTORY …" (rekordbox copies its history into
//                           playlists of that name): each of their TRACK
//                           entries is one record, rejected as no-item with
//                           the reason that rekordbox XML has no play times.
//                           We never invent a time, and a canonical play is
//                           keyed by its end time, so these are counted and
//                           reported, not plays;
//   "rekordbox-collection"  no history: 0 records, no error;
//   "ignored"               XML whose root is not DJ_PLAYLISTS.
// Every COLLECTION/TRACK with facts goes into batch.dj_tracks: BPM =
// AverageBpm, key = Tonality in any notation ("Am", "F#m", "Abm", Camelot
// "8A"), cues = POSITION_MARK without End and Type ≠ 4, loops = Type 4 or with
// End (hot and memory both). So a rekordbox collection enriches plays of the
// same (title, artist, album) from other files. Locations are never kept.
// Malformed XML is an error naming the file and byte offset.
#pragma once

#include <string>
#include <string_view>

#include "core/dictionary.h"
#include "core/play.h"
#include "core/status.h"
#include "formats/dj_common.h"

namespace chorus::formats {

Result<PlayBatch> ParseRekordboxXml(std::string display, std::string_view text, Dictionary& dict,
                                    DjNotes* notes = nullptr);

}  // namespace chorus::formats
