#include "cli/cli_support.h"
#include "gpn/pipeline.h"

namespace gpn::cli {

void ScoringInputs::add_options(CLI::App* cmd) {
  cmd->add_option("-m,--methodology", methodology, "Methodology file (YAML)")->required();
  auto* ans = cmd->add_option("ANSWERS", answers, "Answer files (CSV, long or wide)");
  auto* dat = cmd->add_option("--data", data, "Indicator data (CSV, COINr wide format) for a numeric methodology");
  ans->excludes(dat);
  cmd->add_option("--weights", weights, "Weights file (YAML: node id -> weight) overriding the methodology's");
  cmd->add_option("--networks", networks, "Networks file (CSV: id,name,country,region,type,...)");
  cmd->add_option("--impute", impute, "With --data: none|mean|median|groupmean:COLUMN");
  cmd->add_option("--treat", treat, "With --data: none|coinr (outlier treatment)");
  cmd->add_option("--normalise", normalise, "With --data: minmax:L,U|zscore|rank|prank|goalposts|dist2targ|dist2max");
  cmd->add_option("--aggregate", aggregate, "With --data: arithmetic|geometric|harmonic|genmean:P");
}

std::vector<std::string> ScoringInputs::paths() const {
  std::vector<std::string> all = answers;
  all.push_back(methodology);
  for (const auto* p : {&weights, &networks, &data})
    if (!p->empty()) all.push_back(*p);
  return all;
}

bool ScoringInputs::run(ScoreTable* table, NetworkTable* networks_out) const {
  Methodology m;
  Error err;
  if (!load_methodology_with_weights(methodology, weights, &m, &err)) return report(err), false;
  if (!networks.empty() && !load_networks(networks, networks_out, &err)) return report(err), false;
  Warnings warnings;
  if (!data.empty()) {
    PipelineSettings settings;
    IndicatorData indicators;
    if (!pipeline_settings(m, impute, treat, normalise, aggregate, &settings, &err) ||
        !load_indicator_data(data, m, &indicators, &err, ValueLayout::Nodes) ||
        !score_indicator_data(m, std::move(indicators), settings, table, &warnings, &err))
      return report(err), false;
  } else {
    if (answers.empty()) return report(Error{"", 0, 0, "expected answer files (ANSWERS...) or --data FILE"}), false;
    if (!impute.empty() || !treat.empty() || !normalise.empty() || !aggregate.empty())
      return report(Error{"", 0, 0, "--impute, --treat, --normalise and --aggregate apply to indicator data (--data)"}), false;
    AnswerSet set;
    for (const auto& path : answers)
      if (!load_answers(path, m, &set, &err)) return report(err), false;
    if (!score(m, std::move(set), table, &warnings, &err)) return report(err), false;
  }
  if (!networks.empty())
    for (const auto& u : table->units)
      if (!networks_out->find(u.network))
        warnings.add(networks, 0, "network '" + u.network + "' has answers but is not listed here");
  warn(warnings);
  return true;
}

}  // namespace gpn::cli
