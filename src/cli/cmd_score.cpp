#include "commands.h"
#include "gpn/scores.h"
#include "gpn/writers.h"

namespace gpn::cli {

void add_score(CLI::App& app, int* exit_code) {
  struct Options {
    std::string methodology, weights, networks, format = "table", output;
    std::vector<std::string> answers;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("score", "Score every network at every level of the framework");
  cmd->add_option("-m,--methodology", opt->methodology, "Methodology file (YAML)")->required();
  cmd->add_option("ANSWERS", opt->answers, "Answer files (CSV, long or wide)")->required();
  cmd->add_option("--weights", opt->weights, "Weights file (YAML: node id -> weight) overriding the methodology's");
  cmd->add_option("--networks", opt->networks, "Networks file (CSV: id,name,country,region,type,...)");
  cmd->add_option("--format", opt->format, "Output format")->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_option("-o,--output", opt->output, "Output file (default: stdout)");
  cmd->footer("Example:\n  gpn score -m methodology/igpn-gpn.yaml examples/pilot-2024/answers.csv \\\n"
              "    --networks examples/pilot-2024/networks.csv --format csv -o scores.csv");
  cmd->callback([opt, exit_code] {
    Methodology m;
    Error err;
    if (!load_methodology_with_weights(opt->methodology, opt->weights, &m, &err)) {
      *exit_code = report(err);
      return;
    }
    AnswerSet answers;
    for (const auto& path : opt->answers)
      if (!load_answers(path, m, &answers, &err)) {
        *exit_code = report(err);
        return;
      }
    NetworkTable networks;
    if (!opt->networks.empty() && !load_networks(opt->networks, &networks, &err)) {
      *exit_code = report(err);
      return;
    }
    ScoreTable table;
    Warnings warnings;
    if (!score(m, std::move(answers), &table, &warnings, &err)) {
      *exit_code = report(err);
      return;
    }
    if (!opt->networks.empty())
      for (const auto& u : table.units)
        if (!networks.find(u.network))
          warnings.add(opt->networks, 0, "network '" + u.network + "' has answers but is not listed here");
    warn(warnings);
    const NetworkTable* labels = opt->networks.empty() ? nullptr : &networks;
    std::string out;
    if (opt->format == "csv") out = write_score_csv(table);
    else if (opt->format == "json") out = write_score_json(table, labels);
    else out = write_score_table(table, labels);
    std::vector<std::string> inputs = opt->answers;
    inputs.push_back(opt->methodology);
    if (!opt->weights.empty()) inputs.push_back(opt->weights);
    if (!opt->networks.empty()) inputs.push_back(opt->networks);
    *exit_code = emit(out, opt->output, inputs);
  });
}

}  // namespace gpn::cli
