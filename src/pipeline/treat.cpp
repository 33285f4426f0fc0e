// Outlier treatment as COINr does it by default: an indicator passes when
// |skewness| < 2 or kurtosis < 3.5; a failing one is winsorised a step at a
// time (every value tied at the extreme of the long tail set to the next value
// inward) while it fails and COINr's step count stays below 5; if it still
// fails, the original values are log-transformed instead.
#include <cmath>
#include <limits>

#include "gpn/pipeline.h"

namespace gpn {
namespace {

constexpr double kSkewLimit = 2, kKurtLimit = 3.5;
constexpr int kMaxWinsorised = 5;

std::vector<double> present(const Eigen::VectorXd& x) {
  std::vector<double> v;
  for (Eigen::Index i = 0; i < x.size(); ++i)
    if (!std::isnan(x(i))) v.push_back(x(i));
  return v;
}

double mean(const std::vector<double>& v) {
  double s = 0;
  for (double a : v) s += a;
  return s / static_cast<double>(v.size());
}

bool passes(const Eigen::VectorXd& x, double* skew, double* kurt) {
  *skew = sample_skewness(x);
  *kurt = sample_kurtosis(x);
  if (std::isnan(*skew) || std::isnan(*kurt)) return true;  // too few values to judge
  return std::fabs(*skew) < kSkewLimit || *kurt < kKurtLimit;
}

}  // namespace

double sample_skewness(const Eigen::VectorXd& x) {
  const auto v = present(x);
  const double n = static_cast<double>(v.size());
  if (v.size() < 3) return std::numeric_limits<double>::quiet_NaN();
  const double m = mean(v);
  double s2 = 0, s3 = 0;
  for (double a : v) {
    s2 += (a - m) * (a - m);
    s3 += (a - m) * (a - m) * (a - m);
  }
  const double g = std::sqrt(n) * s3 / std::pow(s2, 1.5);
  return g * std::sqrt(n * (n - 1)) / (n - 2);
}

double sample_kurtosis(const Eigen::VectorXd& x) {
  const auto v = present(x);
  const double n = static_cast<double>(v.size());
  if (v.size() < 4) return std::numeric_limits<double>::quiet_NaN();
  const double m = mean(v);
  double s2 = 0, s4 = 0;
  for (double a : v) {
    const double d2 = (a - m) * (a - m);
    s2 += d2;
    s4 += d2 * d2;
  }
  const double r = n * s4 / (s2 * s2);
  return ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3));
}

TreatmentDetail treat_coinr(Eigen::VectorXd& x) {
  TreatmentDetail d;
  d.pass_before = passes(x, &d.skew_before, &d.kurt_before);
  if (d.pass_before) return d;
  const Eigen::VectorXd original = x;
  // COINr counts the points changed in the latest high-side step plus the
  // latest low-side step, not the running total; the limit applies to that.
  std::size_t last_high = 0, last_low = 0;
  bool pass = false;
  double skew = d.skew_before, kurt = d.kurt_before;
  while (!pass && static_cast<int>(last_high + last_low) < kMaxWinsorised) {
    const bool high = skew >= 0;
    double extreme = high ? -HUGE_VAL : HUGE_VAL;
    for (Eigen::Index i = 0; i < x.size(); ++i)
      if (!std::isnan(x(i))) extreme = high ? std::max(extreme, x(i)) : std::min(extreme, x(i));
    double inward = high ? -HUGE_VAL : HUGE_VAL;
    std::size_t tied = 0;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      if (std::isnan(x(i))) continue;
      if (x(i) == extreme) ++tied;
      else inward = high ? std::max(inward, x(i)) : std::min(inward, x(i));
    }
    if (!std::isfinite(inward)) break;  // every value is the same
    for (Eigen::Index i = 0; i < x.size(); ++i)
      if (x(i) == extreme) x(i) = inward;
    (high ? last_high : last_low) = tied;
    pass = passes(x, &skew, &kurt);
  }
  d.winsorised = static_cast<int>(last_high + last_low);
  d.pass_after_winsorising = pass;
  d.skew_after = skew;
  d.kurt_after = kurt;
  if (!pass) {
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    for (Eigen::Index i = 0; i < original.size(); ++i)
      if (!std::isnan(original(i))) {
        lo = std::min(lo, original(i));
        hi = std::max(hi, original(i));
      }
    x = (original.array() - lo + 0.01 * (hi - lo)).log();
    d.log_transformed = true;
  }
  return d;
}

}  // namespace gpn
