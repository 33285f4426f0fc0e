#include "cli/cli_support.h"
#include "gpn/writers.h"

namespace gpn::cli {

void add_questionnaire(CLI::App& app, int* exit_code) {
  struct Options {
    std::string methodology, network, output;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("questionnaire", "Write the blank questionnaire as CSV in the answers format");
  cmd->add_option("METHODOLOGY", opt->methodology, "Methodology file (YAML)")->required();
  cmd->add_option("--network", opt->network, "Network id to pre-fill in every row");
  cmd->add_option("-o,--output", opt->output, "Output file (default: stdout)");
  cmd->footer("Example:\n  gpn questionnaire methodology/igpn-gpn.yaml --network JP -o jp.csv\n"
              "  (fill the 'answer' column, then: gpn score -m methodology/igpn-gpn.yaml jp.csv)");
  cmd->callback([opt, exit_code] {
    Methodology m;
    Error err;
    if (!load_methodology(opt->methodology, &m, &err)) {
      *exit_code = report(err);
      return;
    }
    *exit_code = emit(write_questionnaire_csv(m, opt->network), opt->output, {opt->methodology});
  });
}

}  // namespace gpn::cli
