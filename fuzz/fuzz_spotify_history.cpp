// libFuzzer target: the Spotify history parser (account and extended JSON).
// Any input must yield a batch or an error Status: no crash, no hang, and
// the accounting invariant records == plays + rejected must hold. The input
// is parsed twice, whole and cut into chunks at every record boundary the
// parser guesses (a wrong guess must be read again): both parses must agree
// on everything, and the input bytes must be left as they were.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "formats/spotify_history.h"

namespace {

bool SamePlays(const chorus::PlayBatch& a, const chorus::Dictionary& da, const chorus::PlayBatch& b,
               const chorus::Dictionary& db) {
  if (a.format != b.format || a.records != b.records || a.rejected != b.rejected ||
      a.rejected_no_item != b.rejected_no_item || a.plays.size() != b.plays.size() ||
      a.rejections.size() != b.rejections.size() || a.account_digests != b.account_digests)
    return false;
  for (size_t i = 0; i < a.rejections.size(); ++i) {
    if (a.rejections[i].record != b.rejections[i].record ||
        a.rejections[i].field != b.rejections[i].field)
      return false;
  }
  auto same_name = [&](chorus::StrId x, chorus::StrId y) {
    return da.strings().View(x) == db.strings().View(y);
  };
  for (size_t i = 0; i < a.plays.size(); ++i) {
    const chorus::Play& p = a.plays[i];
    const chorus::Play& q = b.plays[i];
    if (p.end_ms != q.end_ms || p.ms_played != q.ms_played || p.kind != q.kind ||
        !same_name(p.item.title, q.item.title) || !same_name(p.item.artist, q.item.artist) ||
        !same_name(p.item.album, q.item.album) || !same_name(p.item.uri, q.item.uri))
      return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static chorus::formats::SpotifyHistoryParser whole(SIZE_MAX);
  static chorus::formats::SpotifyHistoryParser chunked(1);
  chorus::formats::ByteBuffer buffer;
  buffer.Resize(size);
  if (size > 0) std::memcpy(buffer.data(), data, size);
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  chorus::Dictionary whole_names;
  auto batch = whole.Parse("fuzz.json", buffer, whole_names);
  if (batch.ok() && batch->records != batch->plays.size() + batch->rejected) std::abort();

  chorus::Dictionary chunked_names;
  auto in_chunks = chunked.Parse("fuzz.json", buffer, chunked_names);
  if (std::string_view(buffer.data(), buffer.size()) != input) std::abort();
  if (batch.ok() != in_chunks.ok()) std::abort();
  if (batch.ok() && !SamePlays(batch.value(), whole_names, in_chunks.value(), chunked_names))
    std::abort();
  return 0;
}
