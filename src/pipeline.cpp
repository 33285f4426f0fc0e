// Runs the numeric pipeline stage by stage and hands the normalised indicators
// to the same aggregation as questionnaires.
#include "gpn/pipeline.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <map>

#include "gpn/text.h"

namespace gpn {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool parse_step(const std::string& key, const std::string& value, PipelineSettings* s, std::string* why) {
  const auto colon = value.find(':');
  const std::string name = value.substr(0, colon);
  const std::string arg = colon == std::string::npos ? "" : value.substr(colon + 1);
  if (key == "denominate") {
    if (value == "none" || value == "false") s->denominate = false;
    else if (value == "denominators" || value == "true") s->denominate = true;
    else return *why = "expected none or denominators, found '" + value + "'", false;
    return true;
  }
  if (key == "impute") {
    if (value == "none") s->impute = PipelineSettings::Impute::None;
    else if (value == "mean") s->impute = PipelineSettings::Impute::Mean;
    else if (value == "median") s->impute = PipelineSettings::Impute::Median;
    else if (name == "groupmean" && !arg.empty()) {
      s->impute = PipelineSettings::Impute::GroupMean;
      s->impute_group = arg;
    } else return *why = "expected none, mean, median or groupmean:COLUMN, found '" + value + "'", false;
    return true;
  }
  if (key == "treat") {
    if (value == "none") s->treat = PipelineSettings::Treat::None;
    else if (value == "coinr") s->treat = PipelineSettings::Treat::Coinr;
    else return *why = "expected none or coinr, found '" + value + "'", false;
    return true;
  }
  if (key == "normalise") {
    using N = PipelineSettings::Normalise;
    if (name == "minmax") {
      s->normalise = N::MinMax;
      s->lower = 0;
      s->upper = 100;
      if (!arg.empty()) {
        const auto comma = arg.find(',');
        auto l = parse_number(arg.substr(0, comma));
        auto u = comma == std::string::npos ? std::nullopt : parse_number(arg.substr(comma + 1));
        if (!l || !u || !(*u > *l)) return *why = "expected minmax:L,U with L < U, found '" + value + "'", false;
        s->lower = *l;
        s->upper = *u;
      }
    } else if (value == "zscore") s->normalise = N::ZScore;
    else if (value == "rank") s->normalise = N::Rank;
    else if (value == "prank") s->normalise = N::PercentRank;
    else if (value == "goalposts") s->normalise = N::Goalposts;
    else if (value == "dist2targ" || value == "dist2targ:cap") {
      s->normalise = N::DistanceToTarget;
      s->cap = value == "dist2targ:cap";
    } else if (value == "dist2max") s->normalise = N::DistanceToMax;
    else return *why = "expected minmax:L,U, zscore, rank, prank, goalposts, dist2targ[:cap] or dist2max, found '" + value + "'", false;
    return true;
  }
  if (key == "aggregate") {
    if (value == "arithmetic") s->aggregate = Combine::Arithmetic;
    else if (value == "geometric") s->aggregate = Combine::Geometric;
    else if (value == "harmonic") s->aggregate = Combine::Harmonic;
    else if (name == "genmean" && parse_number(arg) && *parse_number(arg) != 0) {
      s->aggregate = Combine::Generalised;
      s->power = *parse_number(arg);
    } else return *why = "expected arithmetic, geometric, harmonic or genmean:P (P != 0), found '" + value + "'", false;
    return true;
  }
  return *why = "unknown pipeline step '" + key + "'", false;
}

}  // namespace

bool pipeline_step_valid(const std::string& key, const std::string& value, std::string* why) {
  PipelineSettings s;
  return parse_step(key, value, &s, why);
}

bool pipeline_settings(const Methodology& m, const std::string& impute, const std::string& treat,
                       const std::string& normalise, const std::string& aggregate, PipelineSettings* out, Error* err) {
  PipelineSettings s;
  std::string why;
  const auto& p = m.pipeline;
  for (auto [key, value] : {std::pair{"denominate", p.denominate}, std::pair{"impute", p.impute},
                            std::pair{"treat", p.treat}, std::pair{"normalise", p.normalise}})
    if (!parse_step(key, value, &s, &why)) return *err = Error{m.file, p.line, 0, "pipeline: " + why}, false;
  if (!p.aggregate.empty() && !parse_step("aggregate", p.aggregate, &s, &why))
    return *err = Error{m.file, p.line, 0, "pipeline: " + why}, false;
  for (auto [key, value] : {std::pair{"impute", impute}, std::pair{"treat", treat}, std::pair{"normalise", normalise},
                            std::pair{"aggregate", aggregate}})
    if (!value.empty() && !parse_step(key, value, &s, &why)) return *err = Error{"", 0, 0, std::string("--") + key + ": " + why}, false;
  *out = s;
  return true;
}

std::string describe(const PipelineSettings& s) {
  using N = PipelineSettings::Normalise;
  std::string n;
  switch (s.normalise) {
    case N::MinMax: n = fmt::format("minmax:{},{}", fmt_number(s.lower), fmt_number(s.upper)); break;
    case N::ZScore: n = "zscore"; break;
    case N::Rank: n = "rank"; break;
    case N::PercentRank: n = "prank"; break;
    case N::Goalposts: n = "goalposts"; break;
    case N::DistanceToTarget: n = s.cap ? "dist2targ:cap" : "dist2targ"; break;
    case N::DistanceToMax: n = "dist2max"; break;
  }
  const char* imputes[] = {"none", "mean", "median", "groupmean"};
  std::string a = s.aggregate ? to_string(*s.aggregate) : "as in the methodology";
  if (s.aggregate == Combine::Generalised) a = "genmean:" + fmt_number(s.power);
  return fmt::format("denominate {}; impute {}{}; treat {}; normalise {}; aggregate {}", s.denominate ? "yes" : "no",
                     imputes[static_cast<int>(s.impute)], s.impute == PipelineSettings::Impute::GroupMean ? ":" + s.impute_group : "",
                     s.treat == PipelineSettings::Treat::Coinr ? "coinr" : "none", n, a);
}

