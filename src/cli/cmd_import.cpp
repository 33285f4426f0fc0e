#include "cli/cli_support.h"
#include "gpn/import_coinr.h"

namespace gpn::cli {

void add_import(CLI::App& app, int* exit_code) {
  struct Options {
    std::string meta, output, id = "imported";
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("import", "Convert another tool's framework into a gpn methodology");
  cmd->require_subcommand(1);
  CLI::App* coinr = cmd->add_subcommand("coinr", "From COINr's iMeta table (Level, iCode, iName, Direction, Weight, Parent, Type)");
  coinr->add_option("--meta", opt->meta, "COINr iMeta CSV")->required();
  coinr->add_option("-o,--output", opt->output, "Methodology file to write (default: stdout)");
  coinr->add_option("--id", opt->id, "Methodology id (default: imported)");
  coinr->footer("Example:\n  gpn import coinr --meta ASEM_iMeta.csv --id asem -o asem.yaml\n"
                "  gpn score -m asem.yaml --data ASEM_iData.csv --format csv");
  coinr->callback([opt, exit_code] {
    std::string yaml;
    Error err;
    if (!import_coinr_meta(opt->meta, opt->id, &yaml, &err)) {
      *exit_code = report(err);
      return;
    }
    // The result must load as a methodology; a framework COINr accepts but gpn cannot is reported here.
    Methodology m;
    if (!parse_methodology(yaml, opt->output.empty() ? "<converted>" : opt->output, &m, &err)) {
      *exit_code = report(err);
      return;
    }
    *exit_code = emit(yaml, opt->output, {opt->meta});
  });
}

}  // namespace gpn::cli
