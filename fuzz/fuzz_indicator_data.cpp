// libFuzzer target: the indicator data reader and the numeric pipeline.
#include <cstdint>
#include <algorithm>
#include <cstring>
#include <string>

#include "gpn/indicator_data.h"
#include "read/indicator_data_pieces.h"
#include "gpn/pipeline.h"
#include "gpn/synth.h"

namespace {
const gpn::Methodology& methodology() {
  static const gpn::Methodology m = [] {
    gpn::Methodology x;
    gpn::Error err;
    if (!gpn::parse_methodology(gpn::synthetic_numeric_methodology(6), "synthetic.yaml", &x, &err)) __builtin_trap();
    return x;
  }();
  return m;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  gpn::IndicatorData d;
  gpn::Error err;
  const bool ok = gpn::parse_indicator_data(text, "fuzz.csv", methodology(), &d, &err);
  // Differential check: read in two halves (forced), the same table or the same error.
  gpn::IndicatorData halves;
  gpn::Error halves_err;
  const bool halves_ok = gpn::parse_indicator_data(text, "fuzz.csv", methodology(), &halves, &halves_err, 0);
  if (ok != halves_ok || err.str() != halves_err.str()) __builtin_trap();
  if (ok && (d.units != halves.units || d.names != halves.names || d.periods != halves.periods || d.lines != halves.lines ||
             d.extra != halves.extra || d.values.rows() != halves.values.rows() ||
             (d.values.size() > 0 && std::memcmp(d.values.data(), halves.values.data(), sizeof(double) * static_cast<std::size_t>(d.values.size())) != 0)))
    __builtin_trap();
  // Differential check: read in pieces (small ones, cutting lines everywhere),
  // when that way takes the text: the same table or the same error.
  gpn::PieceOptions o;
  o.buffer_bytes = size > 0 ? 1 + data[0] % 64 : 1;
  o.sample_bytes = size > 1 ? 8 + data[1] % 120 : 8;
  const gpn::ReadAt read_at = [&text](char* to, std::size_t bytes, std::size_t offset) {
    const std::size_t n = offset < text.size() ? std::min(bytes, text.size() - offset) : 0;
    std::memcpy(to, text.data() + offset, n);
    return n;
  };
  gpn::IndicatorData pieces;
  gpn::Error pieces_err;
  if (const auto taken = gpn::read_indicator_data_in_pieces(read_at, text.size(), "fuzz.csv", methodology(), &pieces, &pieces_err, o)) {
    if (*taken != ok || pieces_err.str() != err.str()) __builtin_trap();
    if (ok && (d.units != pieces.units || d.names != pieces.names || d.periods != pieces.periods || d.lines != pieces.lines ||
               d.extra != pieces.extra || d.values.rows() != pieces.values.rows() ||
               (d.values.size() > 0 && std::memcmp(d.values.data(), pieces.values.data(), sizeof(double) * static_cast<std::size_t>(d.values.size())) != 0)))
      __builtin_trap();
  }
  if (!ok) return 0;
  gpn::PipelineSettings s;
  s.impute = gpn::PipelineSettings::Impute::Mean;
  s.treat = gpn::PipelineSettings::Treat::Coinr;
  gpn::PipelineResult r;
  gpn::Warnings w;
  gpn::run_pipeline(methodology(), d, s, &r, &w, &err);
  return 0;
}
