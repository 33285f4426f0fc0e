// The hostile-input catalogue: every file in tests/bad-inputs/ with the exit
// code and message it must produce (cases.tsv; each message was read and judged
// to name the place and say what was expected and found), plus the cases that
// are made at run time: a 100 MB field, a directory, an unreadable file, output
// paths that must be refused. No case may crash, hang, print results or leave
// an output file behind.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>

#include "gpn/indicator_data.h"
#include "read/indicator_data_pieces.h"
#include "sys/input_file.h"

#include "run_process.h"
#include "test_support.h"

using namespace gpn::test;

namespace {

struct Case {
  std::string file, command, message;
  int code = 0;
};

std::vector<Case> catalogue() {
  std::ifstream in(GPN_SOURCE_DIR "/tests/bad-inputs/cases.tsv");
  std::vector<Case> cases;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream row(line);
    Case c;
    std::string code;
    std::getline(row, c.file, '\t');
    std::getline(row, c.command, '\t');
    std::getline(row, code, '\t');
    std::getline(row, c.message);
    c.code = std::stoi(code);
    cases.push_back(c);
  }
  return cases;
}

std::string with_file(std::string command, const std::string& file) {
  command.replace(command.find("{file}"), 6, file);
  return command;
}

}  // namespace

TEST_CASE("every file of the hostile-input catalogue fails cleanly with its message", "[bad-input][catalogue]") {
  const auto cases = catalogue();
  REQUIRE(cases.size() >= 40);
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(GPN_SOURCE_DIR "/tests/bad-inputs")) files += e.path().filename() != "cases.tsv";
  CHECK(files == cases.size());  // every file has its expectation
  const fs::path out = scratch() / "catalogue-out.csv";
  for (const auto& c : cases) {
    INFO(c.file);
    std::string cmd = with_file(c.command, "tests/bad-inputs/" + c.file);
    if (cmd.rfind("score", 0) == 0) cmd += " --format csv -o " + out.string();
    const Run r = sh("timeout 30 '" GPN_BINARY "' " + cmd);
    CHECK(r.code == c.code);
    CHECK_THAT(r.err, Catch::Contains("gpn: error: " + c.message));
    CHECK(r.out.empty());
    CHECK_FALSE(fs::exists(out));
  }
}

TEST_CASE("inputs made at run time: huge field, directory, unreadable, refused outputs", "[bad-input]") {
  const fs::path dir = scratch() / "made";
  fs::create_directories(dir);
  {
    std::ofstream f(dir / "huge-field.csv", std::ios::binary);
    f << "network,question,answer\nJP,GOV.1.1,\"";
    const std::string block(1 << 20, 'x');
    for (int i = 0; i < 100; ++i) f << block;
    f << "\"\n";
  }
  const std::string m = "score -m methodology/igpn-gpn.yaml ";
  struct Made {
    std::string args, message;
  } cases[] = {
      {m + (dir / "huge-field.csv").string(), "huge-field.csv:2:12: a field of 104857600 bytes: the limit is 1048576 bytes per field"},
      {m + dir.string(), "made: expected a file, found a directory"},
      {m + (dir / "absent.csv").string(), "absent.csv: cannot open: no such file"},
      {m + "/proc/self/mem", "/proc/self/mem: "},
      {m + "examples/pilot-2024/answers.csv -o " + (dir / "no/such/folder/out.csv").string(), "does not exist"},
      {m + "examples/pilot-2024/answers.csv -o examples/pilot-2024/answers.csv", "the output path is also an input file"},
      {"validate " + dir.string(), "expected a file, found a directory"},
      {"score --stream -m methodology/igpn-gpn.yaml " + (dir / "huge-field.csv").string() + " --format csv", "huge-field.csv:2:12: a field of more than 1048576 bytes"},
  };
  const std::string pilot = slurp(GPN_SOURCE_DIR "/examples/pilot-2024/answers.csv");
  for (const auto& c : cases) {
    INFO(c.args);
    const Run r = sh("timeout 60 '" GPN_BINARY "' " + c.args);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains(c.message));
  }
  CHECK(slurp(GPN_SOURCE_DIR "/examples/pilot-2024/answers.csv") == pilot);  // never overwritten
}

