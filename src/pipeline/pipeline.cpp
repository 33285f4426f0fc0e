// Runs the numeric pipeline stage by stage and hands the normalised indicators
// to the same aggregation as questionnaires.
#include "sys/two_cores.h"
#include "gpn/pipeline.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <map>

#include "sys/memory.h"
#include "text/text.h"

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

namespace {

// The stages run on one working matrix, in place; a stage is copied out only
// when the caller keeps the stages (reports, audits). Scoring alone moves the
// data in and never holds more than the working matrix and the score table.
// `spent`, when given, is `data` itself, handed over by a caller that needs it
// no more: its labels move into the score table and its other text columns are
// freed before the table's own matrices are allocated, which then reuse that
// memory instead of mapping in fresh pages.
bool run_stages(const Methodology& m_in, const IndicatorData& data, Eigen::MatrixXd work, const PipelineSettings& s,
                PipelineResult* keep, ScoreTable* table, Warnings* warnings, Error* err, IndicatorData* spent = nullptr) {
  if (!m_in.numeric) {
    *err = Error{m_in.file, 0, 0, "this methodology scores questionnaires; --data needs a methodology whose leaves are indicators"};
    return false;
  }
  const auto units = static_cast<Eigen::Index>(data.units.size());
  const auto k = static_cast<Eigen::Index>(data.indicators.size());
  if (keep) {
    keep->settings = s;
    keep->indicators = data.indicators;
    keep->raw = work;
  }

  if (s.denominate) {
    if (!denominate(m_in, data, work, err)) return false;
    if (keep) keep->denominated = work;
  }

  if (s.impute != PipelineSettings::Impute::None) {
    const std::vector<std::string>* groups = nullptr;
    if (s.impute == PipelineSettings::Impute::GroupMean && !(groups = data.column(s.impute_group))) {
      *err = Error{data.file, 1, 0, fmt::format("--impute groupmean:{}: no such column in the data", s.impute_group)};
      return false;
    }
    for (Eigen::Index j = 0; j < k; ++j) {
      const Eigen::Index c = data.value_column(static_cast<std::size_t>(j));
      Eigen::VectorXd col = work.col(c);
      impute_column(col, s.impute, groups);
      work.col(c) = col;
    }
    if (keep) keep->imputed = work;
  }

  if (s.treat == PipelineSettings::Treat::Coinr) {
    for (Eigen::Index j = 0; j < k; ++j) {
      const Eigen::Index c = data.value_column(static_cast<std::size_t>(j));
      Eigen::VectorXd col = work.col(c);
      TreatmentDetail d = treat_coinr(col);
      d.indicator = data.indicators[static_cast<std::size_t>(j)];
      work.col(c) = col;
      if (keep) keep->treatment.push_back(d);
    }
    if (keep) keep->treated = work;
  }

  // The normalised indicators become the leaves of the score table.
  ScoreTable& t = *table;
  t.methodology = m_in;
  if (s.aggregate)
    for (auto& n : t.methodology.nodes)
      if (!n.is_question() && n.combine != Combine::Gate && n.combine != Combine::Sum) {
        n.combine = *s.aggregate;
        n.power = s.power;
      }
  t.scale_offset = 0;
  t.scale_factor = 1;
  t.units.clear();
  t.units.reserve(static_cast<std::size_t>(units));
  prefault(t.units.data(), sizeof(Unit) * static_cast<std::size_t>(units));
  if (spent) {
    for (Eigen::Index u = 0; u < units; ++u)
      t.units.push_back(Unit{std::move(spent->units[static_cast<std::size_t>(u)]), std::move(spent->periods[static_cast<std::size_t>(u)])});
    // Swapped with empty vectors: clear() would keep their memory.
    std::vector<std::string>().swap(spent->units);
    std::vector<std::string>().swap(spent->names);
    std::vector<std::string>().swap(spent->periods);
    std::vector<std::vector<std::string>>().swap(spent->extra);
    std::vector<std::size_t>().swap(spent->lines);
  } else {
    for (Eigen::Index u = 0; u < units; ++u) t.units.push_back(Unit{data.units[static_cast<std::size_t>(u)], data.periods[static_cast<std::size_t>(u)]});
  }
  const auto nodes = static_cast<Eigen::Index>(m_in.nodes.size());
  // Values read in the score table's layout become its value matrix and are
  // normalised in place; otherwise into a matrix of their own.
  const bool in_place = data.layout == ValueLayout::Nodes && work.rows() == units && work.cols() == nodes;
  if (in_place) t.value = std::move(work);
  else resize_prefaulted(t.value, units, nodes);
  shape_coverage(&t, units);
  resize_prefaulted(t.state, units, nodes);
  // Indicator columns are written whole below; every other column starts as
  // missing (aggregation then fills in the inner nodes).
  std::vector<char> written(static_cast<std::size_t>(nodes), 0);
  for (std::size_t node : data.indicators) written[node] = 1;
  for (Eigen::Index c = 0; c < nodes; ++c)
    if (!written[static_cast<std::size_t>(c)]) {
      t.value.col(c).setConstant(kNaN);
      t.state.col(c).setConstant(static_cast<std::uint8_t>(NodeState::Missing));
    }
  if (keep) resize_prefaulted(keep->normalised, units, k);
  std::vector<char> lost(static_cast<std::size_t>(k), 0);
  auto normalise_columns = [&](Eigen::Index from, Eigen::Index to) {
    for (Eigen::Index j = from; j < to; ++j) {
      const std::size_t node = data.indicators[static_cast<std::size_t>(j)];
      const auto c = static_cast<Eigen::Index>(node);
      double* value = t.value.col(c).data();
      const double* raw = in_place ? value : work.col(data.value_column(static_cast<std::size_t>(j))).data();
      std::uint8_t* state = t.state.col(c).data();
      const std::size_t given = normalise_into(raw, units, *m_in.nodes[node].question, s, value);
      std::size_t scored = 0;
      for (Eigen::Index u = 0; u < units; ++u) {
        const bool present = !std::isnan(value[u]);
        scored += present;
        state[u] = static_cast<std::uint8_t>(present ? NodeState::Scored : NodeState::Missing);
      }
      // A value given but not normalised (a normalised value needs a raw one).
      lost[static_cast<std::size_t>(j)] = scored < given;
      if (keep) keep->normalised.col(j) = t.value.col(c);
    }
  };
  // Columns are independent: a large table is normalised in two halves at once.
  if (k > 1 && two_cores::worth_splitting(static_cast<std::size_t>(units * k) + 1, two_cores::kNormaliseCells)) {
    two_cores::run_pair([&] { normalise_columns(0, k / 2); }, [&] { normalise_columns(k / 2, k); });
  } else {
    normalise_columns(0, k);
  }
  for (Eigen::Index j = 0; j < k; ++j)
    if (lost[static_cast<std::size_t>(j)])
      warnings->add(data.file, 0, fmt::format("indicator '{}': normalisation gives no number for some units (no spread, "
                                              "or no target)", m_in.nodes[data.indicators[static_cast<std::size_t>(j)]].id));
  work.resize(0, 0);  // its memory serves the aggregation's work arrays
  aggregate(&t);
  return true;
}

}  // namespace

bool run_pipeline(const Methodology& m, const IndicatorData& data, const PipelineSettings& s, PipelineResult* out,
                  Warnings* warnings, Error* err) {
  // The stages kept are units x indicators.
  if (data.layout != ValueLayout::Indicators) {
    *err = Error{data.file, 0, 0, "internal error: the pipeline's stages need indicator data read in indicator columns"};
    return false;
  }
  PipelineResult r;
  if (!run_stages(m, data, data.values, s, &r, &r.table, warnings, err)) return false;
  *out = std::move(r);
  return true;
}

bool score_indicator_data(const Methodology& m, IndicatorData&& data, const PipelineSettings& s, ScoreTable* out,
                          Warnings* warnings, Error* err) {
  Eigen::MatrixXd work = std::move(data.values);
  return run_stages(m, data, std::move(work), s, nullptr, out, warnings, err, &data);
}

}  // namespace gpn
