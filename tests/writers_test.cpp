// The wide score table is formatted in stretches of rows, two at a time on two
// threads, and handed to the output piece by piece; an output written in
// pieces is still whole or nothing.
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <fstream>

#include "run_process.h"
#include "gpn/output_file.h"
#include "gpn/writers.h"
#include "test_support.h"

using namespace gpn;
using namespace gpn::test;

TEST_CASE("the wide table written in stretches equals a row-by-row reference", "[writers]") {
  // 15,000 networks: several stretches of 4096 rows, the last one short, on two
  // threads. The reference is the plain loop over units and inner nodes.
  const Methodology m = methodology(
      "id: t\ntitle: T\nversion: '1'\nstatus: draft\nframework:\n  id: root\n  name: Root\n  children:\n"
      "    - id: d1\n      name: D1\n      children:\n"
      "        - {id: a, question: 'A', type: number, goalposts: {low: 0, high: 100}}\n"
      "        - {id: b, question: 'B', type: number, goalposts: {low: 0, high: 100}}\n"
      "    - id: d2\n      name: D2\n      children:\n"
      "        - {id: c, question: 'C', type: number, goalposts: {low: 0, high: 100}}\n");
  std::string csv = "network,a,b,c\n";
  for (int i = 0; i < 15000; ++i)
    csv += "N" + std::to_string(i) + "," + std::to_string(i % 101) + "," + std::to_string((i * 7) % 100) + "." +
           std::to_string(i % 10) + "," + (i % 13 == 0 ? "" : std::to_string((i * 3) % 97)) + "\n";
  const ScoreTable t = scored(m, csv);
  REQUIRE(t.units.size() == 15000);
  std::string reference = "network,period,root,d1,d2\n";
  for (std::size_t u = 0; u < t.units.size(); ++u) {
    reference += t.units[u].network + ",";
    for (const char* id : {"root", "d1", "d2"}) {
      reference += ',';
      if (auto s = t.score(u, *m.find(id))) reference += fmt_number(*s);
    }
    reference += '\n';
  }
  CHECK(write_score_wide(t) == reference);
  std::string pieces;
  std::size_t count = 0;
  CHECK(write_score_wide(t, [&](std::string_view piece) { return pieces.append(piece), ++count, true; }));
  CHECK(pieces == reference);
  CHECK(count == 1 + 4);  // the header, then 4096 + 4096 + 4096 + 2712 rows
  // A refusing sink stops the writer, which says so.
  CHECK_FALSE(write_score_wide(t, [&](std::string_view) { return false; }));
}

namespace {

// In a child process whose files may not grow past `limit` bytes (a write past
// it then fails with EFBIG): opens `target`, writes `pieces` pieces of
// `piece_bytes` (piece i of letter 'a' + i), commits. Returns the commit's
// message, or "committed" / "not opened".
std::string commit_under_size_limit(const fs::path& target, rlim_t limit, int pieces, std::size_t piece_bytes) {
  const fs::path message = scratch() / (target.filename().string() + ".msg");
  fs::remove(message);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit r{limit, limit};
    ::setrlimit(RLIMIT_FSIZE, &r);
    OutputFile out;
    Error err;
    if (!out.open(target.string(), {}, &err)) {
      std::ofstream(message) << "not opened";
      ::_exit(0);
    }
    for (int i = 0; i < pieces; ++i) out.write(std::string(piece_bytes, static_cast<char>('a' + i % 26)));
    const bool committed = out.commit(&err);
    std::ofstream(message) << (committed ? "committed" : err.str());
    ::_exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  return slurp(message);
}

}  // namespace

TEST_CASE("an output written in pieces that cannot be finished leaves nothing behind", "[writers]") {
  // Files may not grow past 64 KiB: the write fails, commit() reports it, and
  // neither the target nor a temporary file is left.
  const fs::path dir = scratch() / "pieces";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path target = dir / "out.csv";
  CHECK(commit_under_size_limit(target, 64 << 10, 4, 40 << 10) == target.string() + ": cannot write: File too large");
  CHECK(fs::is_empty(dir));
}

TEST_CASE("a large output is flushed along the way and arrives whole; abandoned or failing, it leaves nothing", "[writers]") {
  // Over 4 MiB, OutputFile flushes what it has written on a helper thread as it
  // goes. The file must still hold every piece in order (each piece a different
  // letter), and an output abandoned or failing with a flush in flight must
  // leave neither the target nor a temporary file.
  const fs::path dir = scratch() / "large-pieces";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path target = dir / "out.csv";
  auto piece = [](int i) { return std::string(std::size_t{1} << 20, static_cast<char>('a' + i % 26)); };
  {
    OutputFile out;
    Error err;
    REQUIRE(out.open(target.string(), {}, &err));
    for (int i = 0; i < 24; ++i) REQUIRE(out.write(piece(i)));
    REQUIRE(out.commit(&err));
  }
  std::string expected;
  for (int i = 0; i < 24; ++i) expected += piece(i);
  CHECK(slurp(target) == expected);
  fs::remove(target);
  {
    OutputFile out;
    Error err;
    REQUIRE(out.open(target.string(), {}, &err));
    for (int i = 0; i < 13; ++i) REQUIRE(out.write(piece(i)));
  }  // destroyed uncommitted
  CHECK(fs::is_empty(dir));
  // Files may not grow past 6 MiB: the write of the seventh piece fails, after a flush started at 4 MiB.
  CHECK(commit_under_size_limit(target, 6 << 20, 10, std::size_t{1} << 20) == target.string() + ": cannot write: File too large");
  CHECK(fs::is_empty(dir));
}