const Eigen::MatrixXd& PipelineResult::stage(Stage s) const {
  const Eigen::MatrixXd* stages[] = {&raw, &denominated, &imputed, &treated, &normalised};
  for (int i = static_cast<int>(s); i > 0; --i)
    if (stages[i]->size() > 0) return *stages[i];
  return raw;
}

bool run_pipeline(const Methodology& m_in, const IndicatorData& data, const PipelineSettings& s, PipelineResult* out,
                  Warnings* warnings, Error* err) {
  if (!m_in.numeric) {
    *err = Error{m_in.file, 0, 0, "this methodology scores questionnaires; --data needs a methodology whose leaves are indicators"};
    return false;
  }
  PipelineResult r;
  r.settings = s;
  r.indicators = data.indicators;
  const auto units = static_cast<Eigen::Index>(data.units.size());
  const auto k = static_cast<Eigen::Index>(data.indicators.size());
  r.raw = data.values;

  if (s.denominate) r.denominated = r.raw;
  if (s.denominate)
    for (Eigen::Index j = 0; j < k; ++j) {
      const Question& q = *m_in.nodes[data.indicators[static_cast<std::size_t>(j)]].question;
      if (q.denominator.empty()) continue;
      const auto* col = data.column(q.denominator);
      if (!col) {
        *err = Error{data.file, 1, 0, fmt::format("indicator '{}' is denominated by '{}', which is not a column of the data",
                                                  m_in.nodes[data.indicators[static_cast<std::size_t>(j)]].id, q.denominator)};
        return false;
      }
      for (Eigen::Index u = 0; u < units; ++u) {
        auto d = parse_number((*col)[static_cast<std::size_t>(u)]);
        r.denominated(u, j) = d && *d != 0 ? r.raw(u, j) / *d : kNaN;
      }
    }

  if (s.impute != PipelineSettings::Impute::None) {
    r.imputed = r.stage(PipelineResult::Stage::Denominated);
    const std::vector<std::string>* groups = nullptr;
    if (s.impute == PipelineSettings::Impute::GroupMean && !(groups = data.column(s.impute_group))) {
      *err = Error{data.file, 1, 0, fmt::format("--impute groupmean:{}: no such column in the data", s.impute_group)};
      return false;
    }
    for (Eigen::Index j = 0; j < k; ++j) {
      Eigen::VectorXd col = r.imputed.col(j);
      impute_column(col, s.impute, groups);
      r.imputed.col(j) = col;
    }
  }

  if (s.treat == PipelineSettings::Treat::Coinr) r.treated = r.stage(PipelineResult::Stage::Imputed);
  if (s.treat == PipelineSettings::Treat::Coinr)
    for (Eigen::Index j = 0; j < k; ++j) {
      Eigen::VectorXd col = r.treated.col(j);
      TreatmentDetail d = treat_coinr(col);
      d.indicator = data.indicators[static_cast<std::size_t>(j)];
      r.treated.col(j) = col;
      r.treatment.push_back(d);
    }

  r.normalised.resize(units, k);
  const Eigen::MatrixXd& treated = r.stage(PipelineResult::Stage::Treated);
  for (Eigen::Index j = 0; j < k; ++j) {
    const std::size_t node = data.indicators[static_cast<std::size_t>(j)];
    const Eigen::VectorXd col = treated.col(j);
    r.normalised.col(j) = normalise_column(col, *m_in.nodes[node].question, s);
    if ((r.normalised.col(j).array().isNaN() && !col.array().isNaN()).any())
      warnings->add(data.file, 0, fmt::format("indicator '{}': normalisation gives no number for some units (no spread, "
                                              "or no target)", m_in.nodes[node].id));
  }

  // Aggregation: the normalised indicators become the leaves of the score table.
  ScoreTable& t = r.table;
  t.methodology = m_in;
  if (s.aggregate)
    for (auto& n : t.methodology.nodes)
      if (!n.is_question() && n.combine != Combine::Gate && n.combine != Combine::Sum) {
        n.combine = *s.aggregate;
        n.power = s.power;
      }
  t.scale_offset = 0;
  t.scale_factor = 1;
  for (Eigen::Index u = 0; u < units; ++u) t.units.push_back(Unit{data.units[static_cast<std::size_t>(u)], data.periods[static_cast<std::size_t>(u)]});
  const auto nodes = static_cast<Eigen::Index>(m_in.nodes.size());
  t.value = Eigen::MatrixXd::Constant(units, nodes, kNaN);
  t.coverage = Eigen::MatrixXd::Constant(units, nodes, kNaN);
  t.state = decltype(t.state)::Constant(units, nodes, static_cast<std::uint8_t>(NodeState::Missing));
  for (Eigen::Index j = 0; j < k; ++j) {
    const auto col = static_cast<Eigen::Index>(data.indicators[static_cast<std::size_t>(j)]);
    for (Eigen::Index u = 0; u < units; ++u) {
      const double v = r.normalised(u, j);
      const bool present = !std::isnan(v);
      t.value(u, col) = v;
      t.coverage(u, col) = present ? 1 : 0;
      t.state(u, col) = static_cast<std::uint8_t>(present ? NodeState::Scored : NodeState::Missing);
    }
  }
  aggregate(&t);
  *out = std::move(r);
  return true;
}

}  // namespace gpn
