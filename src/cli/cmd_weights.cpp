#include <fmt/format.h>

#include <cmath>

#include "cli/cli_support.h"
#include "text/csv.h"
#include "text/text.h"
#include "gpn/weights.h"

namespace gpn::cli {

namespace {

void add_ahp(CLI::App* weights, int* exit_code) {
  struct Options {
    std::string pairwise, output;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = weights->add_subcommand("ahp", "Weights from a pairwise-comparison matrix (Saaty's AHP)");
  cmd->add_option("PAIRWISE", opt->pairwise, "Square CSV: header row and first column are node ids")->required();
  cmd->add_option("-o,--output", opt->output, "Weights file to write (default: stdout)");
  cmd->footer("The weights go to stdout as a weights file for --weights; the consistency ratio to stderr,\n"
              "with a warning above 0.1.\nExample:\n  gpn weights ahp dimensions-pairwise.csv > ahp-weights.yaml");
  cmd->callback([opt, exit_code] {
    std::vector<std::string> ids;
    Eigen::MatrixXd a;
    Error err;
    if (!load_pairwise(opt->pairwise, &ids, &a, &err)) {
      *exit_code = report(err);
      return;
    }
    const AhpResult r = ahp_weights(ids, a);
    std::string out = fmt::format("# AHP weights from {}: lambda_max {}, consistency ratio {}\n", opt->pairwise,
                                  fmt_fixed(r.lambda_max, 4), fmt_fixed(r.consistency_ratio, 4));
    for (std::size_t i = 0; i < ids.size(); ++i) out += ids[i] + ": " + fmt_number(r.weights(static_cast<Eigen::Index>(i))) + "\n";
    std::fputs(fmt::format("gpn: consistency ratio {} (lambda_max {}, consistency index {}, random index {})\n",
                           fmt_fixed(r.consistency_ratio, 4), fmt_fixed(r.lambda_max, 4), fmt_fixed(r.consistency_index, 4),
                           fmt_number(saaty_random_index(ids.size())))
                   .c_str(),
               stderr);
    if (r.consistency_ratio > 0.1)
      std::fputs("gpn: warning: consistency ratio above 0.1: the comparisons contradict each other; revise them\n", stderr);
    *exit_code = emit(out, opt->output, {opt->pairwise});
  });
}

void add_derived(CLI::App* weights, const char* name, const char* help, int* exit_code) {
  struct Options {
    ScoringInputs in;
    std::string output;
  };
  auto opt = std::make_shared<Options>();
  const std::string method = name;
  CLI::App* cmd = weights->add_subcommand(name, help);
  if (method == "equal") {
    cmd->add_option("-m,--methodology", opt->in.methodology, "Methodology file (YAML)")->required();
  } else {
    opt->in.add_options(cmd);
  }
  cmd->add_option("-o,--output", opt->output, "Weights file to write (default: stdout)");
  cmd->footer("Example:\n  gpn weights " + method + " -m asem.yaml" + (method == "equal" ? "" : " --data ASEM_iData.csv") +
              " > " + method + "-weights.yaml");
  cmd->callback([opt, method, exit_code] {
    DerivedWeights d;
    Methodology m;
    Error err;
    if (method == "equal") {
      if (!load_methodology(opt->in.methodology, &m, &err)) {
        *exit_code = report(err);
        return;
      }
      d = equal_weights(m);
    } else {
      ScoreTable t;
      NetworkTable n;
      if (!opt->in.run(&t, &n)) {
        *exit_code = kExitInput;
        return;
      }
      m = t.methodology;
      d = pca_weights(t);
    }
    for (const auto& note : d.notes) std::fputs(("gpn: note: " + note + "\n").c_str(), stderr);
    *exit_code = emit(write_weights_yaml(m, d.weights, method + " weights for methodology " + m.id), opt->output,
                      opt->in.paths());
  });
}

void add_effective(CLI::App* weights, int* exit_code) {
  struct Options {
    ScoringInputs in;
    std::string format = "table", output;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = weights->add_subcommand("effective", "How much each child actually drives its parent, beside its nominal weight");
  opt->in.add_options(cmd);
  cmd->add_option("--format", opt->format, "Output format")->check(CLI::IsMember({"table", "csv"}));
  cmd->add_option("-o,--output", opt->output, "Output file (default: stdout)");
  cmd->footer("Effective weight = r^2(child, parent) over the units, normalised among siblings.\nExample:\n"
              "  gpn weights effective -m methodology/igpn-gpn.yaml examples/pilot-2024/answers.csv");
  cmd->callback([opt, exit_code] {
    ScoreTable t;
    NetworkTable n;
    if (!opt->in.run(&t, &n)) {
      *exit_code = kExitInput;
      return;
    }
    const auto rows = effective_weights(t);
    const Methodology& m = t.methodology;
    std::string out;
    if (opt->format == "csv") {
      out = "parent,node,nominal,effective,r,units\n";
      for (const auto& e : rows)
        out += fmt::format("{},{},{},{},{},{}\n", m.nodes[e.parent].id, m.nodes[e.node].id, fmt_number(e.nominal),
                           std::isnan(e.effective) ? "" : fmt_number(e.effective), std::isnan(e.r) ? "" : fmt_number(e.r), e.units);
    } else {
      out = fmt::format("{:<14}{:<30}{:>9}{:>11}{:>8}\n", "Parent", "Child", "Nominal", "Effective", "r");
      for (const auto& e : rows)
        out += fmt::format("{:<14}{:<30}{:>9}{:>11}{:>8}{}\n", fit_width(m.nodes[e.parent].id, 13),
                           fit_width(m.nodes[e.node].id + " " + m.nodes[e.node].name, 29), fmt_fixed(e.nominal, 3),
                           std::isnan(e.effective) ? "--" : fmt_fixed(e.effective, 3), std::isnan(e.r) ? "--" : fmt_fixed(e.r, 2),
                           !std::isnan(e.effective) && e.nominal >= 0.2 && e.effective < e.nominal / 4 ? "  barely matters" : "");
    }
    *exit_code = emit(out, opt->output, opt->in.paths());
  });
}

}  // namespace

void add_weights(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand("weights", "Derive weights (AHP, equal, PCA) and compare nominal with effective weights");
  cmd->require_subcommand(1);
  add_ahp(cmd, exit_code);
  add_derived(cmd, "equal", "Equal weights for the children of every node", exit_code);
  add_derived(cmd, "pca", "Weights from the first principal component of each node's children", exit_code);
  add_effective(cmd, exit_code);
}

}  // namespace gpn::cli
