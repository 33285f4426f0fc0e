// Where children's scores become their parent's: the combination rules, the
// missing / not-applicable policies (zero, or drop and renormalise the
// siblings' weights) and minimum coverage. Each node is computed for all units
// at once over a (units x children) matrix X, an inclusion mask I and weights w;
// e.g. the arithmetic mean that drops missing children is ((X .* I) w) ./ (I w).
#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <vector>

#include "sys/two_cores.h"
#include "gpn/scores.h"
#include "score/aggregate_reference.h"

namespace gpn {
namespace {

using Eigen::ArrayXd;
using Eigen::ArrayXXd;
using Eigen::Index;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// One combination over the included cells; rows with nothing included get NaN.
// `maxima` are the children's maximum points (used by Sum), `cap` the node's.
using ArraysRef = Eigen::Ref<const ArrayXXd>;

// Results go to `out`, with `den` as work space: both are the caller's and keep
// their memory between calls (a sensitivity analysis aggregates 51 units tens of
// thousands of times, and allocating a dozen small arrays per node was a sixth
// of its time). Products are written straight into them (noalias): the same
// matrix-vector kernel as into a temporary, so the same numbers.
void combine(Combine how, const ArraysRef& x, const ArraysRef& inc, const ArrayXd& w, const ArrayXd& maxima,
             double cap, double power, ArrayXd& out, ArrayXd& den) {
  const Index units = x.rows();
  den.resize(units);
  den.matrix().noalias() = inc.matrix() * w.matrix();
  out.resize(units);
  switch (how) {
    case Combine::Arithmetic:
    case Combine::Gate:  // not reached: a gate's rest is never itself a gate
      out.matrix().noalias() = (x * inc).matrix() * w.matrix();
      out /= den;
      break;
    case Combine::Geometric:
    case Combine::Harmonic: {
      // A zero child makes both means zero; log(0) and 1/0 are kept out of the sums.
      const ArrayXXd zero = ((x <= 0) && (inc > 0)).cast<double>();
      const ArrayXXd safe = (inc > 0 && x > 0).select(x, 1.0);
      if (how == Combine::Geometric)
        out = (((safe.log() * inc).matrix() * w.matrix()).array() / den).exp();
      else
        out = den / (((safe.inverse() * inc).matrix() * w.matrix()).array());
      out = (zero.rowwise().sum() > 0).select(0.0, out);
      break;
    }
    case Combine::Generalised:
      // (sum(w x^p) / sum(w))^(1/p); for p < 0 a zero child makes it zero, as the harmonic mean.
      if (power < 0 && ((x <= 0) && (inc > 0)).any()) {
        const ArrayXd zero = ((x <= 0) && (inc > 0)).cast<double>().rowwise().sum();
        const ArrayXXd safe = (inc > 0 && x > 0).select(x, 1.0);
        out = ((((safe.pow(power) * inc).matrix() * w.matrix()).array() / den).pow(1.0 / power));
        out = (zero > 0).select(0.0, out);
      } else {
        out = ((((x.max(0.0).pow(power) * inc).matrix() * w.matrix()).array() / den).pow(1.0 / power));
      }
      break;
    case Combine::Minimum:
      out = (inc > 0).select(x, std::numeric_limits<double>::infinity()).rowwise().minCoeff();
      break;
    case Combine::Sum: {
      // Points summed and capped. Dropped children take their share of the cap
      // with them, so a network is not penalised for what did not apply.
      const ArrayXd pts = ((x * inc).matrix() * maxima.matrix()).array();
      const ArrayXd share = (inc.matrix() * maxima.matrix()).array() / maxima.sum();
      const ArrayXd capped = cap * share;
      out = pts.min(capped) / capped;
      break;
    }
  }
  out = (den > 0).select(out, kNaN);
}

// What aggregation needs to know of the tree, worked out once: which nodes
// have scored questions below, and their maximum points.
// Worked out into vectors that are reused: a sensitivity analysis aggregates
// tens of thousands of times, and allocating them each time showed in its profile.
struct TreeFacts {
  std::vector<char> scored;
  std::vector<double> max_points;
  std::vector<Index> coverage_column;  // as ScoreTable::coverage_column

