// Mixxx library parser: mixxxdb.sqlite (schemas 26 … 39 seen), read with the
// SQLite C API from the bytes already in memory.
//
// Contract: LooksLikeSqlite() tells an SQLite 3 file from its 16-byte header.
// ParseMixxxDb() opens the bytes read-only (sqlite3_deserialize with
// SQLITE_DESERIALIZE_READONLY on an in-memory connection: the file on disk,
// or the ZIP member, is never opened by SQLite, so nothing can be written and
// no journal or WAL is touched; defensive mode, untrusted schema, a step
// budget against hangs) and returns a batch (source kMixxx) whose `format` is
//   "mixxx-history"     the library has set logs (Playlists.hidden = 2):
//                       each of their PlaylistTracks rows is one record and
//                       one play (or a rejection naming row and column);
//   "mixxx-collection"  a library without set logs: 0 records.
// An SQLite file without Mixxx's tables (library, Playlists, PlaylistTracks)
// is an InvalidInput error naming the file and the missing table (or, with
// `other_sqlite_ignored`, as FileParser asks, a batch of format "ignored":
// a folder may hold any application's database); a damaged
// database is an error naming the file and SQLite's message.
// Every library row with facts goes into batch.dj_tracks: BPM = library.bpm,
// key = key_id (1..24), else the key text; cues = cues.type 1, 2, 6, 7 (hot,
// main, intro, outro), loops = type 4 (type 8 and others not counted).
// A play: start = pl_datetime_added (UTC, "YYYY-MM-DD HH:MM:SS" or ISO with
// "Z"); Mixxx does not record how long the deck played, so ms_played = the
// track's duration with ms_estimated set, end = start + ms_played (0 and
// end = start when the duration is unknown). Deck unknown. Paths
// (track_locations) are never read.
#pragma once

#include <string>
#include <string_view>

#include "core/dictionary.h"
#include "core/play.h"
#include "core/status.h"
#include "formats/dj_common.h"

namespace chorus::formats {

bool LooksLikeSqlite(std::string_view head);

Result<PlayBatch> ParseMixxxDb(std::string display, std::string_view bytes, Dictionary& dict,
                               DjNotes* notes = nullptr, bool other_sqlite_ignored = false);

}  // namespace chorus::formats
