#include <fmt/format.h>

#include <cstdio>

#include "commands.h"
#include "gpn/output_file.h"

namespace gpn::cli {

int report(const Error& e) {
  std::fputs(("gpn: error: " + e.str() + "\n").c_str(), stderr);
  return kExitInput;
}

void warn(const Warnings& w) {
  for (const auto& e : w.items) std::fputs(("gpn: warning: " + e.str() + "\n").c_str(), stderr);
}

bool load_methodology_with_weights(const std::string& path, const std::string& weights, Methodology* m, Error* err) {
  if (!load_methodology(path, m, err)) return false;
  if (weights.empty()) return true;
  std::vector<WeightOverride> overrides;
  return load_weights(weights, &overrides, err) && apply_weights(overrides, weights, m, err);
}

int emit(const std::string& content, const std::string& output, const std::vector<std::string>& inputs) {
  if (output.empty() || output == "-") {
    std::fwrite(content.data(), 1, content.size(), stdout);
    return std::fflush(stdout) == 0 ? kExitOk : report(Error{"<stdout>", 0, 0, "write failed"});
  }
  Error err;
  if (!write_output_file(output, content, inputs, &err)) return report(err);
  return kExitOk;
}

}  // namespace gpn::cli

int main(int argc, char** argv) {
  using namespace gpn::cli;
  CLI::App app{"gpn: score Green Purchasing Network measurement methodologies.\n"
               "Methodology (YAML) + questionnaire answers (CSV) -> scores for every network at every level."};
  app.set_version_flag("--version", std::string("gpn ") + GPN_VERSION);
  app.require_subcommand(1);
  app.footer("Exit codes: 0 success, 1 results differ (check), 2 bad usage or bad input.\n"
             "Run 'gpn COMMAND --help' for a command's options and an example.");
  int exit_code = kExitOk;
  add_validate(app, &exit_code);
  add_questionnaire(app, &exit_code);
  add_score(app, &exit_code);
  add_compare(app, &exit_code);
  add_check(app, &exit_code);
  add_report(app, &exit_code);
  add_import(app, &exit_code);
  add_weights(app, &exit_code);
  add_sensitivity(app, &exit_code);
  add_coherence(app, &exit_code);
  add_synth(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitInput;
  }
  return exit_code;
}
