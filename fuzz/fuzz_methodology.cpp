// libFuzzer target: the methodology loader.
#include <cstdint>
#include <string>

#include "gpn/methodology.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  gpn::Methodology m;
  gpn::Error err;
  if (gpn::parse_methodology(text, "fuzz.yaml", &m, &err)) m.effective_shares();
  return 0;
}
