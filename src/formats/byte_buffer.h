// ByteBuffer: a reusable byte buffer with zeroed padding past the end, as
// simdjson requires (SIMDJSON_PADDING readable bytes after the data).
//
// Contract: after Resize(n), data()[0..n) is writable and n + kPadding bytes
// are readable; capacity only grows, so one buffer per thread serves many
// files without reallocating. Wipe() zeroes every byte any Resize() exposed
// since the last Wipe(), so a buffer kept for later holds no input bytes.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>

namespace chorus::formats {

class ByteBuffer {
 public:
  static constexpr size_t kPadding = 64;

  void Resize(size_t n) {
    if (n + kPadding > capacity_) {
      capacity_ = n + kPadding + n / 8;
      data_.reset(new char[capacity_]);
      high_ = 0;  // the old block is gone, and with it what it held
    }
    size_ = n;
    high_ = std::max(high_, n);
    std::memset(data_.get() + n, 0, kPadding);
  }
  void Release() {
    data_.reset();
    size_ = capacity_ = high_ = 0;
  }
  void Wipe() {
    if (data_ != nullptr) std::memset(data_.get(), 0, high_);
    size_ = high_ = 0;
  }
  char* data() { return data_.get(); }
  const char* data() const { return data_.get(); }
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }

 private:
  std::unique_ptr<char[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
  size_t high_ = 0;  // bytes that may hold data since the last Wipe()
};

}  // namespace chorus::formats
