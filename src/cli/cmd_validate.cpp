#include "cli/cli_support.h"
#include "gpn/writers.h"

namespace gpn::cli {

void add_validate(CLI::App& app, int* exit_code) {
  struct Options {
    std::string methodology, weights;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("validate", "Check a methodology and print its tree with each node's share of the total");
  cmd->add_option("METHODOLOGY", opt->methodology, "Methodology file (YAML)")->required();
  cmd->add_option("--weights", opt->weights, "Weights file (YAML: node id -> weight) overriding the methodology's");
  cmd->footer("Example:\n  gpn validate methodology/igpn-gpn.yaml --weights my-weights.yaml");
  cmd->callback([opt, exit_code] {
    Methodology m;
    Error err;
    if (!load_methodology_with_weights(opt->methodology, opt->weights, &m, &err)) {
      *exit_code = report(err);
      return;
    }
    *exit_code = emit(write_methodology_tree(m), "", {});
  });
}

}  // namespace gpn::cli
