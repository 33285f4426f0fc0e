// JSON documents shared by several writers (private to the library, which
// links nlohmann-json privately).
#pragma once
#include <nlohmann/json.hpp>

#include "gpn/answers.h"
#include "gpn/compare.h"
#include "gpn/scores.h"

namespace gpn {

using json = nlohmann::ordered_json;

json score_json(const ScoreTable& t, const NetworkTable* networks);
json compare_json(const ScoreTable& t, const ComparisonSet& set);

}  // namespace gpn
