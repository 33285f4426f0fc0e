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
  // Without branches, and in four independent lanes so that no step waits for
  // the one before: a missing value (NaN) loses every comparison, so std::min
  // and std::max keep their first operand. (Which of two equal values a lane
  // keeps can differ only for 0 and -0, which give the same results below.)
  double lo_lane[4] = {HUGE_VAL, HUGE_VAL, HUGE_VAL, HUGE_VAL}, hi_lane[4] = {-HUGE_VAL, -HUGE_VAL, -HUGE_VAL, -HUGE_VAL};
  std::size_t count = 0;
  Eigen::Index at = 0;
  for (; at + 4 <= n; at += 4)
    for (int k = 0; k < 4; ++k) {
      lo_lane[k] = std::min(lo_lane[k], x(at + k));
      hi_lane[k] = std::max(hi_lane[k], x(at + k));
      count += !std::isnan(raw[at + k]);
    }
  for (; at < n; ++at) {
    lo_lane[0] = std::min(lo_lane[0], x(at));
    hi_lane[0] = std::max(hi_lane[0], x(at));
    count += !std::isnan(raw[at]);
  }
  const double lo = std::min(std::min(lo_lane[0], lo_lane[1]), std::min(lo_lane[2], lo_lane[3]));
  const double hi = std::max(std::max(hi_lane[0], hi_lane[1]), std::max(hi_lane[2], hi_lane[3]));
  // Every cell is written once, after its raw value is read: out may be raw.
  bool written = false;
  auto each = [&](auto f) {
    for (Eigen::Index i = 0; i < n; ++i) out[i] = std::isnan(raw[i]) ? nan : f(x(i), i);
    written = true;
  };
  switch (s.normalise) {
    case N::MinMax:
      if (hi > lo) {
        // The formula's terms as locals (s and the bounds are not re-read per cell); a
        // missing value stays NaN through the arithmetic, and is made the one NaN after it.
        const double range = hi - lo, span = s.upper - s.lower, lower = s.lower;
        for (Eigen::Index i = 0; i < n; ++i) {
          const double v = (x(i) - lo) / range * span + lower;
          out[i] = std::isnan(v) ? nan : v;
        }
        written = true;
      }
      break;
    case N::ZScore: {
      double sum = 0;
      for (Eigen::Index i = 0; i < n; ++i)
        if (!std::isnan(raw[i])) sum += x(i);
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
