#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/cli_support.h"
#include "gpn/score_stream.h"
#include "gpn/writers.h"

namespace gpn::cli {

namespace {

// Streams scores to stdout, or to a temporary file renamed over `output` when
// complete, so an error never leaves a partial file.
int stream_scores(const ScoringInputs& in, const std::string& format, const std::string& output, std::size_t batch) {
  namespace fs = std::filesystem;
  Methodology m;
  Error err;
  if (!load_methodology_with_weights(in.methodology, in.weights, &m, &err)) return report(err);
  std::error_code ec;
  for (const auto& path : in.paths())
    if (!output.empty() && output != "-" && fs::exists(output, ec) && fs::equivalent(output, path, ec))
      return report(Error{output, 0, 0, "the output path is also an input file; refusing to overwrite it"});
  std::string tmp;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(nullptr, &std::fclose);
  std::FILE* out = stdout;
  if (!output.empty() && output != "-") {
    const fs::path target(output);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    if (!fs::is_directory(dir, ec)) return report(Error{output, 0, 0, "cannot write: the folder '" + dir.string() + "' does not exist"});
    tmp = (dir / ("." + target.filename().string() + ".gpn-XXXXXX")).string();
    const int fd = ::mkstemp(tmp.data());
    if (fd < 0) return report(Error{output, 0, 0, "cannot write"});
    file.reset(::fdopen(fd, "wb"));
    out = file.get();
  }
  StreamStats stats;
  const bool ok = score_stream(m, in.answers, format == "wide" ? StreamFormat::Wide : StreamFormat::Csv, out, batch,
                               [](const Warnings& w) { warn(w); }, &stats, &err);
  if (file) {
    const bool closed = std::fclose(file.release()) == 0;
    if (!ok || !closed || std::rename(tmp.c_str(), output.c_str()) != 0) {
      ::unlink(tmp.c_str());
      return report(ok ? Error{output, 0, 0, "cannot write"} : err);
    }
  } else if (!ok) {
    return report(err);
  }
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
