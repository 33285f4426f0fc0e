#include "cli/cli_support.h"
#include "gpn/compare_write.h"

namespace gpn::cli {

void add_compare(CLI::App& app, int* exit_code) {
  struct Options {
    ScoringInputs in;
    std::string by, format = "table", output;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("compare", "Rank networks at every node; gaps to the leader and the median");
  opt->in.add_options(cmd);
  cmd->add_option("--by", opt->by, "Compare within groups given by this column of the networks file");
  cmd->add_option("--format", opt->format, "Output format")->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_option("-o,--output", opt->output, "Output file (default: stdout)");
  cmd->footer("Example:\n  gpn compare -m methodology/igpn-gpn.yaml examples/pilot-2024/answers.csv \\\n"
              "    --networks examples/pilot-2024/networks.csv --by region");
  cmd->callback([opt, exit_code] {
    ScoreTable table;
    NetworkTable networks;
    if (!opt->in.run(&table, &networks)) {
      *exit_code = kExitInput;
      return;
    }
    ComparisonSet set;
    Error err;
    if (!compare(table, opt->in.labels(networks), opt->by, &set, &err)) {
      *exit_code = report(err);
      return;
    }
    std::string out;
    if (opt->format == "csv") out = write_compare_csv(table, set);
    else if (opt->format == "json") out = write_compare_json(table, set);
    else out = write_compare_table(table, set, opt->in.labels(networks));
    *exit_code = emit(out, opt->output, opt->in.paths());
  });
}

}  // namespace gpn::cli
