#include <fmt/format.h>

#include <cstdio>

#include "cli/cli_support.h"
#include "sys/terminal.h"
#include "gpn/pipeline.h"
#include "gpn/sensitivity_write.h"

namespace gpn::cli {

bool parse_combines(const std::vector<std::string>& names, std::vector<Combine>* out, Error* err) {
  for (const auto& a : names) {
    if (a == "arithmetic") out->push_back(Combine::Arithmetic);
    else if (a == "geometric") out->push_back(Combine::Geometric);
    else if (a == "harmonic") out->push_back(Combine::Harmonic);
    else if (a == "minimum") out->push_back(Combine::Minimum);
    else return *err = Error{"", 0, 0, "--aggregation: expected arithmetic, geometric, harmonic or minimum, found '" + a + "'"}, false;
  }
  return true;
}

// A progress bar on stderr, only when stderr is a terminal.
std::function<void(std::size_t, std::size_t)> progress_bar() {
  if (!stderr_is_terminal()) return {};
  return [](std::size_t done, std::size_t total) {
    const int filled = static_cast<int>(40.0 * static_cast<double>(done) / static_cast<double>(total));
    std::fprintf(stderr, "\r[%s%s] %3d%%", std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(40 - filled), ' ').c_str(), static_cast<int>(100 * done / total));
    if (done == total) std::fputs("\n", stderr);
  };
}

bool run_sensitivity_for(const ScoringInputs& in, const SensitivitySettings& s, ScoreTable* table, SensitivityResult* result,
                         NetworkTable* networks) {
  if (!in.run(table, networks)) return false;
  Error err;
  if (in.data.empty()) {
    if (!run_sensitivity(*table, nullptr, nullptr, s, result, &err, progress_bar())) return report(err), false;
    return true;
  }
  // Indicator data: the pipeline is re-run for each normalisation / imputation alternative.
  Methodology m;
  PipelineSettings p;
  IndicatorData data;
  if (!load_methodology_with_weights(in.methodology, in.weights, &m, &err) ||
      !pipeline_settings(m, in.impute, in.treat, in.normalise, in.aggregate, &p, &err) ||
      !load_indicator_data(in.data, m, &data, &err) ||
      !run_sensitivity(*table, &data, &p, s, result, &err, progress_bar()))
    return report(err), false;
  return true;
}

void add_sensitivity(CLI::App& app, int* exit_code) {
  struct Options {
    ScoringInputs in;
    SensitivitySettings s;
    std::vector<std::string> aggregations;
    std::string format = "table", output, target = "rank";
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("sensitivity", "Monte Carlo uncertainty of ranks and Sobol sensitivity indices");
  opt->in.add_options(cmd);
  cmd->add_option("--samples", opt->s.samples, "Base samples N (the model runs N x (inputs + 2) times)")->required();
  cmd->add_option("--seed", opt->s.seed, "Random seed (same seed, same results)");
  cmd->add_option("--vary-weights", opt->s.weight_range, "Multiply every weight by U(1-R, 1+R)")->check(CLI::Range(0.0, 0.999));
  cmd->add_option("--dirichlet", opt->s.dirichlet, "Draw sibling weights from a Dirichlet with this concentration")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--aggregation", opt->aggregations, "An aggregation alternative (repeat: arithmetic, geometric, ...)")
      ->delimiter('\0');
  cmd->add_option("--normalisation", opt->s.normalisations, "With --data: a normalisation alternative (repeat)")->delimiter('\0');
  cmd->add_option("--imputation", opt->s.imputations, "With --data: an imputation alternative (repeat)")->delimiter('\0');
  cmd->add_flag("--drop-one", opt->s.drop_one, "Drop one indicator (or none) at random in each run");
  cmd->add_option("--target", opt->target, "Sobol indices of each network's rank or score")->check(CLI::IsMember({"rank", "score"}));
  cmd->add_option("--format", opt->format, "Output format")->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_option("-o,--output", opt->output, "Output file (default: stdout)");
  cmd->footer("Example:\n  gpn sensitivity -m methodology/igpn-gpn.yaml examples/pilot-2024/answers.csv --samples 2000 \\\n"
              "    --vary-weights 0.25 --aggregation arithmetic --aggregation geometric --drop-one");
  cmd->callback([opt, exit_code] {
    Error err;
    if (!parse_combines(opt->aggregations, &opt->s.aggregations, &err)) {
      *exit_code = report(err);
      return;
    }
    opt->s.target_score = opt->target == "score";
    ScoreTable table;
    SensitivityResult result;
    NetworkTable networks;
    if (!run_sensitivity_for(opt->in, opt->s, &table, &result, &networks)) {
      *exit_code = kExitInput;
      return;
    }
    std::string out;
    if (opt->format == "csv") out = write_sensitivity_csv(table, result);
    else if (opt->format == "json") out = write_sensitivity_json(table, opt->s, result);
    else out = write_sensitivity_table(table, opt->s, result);
    *exit_code = emit(out, opt->output, opt->in.paths());
  });
}

}  // namespace gpn::cli