TEST_CASE("a mapped input cut short by another program is reported, not a crash", "[bad-input]") {
  // Large inputs are mapped from the page cache; if another program truncates
  // the file meanwhile, reading the lost pages raises SIGBUS. In a child
  // process: map a file, truncate it, read its last byte. The child must exit
  // with code 2 and say which file, as for any bad input.
  const fs::path file = scratch() / "cut-short.csv", err_file = scratch() / "cut-short.err";
  {
    std::ofstream out(file);
    out << "uCode,a\n";
    for (int i = 0; i < 100000; ++i) out << "U" << i << ",1\n";
  }
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    const int fd = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 2);
    gpn::InputText text;
    gpn::Error err;
    if (!gpn::load_input_text(file.string(), &text, gpn::kMaxInputBytes, &err)) ::_exit(10);
    if (::truncate(file.c_str(), 0) != 0) ::_exit(11);
    volatile char last = text.view().back();
    (void)last;
    ::_exit(12);  // not reached: the page is gone
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 2);
  CHECK(slurp(err_file) == "gpn: error: " + file.string() +
                               ": the file was cut short by another program while it was being read\n");
}

TEST_CASE("large inputs are checked in two halves with the same messages as whole", "[bad-input]") {
  // Texts over 8 MiB are checked for NUL bytes and UTF-8 in two halves at
  // once. Expected lines are known by construction: line i holds "row i".
  const std::size_t lines = 1200000;  // about 11 MB
  std::string base;
  for (std::size_t i = 1; i <= lines; ++i) base += "row " + std::to_string(i) + "\n";
  REQUIRE(base.size() > (std::size_t{8} << 20));
  auto offset_of_line = [&](std::size_t line) { return base.find("row " + std::to_string(line) + "\n"); };
  auto check = [&](const std::string& text) {
    const fs::path file = scratch() / "large-check.txt";
    std::ofstream(file, std::ios::binary) << text;
    std::string out;
    gpn::Error err;
    const bool ok = gpn::read_input_file(file.string(), &out, gpn::kMaxInputBytes, &err);
    return ok ? std::string("ok") : err.message + " at line " + std::to_string(err.line);
  };
  const std::size_t early = 1000, late = 1100000;  // one in each half
  std::string text = base;
  text[offset_of_line(late)] = '\xff';
  CHECK(check(text) == "expected UTF-8 text, found an invalid byte sequence at line 1100000");
  text[offset_of_line(early)] = '\xc0';
  CHECK(check(text) == "expected UTF-8 text, found an invalid byte sequence at line 1000");
  text = base;
  text[offset_of_line(early)] = '\xff';
  text[offset_of_line(late)] = '\0';  // a NUL anywhere is reported first, as when read whole
  CHECK(check(text) == "expected text, found a NUL byte at line 1100000");
  // A character of three bytes across the middle is valid; cut short there, it is not.
  text = base;
  const std::size_t middle = text.size() / 2;
  text.replace(middle - 1, 3, "\xe2\x82\xac");
  CHECK(check(text) == "ok");
  text[middle + 1] = 'x';
  CHECK(check(text) == "expected UTF-8 text, found an invalid byte sequence at line " +
                           std::to_string(1 + std::count(text.begin(), text.begin() + static_cast<long>(middle), '\n')));
}

