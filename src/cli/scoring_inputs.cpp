#include "commands.h"

namespace gpn::cli {

void ScoringInputs::add_options(CLI::App* cmd) {
  cmd->add_option("-m,--methodology", methodology, "Methodology file (YAML)")->required();
  cmd->add_option("ANSWERS", answers, "Answer files (CSV, long or wide)")->required();
  cmd->add_option("--weights", weights, "Weights file (YAML: node id -> weight) overriding the methodology's");
  cmd->add_option("--networks", networks, "Networks file (CSV: id,name,country,region,type,...)");
}

std::vector<std::string> ScoringInputs::paths() const {
  std::vector<std::string> all = answers;
  all.push_back(methodology);
  if (!weights.empty()) all.push_back(weights);
  if (!networks.empty()) all.push_back(networks);
  return all;
}

bool ScoringInputs::run(ScoreTable* table, NetworkTable* networks_out) const {
  Methodology m;
  Error err;
  if (!load_methodology_with_weights(methodology, weights, &m, &err)) return report(err), false;
  AnswerSet set;
  for (const auto& path : answers)
    if (!load_answers(path, m, &set, &err)) return report(err), false;
  if (!networks.empty() && !load_networks(networks, networks_out, &err)) return report(err), false;
  Warnings warnings;
  if (!score(m, std::move(set), table, &warnings, &err)) return report(err), false;
  if (!networks.empty())
    for (const auto& u : table->units)
      if (!networks_out->find(u.network))
        warnings.add(networks, 0, "network '" + u.network + "' has answers but is not listed here");
  warn(warnings);
  return true;
}

}  // namespace gpn::cli
