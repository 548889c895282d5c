#include "contribution/minhash.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace chorus::contribution {

namespace {

// Multiply-shift hash functions h_k(x) = hi32(a_k · x + b_k), a_k odd,
// drawn once from splitmix64 with a fixed seed: the same on every machine.
struct Coefficients {
  std::array<uint64_t, kMinHashSize> a{}, b{};
  Coefficients() {
    uint64_t state = 0x63686f7275732d31ull;  // "chorus-1"
    auto next = [&] {
      state += 0x9e3779b97f4a7c15ull;
      return Mix64(state);
    };
    for (size_t k = 0; k < kMinHashSize; ++k) {
      a[k] = next() | 1;
      b[k] = next();
    }
  }
};
const Coefficients kCoefficients;

}  // namespace

uint64_t HashBytes(std::string_view s, uint64_t seed) {
  uint64_t h = Mix64(seed ^ (s.size() * 0x9e3779b97f4a7c15ull));
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = Mix64(h ^ w) + 0x9e3779b97f4a7c15ull;
  }
  uint64_t tail = 0;
  for (size_t j = 0; i + j < s.size(); ++j)
    tail |= uint64_t{static_cast<uint8_t>(s[i + j])} << (8 * j);
  return Mix64(h ^ tail ^ 0xff51afd7ed558ccdull);
}

MinHasher::MinHasher() : sig_(EmptySignature()) {}

void MinHasher::Add(uint64_t shingle) {
  const uint64_t x = Mix64(shingle);
  for (size_t k = 0; k < kMinHashSize; ++k) {
    auto h = static_cast<uint32_t>((kCoefficients.a[k] * x + kCoefficients.b[k]) >> 32);
    // kEmptySlot stays reserved for "no shingle".
    h = h == kEmptySlot ? kEmptySlot - 1 : h;
    sig_[k] = std::min(sig_[k], h);
  }
}

Signature EmptySignature() {
  Signature s;
  s.fill(kEmptySlot);
  return s;
}

Signature SignatureOf(const history::PlayLog& log) {
  std::vector<uint64_t> track_key(log.items().size());
  for (size_t i = 0; i < track_key.size(); ++i) {
    const Item& it = log.items()[i];
    uint64_t title = HashBytes(log.strings().View(it.ref.title), 0x7469746c65ull);
    uint64_t artist = HashBytes(log.strings().View(it.ref.artist), 0x617274697374ull);
    track_key[i] = Mix64(title ^ Mix64(artist + static_cast<uint64_t>(it.kind)));
  }
  MinHasher hasher;
  const size_t n = log.size();
  for (size_t i = 0; i < n; ++i) {
    const int64_t end_a = log.end_ms(i);
    const uint64_t key_a = track_key[log.item_index(i)];
    for (size_t j = i + 1, partners = 0; j < n && partners < kShinglePartners; ++j, ++partners) {
      const int64_t delta = log.end_ms(j) - end_a;
      if (delta > kShingleWindowMs) break;
      uint64_t key_b = track_key[log.item_index(j)];
      uint64_t first = key_a, second = key_b;
      const auto seconds = static_cast<uint64_t>((delta + 500) / 1000);
      if (seconds == 0 && second < first) std::swap(first, second);
      hasher.Add(Mix64(first ^ Mix64(second + seconds * 0x9e3779b97f4a7c15ull)));
    }
  }
  return hasher.signature();
}

double EstimateJaccard(const Signature& a, const Signature& b) {
  size_t same = 0;
  for (size_t k = 0; k < kMinHashSize; ++k) same += (a[k] == b[k] && a[k] != kEmptySlot) ? 1 : 0;
  return static_cast<double>(same) / static_cast<double>(kMinHashSize);
}

Signature UnionOf(const Signature& a, const Signature& b) {
  Signature out;
  for (size_t k = 0; k < kMinHashSize; ++k) out[k] = std::min(a[k], b[k]);
  return out;
}

}  // namespace chorus::contribution