TEST_CASE("work alongside the check of a mapped input runs once, is finished on every way out, changes no message",
          "[bad-input]") {
  // load_input_text runs `alongside` on a second thread while it maps and checks
  // the text (the check then keeps to one thread). The reference for messages is
  // the same load without it. Cases: a large valid file, a NUL and bad UTF-8 late
  // in it, a missing path, a directory.
  std::string base;
  for (std::size_t i = 1; i <= 1000000; ++i) base += "row " + std::to_string(i) + "\n";  // about 11 MB
  REQUIRE(base.size() > (std::size_t{8} << 20));
  std::string with_nul = base, with_bad = base;
  with_nul[base.size() - 5] = '\0';
  with_bad[base.size() / 2 + 3] = '\xff';
  const fs::path dir = scratch() / "alongside";
  fs::create_directories(dir);
  std::vector<std::pair<std::string, std::string>> files;  // path, what
  for (const auto& [name, text] : {std::pair{"valid.txt", &base}, {"nul.txt", &with_nul}, {"bad.txt", &with_bad}}) {
    std::ofstream(dir / name, std::ios::binary) << *text;
    files.emplace_back((dir / name).string(), name);
  }
  files.emplace_back((dir / "missing.txt").string(), "missing");
  files.emplace_back(dir.string(), "a directory");
  for (const auto& [path, what] : files) {
    INFO(what);
    std::atomic<int> runs{0};
    gpn::InputText with, without;
    gpn::Error err_with, err_without;
    const bool ok_with = gpn::load_input_text(path, &with, gpn::kMaxInputBytes, &err_with, [&] { ++runs; });
    CHECK(runs == 1);  // joined before the call returned
    const bool ok_without = gpn::load_input_text(path, &without, gpn::kMaxInputBytes, &err_without);
    CHECK(ok_with == ok_without);
    CHECK(err_with.str() == err_without.str());
    if (ok_with) CHECK(with.view() == without.view());
  }
}

TEST_CASE("a large indicator file is read from disk in pieces with the same table and messages as whole", "[bad-input]") {
  // Over two_cores::kTableBytes, load_indicator_data reads the file in pieces (or
  // declines and reads it whole). References: parse_indicator_data over the
  // same text in memory, and for bad bytes the whole-text check's message.
  const gpn::Methodology m = three_numbers();
  std::string base = "uCode,a,b,c\n";
  for (std::size_t i = 0; i < 300000; ++i)
    base += "U" + std::to_string(i) + "," + std::to_string(i % 97) + "," + std::to_string(i % 89) + ".5,7\n";
  REQUIRE(base.size() > gpn::two_cores::kTableBytes);
  const std::size_t late = base.find("\nU250000,") + 1;  // line 250002
  std::string bad_number = base, quoted = base, with_nul = base;
  bad_number.insert(late + 8, "x");
  quoted.replace(late, 7, "\"U250000\"");  // a quoted id: the pieces way declines, the whole reads it
  with_nul[late + 3] = '\0';
  const fs::path file = scratch() / "large-data.csv";
  for (const auto& [what, text] : {std::pair{"valid", &base}, {"a bad number late", &bad_number}, {"a quote late", &quoted}}) {
    INFO(what);
    std::ofstream(file, std::ios::binary | std::ios::trunc) << *text;
    gpn::IndicatorData from_disk, in_memory;
    gpn::Error disk_err, memory_err;
    const bool ok = gpn::load_indicator_data(file.string(), m, &from_disk, &disk_err);
    CHECK(gpn::parse_indicator_data(*text, file.string(), m, &in_memory, &memory_err) == ok);
    CHECK(disk_err.str() == memory_err.str());
    if (ok) {
      CHECK(from_disk.units == in_memory.units);
      CHECK(from_disk.lines == in_memory.lines);
      CHECK(from_disk.values == in_memory.values);
    }
  }
  std::ofstream(file, std::ios::binary | std::ios::trunc) << with_nul;
  gpn::IndicatorData d;
  gpn::Error err;
  CHECK_FALSE(gpn::load_indicator_data(file.string(), m, &d, &err));
  CHECK(err.str() == file.string() + ":250002: expected text, found a NUL byte");
}
