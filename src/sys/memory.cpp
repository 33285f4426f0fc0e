#include "sys/memory.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include "sys/two_cores.h"

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
  if (!one_thread && two_cores::worth_splitting(length + 1, two_cores::kMapInBytes)) {
    const std::size_t half = length / 2 / (std::size_t{2} << 20) * (std::size_t{2} << 20);  // at a 2 MiB boundary
    two_cores::run_pair([&] { ::madvise(start, half, MADV_POPULATE_WRITE); },
                        [&] { ::madvise(static_cast<char*>(start) + half, length - half, MADV_POPULATE_WRITE); });
    return;
  }
  ::madvise(start, length, MADV_POPULATE_WRITE);
}

void tune_heap_for_large_tables() {
  mallopt(M_MMAP_THRESHOLD, 512 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  reserve_heap(std::size_t{4} << 20);
}

void reserve_heap(std::size_t bytes) {
  if (bytes < (std::size_t{1} << 20)) return;
  void* p = std::malloc(bytes);
  prefault(p, bytes);
  std::free(p);
}

}  // namespace gpn
