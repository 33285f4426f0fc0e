#include "commands.h"
#include "gpn/writers.h"

namespace gpn::cli {

void add_score(CLI::App& app, int* exit_code) {
  struct Options {
    ScoringInputs in;
    std::string format = "table", output;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("score", "Score every network at every level of the framework");
  opt->in.add_options(cmd);
  cmd->add_option("--format", opt->format, "Output format")->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_option("-o,--output", opt->output, "Output file (default: stdout)");
  cmd->footer("Example:\n  gpn score -m methodology/igpn-gpn.yaml examples/pilot-2024/answers.csv \\\n"
              "    --networks examples/pilot-2024/networks.csv --format csv -o scores.csv");
  cmd->callback([opt, exit_code] {
    ScoreTable table;
    NetworkTable networks;
    if (!opt->in.run(&table, &networks)) {
      *exit_code = kExitInput;
      return;
    }
    const NetworkTable* labels = opt->in.labels(networks);
    std::string out;
    if (opt->format == "csv") out = write_score_csv(table);
    else if (opt->format == "json") out = write_score_json(table, labels);
    else out = write_score_table(table, labels);
    *exit_code = emit(out, opt->output, opt->in.paths());
  });
}

}  // namespace gpn::cli
