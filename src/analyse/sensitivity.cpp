#include "sys/two_cores.h"
#include "gpn/sensitivity.h"
#include "sys/memory.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>

#include "gpn/compare.h"

namespace gpn {

std::uint64_t Random::next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

double Random::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

double Random::normal() {
  double u1 = uniform();
  while (u1 <= 0) u1 = uniform();
  return std::sqrt(-2 * std::log(u1)) * std::cos(2 * 3.14159265358979323846 * uniform());
}

double Random::gamma(double shape) {
  if (shape < 1) return gamma(shape + 1) * std::pow(std::max(uniform(), 1e-300), 1 / shape);
  const double d = shape - 1.0 / 3, c = 1 / std::sqrt(9 * d);
  for (;;) {
    double x = 0, v = 0;
    do {
      x = normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const double u = uniform();
    if (u < 1 - 0.0331 * x * x * x * x || std::log(std::max(u, 1e-300)) < 0.5 * x * x + d * (1 - v + std::log(v))) return d * v;
  }
}

std::size_t Random::index(std::size_t n) { return std::min(n - 1, static_cast<std::size_t>(uniform() * static_cast<double>(n))); }

SobolResult sobol_indices(std::size_t n, std::size_t factors, Random& rng,
                          const std::function<std::vector<double>(std::size_t, Random&)>& draw,
                          const std::function<Evaluator()>& make_evaluator,
                          const std::function<void(std::size_t, std::size_t)>& progress) {
  std::vector<Sample> a(n, Sample(factors)), b(n, Sample(factors));
  for (std::size_t j = 0; j < n; ++j)
    for (std::size_t f = 0; f < factors; ++f) {
      a[j][f] = draw(f, rng);
      b[j][f] = draw(f, rng);
    }
  // Run r: A for r < n, B for r < 2n, then A with factor f from B (A_B^f) for each f.
  const std::size_t total = n * (factors + 2);
  auto sample_of = [&](std::size_t r) {
    if (r < n) return a[r];
    if (r < 2 * n) return b[r - n];
    const std::size_t f = r / n - 2, j = r % n;
    Sample ab = a[j];
    ab[f] = b[j][f];
    return ab;
  };
  Evaluator first_evaluator = make_evaluator();
  const Eigen::VectorXd first = first_evaluator(a[0]);
  const auto outputs = first.size();
  // Row-major: each run writes one contiguous row, so the workers do not share
  // cache lines (column-major, runs r and r + 1 were neighbours in every column).
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> y;
  resize_prefaulted(y, static_cast<Eigen::Index>(total), outputs);
  y.row(0) = first;
  // The runs are independent: each worker evaluates every k-th one with its own model copy.
  const std::size_t workers = two_cores::workers(4);
  std::atomic<std::size_t> done{1};
  auto work = [&](std::size_t w, Evaluator evaluate) {
    for (std::size_t r = 1 + w; r < total; r += workers) {
      y.row(static_cast<Eigen::Index>(r)) = evaluate(sample_of(r));
      const std::size_t d = ++done;
      if (w == 0 && progress && (d % 64 == 0)) progress(d, total);
    }
  };
  std::vector<Evaluator> evaluators;
  evaluators.push_back(std::move(first_evaluator));
  for (std::size_t w = 1; w < workers; ++w) evaluators.push_back(make_evaluator());
  two_cores::run_workers(workers, [&](std::size_t w) { work(w, std::move(evaluators[w])); });
  if (progress) progress(total, total);

  SobolResult r;
  const auto nn = static_cast<Eigen::Index>(n);
  r.outputs_a = y.topRows(nn);
  r.outputs_b = y.middleRows(nn, nn);
  // Variance of each output over both independent sets.
  const auto both = y.topRows(2 * nn);
  const Eigen::RowVectorXd mean = both.colwise().mean();
  const Eigen::RowVectorXd var = (both.rowwise() - mean).array().square().colwise().mean();
  r.variance = var;
  r.first_order.resize(static_cast<Eigen::Index>(factors), outputs);
  r.total_order.resize(static_cast<Eigen::Index>(factors), outputs);
  for (std::size_t f = 0; f < factors; ++f) {
    const auto yab = y.middleRows(static_cast<Eigen::Index>(2 + f) * nn, nn);
    const Eigen::RowVectorXd s1 = (r.outputs_b.array() * (yab - r.outputs_a).array()).colwise().sum();
    const Eigen::RowVectorXd st = (r.outputs_a - yab).array().square().colwise().sum();
    for (Eigen::Index o = 0; o < outputs; ++o) {
      const bool varies = var(o) > 1e-12;
      const double d = static_cast<double>(n);
      r.first_order(static_cast<Eigen::Index>(f), o) = varies ? s1(o) / d / var(o) : std::numeric_limits<double>::quiet_NaN();
      r.total_order(static_cast<Eigen::Index>(f), o) = varies ? st(o) / (2 * d) / var(o) : std::numeric_limits<double>::quiet_NaN();
    }
  }
  return r;
}

namespace {

// One base table per (imputation, normalisation) alternative; the weights and
// rules of each sample are applied to a working copy of the methodology.
struct Model {
  std::vector<ScoreTable> bases;  // [imputation * normalisations + normalisation]
  std::size_t normalisations = 1;
  std::vector<double> nominal_weights;  // per node
  std::vector<Combine> nominal_combine;
  std::vector<std::size_t> indicators;  // leaf nodes that can be dropped
};

bool alternative_combines(const Node& n) { return !n.is_question() && n.combine != Combine::Gate && n.combine != Combine::Sum; }

}  // namespace

bool run_sensitivity(const ScoreTable& table, const IndicatorData* data, const PipelineSettings* pipeline,
                     const SensitivitySettings& s, SensitivityResult* out, Error* err,
                     const std::function<void(std::size_t, std::size_t)>& progress) {
  const Methodology& m = table.methodology;
  if ((!s.normalisations.empty() || !s.imputations.empty()) && !data) {
    *err = Error{"", 0, 0, "normalisation and imputation alternatives apply to indicator data (--data)"};
    return false;
  }
  if (s.samples < 2) {
    *err = Error{"", 0, 0, "--samples: expected at least 2"};
    return false;
  }
  Model model;
  for (const auto& n : m.nodes) {
    model.nominal_weights.push_back(n.weight);
    model.nominal_combine.push_back(n.combine);
  }
  for (std::size_t q : m.question_nodes())
    if (m.nodes[q].question->scored()) model.indicators.push_back(q);

  std::vector<std::string> imputations = s.imputations, normalisations = s.normalisations;
  if (data) {
    if (imputations.empty()) imputations.push_back("");
    if (normalisations.empty()) normalisations.push_back("");
    for (const auto& imp : imputations)
      for (const auto& norm : normalisations) {
        PipelineSettings p = *pipeline;
        std::string why;
        PipelineSettings parsed;
        if (!imp.empty()) {
          if (!pipeline_step_valid("impute", imp, &why)) return *err = Error{"", 0, 0, "--imputation: " + why}, false;
          Error e;
          if (!pipeline_settings(m, imp, "", "", "", &parsed, &e)) return *err = e, false;
          p.impute = parsed.impute;
          p.impute_group = parsed.impute_group;
        }
        if (!norm.empty()) {
          if (!pipeline_step_valid("normalise", norm, &why)) return *err = Error{"", 0, 0, "--normalisation: " + why}, false;
          Error e;
          if (!pipeline_settings(m, "", "", norm, "", &parsed, &e)) return *err = e, false;
          p.normalise = parsed.normalise;
          p.lower = parsed.lower;
          p.upper = parsed.upper;
          p.cap = parsed.cap;
        }
        PipelineResult r;
        Warnings w;
        if (!run_pipeline(m, *data, p, &r, &w, err)) return false;
        model.bases.push_back(std::move(r.table));
      }
    model.normalisations = normalisations.size();
  } else {
    model.bases.push_back(table);
  }

  // The uncertain inputs, in a fixed order.
  enum Kind { Weights, Aggregation, Normalisation, Imputation, Drop };
  std::vector<Kind> kinds;
  SensitivityResult res;
  if (s.weight_range > 0 || s.dirichlet > 0) kinds.push_back(Weights), res.factors.push_back("weights");
  if (s.aggregations.size() > 1) kinds.push_back(Aggregation), res.factors.push_back("aggregation");
  if (normalisations.size() > 1) kinds.push_back(Normalisation), res.factors.push_back("normalisation");
  if (imputations.size() > 1) kinds.push_back(Imputation), res.factors.push_back("imputation");
  if (s.drop_one) kinds.push_back(Drop), res.factors.push_back("indicator dropped");
  if (kinds.empty()) {
    *err = Error{"", 0, 0, "nothing to vary: give --vary-weights, --dirichlet, two or more --aggregation, "
                           "--normalisation or --imputation, or --drop-one"};
    return false;
  }

  auto draw = [&](std::size_t f, Random& rng) -> std::vector<double> {
    switch (kinds[f]) {
      case Weights: {
        std::vector<double> w = model.nominal_weights;
        if (s.dirichlet > 0) {
          for (const auto& n : m.nodes) {
            if (n.children.size() < 2) continue;
            double total = 0;
            for (std::size_t c : n.children) total += model.nominal_weights[c];
            double sum = 0;
            for (std::size_t c : n.children) sum += w[c] = rng.gamma(s.dirichlet * model.nominal_weights[c] / total);
            for (std::size_t c : n.children) w[c] = sum > 0 ? w[c] / sum : 1;
          }
        } else {
          for (std::size_t i = 1; i < w.size(); ++i) w[i] *= 1 - s.weight_range + 2 * s.weight_range * rng.uniform();
        }
        return w;
      }
      case Aggregation: return {static_cast<double>(rng.index(s.aggregations.size()))};
      case Normalisation: return {static_cast<double>(rng.index(normalisations.size()))};
      case Imputation: return {static_cast<double>(rng.index(imputations.size()))};
      case Drop: return {static_cast<double>(rng.index(model.indicators.size() + 1))};
    }
    return {};
  };

  // One evaluation: apply a sample's weights and rules to a workspace (its own
  // copy of the methodology and score matrices) and re-aggregate.
  struct Workspace {
    Methodology working;
    Eigen::MatrixXd value, coverage;
    StateMatrix state;
  };
  auto evaluate_with = [&](Workspace& ws, const Sample& sample) -> Eigen::VectorXd {
    std::size_t norm = 0, imp = 0;
    std::optional<std::size_t> drop;
    std::optional<Combine> combine;
    const std::vector<double>* weights = nullptr;
    for (std::size_t f = 0; f < kinds.size(); ++f) {
      const double v = sample[f].empty() ? 0 : sample[f][0];
      switch (kinds[f]) {
        case Weights: weights = &sample[f]; break;
        case Aggregation: combine = s.aggregations[static_cast<std::size_t>(v)]; break;
        case Normalisation: norm = static_cast<std::size_t>(v); break;
        case Imputation: imp = static_cast<std::size_t>(v); break;
        case Drop:
          if (v > 0) drop = model.indicators[static_cast<std::size_t>(v) - 1];
          break;
      }
    }
    for (std::size_t i = 0; i < m.nodes.size(); ++i) {
      Node& n = ws.working.nodes[i];
      n.weight = weights ? (*weights)[i] : model.nominal_weights[i];
      n.combine = combine && alternative_combines(m.nodes[i]) ? *combine : model.nominal_combine[i];
    }
    if (drop) ws.working.nodes[*drop].weight = 0;
    const ScoreTable& base = model.bases[imp * model.normalisations + norm];
    ws.value = base.value;
    ws.coverage = base.coverage;
    ws.state = base.state;
    aggregate(ws.working, ws.value, ws.coverage, ws.state);
    // Outputs: every unit's score, then every unit's rank.
    const Eigen::Index units = ws.value.rows();
    Eigen::VectorXd y(2 * units);
    for (Eigen::Index u = 0; u < units; ++u)
      y(u) = static_cast<NodeState>(ws.state(u, 0)) == NodeState::Scored
                 ? base.scale_offset + ws.value(u, 0) * base.scale_factor
                 : std::numeric_limits<double>::quiet_NaN();
    y.tail(units) = competition_ranks(y.head(units), 1e-12).cast<double>();
    return y;
  };
  auto make_evaluator = [&]() -> Evaluator {
    auto ws = std::make_shared<Workspace>();
    ws->working = m;
    return [ws, &evaluate_with](const Sample& sample) { return evaluate_with(*ws, sample); };
  };

  Random rng(s.seed);
  SobolResult sobol = sobol_indices(s.samples, kinds.size(), rng, draw, make_evaluator, progress);

  // Rank and score statistics over the 2N independent samples.
  const auto units = static_cast<Eigen::Index>(table.units.size());
  res.runs = s.samples * (kinds.size() + 2);
  res.draws = 2 * s.samples;
  const ScoreTable& nominal = data ? model.bases.front() : table;
  res.nominal_score.resize(units);
  for (Eigen::Index u = 0; u < units; ++u) res.nominal_score(u) = nominal.score(static_cast<std::size_t>(u), 0).value_or(NAN);
  res.nominal_rank = competition_ranks(res.nominal_score);
  // Draw j of the 2N: A's rows, then B's (read in place, not copied together).
  const auto half = static_cast<Eigen::Index>(s.samples), draws = 2 * half;
  auto output = [&](Eigen::Index j, Eigen::Index col) {
    return j < half ? sobol.outputs_a(j, col) : sobol.outputs_b(j - half, col);
  };
  auto score_at = [&](Eigen::Index j, Eigen::Index u) { return output(j, u); };
  auto rank_at = [&](Eigen::Index j, Eigen::Index u) { return output(j, units + u); };
  std::size_t changed = 0;
  for (Eigen::Index j = 0; j < draws; ++j) {
    bool moved = false;
    for (Eigen::Index u = 0; u < units && !moved; ++u) moved = static_cast<int>(rank_at(j, u)) != res.nominal_rank(u);
    changed += moved;
  }
  res.changed_share = static_cast<double>(changed) / static_cast<double>(draws);
  res.median_rank.resize(units);
  res.rank_p05.resize(units);
  res.rank_p95.resize(units);
  res.mean_score.resize(units);
  res.rank_probability = Eigen::MatrixXd::Zero(units, units);
  for (Eigen::Index u = 0; u < units; ++u) {
    std::vector<double> r;
    double sum = 0;
    std::size_t n = 0;
    for (Eigen::Index j = 0; j < draws; ++j) {
      const double rank = rank_at(j, u), score = score_at(j, u);
      if (rank > 0) {
        r.push_back(rank);
        res.rank_probability(u, static_cast<Eigen::Index>(rank) - 1) += 1;
      }
      if (!std::isnan(score)) sum += score, ++n;
    }
    res.rank_probability.row(u) /= static_cast<double>(draws);
    std::sort(r.begin(), r.end());
    // Nearest-rank quantiles: the smallest value with at least q of the draws at or below it.
    auto quantile = [&](double q) -> double {
      if (r.empty()) return std::numeric_limits<double>::quiet_NaN();
      const std::size_t k = static_cast<std::size_t>(std::ceil(q * static_cast<double>(r.size())));
      return r[std::min(r.size() - 1, k == 0 ? 0 : k - 1)];
    };
    res.median_rank(u) = quantile(0.5);
    res.rank_p05(u) = quantile(0.05);
    res.rank_p95(u) = quantile(0.95);
    res.mean_score(u) = n ? sum / static_cast<double>(n) : NAN;
  }
  const Eigen::Index offset = s.target_score ? 0 : units;
  res.first_order = sobol.first_order.middleCols(offset, units);
  res.total_order = sobol.total_order.middleCols(offset, units);
  res.mean_first_order.resize(static_cast<Eigen::Index>(kinds.size()));
  res.mean_total_order.resize(static_cast<Eigen::Index>(kinds.size()));
  const Eigen::RowVectorXd var = sobol.variance.segment(offset, units);
  for (Eigen::Index f = 0; f < static_cast<Eigen::Index>(kinds.size()); ++f) {
    double s1 = 0, st = 0, v = 0;
    for (Eigen::Index u = 0; u < units; ++u)
      if (!std::isnan(res.first_order(f, u))) {
        s1 += var(u) * res.first_order(f, u);
        st += var(u) * res.total_order(f, u);
        v += var(u);
      }
    res.mean_first_order(f) = v > 0 ? s1 / v : NAN;
    res.mean_total_order(f) = v > 0 ? st / v : NAN;
  }
  *out = std::move(res);
  return true;
}

}  // namespace gpn
