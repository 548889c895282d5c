// Internal to the YouTube readers (youtube.cpp, youtube_html.cpp): one
// Takeout activity entry as either reader found it, and the rules, shared by
// both, that turn it into a play or an explained rejection.
//
// Contract: Emit() appends exactly one play or one rejection to the batch
// (so records == plays + rejected holds per entry). Views in an Entry are
// only read during the call.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/dictionary.h"
#include "core/play.h"

namespace chorus::formats::youtube_detail {

inline constexpr std::string_view kMusicHeader = "YouTube Music";

struct Entry {
  std::string_view header;   // "YouTube Music", "YouTube", ...
  std::string_view title;    // "Watched Song", the link text, or the URL when unknown
  std::string_view url;      // the title's link; empty when none
  std::string_view channel;  // the first channel's name
  std::string_view time;     // as written
  bool has_channel = false;
  bool has_time = false;
};

// What differs between the JSON and HTML readers.
struct Style {
  std::string_view link_field;    // field named when an entry names no video
  std::string_view time_example;  // shown when the time does not parse
  bool (*parse_time)(std::string_view, int64_t*);
};

// "youtube:VIDEOID" into `out` for a youtube.com/watch?v=… or youtu.be/…
// link; empty when the link names no video (ads, posts, searches).
void VideoUri(std::string_view url, std::string& out);

// The channel name with a trailing " - Topic" removed.
std::string_view ArtistOf(std::string_view channel);

// The title without "Watched "; empty when it is a URL or the removed-video text.
std::string_view TitleOf(std::string_view title);

// At most ~60 bytes of `s`, cut at a UTF-8 character boundary.
std::string_view Clip(std::string_view s);

// AddRejection, building the strings only while examples are still kept.
void Reject(PlayBatch& batch, uint64_t index, std::string_view field, std::string_view reason,
            bool no_item);

// A Takeout HTML date as UTC epoch ms: "8 Dec 2025, 19:47:35 GMT+05:30",
// "Jul 30, 2023, 10:27:03\u202fPM EDT" and the like (youtube_date.cpp).
bool ParseTakeoutDate(std::string_view s, int64_t* epoch_ms);

// Appends the play or rejection for entry `index`; `uri` is scratch space.
void Emit(const Entry& e, const Style& style, uint64_t index, Dictionary& dict, PlayBatch& batch,
          std::string& uri);

}  // namespace chorus::formats::youtube_detail
