#include "formats/file_parser.h"

namespace chorus::formats {

Result<PlayBatch> FileParser::Parse(std::string display, const ByteBuffer& bytes) {
  auto batch = spotify_.Parse(std::move(display), bytes, dictionary_);
  // Names of a failed file stay in the dictionary and ship with the next.
  if (batch.ok()) dictionary_.ShipDelta(batch.value());
  return batch;
}

}  // namespace chorus::formats
