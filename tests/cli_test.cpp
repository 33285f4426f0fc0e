// The gpn binary as a user runs it: exit codes, what goes to stdout and
// stderr, output files, and the bundled content.
#include <nlohmann/json.hpp>

#include "run_process.h"
#include "text/csv.h"
#include "test_support.h"

using namespace gpn::test;

namespace {
const std::string kPilot = kPilotArgs;
}  // namespace

TEST_CASE("validate prints the tree with shares", "[cli]") {
  const Run r = run_gpn("validate methodology/igpn-gpn.yaml");
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("TOOL Tools and knowledge"));
  CHECK_THAT(r.out, Catch::Contains("20.00%"));  // weight 1.5 of 7.5
  CHECK(r.err.empty());
}

TEST_CASE("every command's help shows an example", "[cli]") {
  for (const char* cmd : {"validate", "questionnaire", "score"}) {
    const Run r = run_gpn(std::string(cmd) + " --help");
    CHECK(r.code == 0);
    CHECK_THAT(r.out, Catch::Contains("Example:"));
  }
  CHECK(run_gpn("").code == 2);
  CHECK(run_gpn("score --format xml -m x a.csv").code == 2);
}

TEST_CASE("the bundled questionnaire is in sync with the methodology", "[cli]") {
  const Run r = run_gpn("questionnaire methodology/igpn-gpn.yaml");
  REQUIRE(r.code == 0);
  CHECK(r.out == slurp(GPN_SOURCE_DIR "/questionnaires/igpn-gpn.csv"));
}

TEST_CASE("questionnaire round trip: generate, fill, score", "[cli]") {
  // Filled with each question's best answer every scored node is 100; with the
  // worst, 0. Both follow from the definitions of the rules.
  const Run blank = run_gpn("questionnaire methodology/igpn-gpn.yaml --network RT");
  REQUIRE(blank.code == 0);
  gpn::Methodology m;
  gpn::Error err;
  REQUIRE(gpn::load_methodology(GPN_SOURCE_DIR "/methodology/igpn-gpn.yaml", &m, &err));

  for (const bool best : {true, false}) {
    gpn::CsvReader reader(blank.out, "blank.csv");
    gpn::CsvRecord rec;
    std::string filled;
    bool header = true;
    while (reader.next(&rec, &err)) {
      if (!header) {
        const gpn::Question& q = *m.nodes[*m.find(rec.fields[2])].question;
        std::string answer;
        switch (q.type) {
          case gpn::QuestionType::YesNo: answer = best ? "yes" : "no"; break;
          case gpn::QuestionType::Scale:
          case gpn::QuestionType::SingleChoice: answer = (best ? q.options.back() : q.options.front()).value; break;
          case gpn::QuestionType::MultipleChoice:
            if (!best) answer = "none";
            for (const auto& o : q.options) answer += best ? o.value + ";" : "";
            break;
          case gpn::QuestionType::Number:
            if (q.rule == gpn::NumberRule::Goalposts) answer = gpn::fmt_number(best ? q.goal_high : q.goal_low);
            else if (q.rule == gpn::NumberRule::Piecewise) answer = gpn::fmt_number((best ? q.knots.back() : q.knots.front()).first);
            else answer = gpn::fmt_number(best ? q.bands.back().from : q.bands.front().from);
            break;
          case gpn::QuestionType::Percentage: answer = gpn::fmt_number(best ? q.goal_high : q.goal_low); break;
          case gpn::QuestionType::Year: answer = "2001"; break;
          case gpn::QuestionType::Date: answer = best ? "2024-01-31" : "2010-01-31"; break;
          case gpn::QuestionType::Text: answer = "Some text, with a comma"; break;
          case gpn::QuestionType::Indicator: break;
        }
        rec.fields[3] = answer;
      }
      header = false;
      std::string line;
      for (const auto& f : rec.fields) line += (line.empty() ? "" : ",") + gpn::csv_field(f);
      filled += line + "\n";
    }
    REQUIRE(err.message.empty());
    write_file(scratch() / "filled.csv", filled);
    const Run r = run_gpn("score -m methodology/igpn-gpn.yaml '" + (scratch() / "filled.csv").string() + "' --format csv");
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());  // every question answered: no warnings
    std::istringstream lines(r.out);
    std::string line;
    std::getline(lines, line);
    int scored_rows = 0;
    while (std::getline(lines, line)) {
      if (line.find(",scored,") == std::string::npos) continue;
      ++scored_rows;
      const std::string expected = best ? ",100," : ",0,";
      CHECK_THAT(line, Catch::Contains(expected));
    }
    CHECK(scored_rows == 37 + 23);  // 37 scored questions and 23 inner nodes
  }
}

