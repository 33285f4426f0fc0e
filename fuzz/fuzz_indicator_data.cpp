// libFuzzer target: the indicator data reader and the numeric pipeline.
#include <cstdint>
#include <cstring>
#include <string>

#include "gpn/indicator_data.h"
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
  if (!ok) return 0;
  gpn::PipelineSettings s;
  s.impute = gpn::PipelineSettings::Impute::Mean;
  s.treat = gpn::PipelineSettings::Treat::Coinr;
  gpn::PipelineResult r;
  gpn::Warnings w;
  gpn::run_pipeline(methodology(), d, s, &r, &w, &err);
  return 0;
}
