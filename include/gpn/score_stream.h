// Streaming scores: answers are read in blocks and scored a batch of networks
// at a time, each batch written out as soon as it is done, so memory stays flat
// however many networks there are. It serves scores that need no statistics
// across networks (no ranks, no normalisation); each network's rows must be
// contiguous in the files.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "gpn/error.h"
#include "gpn/methodology.h"
#include "gpn/output_file.h"

namespace gpn {

enum class StreamFormat { Csv, Wide };

struct StreamStats {
  std::size_t units = 0, answers = 0, batches = 0;
};

// Bytes go to `out` in order (a false return stops the run with a write error).
// Warnings are handed to `on_warnings` batch by batch, so they are not held.
bool score_stream(const Methodology& m, const std::vector<std::string>& files, StreamFormat format, const ByteSink& out,
                  std::size_t batch_units, const std::function<void(const Warnings&)>& on_warnings, StreamStats* stats,
                  Error* err);

}  // namespace gpn