TEST_CASE("score writes table, csv and json; the same inputs give the same bytes", "[cli]") {
  const Run table = run_gpn("score " + kPilot);
  REQUIRE(table.code == 0);
  CHECK_THAT(table.out, Catch::Contains("JP 2024  Green Purchasing Network, Japan"));
  std::istringstream lines(table.out);
  for (std::string line; std::getline(lines, line);) CHECK(gpn::display_width(line) <= 80);
  CHECK_THAT(table.err, Catch::Contains("gpn: warning: network 'HK' period '2024': 3 questions unanswered"));
  CHECK(table.out.find("warning") == std::string::npos);

  const Run csv1 = run_gpn("score --format csv " + kPilot), csv2 = run_gpn("score --format csv " + kPilot);
  REQUIRE(csv1.code == 0);
  CHECK(csv1.out == csv2.out);
  CHECK_THAT(csv1.out, Catch::StartsWith("network,period,node,name,depth,score,maturity,coverage,"));

  const Run json = run_gpn("score --format json " + kPilot);
  REQUIRE(json.code == 0);
  const auto doc = nlohmann::json::parse(json.out);
  CHECK(doc["methodology"]["status"] == "illustrative");
  CHECK(doc["units"].size() == 5);
  CHECK(doc["units"][1]["network"] == "JP");
  CHECK(doc["units"][1]["attributes"]["region"] == "East Asia");
  CHECK(doc["units"][1]["scores"][0]["node"] == "gpn");
  CHECK(run_gpn("score --format json " + kPilot).out == json.out);
}

TEST_CASE("a user's own methodology scores as worked out by hand", "[cli]") {
  // Lyon: policy partly = 0.5. practice: share 30% -> (30-10)/40*2 = 1 of 2 = 0.5, trained 12 -> 2 of 2 = 1;
  //   mean 0.75. tools: criteria 3 options capped at 2 = 1, labels yes = 1; minimum 1.
  //   rest = sum of points: practice max 4 (2+2), tools max 3 (2+1): (0.75*4 + 1*3)/7 = 6/7.
  //   index = 0.5 * 6/7 = 3/7 -> 4.285714... on 0-10.
  // Oslo: policy yes = 1. practice: share missing (dropped), trained 4 -> 1 of 2 = 0.5; practice 0.5.
  //   tools: criteria national 1 of 2 = 0.5, labels n/a dropped; minimum 0.5.
  //   rest = (0.5*4 + 0.5*3)/7 = 0.5 -> index 5 on 0-10.
  const Run r = run_gpn("score -m tests/data/user-methodology.yaml tests/data/user-answers.csv --format csv");
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("Lyon,,index,City GPP index,0," + gpn::fmt_number(10 * 0.5 * (0.75 * 4 + 3) / 7)));
  CHECK_THAT(r.out, Catch::Contains("Oslo,,index,City GPP index,0,5,Starting,"));
  CHECK_THAT(r.out, Catch::Contains("Lyon,,tools,Tools,1,10,Advanced,1,node,index,scored"));
  CHECK_THAT(r.err, Catch::Contains("network 'Oslo': 1 question unanswered (share)"));
  CHECK(run_gpn("validate tests/data/user-methodology.yaml").code == 0);
}