  void work_out(const Methodology& m) {
    scored.assign(m.nodes.size(), 0);
    max_points.assign(m.nodes.size(), 0);
    coverage_columns(m, &coverage_column);
    for (std::size_t i = m.nodes.size(); i-- > 0;) {
      const Node& n = m.nodes[i];
      if (n.is_question()) {
        scored[i] = n.question->scored();
        max_points[i] = scored[i] ? n.question->max_points() : 0;
        continue;
      }
      for (std::size_t c : n.children) {
        scored[i] = scored[i] || scored[c];
        max_points[i] += max_points[c];
      }
      if (n.max_points) max_points[i] = *n.max_points;
    }
  }
};

using ValueRows = Eigen::Ref<Eigen::MatrixXd>;
using StateRows = Eigen::Ref<StateMatrix>;

// One child's column in a stretch, and what it adds for one unit: its value
// and whether it is included (counts in the mean), applicable, and its
// coverage; zeros where nothing counts (a dropped child adds zeros only).
struct ChildColumn {
  const std::uint8_t* state;
  const double* value;
  const double* coverage;  // null for a question (1 when scored, 0 when missing)
  bool dropped;            // a weight of 0 or less
};
struct ChildCell {
  double x, inc, app, cov;
};
// Written with selects, not branches, so that the loops over units below
// vectorise. NotApplicable counts as zero points, and as answered, where the
// node's policy says zero (na_value 1).
template <bool kHasCoverage>
inline ChildCell child_cell(const ChildColumn& c, Index u, double missing_counts, double na_value) {
  const bool scored = c.state[u] == static_cast<std::uint8_t>(NodeState::Scored);
  const bool missing = c.state[u] == static_cast<std::uint8_t>(NodeState::Missing);
  double cv;
  if constexpr (kHasCoverage) {
    const double given = c.coverage[u];
    cv = scored ? given : missing ? (std::isnan(given) ? 0.0 : given) : na_value;
  } else {
    cv = scored ? 1.0 : missing ? 0.0 : na_value;
  }
  return {scored ? c.value[u] : 0.0, scored ? 1.0 : missing ? missing_counts : na_value,
          scored || missing ? 1.0 : na_value, cv};
}
// Calls f(u, cell) for every unit of a child that is not dropped.
template <class F>
void for_each_cell(const ChildColumn& c, Index units, double missing_counts, double na_value, F f) {
  if (c.coverage) {
    for (Index u = 0; u < units; ++u) f(u, child_cell<true>(c, u, missing_counts, na_value));
  } else {
    for (Index u = 0; u < units; ++u) f(u, child_cell<false>(c, u, missing_counts, na_value));
  }
}

// Aggregates one stretch of rows (units): rows are independent of each other.
// `by_rows`: the weighted arithmetic mean (the default rule) is summed into
// four sums per unit, child by child, without the four work arrays; the array
// path is kept for every rule and the tests hold the two to the same bits.
void aggregate_rows(const Methodology& m, const TreeFacts& facts, ValueRows value_m, ValueRows coverage_m,
                    StateRows state_m, bool by_rows) {
  const Index units = value_m.rows();
  if (units == 0) return;  // the columns below are reached through their first cell
  const std::vector<char>& scored = facts.scored;
  const std::vector<double>& max_points = facts.max_points;
  // Reverse pre-order visits every child before its parent.
  for (std::size_t ni = m.nodes.size(); ni-- > 0;) {
    const Node& n = m.nodes[ni];
    if (n.is_question()) continue;
    const Index col = static_cast<Index>(ni);
    thread_local std::vector<std::size_t> kids;
    kids.clear();
    for (std::size_t c : n.children)
      if (scored[c]) kids.push_back(c);
    if (kids.empty()) {
      state_m.col(col).setConstant(static_cast<std::uint8_t>(NodeState::Unscored));
      continue;
    }
    const Index k = static_cast<Index>(kids.size());
    const bool by_points = n.combine == Combine::Sum || (n.combine == Combine::Gate && n.gate_rest == Combine::Sum);
    const double missing_counts = m.missing_at(ni) == AbsentPolicy::Zero ? 1 : 0;
    const double na_value = m.not_applicable_at(ni) == AbsentPolicy::Zero ? 1 : 0;

    thread_local ArrayXd w, maxima, cw, app_w, coverage, value, den;
    thread_local std::vector<ChildColumn> columns;
    w.resize(k);
    maxima.resize(k);
    columns.resize(static_cast<std::size_t>(k));
    Index gate = -1;
    for (Index j = 0; j < k; ++j) {
      const std::size_t c = kids[static_cast<std::size_t>(j)];
      maxima(j) = max_points[c];
      w(j) = by_points ? maxima(j) : m.nodes[c].weight;
      if (n.combine == Combine::Gate && m.nodes[c].id == n.gate_child) gate = j;
      const Index child_cover = facts.coverage_column[c];
      // Through plain pointers: the Ref accessors reload their strides on every cell.
      columns[static_cast<std::size_t>(j)] = {&state_m(0, static_cast<Index>(c)), &value_m(0, static_cast<Index>(c)),
                                              child_cover < 0 ? nullptr : &coverage_m(0, child_cover),
                                              m.nodes[c].weight <= 0};
    }
    // Coverage weighs the gate child like all the others together.
    cw = w;
    if (gate >= 0) cw(gate) = w.sum() - w(gate);

    const double min_cov = m.min_coverage_at(ni);
    std::uint8_t* node_state = &state_m(0, col);
    double* node_coverage = &coverage_m(0, facts.coverage_column[ni]);
    double* node_value = &value_m(0, col);
    auto settle = [&](Index u, double applicable, double cv, double v) {
      NodeState s = NodeState::Scored;
      if (!(applicable > 0)) {
        s = NodeState::NotApplicable;
        cv = kNaN;
      } else if (cv < min_cov - 1e-12 || std::isnan(v)) {
        s = NodeState::Missing;
      }
      node_state[u] = static_cast<std::uint8_t>(s);
      node_coverage[u] = cv;
      node_value[u] = s == NodeState::Scored ? v : kNaN;
    };

    if (by_rows && n.combine == Combine::Arithmetic && k < 128) {
      // The array path's sums, in its order: Eigen's matrix-vector product adds
      // the children's products one by one from 0 for each unit (for fewer than
      // 128 children; more are added in blocks), after the elementwise
      // products, as here. Child by child, into four sums per unit, so that the
      // loop over units vectorises; a dropped child's zeros change no sum.
      thread_local std::vector<double> sums;
      sums.assign(4 * static_cast<std::size_t>(units), 0.0);
      double* const applicable = sums.data();
      double* const covered = applicable + units;
      double* const included = covered + units;
      double* const total = included + units;
      for (Index j = 0; j < k; ++j) {
        const ChildColumn& c = columns[static_cast<std::size_t>(j)];
        if (c.dropped) continue;
        const double cw_j = cw(j), w_j = w(j);
        for_each_cell(c, units, missing_counts, na_value, [&](Index u, const ChildCell& cell) {
          applicable[u] += cell.app * cw_j;
          covered[u] += (cell.cov * cell.app) * cw_j;
          included[u] += cell.inc * w_j;
          total[u] += (cell.x * cell.inc) * w_j;
        });
      }
      for (Index u = 0; u < units; ++u)
        settle(u, applicable[u], covered[u] / applicable[u], included[u] > 0 ? total[u] / included[u] : kNaN);
      continue;
    }

    // The four (units x children) work arrays live in one buffer per thread that
    // only grows: aggregation runs once per node and, in a sensitivity analysis,
    // once per Monte Carlo run, and allocating them each time was a sixth of it.
    thread_local std::vector<double> scratch;
    const auto cells = static_cast<std::size_t>(units * k);
    if (scratch.size() < 4 * cells) scratch.resize(4 * cells);
    Eigen::Map<ArrayXXd> x(scratch.data(), units, k), inc(scratch.data() + cells, units, k),
        app(scratch.data() + 2 * cells, units, k), cov(scratch.data() + 3 * cells, units, k);
    for (Index j = 0; j < k; ++j) {
      // Every cell of the four columns is written here (zeros where nothing counts).
      double *xj = &x(0, j), *inc_j = &inc(0, j), *app_j = &app(0, j), *cov_j = &cov(0, j);
      const ChildColumn& c = columns[static_cast<std::size_t>(j)];
      if (c.dropped) {
        std::fill_n(xj, units, 0.0), std::fill_n(inc_j, units, 0.0), std::fill_n(app_j, units, 0.0), std::fill_n(cov_j, units, 0.0);
        continue;
      }
      for_each_cell(c, units, missing_counts, na_value, [&](Index u, const ChildCell& cell) {
        xj[u] = cell.x, inc_j[u] = cell.inc, app_j[u] = cell.app, cov_j[u] = cell.cov;
      });
    }
    app_w.resize(units);
    app_w.matrix().noalias() = app.matrix() * cw.matrix();
    coverage.resize(units);
    coverage.matrix().noalias() = (cov * app).matrix() * cw.matrix();
    coverage /= app_w;

    const double cap = max_points[ni];
    if (gate >= 0) {
      ArrayXXd rest_x(units, k - 1), rest_inc(units, k - 1);
      ArrayXd rest_w(k - 1), rest_max(k - 1);
      for (Index j = 0, r = 0; j < k; ++j) {
        if (j == gate) continue;
        rest_x.col(r) = x.col(j);
        rest_inc.col(r) = inc.col(j);
        rest_w(r) = w(j);
        rest_max(r) = maxima(j);
        ++r;
      }
      const double rest_cap = n.gate_rest == Combine::Sum ? rest_max.sum() : 1.0;
      combine(n.gate_rest, rest_x, rest_inc, rest_w, rest_max, rest_cap, n.power, value, den);
      value = (inc.col(gate) > 0).select(x.col(gate) * value, kNaN);
    } else {
      combine(n.combine, x, inc, w, maxima, cap, n.power, value, den);
    }

    for (Index u = 0; u < units; ++u) settle(u, app_w(u), coverage(u), value(u));
  }
}

// Rows are aggregated in stretches of a fixed size: each stretch's work
// arrays stay in the cache, and since the size does not depend on the number
// of threads, neither do the bytes of any result.
constexpr Index kRowsPerStretch = 2048;

void aggregate_stretches(const Methodology& m, Eigen::MatrixXd& value, Eigen::MatrixXd& coverage, StateMatrix& state,
                         bool two_threads, bool by_rows = true) {
  thread_local TreeFacts reused;
  reused.work_out(m);
  const TreeFacts& facts = reused;  // this thread's, also for the helper below
  const Index rows = value.rows();
  const Index stretches = (rows + kRowsPerStretch - 1) / kRowsPerStretch;
  std::atomic<Index> next{0};
  auto work = [&] {
    for (Index s; (s = next++) < stretches;) {
      const Index from = s * kRowsPerStretch, n = std::min(kRowsPerStretch, rows - from);
      aggregate_rows(m, facts, value.middleRows(from, n), coverage.middleRows(from, n), state.middleRows(from, n),
                     by_rows);
    }
  };
  if (two_threads && stretches > 1 && two_cores::available()) {
    two_cores::run_pair(work, work);
  } else {
    work();
  }
}

}  // namespace

// A score table is aggregated on two threads when it is large.
void aggregate(ScoreTable* t) { aggregate_stretches(t->methodology, t->value, t->coverage, t->state, true); }

// Sensitivity analysis calls this from its own worker threads: one thread here.
void aggregate(const Methodology& m, Eigen::MatrixXd& value, Eigen::MatrixXd& coverage, StateMatrix& state) {
  aggregate_stretches(m, value, coverage, state, false);
}

void aggregate_by_arrays(ScoreTable* t) {
  aggregate_stretches(t->methodology, t->value, t->coverage, t->state, false, false);
}

}  // namespace gpn
