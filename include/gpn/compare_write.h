// Writers for comparisons (gpn compare): table, tidy CSV, JSON.
#pragma once
#include <string>

#include "gpn/compare.h"

namespace gpn {

std::string write_compare_table(const ScoreTable& t, const ComparisonSet& set, const NetworkTable* networks);
std::string write_compare_csv(const ScoreTable& t, const ComparisonSet& set);
std::string write_compare_json(const ScoreTable& t, const ComparisonSet& set);

}  // namespace gpn