TEST_CASE("bad input: exit 2, a message naming the place, nothing written", "[cli][bad-input]") {
  const fs::path out = scratch() / "never.csv";
  fs::remove(out);
  write_file(scratch() / "bad-answer.csv", "network,question,answer\nJP,GOV.1.1,maybe\n");
  write_file(scratch() / "unknown-q.csv", "network,question,answer\nJP,GOV.9.9,yes\n");
  write_file(scratch() / "twice.csv", "network,question,answer\nJP,GOV.1.1,yes\nJP,GOV.1.1,no\n");
  write_file(scratch() / "pct.csv", "network,question,answer\nJP,MEM.2.1,140\n");
  write_file(scratch() / "zero-weight.yaml", "GOV: 0\n");
  write_file(scratch() / "unknown-weight.yaml", "GOV: 2\nNOPE: 1\n");
  write_file(scratch() / "empty.csv", "");
  const std::string s = scratch().string();
  const std::pair<std::string, std::string> cases[] = {
      {"score -m methodology/igpn-gpn.yaml " + s + "/bad-answer.csv", "bad-answer.csv:2:12: question 'GOV.1.1': expected yes|no|partly, found 'maybe'"},
      {"score -m methodology/igpn-gpn.yaml " + s + "/unknown-q.csv", "unknown-q.csv:2:4: unknown question id 'GOV.9.9'"},
      {"score -m methodology/igpn-gpn.yaml " + s + "/twice.csv", "twice.csv:3:12: network 'JP' answers question 'GOV.1.1' twice: first at " + s + "/twice.csv:2"},
      {"score -m methodology/igpn-gpn.yaml " + s + "/pct.csv", "pct.csv:2:12: question 'MEM.2.1': expected a number from 0 to 100, found '140'"},
      {"score -m methodology/igpn-gpn.yaml --weights " + s + "/zero-weight.yaml examples/pilot-2024/answers.csv", "zero-weight.yaml:1:6: weight of 'GOV': expected a positive number, found '0'"},
      {"score -m methodology/igpn-gpn.yaml --weights " + s + "/unknown-weight.yaml examples/pilot-2024/answers.csv", "unknown-weight.yaml:2:1: unknown node id 'NOPE'"},
      {"score -m methodology/igpn-gpn.yaml " + s + "/empty.csv", "empty.csv: the file is empty"},
      {"score -m methodology/igpn-gpn.yaml " + s + "/missing.csv", "missing.csv: cannot open: no such file"},
      {"score -m methodology/igpn-gpn.yaml " + s, ": expected a file, found a directory"},
      {"score -m tests/data/bad-weights.yaml examples/pilot-2024/answers.csv", "bad-weights.yaml:2:1: methodology: unknown key 'GOV'"},
  };
  for (const auto& [args, message] : cases) {
    const Run r = run_gpn(args + " --format csv -o " + out.string());
    INFO(args);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains("gpn: error: ") && Catch::Contains(message));
    CHECK(r.out.empty());
    CHECK_FALSE(fs::exists(out));
  }
}

TEST_CASE("output files: an input is never overwritten, a missing folder is an error", "[cli][bad-input]") {
  const std::string before = slurp(GPN_SOURCE_DIR "/examples/pilot-2024/answers.csv");
  const Run same = run_gpn("score " + kPilot + " -o examples/pilot-2024/answers.csv");
  CHECK(same.code == 2);
  CHECK_THAT(same.err, Catch::Contains("the output path is also an input file"));
  CHECK(slurp(GPN_SOURCE_DIR "/examples/pilot-2024/answers.csv") == before);

  const Run nofolder = run_gpn("score " + kPilot + " -o " + (scratch() / "no/such/dir/out.csv").string());
  CHECK(nofolder.code == 2);
  CHECK_THAT(nofolder.err, Catch::Contains("does not exist"));

  const fs::path out = scratch() / "scores.json";
  const Run ok = run_gpn("score --format json " + kPilot + " -o " + out.string());
  CHECK(ok.code == 0);
  CHECK(ok.out.empty());
  CHECK(nlohmann::json::parse(slurp(out))["units"].size() == 5);
  for (const auto& e : fs::directory_iterator(scratch()))
    CHECK(e.path().filename().string().find(".gpn-") == std::string::npos);  // no temporary left behind
}

