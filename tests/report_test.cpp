// gpn report through the binary: every section in every format, identical
// bytes on reruns, hostile text made inert, and folders replaced atomically.
#include <nlohmann/json.hpp>

#include "run_process.h"
#include "test_support.h"

using namespace gpn::test;

namespace {
const std::string kPilot = kPilotArgs;
const std::string kHostile =
    "-m tests/data/user-methodology.yaml tests/data/hostile-answers.csv --networks tests/data/hostile-networks.csv";
}  // namespace

TEST_CASE("the pilot report has every section in every format", "[report]") {
  const fs::path dir = scratch() / "pilot";
  const Run r = run_gpn("report " + kPilot + " --format html,md,json,xlsx --date 2024-12-01 -o " + dir.string());
  INFO(r.err);
  REQUIRE(r.code == 0);
  const std::string html = slurp(dir / "report.html");
  const std::string md = slurp(dir / "report.md");
  for (const char* section : {"1. Summary", "2. The methodology", "3. Network profiles", "4. Comparison",
                              "5. What the pilot says about the questionnaire", "6. Annex"}) {
    CHECK_THAT(html, Catch::Contains(std::string("<h2>") + section + "</h2>"));
    CHECK_THAT(md, Catch::Contains(std::string("## ") + section));
  }
  for (const char* name : {"Green Purchasing Network, Japan", "Green Purchasing Network Malaysia", "Korea Green Purchasing Network",
                           "Thailand Environment Institute", "Hong Kong Green Purchasing Charter"}) {
    CHECK_THAT(html, Catch::Contains(name));
    CHECK_THAT(md, Catch::Contains(name));
  }
  CHECK_THAT(html, Catch::Contains("2024-12-01"));
  CHECK_THAT(html, Catch::Contains("<svg") && Catch::Contains("role=\"img\"") && Catch::Contains("<title>"));
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg"));  // no external requests, only SVG namespaces
  CHECK_THAT(html, Catch::Contains("@page{size:A4"));
  // Markdown charts are files beside the report, one radar and one bar chart per network plus the heatmap.
  std::size_t svgs = 0;
  for (const auto& e : fs::directory_iterator(dir / "charts")) {
    ++svgs;
    CHECK_THAT(md, Catch::Contains("(charts/" + e.path().filename().string() + ")"));
  }
  CHECK(svgs == 11);
  // The annex names every input with its SHA-256 (checked against sha256sum, an independent tool).
  const Run sum = sh("sha256sum examples/pilot-2024/answers.csv");
  CHECK_THAT(html, Catch::Contains(sum.out.substr(0, 64)));

  const auto json = nlohmann::json::parse(slurp(dir / "report.json"));
  CHECK(json["format"] == "gpn-report/1");
  CHECK(json["scores"]["units"].size() == 5);
  CHECK(json["profiles"].size() == 5);
  CHECK(json["questionnaire"]["questions"].size() == 40);
  CHECK(json["annex"]["inputs"].size() == 3);

  const Run sheets = sh("unzip -p '" + (dir / "report.xlsx").string() + "' xl/workbook.xml");
  for (const char* sheet : {"Summary", "Methodology", "Scores", "Comparison", "Questions", "Correlated", "Consistency", "Inputs"})
    CHECK_THAT(sheets.out, Catch::Contains(std::string("name=\"") + sheet + "\""));
  // Numbers are stored as numbers: HK's overall score (first row) is a numeric cell, not t="s" (string).
  const Run summary = sh("unzip -p '" + (dir / "report.xlsx").string() + "' xl/worksheets/sheet1.xml");
  CHECK_THAT(summary.out, Catch::Contains("<c r=\"E2\"><v>44.8888888888888"));
}

TEST_CASE("the same inputs give the same report bytes", "[report]") {
  const fs::path a = scratch() / "same-a", b = scratch() / "same-b";
  REQUIRE(run_gpn("report " + kPilot + " --format html,md,json,xlsx -o " + a.string()).code == 0);
  REQUIRE(run_gpn("report " + kPilot + " --format html,md,json,xlsx -o " + b.string()).code == 0);
  for (const auto& e : fs::recursive_directory_iterator(a)) {
    if (!e.is_regular_file()) continue;
    const fs::path rel = fs::relative(e.path(), a);
    INFO(rel.string());
    CHECK(slurp(e.path()) == slurp(b / rel));
  }
}

