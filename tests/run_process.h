// Running the gpn binary (and other commands) from tests: exit code, stdout
// and stderr captured through files in a per-process scratch folder.
#pragma once
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace gpn::test {

namespace fs = std::filesystem;

struct Run {
  int code = -1;
  std::string out, err;
};

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

// A fresh folder for this test process.
inline fs::path scratch() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("gpn-test-" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

// Runs a shell command from the source folder.
inline Run sh(const std::string& cmd) {
  const fs::path out = scratch() / ".stdout", err = scratch() / ".stderr";
  const std::string full =
      "cd '" GPN_SOURCE_DIR "' && " + cmd + " >'" + out.string() + "' 2>'" + err.string() + "' </dev/null";
  const int status = std::system(full.c_str());
  return Run{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

inline Run run_gpn(const std::string& args) { return sh("'" GPN_BINARY "' " + args); }

inline const std::string kPilotArgs =
    "-m methodology/igpn-gpn.yaml examples/pilot-2024/answers.csv --networks examples/pilot-2024/networks.csv";

}  // namespace gpn::test
