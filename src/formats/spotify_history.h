// Spotify listening-history parser: account data (StreamingHistory*.json, all
// generations) and extended streaming history (endsong/endvideo and
// Streaming_History_* in the v1, v2 and v3 key sets), detected from content.
//
// Contract: Parse() reads one file with simdjson On-Demand (a record array
// in chunks, with the result a whole-file parse gives) and returns a
// PlayBatch whose `format` names what the content is:
// "spotify-extended-v1|v2|v3", "spotify-account-music|podcast|audiobook",
// "empty" (no records), or "ignored" (JSON that is not a listening history,
// e.g. Wrapped2024.json). A record that cannot become a play is counted in
// batch.rejected with file, record index and field; a file that is not
// well-formed JSON or not UTF-8 is an error naming the file and record, and
// yields no plays at all. IP addresses, user names, user agents and
// conn_country are skipped unread: their bytes never leave the input buffer.
// String values without escapes are read where they stand in `bytes`; those
// with escapes are unescaped into the parser's own buffer, which Wipe()
// zeroes (so a parser kept between imports keeps no input text).
#pragma once

#include <cstddef>
#include <string>

#include "core/dictionary.h"
#include "core/play.h"
#include "core/status.h"
#include "formats/byte_buffer.h"

namespace chorus::formats {

// Owns simdjson parser state; reuse one per thread.
class SpotifyHistoryParser {
 public:
  // Record arrays are parsed in chunks of about this many bytes (see Parse).
  static constexpr size_t kChunkBytes = 256 << 10;
  explicit SpotifyHistoryParser(size_t chunk_bytes = kChunkBytes);
  ~SpotifyHistoryParser();
  SpotifyHistoryParser(const SpotifyHistoryParser&) = delete;
  SpotifyHistoryParser& operator=(const SpotifyHistoryParser&) = delete;

  // `bytes` must have ByteBuffer::kPadding readable bytes after size().
  // While a record array is parsed, two bytes per chunk of `bytes` are
  // overwritten; they hold their own values again when Parse returns.
  // Names go into `dict` (the plays' ItemRefs and local_item refer to it);
  // the caller ships the dictionary's delta with the batch.
  Result<PlayBatch> Parse(std::string display, ByteBuffer& bytes, Dictionary& dict);
  // Zeroes every byte of input text the parser still holds.
  void Wipe();
  // Bytes of JSON the parser is sized for (its buffers grow with files).
  size_t capacity() const;

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace chorus::formats
