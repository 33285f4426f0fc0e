#include "cli/cli_support.h"
#include "gpn/coherence.h"

namespace gpn::cli {

void add_coherence(CLI::App& app, int* exit_code) {
  struct Options {
    ScoringInputs in;
    std::string format = "table", output;
    double duplicate = 0.9;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("coherence", "Correlations, Cronbach's alpha and PCA per aggregate; negative and near-duplicate flags");
  opt->in.add_options(cmd);
  cmd->add_option("--duplicate", opt->duplicate, "|r| at or above which two children are flagged as near-duplicates")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--format", opt->format, "Output format (csv: every pair with Pearson and Spearman)")
      ->check(CLI::IsMember({"table", "csv"}));
  cmd->add_option("-o,--output", opt->output, "Output file (default: stdout)");
  cmd->footer("Example:\n  gpn coherence -m asem.yaml --data ASEM_iData.csv");
  cmd->callback([opt, exit_code] {
    ScoreTable t;
    NetworkTable n;
    if (!opt->in.run(&t, &n)) {
      *exit_code = kExitInput;
      return;
    }
    const auto c = coherence(t, opt->duplicate);
    *exit_code = emit(opt->format == "csv" ? write_coherence_csv(t, c) : write_coherence_table(t, c), opt->output, opt->in.paths());
  });
}

}  // namespace gpn::cli
