#include "sys/memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <thread>

namespace gpn {

void prefault(void* p, std::size_t bytes, bool one_thread) {
  if (bytes < (std::size_t{1} << 20) || !p) return;
  static const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  const auto begin = (reinterpret_cast<std::uintptr_t>(p) + page - 1) / page * page;
  const auto end = (reinterpret_cast<std::uintptr_t>(p) + bytes) / page * page;
  if (end <= begin) return;
  void* start = reinterpret_cast<void*>(begin);
  const std::size_t length = end - begin;
#ifdef MADV_HUGEPAGE
  ::madvise(start, length, MADV_HUGEPAGE);
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  // Linux 5.14; glibc 2.36's headers may lack it
#endif
  // The kernel zeroes every fresh page, on the calling core; a large block is
  // mapped in from both ends at once, by this thread and a helper.
  constexpr std::size_t kSplitAbove = std::size_t{8} << 20;
  if (!one_thread && length >= kSplitAbove && std::thread::hardware_concurrency() > 1) {
    const std::size_t half = length / 2 / (std::size_t{2} << 20) * (std::size_t{2} << 20);  // at a 2 MiB boundary
    std::thread helper([&] { ::madvise(static_cast<char*>(start) + half, length - half, MADV_POPULATE_WRITE); });
    ::madvise(start, half, MADV_POPULATE_WRITE);
    helper.join();
    return;
  }
  ::madvise(start, length, MADV_POPULATE_WRITE);
}

void reserve_heap(std::size_t bytes) {
  if (bytes < (std::size_t{1} << 20)) return;
  void* p = std::malloc(bytes);
  prefault(p, bytes);
  std::free(p);
}

}  // namespace gpn
