#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/cli_support.h"
#include "gpn/output_file.h"
#include "gpn/synth.h"

namespace gpn::cli {

void add_synth(CLI::App& app, int* exit_code) {
  struct Options {
    std::string methodology, output;
    SynthSettings s;
    std::size_t questions = 200, units = 1000, indicators = 50;
    bool numeric = false;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("synth", "Write deterministic synthetic answers or indicator data for benchmarks");
  cmd->add_option("-m,--methodology", opt->methodology, "Methodology to answer (default: a synthetic one with --questions)");
  cmd->add_option("--networks", opt->s.networks, "Number of networks");
  cmd->add_option("--periods", opt->s.periods, "Periods per network");
  cmd->add_option("--questions", opt->questions, "Questions of the synthetic methodology (without -m)");
  cmd->add_flag("--numeric", opt->numeric, "Numeric indicators in the COINr wide format instead of answers");
  cmd->add_option("--units", opt->units, "With --numeric: number of units");
  cmd->add_option("--indicators", opt->indicators, "With --numeric: number of indicators");
  cmd->add_option("--seed", opt->s.seed, "Random seed (same seed, same files)");
  cmd->add_option("-o,--output", opt->output, "Folder to write into (created if missing)")->required();
  cmd->footer("Writes DIR/methodology.yaml (unless -m) and DIR/answers.csv, or with --numeric DIR/methodology.yaml\n"
              "and DIR/data.csv.\nExample:\n  gpn synth --questions 200 --networks 100000 -o /tmp/big\n"
              "  gpn synth --numeric --units 100000 --indicators 50 -o /tmp/numeric");
  cmd->callback([opt, exit_code] {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(opt->output, ec);
    if (!fs::is_directory(opt->output)) {
      *exit_code = report(Error{opt->output, 0, 0, "cannot create the output folder"});
      return;
    }
    const fs::path dir(opt->output);
    Error err;
    Methodology m;
    std::string yaml;
    if (opt->numeric) yaml = synthetic_numeric_methodology(opt->indicators);
    else if (opt->methodology.empty()) yaml = synthetic_methodology(opt->questions);
    if (!yaml.empty()) {
      if (!write_output_file((dir / "methodology.yaml").string(), yaml, {}, &err) ||
          !parse_methodology(yaml, (dir / "methodology.yaml").string(), &m, &err)) {
        *exit_code = report(err);
        return;
      }
    } else if (!load_methodology(opt->methodology, &m, &err)) {
      *exit_code = report(err);
      return;
    }
    // Large files are written as they are made, into an OutputFile: never half-written.
    const fs::path target = dir / (opt->numeric ? "data.csv" : "answers.csv");
    OutputFile file;
    if (!file.open(target.string(), {}, &err)) {
      *exit_code = report(err);
      return;
    }
    bool write_failed = false;
    const ByteSink write = [&](std::string_view bytes) { return file.write(bytes) || (write_failed = true, false); };
    const bool ok = opt->numeric ? write_synthetic_indicators(opt->units, opt->indicators, opt->s.seed, write, &err)
                                 : write_synthetic_answers(m, opt->s, write, &err);
    if ((!ok && !write_failed) || !file.commit(&err)) {
      *exit_code = report(err);
      return;
    }
    *exit_code = kExitOk;
  });
}

}  // namespace gpn::cli
