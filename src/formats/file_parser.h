// FileParser: detects what one input file is from its content and parses it
// with the matching format parser.
//
// Contract: Parse() returns a batch whose `format` names the detected format
// ("ignored" for content no parser recognises, "empty" for no records) and
// carries the delta of this FileParser's Dictionary, so the batches of one
// FileParser must reach one PlayLog in the order they were returned. Each
// format parser decides from content alone (keys, headers, magic bytes),
// never from the file name. One FileParser per thread.
#pragma once

#include <string>

#include "core/dictionary.h"
#include "core/play.h"
#include "core/status.h"
#include "formats/byte_buffer.h"
#include "formats/spotify_history.h"

namespace chorus::formats {

class FileParser {
 public:
  Result<PlayBatch> Parse(std::string display, const ByteBuffer& bytes);
  const StringPool& strings() const { return dictionary_.strings(); }

 private:
  Dictionary dictionary_;
  SpotifyHistoryParser spotify_;
};

}  // namespace chorus::formats
