// A table of numeric indicators, COINr's wide format: one row per unit, one
// column per indicator, plus id, name, period, group and denominator columns.
#pragma once
#include <Eigen/Dense>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpn/error.h"
#include "gpn/methodology.h"

namespace gpn {

// Where the values matrix keeps indicator j: in column j (Indicators), or in
// the column of its node in the methodology (Nodes: a matrix as wide as the
// score table, whose other columns are left unset), so that scoring can work
// in place without a second matrix.
enum class ValueLayout { Indicators, Nodes };

struct IndicatorData {
  std::string file;
  std::vector<std::string> units;    // unit codes (uCode / network / id / unit column)
  std::vector<std::string> names;    // uName / name column, or the codes
  std::vector<std::string> periods;  // Time / period / year column, or ""
  // The methodology's indicators, in its pre-order: node index and raw values
  // (units x indicators, NaN = missing: "NA" or an empty cell).
  std::vector<std::size_t> indicators;
  Eigen::MatrixXd values;
  ValueLayout layout = ValueLayout::Indicators;
  Eigen::Index value_column(std::size_t j) const {
    return static_cast<Eigen::Index>(layout == ValueLayout::Nodes ? indicators[j] : j);
  }
  // Every other column (groups, denominators, ...), as text, by header name.
  std::vector<std::string> extra_columns;
  std::vector<std::vector<std::string>> extra;  // [column][unit]
  std::vector<std::size_t> lines;               // line of each unit's row

  const std::vector<std::string>* column(const std::string& name) const;
};

// Reads a wide indicator table for a numeric methodology: every indicator
// must have a column of numbers (or NA / empty); a non-number is an error
// naming its line and column.
bool load_indicator_data(const std::string& path, const Methodology& m, IndicatorData* out, Error* err,
                         ValueLayout layout = ValueLayout::Indicators);
// The same for a table's text, `name` standing for its file in messages.
bool parse_indicator_data(std::string_view text, const std::string& name, const Methodology& m, IndicatorData* out,
                          Error* err, ValueLayout layout = ValueLayout::Indicators);

}  // namespace gpn
