// libFuzzer target: the weights loader and applying weights to a methodology.
#include <cstdint>
#include <string>

#include "gpn/methodology.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const gpn::Methodology base = [] {
    gpn::Methodology x;
    gpn::Error err;
    if (!gpn::load_methodology(GPN_SOURCE_DIR "/methodology/igpn-gpn.yaml", &x, &err)) __builtin_trap();
    return x;
  }();
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<gpn::WeightOverride> w;
  gpn::Error err;
  if (!gpn::parse_weights(text, "fuzz.yaml", &w, &err)) return 0;
  gpn::Methodology m = base;
  if (gpn::apply_weights(w, "fuzz.yaml", &m, &err)) m.effective_shares();
  return 0;
}
