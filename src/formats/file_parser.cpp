#include "formats/file_parser.h"

#include <string_view>

#include "formats/apple_music.h"
#include "formats/dj_common.h"
#include "formats/lastfm.h"
#include "formats/mixxx.h"
#include "formats/rekordbox.h"
#include "formats/serato.h"
#include "formats/traktor.h"
#include "formats/youtube.h"

namespace chorus::formats {

namespace {

// The first meaningful byte: after a UTF-8 BOM and whitespace.
char FirstByte(const ByteBuffer& bytes) {
  std::string_view text(bytes.data(), bytes.size());
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  size_t i = text.find_first_not_of(" \t\r\n");
  return i == std::string_view::npos ? '\0' : text[i];
}

bool Recognised(const Result<PlayBatch>& batch) {
  return !batch.ok() || batch.value().format != "ignored";
}

}  // namespace

Result<PlayBatch> FileParser::Parse(std::string display, ByteBuffer& bytes) {
  std::string_view text(bytes.data(), bytes.size());
  char first = FirstByte(bytes);
  Result<PlayBatch> batch = InvalidInput("unreachable");
  if (LooksLikeSqlite(text)) {
    batch = ParseMixxxDb(display, text, *dictionary_, nullptr, /*other_sqlite_ignored=*/true);
  } else if (LooksLikeSerato(text)) {
    batch = ParseSerato(display, text, *dictionary_);
  } else if (first == '[' || first == '{') {
    batch = spotify_.Parse(display, bytes, *dictionary_);
    if (!Recognised(batch)) batch = ParseLastfmJson(display, bytes, *dictionary_);
    if (!Recognised(batch)) batch = ParseYouTubeJson(display, bytes, *dictionary_);
  } else if (first == '<') {
    std::string_view root = XmlRootName(text);
    if (root == "NML") {
      batch = ParseTraktorNml(display, text, *dictionary_);
    } else if (root == "DJ_PLAYLISTS") {
      batch = ParseRekordboxXml(display, text, *dictionary_);
    } else {
      batch = ParseYouTubeHtml(display, text, *dictionary_);
    }
  } else {
    batch = ParseAppleMusic(display, text, *dictionary_);
    if (!Recognised(batch)) batch = ParseLastfmCsv(display, text, *dictionary_);
  }
  // Names of a failed file stay in the dictionary and ship with the next.
  if (batch.ok()) dictionary_->ShipDelta(batch.value());
  return batch;
}

void FileParser::Reset() {
  dictionary_.emplace();
  spotify_.Wipe();
}

}  // namespace chorus::formats
