// Normalisation brings indicators onto a common scale, after multiplying by
// the indicator's direction so that higher is always better (goalposts use the
// raw value and pick the side by direction). Formulas follow COINr.
#include <algorithm>
#include <cmath>
#include <vector>
#include <limits>

#include "gpn/pipeline.h"

namespace gpn {

std::size_t normalise_into(const double* raw, Eigen::Index n, const Question& q, const PipelineSettings& s, double* out) {
  using N = PipelineSettings::Normalise;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double direction = static_cast<double>(q.direction);
  auto x = [&](Eigen::Index i) { return raw[i] * direction; };
  double lo = HUGE_VAL, hi = -HUGE_VAL, sum = 0;
  std::size_t count = 0;
  for (Eigen::Index i = 0; i < n; ++i)
    if (!std::isnan(raw[i])) {
      lo = std::min(lo, x(i));
      hi = std::max(hi, x(i));
      sum += x(i);
      ++count;
    }
  // Every cell is written once, after its raw value is read: out may be raw.
  bool written = false;
  auto each = [&](auto f) {
    for (Eigen::Index i = 0; i < n; ++i) out[i] = std::isnan(raw[i]) ? nan : f(x(i), i);
    written = true;
  };
  switch (s.normalise) {
    case N::MinMax:
      if (hi > lo) each([&](double v, Eigen::Index) { return (v - lo) / (hi - lo) * (s.upper - s.lower) + s.lower; });
      break;
    case N::ZScore: {
      const double mean = sum / static_cast<double>(count);
      double ss = 0;
      for (Eigen::Index i = 0; i < n; ++i)
        if (!std::isnan(raw[i])) ss += (x(i) - mean) * (x(i) - mean);
      const double sd = count > 1 ? std::sqrt(ss / static_cast<double>(count - 1)) : 0;
      if (sd > 0) each([&](double v, Eigen::Index) { return (v - mean) / sd; });
      break;
    }
    case N::Rank:
    case N::PercentRank: {
      // R's rank(ties.method = "min"): 1 + how many are strictly lower, found by binary search.
      std::vector<double> sorted;
      sorted.reserve(count);
      for (Eigen::Index i = 0; i < n; ++i)
        if (!std::isnan(x(i))) sorted.push_back(x(i));
      std::sort(sorted.begin(), sorted.end());
      each([&](double v, Eigen::Index) {
        const auto below = static_cast<double>(std::lower_bound(sorted.begin(), sorted.end(), v) - sorted.begin());
        return s.normalise == N::Rank ? below + 1 : (count > 1 ? below / static_cast<double>(count - 1) : nan);
      });
      break;
    }
    case N::Goalposts:
      if (q.rule == NumberRule::Goalposts)
        each([&](double, Eigen::Index i) {
          const double v = raw[i];
          const double t = q.direction == 1 ? (v - q.goal_low) / (q.goal_high - q.goal_low)
                                            : (v - q.goal_high) / (q.goal_low - q.goal_high);
          return std::clamp(t, 0.0, 1.0) * q.goal_points;
        });
      break;
    case N::DistanceToTarget:
      if (q.target) {
        const double target = *q.target * q.direction;
        if (target != lo)
          each([&](double v, Eigen::Index) {
            const double y = (v - lo) / (target - lo);
            return s.cap ? std::min(y, 1.0) : y;
          });
      }
      break;
    case N::DistanceToMax:
      if (hi > lo) each([&](double v, Eigen::Index) { return 1 - (hi - v) / (hi - lo); });
      break;
  }
  if (!written) std::fill(out, out + n, nan);
  return count;
}

}  // namespace gpn
