// Where the time of `gpn score --data` goes: the stages of the numeric
// benchmark timed one by one, twice in one process. The first pass pays for
// mapping fresh memory; the second reuses the first's freed memory, so the
// difference is the cost of first touches on this machine. Also probes that
// cost directly: 256 MiB touched page by page, and mapped in with one madvise.
// Usage: gpn_bench_stages METHODOLOGY DATA   (built with the gpn target set; see bench/run.sh)
#include <malloc.h>
#include <sys/mman.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "gpn/indicator_data.h"
#include "sys/memory.h"
#include "gpn/pipeline.h"
#include "gpn/writers.h"

using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

void probe_page_faults() {
  constexpr std::size_t kBytes = std::size_t{256} << 20;
  for (int populate = 0; populate < 2; ++populate) {
    const auto t = Clock::now();
    void* p = ::mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return;
    auto* bytes = static_cast<volatile char*>(p);
    if (populate) gpn::prefault(p, kBytes);
    for (std::size_t i = 0; i < kBytes; i += 4096) bytes[i] = 1;
    std::printf("| fresh memory, 256 MiB, %s | %.1f | - |\n", populate ? "mapped in by gpn::prefault" : "touched page by page",
                ms_since(t));
    ::munmap(p, kBytes);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: gpn_bench_stages METHODOLOGY DATA\n");
    return 2;
  }
  // As in gpn's main: freed blocks stay on the heap for reuse.
  mallopt(M_MMAP_THRESHOLD, 512 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  gpn::Methodology m;
  gpn::Error err;
  gpn::PipelineSettings settings;
  if (!gpn::load_methodology(argv[1], &m, &err) || !gpn::pipeline_settings(m, "", "", "", "", &settings, &err)) {
    std::fprintf(stderr, "%s\n", err.str().c_str());
    return 2;
  }
  std::printf("| stage | first pass ms | second pass ms |\n|---|---|---|\n");
  double times[2][5] = {};
  for (int pass = 0; pass < 2; ++pass) {
    auto t = Clock::now();
    gpn::IndicatorData data;
    gpn::ScoreTable table;
    gpn::Warnings warnings;
    // As gpn score --data reads it: a large file in pieces, read twice (check and count, then the rows).
    if (!gpn::load_indicator_data(argv[2], m, &data, &err, gpn::ValueLayout::Nodes)) break;
    times[pass][1] = ms_since(t), t = Clock::now();
    if (!gpn::score_indicator_data(m, std::move(data), settings, &table, &warnings, &err)) break;
    times[pass][2] = ms_since(t), t = Clock::now();
    // As `gpn score` formats it, piece by piece; the pieces are counted, not written.
    std::size_t bytes = 0;
    gpn::write_score_wide(table, [&](std::string_view piece) { return bytes += piece.size(), true; });
    times[pass][3] = ms_since(t);
    times[pass][4] = static_cast<double>(bytes);
  }
  if (!err.message.empty()) {
    std::fprintf(stderr, "%s\n", err.str().c_str());
    return 2;
  }
  const char* names[] = {"", "read the table (two readings in pieces)", "pipeline and aggregation", "format wide CSV"};
  for (int s = 1; s < 4; ++s) std::printf("| %s | %.1f | %.1f |\n", names[s], times[0][s], times[1][s]);
  probe_page_faults();
  return 0;
}
