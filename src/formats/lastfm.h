// Last.fm scrobble parsers: the CSV exports listeners make with third-party
// tools (lastfm.ghan.nl, with a header; benjaminbenben.com's header-less
// `artist,album,track,date`) and pages of the API's user.getRecentTracks JSON.
//
// Contract: each reads one whole file, decides from content alone (never the
// file name) and returns a PlayBatch whose `format` is "lastfm-csv",
// "lastfm-csv-headerless" or "lastfm-api-json", or "ignored" (records 0, no
// plays) for content that is not a Last.fm export. Every play is
// Source::kLastfm, Kind::kMusic. A scrobble records when the track STARTED,
// not how long it played: end_ms is that start and ms_played is 0 (the
// co-op's cross-platform merge compares starts, and a Spotify start is end -
// ms_played; a scrobble is already a counted listen, so the 30 s stream rule
// cannot apply to it). Names are title, artist and album; uri stays empty
// (MBIDs are not platform URIs, are missing on many rows and would split one
// track into two items). records == plays + rejected: a row that cannot
// become a play (missing or bad time, wrong field count or type, the API's
// "now playing" row, which is flagged no_item: expected, not invalid) is a
// rejection naming the file, the 0-based record and the field. CSV that is
// malformed once recognised, and JSON that is malformed at all, is an error
// naming the file and the line or record, and yields no plays. The API's
// `@attr.user` (the account name) is skipped unread: no user name is ever
// copied out of the input.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/dictionary.h"
#include "core/play.h"
#include "core/status.h"
#include "formats/byte_buffer.h"

namespace chorus::formats {

// Comma-separated text, optionally with a UTF-8 BOM, LF or CRLF line ends.
// Header mode maps columns by name (case-insensitive): artist|artist_name,
// track|track_name|title, album|album_name (optional), and a time: uts|
// timestamp (Unix seconds, preferred) or utc_time|date|time|datetime (text).
// Header-less mode: 4 fields `artist,album,track,date`, recognised when the
// first dated row of the first five has a date like "31 Jan 2021 13:45".
// Names go into `dict`; the caller ships its delta with the batch.
Result<PlayBatch> ParseLastfmCsv(std::string display, std::string_view text, Dictionary& dict);

// One user.getRecentTracks page `{"recenttracks": {"track": [...]}}` (`track`
// may be one object), an array of such pages, or a bare array of the page's
// track objects. `bytes` must have ByteBuffer::kPadding readable bytes after
// size(). One simdjson parser per thread is kept between calls.
Result<PlayBatch> ParseLastfmJson(std::string display, const ByteBuffer& bytes, Dictionary& dict);

// The text times Last.fm exports write, all UTC: "31 Jan 2021 13:45",
// "27 Feb 2025, 21:51" (optional ":SS", full month names too),
// "2021-01-31 13:45[:SS]" and "2021-01-31T13:45:00Z". Exposed for tests.
bool ParseLastfmTime(std::string_view s, int64_t* epoch_ms);

// Shared by lastfm.cpp (CSV) and lastfm_json.cpp; not an API.
namespace lastfm_internal {
inline constexpr int64_t kLastfmEndOfTime = 7258118400;  // date -u -d 2200-01-01 +%s
// Whole Unix seconds (a string of digits) before 2200, as epoch ms.
bool ParseUnixSeconds(std::string_view s, int64_t* epoch_ms);
// A value quoted for a message, cut to 32 bytes at a UTF-8 boundary.
std::string Quoted(std::string_view s);
void Reject(PlayBatch& batch, uint64_t record, std::string_view field, std::string reason,
            bool no_item = false);
// The one place a scrobble becomes a Play: end_ms = start, ms_played = 0.
void EmitScrobble(int64_t start_ms, std::string_view title, std::string_view artist,
                  std::string_view album, Dictionary& dict, PlayBatch& batch);
}  // namespace lastfm_internal

}  // namespace chorus::formats
