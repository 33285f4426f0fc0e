// libFuzzer target: the answers CSV reader and scoring, against the bundled methodology.
#include <cstdint>
#include <string>

#include "gpn/answers.h"
#include "gpn/scores.h"

namespace {
const gpn::Methodology& methodology() {
  static const gpn::Methodology m = [] {
    gpn::Methodology x;
    gpn::Error err;
    if (!gpn::load_methodology(GPN_SOURCE_DIR "/methodology/igpn-gpn.yaml", &x, &err)) __builtin_trap();
    return x;
  }();
  return m;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  gpn::AnswerSet set;
  gpn::Error err;
  if (!gpn::parse_answers(text, "fuzz.csv", methodology(), &set, &err)) return 0;
  gpn::ScoreTable t;
  gpn::Warnings w;
  gpn::score(methodology(), std::move(set), &t, &w, &err);
  return 0;
}
