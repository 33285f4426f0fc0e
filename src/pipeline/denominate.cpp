// Denomination: each indicator that names a denominator column is divided by
// it, unit by unit (a missing, non-numeric or zero denominator gives a missing
// value), so that networks of different sizes can be compared.
#include <fmt/format.h>

#include <limits>

#include "gpn/pipeline.h"
#include "text/text.h"

namespace gpn {

bool denominate(const Methodology& m, const IndicatorData& data, Eigen::MatrixXd& work, Error* err) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  const auto units = static_cast<Eigen::Index>(data.units.size());
  for (std::size_t j = 0; j < data.indicators.size(); ++j) {
    const Question& q = *m.nodes[data.indicators[j]].question;
    if (q.denominator.empty()) continue;
    const auto* col = data.column(q.denominator);
    if (!col) {
      *err = Error{data.file, 1, 0, fmt::format("indicator '{}' is denominated by '{}', which is not a column of the data",
                                                m.nodes[data.indicators[j]].id, q.denominator)};
      return false;
    }
    const Eigen::Index c = data.value_column(j);
    for (Eigen::Index u = 0; u < units; ++u) {
      const auto d = parse_number((*col)[static_cast<std::size_t>(u)]);
      work(u, c) = d && *d != 0 ? work(u, c) / *d : kNaN;
    }
  }
  return true;
}

}  // namespace gpn
