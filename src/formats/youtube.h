// YouTube Music watch history from Google Takeout ("YouTube and YouTube
// Music" → history): watch-history.json and the default watch-history.html.
//
// Contract: both parsers return a PlayBatch whose `format` names what the
// content is: "youtube-watch-json" / "youtube-watch-html", "empty" (nothing
// to read), or "ignored" (content that is not a Takeout activity list: a JSON
// whose first element lacks one of "header", "title", "time"; HTML without an
// outer-cell headed "YouTube" or "YouTube Music"). Every array element or
// outer-cell is a record, and records == plays.size() + rejected:
//  - a play is an entry whose header is exactly "YouTube Music" that links
//    to a video (youtube.com/watch?v=, youtu.be/), or has no link but a
//    channel: Kind::kMusic, Source::kYouTubeMusic,
//    title without "Watched ", artist = channel without " - Topic" (other
//    channels are kept as the uploader's name), uri "youtube:VIDEOID";
//  - other entries (plain YouTube, ads, posts, searches, removed videos)
//    are rejected with no_item = true: expected, explained, not an error;
//  - a music entry with a missing or unreadable time, or a JSON field of the
//    wrong type, is an invalid rejection naming file, record and field.
// Takeout records when a watch STARTED and no duration: end_ms is that start
// and ms_played is 0 (durations are unknown). Malformed JSON, or HTML/JSON
// that is not UTF-8, fails the file with a Status naming it and yields no
// plays. `details`, `activityControls`, `products` and the HTML caption cell
// are never read; nothing identifying the account leaves the parser.
#pragma once

#include <string>
#include <string_view>

#include "core/dictionary.h"
#include "core/play.h"
#include "core/status.h"
#include "formats/byte_buffer.h"

namespace chorus::formats {

// `bytes` must have ByteBuffer::kPadding readable bytes after size(). Names
// go into `dict`; the caller ships the dictionary's delta with the batch.
Result<PlayBatch> ParseYouTubeJson(std::string display, const ByteBuffer& bytes, Dictionary& dict);

// Linear-time scan of Takeout's HTML (no regex, no HTML library): dates in
// day-month-year or month-day-year order with a "GMT+05:30" offset or a zone
// abbreviation from a fixed table (see youtube_html.cpp).
Result<PlayBatch> ParseYouTubeHtml(std::string display, std::string_view text, Dictionary& dict);

}  // namespace chorus::formats
