// The command-line front end: one file per subcommand, each a thin layer that
// parses options, calls the library and reports errors. Exit codes:
// 0 success, 1 results differ (gpn check), 2 bad usage or bad input.
#pragma once
#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "gpn/error.h"
#include "gpn/methodology.h"
#include "gpn/output_file.h"
#include "gpn/scores.h"
#include "gpn/sensitivity.h"

namespace gpn::cli {

constexpr int kExitOk = 0;
constexpr int kExitDiffer = 1;
constexpr int kExitInput = 2;

// Each subcommand registers itself on the app and sets *exit_code when it runs.
void add_validate(CLI::App& app, int* exit_code);
void add_questionnaire(CLI::App& app, int* exit_code);
void add_score(CLI::App& app, int* exit_code);
void add_compare(CLI::App& app, int* exit_code);
void add_report(CLI::App& app, int* exit_code);
void add_check(CLI::App& app, int* exit_code);
void add_import(CLI::App& app, int* exit_code);
void add_weights(CLI::App& app, int* exit_code);
void add_sensitivity(CLI::App& app, int* exit_code);
void add_coherence(CLI::App& app, int* exit_code);
void add_synth(CLI::App& app, int* exit_code);

// The inputs every scoring command takes: -m METHODOLOGY and either ANSWERS...
// (questionnaires) or --data FILE (numeric indicators, with the pipeline
// overrides), plus [--weights] [--networks].
struct ScoringInputs {
  std::string methodology, weights, networks, data;
  std::string impute, treat, normalise, aggregate;
  std::vector<std::string> answers;

  void add_options(CLI::App* cmd);
  // Every input path, for refusing to write an output over one of them.
  std::vector<std::string> paths() const;
  // Loads and scores; on failure prints the error and returns false.
  bool run(ScoreTable* table, NetworkTable* networks_out) const;
  const NetworkTable* labels(const NetworkTable& n) const { return networks.empty() ? nullptr : &n; }
};

// "gpn: error: <file:line:col: message>" on stderr; returns kExitInput.
int report(const Error& e);
void warn(const Warnings& w);  // the first 50 warnings; the rest are counted
void finish_warnings();         // "... and N more warnings", at the end of a run

// Loads a methodology and applies a weights file when one is given.
bool load_methodology_with_weights(const std::string& path, const std::string& weights, Methodology* m, Error* err);

// Sensitivity analysis shared by `gpn sensitivity` and `gpn report --sensitivity`.
bool parse_combines(const std::vector<std::string>& names, std::vector<Combine>* out, Error* err);
std::function<void(std::size_t, std::size_t)> progress_bar();
bool run_sensitivity_for(const ScoringInputs& in, const SensitivitySettings& s, ScoreTable* table,
                         SensitivityResult* result, NetworkTable* networks);

// Writes to stdout, or atomically to `output` when given.
int emit(const std::string& content, const std::string& output, const std::vector<std::string>& inputs);
// The same for output written in pieces as it is formatted (large tables).
int emit_pieces(const std::function<bool(const ByteSink&)>& write, const std::string& output,
                const std::vector<std::string>& inputs);

}  // namespace gpn::cli