TEST_CASE("the SDG 12.7.1 SPP Index methodology scores as worked out by hand", "[cli][sdg]") {
  // Aland: B 5 x 2.5 = 12.5; C 3 x 4 = 12; D 10 + 5 (partly) = 15; E 20/3; F 35 % of 20 = 7;
  //   A yes -> P = 12.5 + 12 + 15 + 6.667 + 7 = 53.1667.
  // Borea: 20 + 20 + 20 + 20 + 62 % of 20 = 92.4. Corvia: A no -> 0. Dunmere: B.5 only -> 2.5.
  REQUIRE(run_gpn("validate methodology/sdg-12-7-1-spp-index.yaml").code == 0);
  const Run r = run_gpn("score -m methodology/sdg-12-7-1-spp-index.yaml examples/sdg-12-7-1/answers.csv --format csv");
  REQUIRE(r.code == 0);
  auto score_of = [&](const std::string& country) {
    const auto at = r.out.find("\n" + country + ",,P,");
    REQUIRE(at != std::string::npos);
    std::istringstream row(r.out.substr(at + 1));
    std::string cell;
    for (int i = 0; i < 6; ++i) std::getline(row, cell, ',');
    return std::stod(cell);
  };
  CHECK(score_of("Aland") == Approx(12.5 + 12 + 15 + 20.0 / 3 + 7));
  CHECK(score_of("Borea") == Approx(92.4));
  CHECK(score_of("Corvia") == 0);
  CHECK(score_of("Dunmere") == Approx(2.5));
}

TEST_CASE("streaming scores equal the in-memory scores; rows of a network must be together", "[cli][stream]") {
  const fs::path dir = scratch() / "synth";
  REQUIRE(run_gpn("synth -m methodology/igpn-gpn.yaml --networks 300 --periods 2 --seed 3 -o " + dir.string()).code == 0);
  const std::string answers = (dir / "answers.csv").string();
  for (const char* format : {"csv", "wide"}) {
    const Run whole = run_gpn(std::string("score -m methodology/igpn-gpn.yaml ") + answers + " --format " + format);
    const Run streamed = run_gpn(std::string("score --stream --batch 7 -m methodology/igpn-gpn.yaml ") + answers + " --format " + format);
    INFO(format << " " << streamed.err.substr(0, 300));
    REQUIRE(whole.code == 0);
    REQUIRE(streamed.code == 0);
    CHECK(whole.out == streamed.out);
  }
  // The synthetic answers hold every answer type, missing and not-applicable answers.
  const std::string text = slurp(answers);
  CHECK_THAT(text, Catch::Contains(",n/a,"));
  CHECK_THAT(text, Catch::Contains(",2024,GOV.1.1,,"));
  write_file(scratch() / "split.csv", "network,question,answer\nA,GOV.1.1,yes\nB,GOV.1.1,no\nA,GOV.1.2,3\n");
  const Run split = run_gpn("score --stream --batch 1 -m methodology/igpn-gpn.yaml " + (scratch() / "split.csv").string() +
                            " --format csv -o " + (scratch() / "split-scores.csv").string());
  CHECK(split.code == 2);
  CHECK_THAT(split.err, Catch::Contains("split.csv:4:1: network 'A' appears again after its rows ended"));
  CHECK_FALSE(fs::exists(scratch() / "split-scores.csv"));
}
