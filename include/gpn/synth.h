// Deterministic synthetic inputs at any scale, for benchmarks and stress
// tests: answers for any methodology (every answer type, some missing and not
// applicable), a questionnaire methodology of any size, and numeric indicator
// tables with a matching three-level methodology.
#pragma once
#include <cstdint>
#include <string>

#include "gpn/error.h"
#include "gpn/methodology.h"
#include "gpn/output_file.h"

namespace gpn {

struct SynthSettings {
  std::size_t networks = 100;
  std::size_t periods = 1;
  std::uint64_t seed = 1;
  double missing = 0.03;          // share of questions left unanswered
  double not_applicable = 0.05;   // share answered n/a where allowed
};

// Writes long answers (network,period,question,answer,comment), one network
// after another, straight to `out` so any number of networks fits in memory.
bool write_synthetic_answers(const Methodology& m, const SynthSettings& s, const ByteSink& out, Error* err);
// A methodology with `questions` questions in 10 dimensions of 4 indicators,
// cycling through every answer type.
std::string synthetic_methodology(std::size_t questions);

// A numeric methodology: `indicators` indicators in pillars of 5, pillars in
// sub-indices of 5, sub-indices under one index (three aggregation levels).
std::string synthetic_numeric_methodology(std::size_t indicators);
// COINr-style wide data: uCode, uName, group, then one column per indicator;
// about 2 % missing (NA).
bool write_synthetic_indicators(std::size_t units, std::size_t indicators, std::uint64_t seed, const ByteSink& out, Error* err);

}  // namespace gpn