TEST_CASE("score --format wide writes the same bytes to stdout and to a file", "[writers][cli]") {
  const Run out = run_gpn("score --format wide " + std::string(kPilotArgs));
  REQUIRE(out.code == 0);
  const fs::path file = scratch() / "wide.csv";
  REQUIRE(run_gpn("score --format wide " + std::string(kPilotArgs) + " -o " + file.string()).code == 0);
  CHECK(slurp(file) == out.out);
  // JP's overall score, as the tidy CSV gives it (node "gpn", the root).
  const Run csv = run_gpn("score --format csv " + std::string(kPilotArgs));
  const auto at = csv.out.find("\nJP,2024,gpn,");
  REQUIRE(at != std::string::npos);
  const auto row = csv.out.substr(at + 1, csv.out.find('\n', at + 1) - at - 1);
  std::vector<std::string> cells;
  for (std::size_t p = 0, e; p != std::string::npos; p = e == std::string::npos ? e : e + 1) {
    e = row.find(',', p);
    cells.push_back(row.substr(p, e == std::string::npos ? e : e - p));
  }
  REQUIRE(cells.size() > 5);
  CHECK_THAT(out.out, Catch::StartsWith("network,period,gpn,"));
  CHECK_THAT(out.out, Catch::Contains("\nJP,2024," + cells[5] + ","));
}

// Issue 18: only a regular file (or a new path) is replaced by a rename. The
// expected bytes are what the same command writes to stdout.
TEST_CASE("an output that is a pipe or a link is written through, never replaced", "[writers][cli]") {
  const Run out = run_gpn("score --format csv " + std::string(kPilotArgs));
  REQUIRE(out.code == 0);
  const fs::path dir = scratch() / "not-regular";
  fs::remove_all(dir);
  fs::create_directories(dir);

  SECTION("a FIFO stays a FIFO, and its reader gets every byte") {
    const fs::path fifo = dir / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const fs::path got = dir / "got.csv";
    // The reader runs in the background (for 20 s at most: with no writer it would
    // wait for ever); the shell waits for it before the test looks.
    const Run r = sh("(timeout 20 cat '" + fifo.string() + "' > '" + got.string() + "' & '" GPN_BINARY "' score --format csv " +
                     std::string(kPilotArgs) + " -o '" + fifo.string() + "'; code=$?; wait; exit $code)");
    CHECK(r.code == 0);
    CHECK(fs::is_fifo(fifo));
    CHECK(slurp(got) == out.out);
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 2);  // no temporary left
  }
  SECTION("/dev/null stays a character device") {
    REQUIRE(run_gpn("score --format csv " + std::string(kPilotArgs) + " -o /dev/null").code == 0);
    CHECK(fs::is_character_file("/dev/null"));
  }
  SECTION("a link to a regular file: the file is replaced, the link stays") {
    const fs::path file = dir / "real.csv", link = dir / "link.csv";
    { std::ofstream(file) << "old\n"; }
    fs::create_symlink(file.filename(), link);
    REQUIRE(run_gpn("score --format csv " + std::string(kPilotArgs) + " -o '" + link.string() + "'").code == 0);
    CHECK(fs::is_symlink(fs::symlink_status(link)));
    CHECK(slurp(file) == out.out);
  }
}

TEST_CASE("a report folder that holds an input is refused, and the input survives", "[writers][cli][report]") {
  // The scenario of issue 18: an earlier report folder reused for the inputs.
  const fs::path rep = scratch() / "rep-with-inputs";
  fs::remove_all(rep);
  REQUIRE(run_gpn(std::string("report ") + kPilotArgs + " --format json -o '" + rep.string() + "'").code == 0);
  fs::copy_file(GPN_SOURCE_DIR "/methodology/igpn-gpn.yaml", rep / "m.yaml");
  fs::create_directories(rep / "deeper");
  fs::copy_file(GPN_SOURCE_DIR "/examples/pilot-2024/answers.csv", rep / "deeper" / "answers.csv");
  const std::string before = slurp(rep / "deeper" / "answers.csv");
  const Run r = run_gpn("report -m '" + (rep / "m.yaml").string() + "' '" + (rep / "deeper" / "answers.csv").string() +
                        "' --format json -o '" + rep.string() + "/'");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("the output folder holds the input"));
  CHECK(slurp(rep / "deeper" / "answers.csv") == before);
  CHECK(fs::exists(rep / "m.yaml"));
  CHECK(fs::exists(rep / "report.json"));
}
