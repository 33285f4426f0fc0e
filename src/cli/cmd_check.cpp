#include <fmt/format.h>

#include "cli/cli_support.h"
#include "gpn/check.h"
#include "text/csv.h"
#include "sys/input_file.h"

namespace gpn::cli {

void add_check(CLI::App& app, int* exit_code) {
  struct Options {
    ScoringInputs in;
    std::string expect;
    double tolerance = 1e-9;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("check", "Re-score and compare with results written earlier (exit 1 when they differ)");
  opt->in.add_options(cmd);
  cmd->add_option("--expect", opt->expect, "Results file written by 'gpn score --format csv'")->required();
  cmd->add_option("--tolerance", opt->tolerance, "Largest absolute difference taken as equal (default 1e-9)")
      ->check(CLI::NonNegativeNumber);
  cmd->footer("Exit codes: 0 all scores within tolerance, 1 something differs or is missing, 2 errors.\n"
              "Example:\n  gpn check -m methodology/igpn-gpn.yaml examples/pilot-2024/answers.csv \\\n"
              "    --expect examples/pilot-2024/expected-scores.csv");
  cmd->callback([opt, exit_code] {
    ScoreTable table;
    NetworkTable networks;
    if (!opt->in.run(&table, &networks)) {
      *exit_code = kExitInput;
      return;
    }
    std::string text;
    Error err;
    std::vector<Difference> diffs;
    if (!read_input_file(opt->expect, &text, kMaxInputBytes, &err) ||
        !check_scores(table, text, opt->expect, opt->tolerance, &diffs, &err)) {
      *exit_code = report(err);
      return;
    }
    std::string out;
    if (!diffs.empty()) {
      out += "network,period,node,expected,got,expected_line\n";
      for (const auto& d : diffs)
        out += fmt::format("{},{},{},{},{},{}\n", csv_text(d.network), csv_text(d.period), d.node, d.expected, d.got,
                           d.line ? std::to_string(d.line) : "");
    }
    const std::size_t rows = table.units.size() * table.methodology.nodes.size();
    out += diffs.empty() ? fmt::format("check: {} scores match {} (tolerance {})\n", rows, opt->expect, opt->tolerance)
                         : fmt::format("check: {} of {} scores differ from {} (tolerance {})\n", diffs.size(), rows,
                                       opt->expect, opt->tolerance);
    const int code = emit(out, "", {});
    *exit_code = code != kExitOk ? code : diffs.empty() ? kExitOk : kExitDiffer;
  });
}

}  // namespace gpn::cli
