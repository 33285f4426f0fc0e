// The one place that decides whether work is split across threads, and how.
//
// gpn runs on small machines (the benchmark's has two cores). A second thread
// costs its start-up (tens of microseconds) and, on a virtual machine, memory
// that the other core has to map in; it pays only above a size of work, one
// per kind of work below. Every split here gives the same results as one
// thread: the work is cut into pieces whose size does not depend on the number
// of threads, and the pieces' results are combined in a fixed order.
#pragma once
#include <algorithm>
#include <cstddef>
#include <thread>
#include <utility>
#include <vector>

namespace gpn::two_cores {

// Sizes above which a kind of work is split in two (docs/performance.md has
// the measurements behind them).
inline constexpr std::size_t kCheckBytes = std::size_t{8} << 20;      // an input's NUL and UTF-8 check
inline constexpr std::size_t kMapInBytes = std::size_t{8} << 20;      // mapping fresh memory in (madvise)
inline constexpr std::size_t kNormaliseCells = std::size_t{1} << 20;  // indicator columns normalised
inline constexpr std::size_t kTableBytes = std::size_t{4} << 20;      // an indicator table's text read

// Whether this machine has a second core to run a helper thread on.
inline bool available() {
  static const bool two = std::thread::hardware_concurrency() > 1;
  return two;
}

// Whether `amount` of work is worth a second thread: over `above`, with a second core.
inline bool worth_splitting(std::size_t amount, std::size_t above) { return amount > above && available(); }

// Runs `second` on a helper thread and `first` on this one at the same time;
// both have finished when this returns (also when `first` throws).
template <class First, class Second>
void run_pair(First&& first, Second&& second) {
  struct Joined {
    std::thread thread;
    ~Joined() {
      if (thread.joinable()) thread.join();
    }
  } helper{std::thread(std::forward<Second>(second))};
  first();
}

// How many workers for many independent runs: one per core, at most `at_most`.
inline std::size_t workers(std::size_t at_most) {
  return std::max<std::size_t>(1, std::min<std::size_t>(at_most, std::thread::hardware_concurrency()));
}

// Runs work(w) for each worker w in [0, count): worker 0 on this thread, the
// others on threads of their own; all have finished when this returns.
template <class Work>
void run_workers(std::size_t count, Work&& work) {
  std::vector<std::thread> pool;
  pool.reserve(count);
  for (std::size_t w = 1; w < count; ++w) pool.emplace_back([&work, w] { work(w); });
  struct Joined {
    std::vector<std::thread>& pool;
    ~Joined() {
      for (auto& t : pool) t.join();
    }
  } joined{pool};
  work(0);
}

// A thread that runs alongside the caller's work until it is joined (or this
// is destroyed): for work that overlaps another rather than sharing it.
class Helper {
 public:
  Helper() = default;
  template <class Work>
  explicit Helper(Work&& work) : thread_(std::forward<Work>(work)) {}
  Helper(Helper&&) = default;
  Helper& operator=(Helper&& other) {
    join();
    thread_ = std::move(other.thread_);
    return *this;
  }
  ~Helper() { join(); }
  void join() {
    if (thread_.joinable()) thread_.join();
  }
  bool running() const { return thread_.joinable(); }

 private:
  std::thread thread_;
};

}  // namespace gpn::two_cores
