// HelperThread: a second thread that takes one half of a piece of work.
//
// Contract: RunBoth(first, second) runs both and returns when both are
// done: `second` on the helper thread when it picks it up in time, else on
// the caller once `first` is done; the two must not write the same memory,
// and `second` must not throw (std::terminate). Constructed disabled (or on
// a single thread) both simply run on the caller, in order.
//
// Why one thread kept for a whole phase, spinning between tasks: on the
// 2-core VM, right after an import's parse, a thread started per task began
// on the caller's core, once the caller's half was done, in 9 of 13 merge
// passes timed (sched_getcpu and timestamps, a temporary probe), so halves
// of 1-2 ms hardly overlapped; the kept thread ran all 13 on the other core
// beside the caller's, starting within 0.02 ms. Taking back a task it has
// not begun means a late helper costs nothing.
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
