#include <fmt/format.h>

#include <sstream>

#include "cli/cli_support.h"
#include "gpn/report.h"

namespace gpn::cli {

void add_report(CLI::App& app, int* exit_code) {
  struct Options {
    ScoringInputs in;
    std::string output, date;
    std::vector<std::string> formats = {"html"};
    std::size_t sensitivity = 0;
    std::uint64_t seed = 1;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("report", "Write the pilot testing report (HTML, Markdown, JSON, XLSX) into a folder");
  opt->in.add_options(cmd);
  cmd->add_option("-o,--output", opt->output, "Report folder (created or replaced as a whole)")->required();
  cmd->add_option("--format", opt->formats, "Formats, comma-separated: html,md,json,xlsx (default html)")
      ->delimiter(',')
      ->check(CLI::IsMember({"html", "md", "json", "xlsx"}));
  cmd->add_option("--date", opt->date, "Date shown on the report (YYYY-MM-DD); none by default, for reproducible bytes")
      ->check([](const std::string& s) {
        const bool ok = s.size() == 10 && s[4] == '-' && s[7] == '-' &&
                        s.find_first_not_of("0123456789-") == std::string::npos;
        return ok ? std::string() : "expected a date as YYYY-MM-DD, found '" + s + "'";
      });
  cmd->add_option("--sensitivity", opt->sensitivity,
                  "Add the robustness of the ranking: N Monte Carlo samples (weights x U(0.75,1.25), one indicator dropped)");
  cmd->add_option("--seed", opt->seed, "Random seed for --sensitivity");
  cmd->footer("Example:\n  gpn report -m methodology/igpn-gpn.yaml examples/pilot-2024/answers.csv \\\n"
              "    --networks examples/pilot-2024/networks.csv --format html,md,json,xlsx -o pilot-report");
  cmd->callback([opt, exit_code] {
    ScoreTable table;
    NetworkTable networks;
    SensitivitySettings sens;
    sens.samples = opt->sensitivity;
    sens.seed = opt->seed;
    sens.weight_range = 0.25;
    sens.drop_one = true;
    std::optional<SensitivityResult> sensitivity;
    if (opt->sensitivity > 0) {
      SensitivityResult result;
      if (!run_sensitivity_for(opt->in, sens, &table, &result, &networks)) {
        *exit_code = kExitInput;
        return;
      }
      sensitivity = std::move(result);
    } else if (!opt->in.run(&table, &networks)) {
      *exit_code = kExitInput;
      return;
    }
    std::vector<InputFile> inputs;
    Error err;
    auto add = [&](const std::string& role, const std::string& path) {
      InputFile f;
      if (!sha256_file(path, &f, &err)) return false;
      f.role = role;
      inputs.push_back(f);
      return true;
    };
    bool ok = add("methodology", opt->in.methodology);
    if (ok && !opt->in.weights.empty()) ok = add("weights", opt->in.weights);
    for (const auto& a : opt->in.answers) ok = ok && add("answers", a);
    if (ok && !opt->in.networks.empty()) ok = add("networks", opt->in.networks);
    if (!ok) {
      *exit_code = report(err);
      return;
    }
    ReportSettings settings;
    settings.date = opt->date;
    settings.formats = opt->formats;
    std::ostringstream options;
    options << "gpn report -m " << opt->in.methodology;
    for (const auto& a : opt->in.answers) options << ' ' << a;
    if (!opt->in.weights.empty()) options << " --weights " << opt->in.weights;
    if (!opt->in.networks.empty()) options << " --networks " << opt->in.networks;
    options << " --format ";
    for (std::size_t i = 0; i < opt->formats.size(); ++i) options << (i ? "," : "") << opt->formats[i];
    if (!opt->date.empty()) options << " --date " << opt->date;
    if (opt->sensitivity > 0) options << " --sensitivity " << opt->sensitivity << " --seed " << opt->seed;
    settings.options = options.str();
    Report r = build_report(table, opt->in.labels(networks), std::move(inputs), std::move(settings));
    r.sensitivity = std::move(sensitivity);
    r.sensitivity_settings = sens;
    if (!write_report_dir(r, opt->output, opt->in.paths(), &err)) {
      *exit_code = report(err);
      return;
    }
    *exit_code = kExitOk;
  });
}

}  // namespace gpn::cli
