// HelperThread: a second thread that takes one half of a piece of work.
//
// Contract: RunBoth(first, second) runs both and returns when both are
// done: `second` on the helper thread when it picks it up in time, else on
// the caller once `first` is done; the two must not write the same memory,
// and `second` must not throw (std::terminate). Constructed disabled (or on
// a single thread) both simply run on the caller, in order.
//
// Why a thread kept for a whole phase, spinning between tasks: a thread
// started per task was placed on the caller's core and waited there until
// the caller was done, on the 2-core VM after an import's parse (the
// scheduler still counted the other core as busy), so halves of 1-2 ms
// never overlapped. A spinning thread is moved to the idle core within a
// scheduler tick and stays there; taking back a task it has not started
// means a late helper costs nothing.
#pragma once

#include <atomic>
#include <thread>
#include <type_traits>

namespace chorus {

class HelperThread {
 public:
  explicit HelperThread(bool enabled);
  ~HelperThread();
  HelperThread(const HelperThread&) = delete;
  HelperThread& operator=(const HelperThread&) = delete;

  template <typename First, typename Second>
  void RunBoth(First&& first, Second&& second) {
    if (!thread_.joinable()) {
      first();
      second();
      return;
    }
    Post(
        +[](void* task) { (*static_cast<std::remove_reference_t<Second>*>(task))(); }, &second);
    first();
    Finish();
  }

 private:
  enum State { kIdle, kPosted, kRunning, kDone };
  void Post(void (*run)(void*), void* task);
  void Finish();  // runs the posted task here if the helper has not begun it; waits for it
  void Loop();

  std::atomic<int> state_{kIdle};
  std::atomic<bool> stop_{false};
  void (*run_)(void*) = nullptr;
  void* task_ = nullptr;
  std::thread thread_;
};

}  // namespace chorus
