// Column<T>: an append-only column stored in fixed-size chunks.
//
// Contract: push_back never moves existing elements, so a growing column
// costs no reallocation copies and at most one partly filled chunk of slack
// (a std::vector would briefly hold the old and new buffers, 2.5x the data,
// on every growth step). operator[] is two loads. Gather(order) keeps the
// elements at `order` in that order, building new chunks and releasing the
// old ones, so rewriting a column needs one column's worth of extra memory.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace chorus::history {

template <typename T>
class Column {
 public:
  static constexpr size_t kChunkBits = 16;
  static constexpr size_t kChunk = size_t{1} << kChunkBits;

  void push_back(T value) {
    if ((size_ & (kChunk - 1)) == 0) chunks_.emplace_back(new T[kChunk]);
    chunks_.back()[size_ & (kChunk - 1)] = value;
    ++size_;
  }
  // Grows the column by up to `n` elements, as many as its last chunk (or a
  // new one) holds, and returns where they are, for the caller to fill.
  // Columns of equal size grow by equal counts, so rows spread over several
  // columns can be filled in one pass.
  struct Span {
    T* data;
    size_t size;
  };
  Span Extend(size_t n) {
    if (n == 0) return {nullptr, 0};  // a chunk made for nothing would shift the next ones
    const size_t offset = size_ & (kChunk - 1);
    if (offset == 0) chunks_.emplace_back(new T[kChunk]);
    const size_t take = std::min(n, kChunk - offset);
    size_ += take;
    return {chunks_.back().get() + offset, take};
  }
  // Appends value_at(0) .. value_at(n - 1), a chunk at a time.
  template <typename F>
  void Append(size_t n, F value_at) {
    for (size_t i = 0; i < n;) {
      const Span span = Extend(n - i);
      for (size_t k = 0; k < span.size; ++k) span.data[k] = value_at(i + k);
      i += span.size;
    }
  }
  const T& operator[](size_t i) const { return chunks_[i >> kChunkBits][i & (kChunk - 1)]; }
  T& at(size_t i) { return chunks_[i >> kChunkBits][i & (kChunk - 1)]; }
  size_t size() const { return size_; }
  size_t capacity_bytes() const { return chunks_.size() * kChunk * sizeof(T); }

  bool is_sorted() const {
    for (size_t i = 1; i < size_; ++i) {
      if ((*this)[i] < (*this)[i - 1]) return false;
    }
    return true;
  }

  void Gather(const std::vector<uint32_t>& order) {
    Column<T> out;
    out.Append(order.size(), [&](size_t k) { return (*this)[order[k]]; });
    *this = std::move(out);
  }

 private:
  std::vector<std::unique_ptr<T[]>> chunks_;
  size_t size_ = 0;
};

}  // namespace chorus::history
