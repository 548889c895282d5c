#include "core/helper_thread.h"

namespace chorus {

HelperThread::HelperThread(bool enabled) {
  if (enabled && std::thread::hardware_concurrency() > 1) thread_ = std::thread([this] { Loop(); });
}

HelperThread::~HelperThread() {
  if (!thread_.joinable()) return;
  int posted = kPosted;  // a task left by a `first` that threw is dropped
  if (!state_.compare_exchange_strong(posted, kIdle)) {
    while (state_.load(std::memory_order_acquire) == kRunning) std::this_thread::yield();
  }
  stop_.store(true, std::memory_order_release);
  thread_.join();
}

void HelperThread::Post(void (*run)(void*), void* task) {
  run_ = run;
  task_ = task;
  state_.store(kPosted, std::memory_order_release);
}

void HelperThread::Finish() {
  int posted = kPosted;
  if (state_.compare_exchange_strong(posted, kIdle, std::memory_order_acq_rel)) {
    run_(task_);
    return;
  }
  while (state_.load(std::memory_order_acquire) != kDone) std::this_thread::yield();
  state_.store(kIdle, std::memory_order_relaxed);
}

void HelperThread::Loop() {
  while (!stop_.load(std::memory_order_acquire)) {
    int posted = kPosted;
    if (state_.compare_exchange_weak(posted, kRunning, std::memory_order_acq_rel)) {
      run_(task_);
      state_.store(kDone, std::memory_order_release);
    } else {
      std::this_thread::yield();
    }
  }
}

}  // namespace chorus