TEST_CASE("hostile answers come out inert in every format", "[report][bad-input]") {
  const fs::path dir = scratch() / "hostile";
  const Run r = run_gpn("report " + kHostile + " --format html,md,json,xlsx -o " + dir.string());
  INFO(r.err);
  REQUIRE(r.code == 0);
  const std::string html = slurp(dir / "report.html");
  CHECK(html.find("<script>alert") == std::string::npos);
  CHECK(html.find("<img src=x") == std::string::npos);
  CHECK(html.find("<b>Bold</b>") == std::string::npos);
  CHECK_THAT(html, Catch::Contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK_THAT(html, Catch::Contains("&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;quoted&quot; network"));
  const std::string md = slurp(dir / "report.md");
  CHECK(md.find("<script>") == std::string::npos);
  CHECK(md.find("[a link](http") == std::string::npos);
  CHECK(md.find("![pic](http") == std::string::npos);
  CHECK_THAT(md, Catch::Contains("\\[a link\\]\\(http://evil.example\\)"));
  // Network ids never become paths: every chart lies inside charts/ with a sanitised name.
  CHECK_FALSE(fs::exists(scratch() / "etc"));
  for (const auto& e : fs::directory_iterator(dir / "charts"))
    CHECK(e.path().filename().string().find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") ==
          std::string::npos);
  CHECK(fs::exists(dir / "charts" / "profile-1-______etc_passwd-radar.svg"));
  // XLSX cells are strings, never formulas.
  const Run sheets = sh("unzip -p '" + (dir / "report.xlsx").string() + "' 'xl/worksheets/*.xml'");
  CHECK(sheets.out.find("<f>") == std::string::npos);
  const Run strings = sh("unzip -p '" + (dir / "report.xlsx").string() + "' xl/sharedStrings.xml");
  CHECK_THAT(strings.out, Catch::Contains("<t>=HYPERLINK(\"http://evil.example\",\"click\")</t>"));
  // CSV output neutralises cells a spreadsheet would run.
  const Run csv = run_gpn("score " + kHostile + " --format csv");
  CHECK_THAT(csv.out, Catch::Contains("\n'=1+2,,index,"));
  CHECK_THAT(csv.out, Catch::Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""));
  CHECK_THAT(csv.out, Catch::Contains(",'+cmd|' /C calc'!A0\n"));
  CHECK_THAT(csv.out, Catch::Contains(",'@SUM(1+1)\n"));
  // JSON escapes by construction and parses.
  CHECK(nlohmann::json::parse(slurp(dir / "report.json"))["profiles"].size() == 3);
}

TEST_CASE("report folders are written whole or not at all", "[report][bad-input]") {
  const fs::path dir = scratch() / "atomic";
  REQUIRE(run_gpn("report " + kPilot + " --format html -o " + dir.string()).code == 0);
  const std::string before = slurp(dir / "report.html");
  // A failing run leaves the previous report as it was.
  write_file(scratch() / "bad.csv", "network,question,answer\nJP,GOV.1.1,maybe\n");
  const Run bad = run_gpn("report -m methodology/igpn-gpn.yaml " + (scratch() / "bad.csv").string() + " -o " + dir.string());
  CHECK(bad.code == 2);
  CHECK_THAT(bad.err, Catch::Contains("bad.csv:2:12: question 'GOV.1.1'"));
  CHECK(slurp(dir / "report.html") == before);
  // A successful run replaces it completely (md only now: the html is gone).
  REQUIRE(run_gpn("report " + kPilot + " --format md -o " + dir.string()).code == 0);
  CHECK(fs::exists(dir / "report.md"));
  CHECK_FALSE(fs::exists(dir / "report.html"));
  // A folder gpn did not write is never replaced.
  const fs::path mine = scratch() / "mine";
  fs::create_directories(mine);
  write_file(mine / "thesis.docx", "precious");
  const Run refused = run_gpn("report " + kPilot + " -o " + mine.string());
  CHECK(refused.code == 2);
  CHECK_THAT(refused.err, Catch::Contains("was not written by 'gpn report'"));
  CHECK(slurp(mine / "thesis.docx") == "precious");
  const Run missing = run_gpn("report " + kPilot + " -o " + (scratch() / "no/such/out").string());
  CHECK(missing.code == 2);
  CHECK_THAT(missing.err, Catch::Contains("does not exist"));
  CHECK(run_gpn("report " + kPilot + " --date 12/01/2024 -o " + dir.string()).code == 2);
  for (const auto& e : fs::directory_iterator(scratch())) CHECK(e.path().filename().string().find(".gpn-") == std::string::npos);
}

