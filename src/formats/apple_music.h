// Apple Music parser: the CSV files of Apple's "Apple Media Services
// information" privacy export, detected from the CSV header (never the file
// name) and mapped by column name (the schemas move columns around).
//
// Contract: ParseAppleMusic() returns a PlayBatch (source kAppleMusic) whose
// `format` is
//   "apple-play-activity"   Apple Music Play Activity.csv, every generation
//                           (44, 118, 134 columns): one row per event;
//   "apple-daily-tracks"    Apple Music - Play History Daily Tracks.csv: one
//                           row per track and day, no per-play time;
//   "apple-recently-played" Apple Music - Recently Played Tracks.csv: one row
//                           per recently played track, totals over its plays;
//   "ignored"               any other text (records 0, no error).
// records counts the data rows (blank lines are not rows) and
// records == plays + rejected always holds. A row that is not a play by
// Apple's own design (another event type, no song, an ad, no listening time)
// is a rejection with no_item set (expected, not an error); a row that is
// damaged (bad timestamp or number, wrong column count) is a rejection naming
// file, 0-based data row and column. CSV that does not parse after a
// recognised header, or text that is not UTF-8, is an error naming the file
// and line, with no plays.
//
// end_ms is the instant the listening ended (UTC): Play Activity's Event End
// Timestamp, else Event Start Timestamp + Play Duration Milliseconds; Recently
// Played's Last Event End Timestamp; Daily Tracks' day and hour (see the .cpp).
// The artist is never invented: the newer Play Activity schemas have no
// artist column, so it is unknown unless Apple filled Container Artist Name
// (album or artist containers); AppleMusicNotes says so.
//
// Personal columns (Apple ID Number, Client IP Address, IP City/Region/
// Network/Latitude/Longitude, Device Identifier, Metrics Client ID, Client
// Device Name, Apple's user agents) are never copied: only the coarse device
// class is derived from Device Type or Build Version, in place.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/dictionary.h"
#include "core/play.h"
#include "core/status.h"

namespace chorus::formats {

// What a caller should tell the listener about a parsed Apple file.
struct AppleMusicNotes {
  size_t columns = 0;              // header width: 44, 118, 134, 13, 22, ...
  bool has_artist_column = false;  // Artist Name, Container Artist Name or Track Description
  uint64_t unknown_artist_plays = 0;
  std::string message;  // e.g. "… has no artist column: 17 plays have an unknown artist"
};

// Names go into `dict` (the plays' ItemRefs and local_item refer to it); the
// caller ships the dictionary's delta with the batch.
Result<PlayBatch> ParseAppleMusic(std::string display, std::string_view text, Dictionary& dict);
// The same, also filling `notes` (may be null).
Result<PlayBatch> ParseAppleMusic(std::string display, std::string_view text, Dictionary& dict,
                                  AppleMusicNotes* notes);

}  // namespace chorus::formats
