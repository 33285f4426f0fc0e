#include "gpn/compare.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace gpn {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Periods in time order: numerically when both are numbers (2024 before 2025,
// and 9 before 10), otherwise as text.
bool period_before(const std::string& a, const std::string& b) {
  char* ea = nullptr;
  char* eb = nullptr;
  const double x = std::strtod(a.c_str(), &ea), y = std::strtod(b.c_str(), &eb);
  if (!a.empty() && !b.empty() && *ea == '\0' && *eb == '\0' && x != y) return x < y;
  return a < b;
}

Comparison compare_members(const ScoreTable& t, std::vector<std::size_t> members) {
  Comparison c;
  c.members = std::move(members);
  const auto n = static_cast<Eigen::Index>(c.members.size());
  const auto nodes = static_cast<Eigen::Index>(t.methodology.nodes.size());
  c.score = Eigen::MatrixXd::Constant(n, nodes, kNaN);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < nodes; ++j)
      if (auto s = t.score(c.members[static_cast<std::size_t>(i)], static_cast<std::size_t>(j))) c.score(i, j) = *s;
  c.rank = Eigen::MatrixXi::Zero(n, nodes);
  c.gap_to_leader = c.gap_to_median = c.percentile = Eigen::MatrixXd::Constant(n, nodes, kNaN);
  c.best = c.median = c.mean = Eigen::VectorXd::Constant(nodes, kNaN);
  c.scored = Eigen::VectorXi::Zero(nodes);
  for (Eigen::Index j = 0; j < nodes; ++j) {
    std::vector<double> present;
    for (Eigen::Index i = 0; i < n; ++i)
      if (!std::isnan(c.score(i, j))) present.push_back(c.score(i, j));
    c.scored(j) = static_cast<int>(present.size());
    if (present.empty()) continue;
    c.best(j) = *std::max_element(present.begin(), present.end());
    c.median(j) = median_of(present);
    double sum = 0;
    for (double v : present) sum += v;
    c.mean(j) = sum / static_cast<double>(present.size());
    c.rank.col(j) = competition_ranks(c.score.col(j));
    for (Eigen::Index i = 0; i < n; ++i) {
      const double s = c.score(i, j);
      if (std::isnan(s)) continue;
      c.gap_to_leader(i, j) = s - c.best(j);
      c.gap_to_median(i, j) = s - c.median(j);
      const auto below = std::count_if(present.begin(), present.end(), [s](double v) { return v < s - kTieTolerance; });
      c.percentile(i, j) = present.size() == 1 ? 100.0 : 100.0 * static_cast<double>(below) / static_cast<double>(present.size() - 1);
    }
  }
  return c;
}

}  // namespace

Eigen::VectorXi competition_ranks(const Eigen::VectorXd& values, double tolerance) {
  // 1 + how many are higher by more than the tolerance, by binary search in the sorted values.
  std::vector<double> sorted;
  sorted.reserve(static_cast<std::size_t>(values.size()));
  for (Eigen::Index i = 0; i < values.size(); ++i)
    if (!std::isnan(values(i))) sorted.push_back(values(i));
  std::sort(sorted.begin(), sorted.end());
  Eigen::VectorXi rank = Eigen::VectorXi::Zero(values.size());
  for (Eigen::Index i = 0; i < values.size(); ++i) {
    if (std::isnan(values(i))) continue;
    const auto higher = sorted.end() - std::upper_bound(sorted.begin(), sorted.end(), values(i) + tolerance);
    rank(i) = static_cast<int>(higher) + 1;
  }
  return rank;
}

double median_of(std::vector<double> v) {
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

bool compare(const ScoreTable& t, const NetworkTable* networks, const std::string& by, ComparisonSet* out,
             Error* err) {
  ComparisonSet set;
  set.by = by;
  std::optional<std::size_t> column;
  if (!by.empty()) {
    if (!networks) {
      *err = Error{"", 0, 0, fmt::format("--by {}: grouping needs a networks file (--networks FILE)", by)};
      return false;
    }
    for (std::size_t i = 0; i < networks->columns.size(); ++i)
      if (networks->columns[i] == by) column = i;
    if (!column || by == "id") {
      std::string names;
      for (const auto& c : networks->columns) names += (names.empty() ? "" : ", ") + c;
      *err = Error{networks->file, 1, 0, fmt::format("--by: expected a column of the networks file ({}), found '{}'", names, by)};
      return false;
    }
  }
  auto group_of = [&](const std::string& network) -> std::string {
    if (by.empty()) return "";
    const Network* n = networks->find(network);
    if (!n) return "(none)";
    if (by == "name") return n->name;
    for (const auto& [k, v] : n->attributes)
      if (k == by) return v.empty() ? "(none)" : v;
    return "(none)";
  };

  std::vector<std::string> periods;
  for (const auto& u : t.units)
    if (std::find(periods.begin(), periods.end(), u.period) == periods.end()) periods.push_back(u.period);
  std::sort(periods.begin(), periods.end(), period_before);

  for (const auto& p : periods) {
    std::map<std::string, std::vector<std::size_t>> groups;
    for (std::size_t u = 0; u < t.units.size(); ++u)
      if (t.units[u].period == p) groups[group_of(t.units[u].network)].push_back(u);
    for (auto& [g, members] : groups) {
      Comparison c = compare_members(t, std::move(members));
      c.period = p;
      c.group = g;
      set.comparisons.push_back(std::move(c));
    }
  }

  // Changes between consecutive periods in which a network has a score.
  std::map<std::string, std::vector<std::size_t>> by_network;
  for (std::size_t u = 0; u < t.units.size(); ++u) by_network[t.units[u].network].push_back(u);
  for (auto& [network, units] : by_network) {
    std::sort(units.begin(), units.end(),
              [&](std::size_t a, std::size_t b) { return period_before(t.units[a].period, t.units[b].period); });
    for (std::size_t node = 0; node < t.methodology.nodes.size(); ++node) {
      std::optional<std::size_t> prev;
      for (std::size_t u : units) {
        if (!t.score(u, node)) continue;
        if (prev)
          set.changes.push_back(Change{network, node, t.units[*prev].period, t.units[u].period, *t.score(*prev, node),
                                       *t.score(u, node)});
        prev = u;
      }
    }
  }
  *out = std::move(set);
  return true;
}

}  // namespace gpn