TEST_CASE("gpn check passes on the bundled expected scores and fails when a weight moves", "[report][check]") {
  const Run ok = run_gpn("check " + kPilot + " --expect examples/pilot-2024/expected-scores.csv");
  INFO(ok.err);
  CHECK(ok.code == 0);
  CHECK_THAT(ok.out, Catch::Contains("315 scores match"));
  write_file(scratch() / "w.yaml", "TOOL: 3\n");
  const Run moved = run_gpn("check " + kPilot + " --weights " + (scratch() / "w.yaml").string() +
                        " --expect examples/pilot-2024/expected-scores.csv");
  CHECK(moved.code == 1);
  CHECK_THAT(moved.out, Catch::Contains("JP,2024,gpn,87.4111111111111,"));
  CHECK(run_gpn("check " + kPilot + " --expect no-such-file.csv").code == 2);
}

TEST_CASE("gpn compare prints ranks and groups", "[report][compare]") {
  const Run table = run_gpn("compare " + kPilot + " --by region");
  REQUIRE(table.code == 0);
  CHECK_THAT(table.out, Catch::Contains("Period 2024, region East Asia (3 networks)"));
  CHECK_THAT(table.out, Catch::Contains("   1  JP  Green Purchasing Network, Ja~    87.4        0.0      +12.5     100"));
  const Run csv = run_gpn("compare " + kPilot + " --format csv");
  CHECK_THAT(csv.out, Catch::StartsWith("period,group,network,node,name,depth,score,rank,of,"));
  CHECK(nlohmann::json::parse(run_gpn("compare " + kPilot + " --format json").out)["comparisons"].size() == 1);
  const Run bad = run_gpn("compare " + kPilot + " --by continent");
  CHECK(bad.code == 2);
  CHECK_THAT(bad.err, Catch::Contains("--by: expected a column of the networks file (id, name, country, region, type, founded)"));
}

TEST_CASE("report --sensitivity adds the robustness of the ranking with its chart", "[report][sensitivity]") {
  const fs::path a = scratch() / "sens-a", b = scratch() / "sens-b";
  const Run r = run_gpn("report " + kPilot + " --sensitivity 300 --format html,md,json -o " + a.string());
  INFO(r.err);
  REQUIRE(r.code == 0);
  const std::string html = slurp(a / "report.html");
  CHECK_THAT(html, Catch::Contains("<h3>Robustness of the ranking</h3>"));
  CHECK_THAT(html, Catch::Contains("Rank intervals under uncertainty"));
  CHECK(fs::exists(a / "charts" / "rank-intervals.svg"));
  const auto json = nlohmann::json::parse(slurp(a / "report.json"));
  CHECK(json["sensitivity"]["units"].size() == 5);
  CHECK(json["sensitivity"]["runs"] == 300 * 4);
  REQUIRE(run_gpn("report " + kPilot + " --sensitivity 300 --format html,md,json -o " + b.string()).code == 0);
  CHECK(slurp(b / "report.html") == html);  // same seed, same bytes
}

TEST_CASE("answers for two periods: ranks per period and changes in compare and the report", "[report][time-series]") {
  const std::string both = "-m methodology/igpn-gpn.yaml examples/pilot-2024/answers.csv examples/time-series/answers-2023.csv "
                           "--networks examples/pilot-2024/networks.csv";
  const Run cmp = run_gpn("compare " + both);
  REQUIRE(cmp.code == 0);
  CHECK_THAT(cmp.out, Catch::Contains("Period 2023 (2 networks)"));
  CHECK_THAT(cmp.out, Catch::Contains("Period 2024 (5 networks)"));
  CHECK_THAT(cmp.out, Catch::Contains("Changes between periods"));
  // JP's 2024 overall score is the pilot's 87.41; its 2023 score is lower, so the change is positive.
  const Run csv = run_gpn("compare " + both + " --format csv");
  CHECK_THAT(csv.out, Catch::Contains("\n2024,,JP,gpn,Overall GPN performance,0,87.4111111111111,1,5,"));
  CHECK_THAT(csv.out, Catch::Contains(",2023,6.4"));
  const fs::path dir = scratch() / "trend";
  REQUIRE(run_gpn("report " + both + " --format html -o " + dir.string()).code == 0);
  const std::string html = slurp(dir / "report.html");
  CHECK_THAT(html, Catch::Contains("<caption>Change since 2023</caption>"));
  CHECK_THAT(html, Catch::Contains("Ranking, period 2023"));
}
