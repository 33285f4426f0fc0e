#include <fmt/format.h>

#include <cstdio>

#include "cli/cli_support.h"
#include "sys/memory.h"
#include "gpn/output_file.h"

namespace gpn::cli {

int report(const Error& e) {
  std::fputs(("gpn: error: " + e.str() + "\n").c_str(), stderr);
  return kExitInput;
}

namespace {
std::size_t warnings_shown = 0, warnings_hidden = 0;
}  // namespace

void warn(const Warnings& w) {
  // A large run can warn about every network: show the first ones, count the rest.
  constexpr std::size_t kShow = 50;
  for (const auto& e : w.items) {
    if (warnings_shown < kShow) {
      std::fputs(("gpn: warning: " + e.str() + "\n").c_str(), stderr);
      ++warnings_shown;
    } else {
      ++warnings_hidden;
    }
  }
}

void finish_warnings() {
  if (warnings_hidden > 0) std::fprintf(stderr, "gpn: warning: ... and %zu more warnings\n", warnings_hidden);
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

int emit_pieces(const std::function<bool(const ByteSink&)>& write, const std::string& output,
                const std::vector<std::string>& inputs) {
  if (output.empty() || output == "-") {
    const bool ok = write([](std::string_view bytes) { return std::fwrite(bytes.data(), 1, bytes.size(), stdout) == bytes.size(); });
    return ok && std::fflush(stdout) == 0 ? kExitOk : report(Error{"<stdout>", 0, 0, "write failed"});
  }
  Error err;
  OutputFile file;
  if (!file.open(output, inputs, &err)) return report(err);
  write([&](std::string_view bytes) { return file.write(bytes); });  // a failed write is reported by commit()
  if (!file.commit(&err)) return report(err);
  return kExitOk;
}

}  // namespace gpn::cli

int main(int argc, char** argv) {
  using namespace gpn::cli;
  gpn::tune_heap_for_large_tables();
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
  finish_warnings();
  return exit_code;
}
