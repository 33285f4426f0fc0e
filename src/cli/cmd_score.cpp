#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <string_view>

#include "cli/cli_support.h"
#include "gpn/score_stream.h"
#include "gpn/writers.h"

namespace gpn::cli {

namespace {

// Streams scores to stdout, or into an OutputFile (committed only when every
// batch is scored and written, so an error never leaves a partial file).
int stream_scores(const ScoringInputs& in, const std::string& format, const std::string& output, std::size_t batch) {
  Methodology m;
  Error err;
  if (!load_methodology_with_weights(in.methodology, in.weights, &m, &err)) return report(err);
  const StreamFormat stream_format = format == "wide" ? StreamFormat::Wide : StreamFormat::Csv;
  StreamStats stats;
  bool write_failed = false;
  auto score_into = [&](const ByteSink& write) {
    const ByteSink checked = [&](std::string_view bytes) { return write(bytes) || (write_failed = true, false); };
    return score_stream(m, in.answers, stream_format, checked, batch, [](const Warnings& w) { warn(w); }, &stats, &err);
  };
  if (output.empty() || output == "-") {
    const bool ok = score_into([](std::string_view bytes) { return std::fwrite(bytes.data(), 1, bytes.size(), stdout) == bytes.size(); });
    if (!ok && !write_failed) return report(err);
    return !write_failed && std::fflush(stdout) == 0 ? kExitOk : report(Error{"<stdout>", 0, 0, "write failed"});
  }
  OutputFile file;
  if (!file.open(output, in.paths(), &err)) return report(err);
  // A failed write is reported by commit(); an uncommitted file leaves the target as it was.
  if (!score_into([&](std::string_view bytes) { return file.write(bytes); }) && !write_failed) return report(err);
  if (!file.commit(&err)) return report(err);
  return kExitOk;
}

}  // namespace

void add_score(CLI::App& app, int* exit_code) {
  struct Options {
    ScoringInputs in;
    std::string format = "table", output;
    bool stream = false;
    std::size_t batch = 1024;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("score", "Score every network at every level of the framework");
  opt->in.add_options(cmd);
  cmd->add_option("--format", opt->format, "Output format (wide: one row per network, one column per node)")
      ->check(CLI::IsMember({"table", "csv", "wide", "json"}));
  cmd->add_option("-o,--output", opt->output, "Output file (default: stdout)");
  cmd->add_flag("--stream", opt->stream,
                "Score and write a batch of networks at a time (csv or wide; each network's rows together): flat memory");
  cmd->add_option("--batch", opt->batch, "With --stream: networks per batch")->check(CLI::PositiveNumber);
  cmd->footer("Example:\n  gpn score -m methodology/igpn-gpn.yaml examples/pilot-2024/answers.csv \\\n"
              "    --networks examples/pilot-2024/networks.csv --format csv -o scores.csv");
  cmd->callback([opt, exit_code] {
    if (opt->stream) {
      if (!opt->in.data.empty() || opt->format == "table" || opt->format == "json")
        *exit_code = report(Error{"", 0, 0, "--stream scores answer files into --format csv or wide"});
      else
        *exit_code = stream_scores(opt->in, opt->format, opt->output, opt->batch);
      return;
    }
    ScoreTable table;
    NetworkTable networks;
    if (!opt->in.run(&table, &networks)) {
      *exit_code = kExitInput;
      return;
    }
    const NetworkTable* labels = opt->in.labels(networks);
    if (opt->format == "wide") {
      *exit_code = emit_pieces([&](const ByteSink& sink) { return write_score_wide(table, sink); }, opt->output,
                               opt->in.paths());
      return;
    }
    std::string out;
    if (opt->format == "csv") out = write_score_csv(table);
    else if (opt->format == "json") out = write_score_json(table, labels);
    else out = write_score_table(table, labels);
    *exit_code = emit(out, opt->output, opt->in.paths());
  });
}

}  // namespace gpn::cli
