// Traktor NML parser: collection.nml and History NML files (NML 14 … 19).
//
// Contract: ParseTraktorNml() reads an `<NML>` document and returns a batch
// (source kTraktor) whose `format` is
//   "traktor-history"     the file has a History playlist (PLAYLIST
//                         TYPE="PROTOCOL"): each of its ENTRY elements is one
//                         record and one play, or one rejection naming the
//                         entry index and attribute;
//   "traktor-collection"  a library without history: 0 records, no error;
//   "ignored"             XML whose root is not NML.
// Every COLLECTION/ENTRY with a BPM (TEMPO@BPM), key (MUSICAL_KEY@VALUE, else
// INFO@KEY text) or cues/loops (CUE_V2 TYPE 0-3 / TYPE 5 with LEN > 0; TYPE 4
// AutoGrid is a beat-grid anchor, not a cue) goes into batch.dj_tracks, so a
// collection enriches plays of the same track from any file. A play is
// (title, artist, album) of the collection entry its PRIMARYKEY names
// (VOLUME+DIR+FILE); the title falls back to the file name. Paths are never
// kept. Times: STARTDATE (year<<16 | month<<8 | day) and STARTTIME (seconds
// after midnight) are the DJ machine's wall clock, with no zone in the file:
// they are read as UTC (documented in formats/README.md). end = start +
// DURATION (seconds the deck played) = ms_played; without DURATION, the
// track's PLAYTIME_FLOAT with ms_estimated. deck = DECK + 1. PLAYEDPUBLIC="0"
// (a pre-listen, not played out) is a play with skipped = true; "1" is
// skipped = false; absent (NML 14/15) unknown. Malformed XML is an error
// naming the file and byte offset.
#pragma once

#include <string>
#include <string_view>

#include "core/dictionary.h"
#include "core/play.h"
#include "core/status.h"
#include "formats/dj_common.h"

namespace chorus::formats {

// `notes` (may be null) receives the file's counts.
Result<PlayBatch> ParseTraktorNml(std::string display, std::string_view text, Dictionary& dict,
                                  DjNotes* notes = nullptr);

}  // namespace chorus::formats
