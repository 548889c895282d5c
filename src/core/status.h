// Status and Result<T>: errors as values at subsystem boundaries.
//
// Contract: a Status is either ok or carries a Code and a message a person can
// act on (naming the file, record and field where there is one). Result<T>
// holds either a T or a non-ok Status; value() on an error is a programming
// error (asserted). Nothing here throws.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace chorus {

enum class Code {
  kOk = 0,
  kInvalidInput,   // the user's data or arguments are wrong: exit code 2
  kNotFound,       // a named file or thing does not exist: exit code 2
  kLimitExceeded,  // input exceeds a safety limit (ZIP bomb, size): exit code 2
  kIoError,        // the machine failed us: exit code 1
  kInternal,       // a bug: exit code 1
};

class Status {
 public:
  Status() = default;
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // True for errors caused by the input rather than by the machine.
  bool IsBadInput() const {
    return code_ == Code::kInvalidInput || code_ == Code::kNotFound ||
           code_ == Code::kLimitExceeded;
  }

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

inline Status InvalidInput(std::string m) { return {Code::kInvalidInput, std::move(m)}; }
inline Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
inline Status LimitExceeded(std::string m) { return {Code::kLimitExceeded, std::move(m)}; }
inline Status IoError(std::string m) { return {Code::kIoError, std::move(m)}; }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(data_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(data_);
  }
  T& value() & {
    assert(ok());
    return std::get<T>(data_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<T>(data_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(data_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace chorus

#define CHORUS_RETURN_IF_ERROR(expr) \
  do {                               \
    ::chorus::Status _st = (expr);   \
    if (!_st.ok()) return _st;       \
  } while (0)
