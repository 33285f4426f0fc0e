// Large buffers are mapped in before their first use.
//
// Why: on virtual machines a page fault can be expensive. On the 2-core
// benchmark VM (docs/performance.md) touching fresh memory page by page costs
// about 19 us per 4 KiB page, 1.3 s for 280 MiB; one madvise(MADV_POPULATE_WRITE)
// maps the same memory in about a quarter of that, and MADV_HUGEPAGE lets the
// kernel use 2 MiB pages where it has them. Memory the allocator reuses is
// already mapped and costs next to nothing here. Errors (older kernels, other
// systems) are ignored: the pages then fault in as usual.
#pragma once
#include <cstddef>

namespace gpn {

// Maps in the whole pages inside [p, p + bytes); a no-op below 1 MiB. A large
// block is mapped in from both ends on two threads unless `one_thread`.
void prefault(void* p, std::size_t bytes, bool one_thread = false);

// Maps in `bytes` of heap for the many small blocks that follow (strings,
// vector and hash nodes): allocated, mapped in, freed. Pays off only where freed
// memory stays on the heap (gpn's main raises M_MMAP_THRESHOLD and
// M_TRIM_THRESHOLD); elsewhere the block is simply returned to the system.
void reserve_heap(std::size_t bytes);

// Set once at start-up by gpn's main. Large score matrices are allocated and
// freed many times (once per node, per Monte Carlo run); glibc serves blocks
// over 128 KiB with fresh mmap()s, each page faulting anew, so they are kept on
// the heap to be reused. And the many small blocks of loading a methodology
// (YAML nodes, strings) each touched a fresh 4 KiB page: 4 MiB of heap is
// mapped in at once (huge pages where the kernel has them).
void tune_heap_for_large_tables();

// Resizes an Eigen matrix and maps its storage in before anything is written.
template <class Matrix>
void resize_prefaulted(Matrix& m, long rows, long cols) {
  m.resize(rows, cols);
  prefault(m.data(), sizeof(*m.data()) * static_cast<std::size_t>(m.size()));
}

}  // namespace gpn
