// FileParser: detects what one input file is from its content and parses it
// with the matching format parser.
//
// Contract: Parse() returns a batch whose `format` names the detected format
// ("ignored" for content no parser recognises, "empty" for no records) and
// carries the delta of this FileParser's Dictionary, so the batches of one
// FileParser must reach one PlayLog in the order they were returned. Each
// format parser decides from content alone (keys, headers, magic bytes),
// never from the file name. One FileParser per thread. Reset() readies a
// FileParser for another import: a fresh Dictionary, the parser's buffers
// kept (their pages stay mapped) but wiped of every input byte.
#pragma once

#include <optional>
#include <string>

#include "core/dictionary.h"
#include "core/play.h"
#include "core/status.h"
#include "formats/byte_buffer.h"
#include "formats/spotify_history.h"

namespace chorus::formats {

class FileParser {
 public:
  FileParser() { dictionary_.emplace(); }
  Result<PlayBatch> Parse(std::string display, ByteBuffer& bytes);
  const StringPool& strings() const { return dictionary_->strings(); }
  void Reset();
  // Bytes of JSON the parser's buffers are sized for.
  size_t capacity() const { return spotify_.capacity(); }

 private:
  std::optional<Dictionary> dictionary_;  // optional: Reset() makes a new one in place
  SpotifyHistoryParser spotify_;
};

}  // namespace chorus::formats
