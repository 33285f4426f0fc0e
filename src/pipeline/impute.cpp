// Imputation of missing indicator values: the indicator's mean or median over
// the units that have it, or the mean within the unit's group.
#include <algorithm>
#include <cmath>
#include <map>

#include "gpn/pipeline.h"

namespace gpn {

namespace {
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}
}  // namespace

void impute_column(Eigen::VectorXd& x, PipelineSettings::Impute how, const std::vector<std::string>* groups) {
  using I = PipelineSettings::Impute;
  if (how == I::None) return;
  if (how == I::GroupMean) {
    std::map<std::string, std::pair<double, std::size_t>> sums;
    for (Eigen::Index u = 0; u < x.size(); ++u)
      if (!std::isnan(x(u))) {
        auto& [sum, n] = sums[(*groups)[static_cast<std::size_t>(u)]];
        sum += x(u);
        ++n;
      }
    for (Eigen::Index u = 0; u < x.size(); ++u)
      if (std::isnan(x(u)))
        if (auto it = sums.find((*groups)[static_cast<std::size_t>(u)]); it != sums.end())
          x(u) = it->second.first / static_cast<double>(it->second.second);
    return;
  }
  std::vector<double> present;
  for (Eigen::Index u = 0; u < x.size(); ++u)
    if (!std::isnan(x(u))) present.push_back(x(u));
  if (present.empty()) return;
  double fill = 0;
  if (how == I::Mean) {
    for (double v : present) fill += v;
    fill /= static_cast<double>(present.size());
  } else {
    fill = median(present);
  }
  for (Eigen::Index u = 0; u < x.size(); ++u)
    if (std::isnan(x(u))) x(u) = fill;
}

}  // namespace gpn
