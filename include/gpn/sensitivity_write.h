// Writers for sensitivity results: table, CSV, JSON, and the rank-interval chart.
#pragma once
#include <string>

#include "gpn/sensitivity.h"

namespace gpn {

std::string write_sensitivity_table(const ScoreTable& t, const SensitivitySettings& s, const SensitivityResult& r);
std::string write_sensitivity_csv(const ScoreTable& t, const SensitivityResult& r);
std::string write_sensitivity_json(const ScoreTable& t, const SensitivitySettings& s, const SensitivityResult& r);
// Per unit: the 5-95 % rank interval as a bar, the median as a dot, the nominal rank as a diamond.
std::string rank_interval_chart(const std::string& title, const std::vector<std::string>& labels, const SensitivityResult& r);
std::string describe(const SensitivitySettings& s);

}  // namespace gpn
