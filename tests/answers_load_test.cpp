// Reading answers: long and wide CSV, RFC 4180 quoting, BOM and CRLF, and the
// errors a user can cause, each with file, line and column.
#include "text/csv.h"
#include "test_support.h"

using namespace gpn;

namespace {
Methodology small() {
  return test::methodology(
      "id: t\ntitle: T\nversion: '1'\nstatus: draft\nframework:\n  id: root\n  name: Root\n  children:\n"
      "    - {id: q1, question: 'Q1?', type: yes_no}\n"
      "    - {id: q2, question: 'Q2?', type: percentage, goalposts: {low: 0, high: 100}}\n"
      "    - {id: q3, question: 'Q3?', type: text}\n");
}

Error load_error(const std::string& csv) {
  AnswerSet set;
  Error err;
  REQUIRE_FALSE(parse_answers(csv, "answers.csv", small(), &set, &err));
  return err;
}
}  // namespace

TEST_CASE("long CSV with quoting, BOM, CRLF, comments and periods", "[answers]") {
  const std::string csv =
      "\xEF\xBB\xBFnetwork,period,question,answer,comment\r\n"
      "JP,2024,q1,yes,\"a comment, with a comma\r\nand a new line\"\r\n"
      "JP,2024,q2,40,\r\n"
      "JP,2024,q3,\"He said \"\"green\"\"\",\r\n";
  AnswerSet set;
  Error err;
  REQUIRE(parse_answers(csv, "answers.csv", small(), &set, &err));
  REQUIRE(set.answers.size() == 3);
  CHECK(set.answers[0].comment == "a comment, with a comma\r\nand a new line");
  CHECK(set.answers[1].line == 4);  // the quoted comment spans lines 2-3
  CHECK(set.answers[2].value == "He said \"green\"");
  CHECK(set.units[set.answers[0].unit].period == "2024");
  const auto t = test::scored(small(), csv);
  CHECK(test::score_of(t, "JP", "root") == Approx(70));  // (1 + 0.4) / 2; q3 is text
}

TEST_CASE("wide CSV: one row per network, one column per question", "[answers]") {
  const auto t = test::scored(small(), "network,q1,q2\nJP,yes,40\nMY,no,\n");
  CHECK(test::score_of(t, "JP", "root") == Approx(70));
  CHECK(test::score_of(t, "MY", "root") == 0);  // no + missing (counted as zero)
  CHECK(t.units.size() == 2);
}

TEST_CASE("several files form one set; a question answered twice names both lines", "[answers]") {
  const Methodology m = small();
  AnswerSet set;
  Error err;
  REQUIRE(parse_answers("network,question,answer\nJP,q1,yes\n", "a.csv", m, &set, &err));
  REQUIRE(parse_answers("network,question,answer\nMY,q1,no\n", "b.csv", m, &set, &err));
  REQUIRE_FALSE(parse_answers("network,question,answer\nKR,q2,1\nJP,q1,no\n", "c.csv", m, &set, &err));
  CHECK(err.str() == "c.csv:3:7: network 'JP' answers question 'q1' twice: first at a.csv:2");
}

TEST_CASE("bad answer files are reported with line and column", "[answers][bad-input]") {
  CHECK(load_error("network,question,answer\nJP,q9,yes\n").str() ==
        "answers.csv:2:4: unknown question id 'q9': expected a question of methodology 't' (see gpn questionnaire)");
  CHECK(load_error("network,question,answer\nJP,root,yes\n").str() ==
        "answers.csv:2:4: unknown question id 'root': expected a question of methodology 't' (that id is an inner node)");
  CHECK(load_error("network,q1,zz\nJP,yes,1\n").str() ==
        "answers.csv:1:12: unknown question id 'zz': expected a question of methodology 't' (see gpn questionnaire)");
  CHECK(load_error("network,question,answer\nJP,q1\n").str() == "answers.csv:2: expected 3 fields as in the header, found 2");
  CHECK(load_error("network,question,answer\nJP,q1,\"yes\n").str() ==
        "answers.csv:2:7: unterminated quoted field: expected a closing '\"', found the end of the file");
  CHECK(load_error("question,answer\nq1,yes\n").str().find("expected a 'network' column") != std::string::npos);
  CHECK(load_error("network,question,question,answer\n").str() == "answers.csv:1:18: header: column 'question' is given twice");
  CHECK(load_error("network,question,answer\n,q1,yes\n").str() == "answers.csv:2:1: expected a network id, found an empty cell");
  CHECK(load_error("network,question,answer\nJP,q1,\xEF\xBB\xBFyes\n").str() ==
        "answers.csv:2:7: unexpected byte order mark inside the data (files joined together?)");
  CHECK(load_error("network,question,answer\nJP,q1,ye\"s\n").str() ==
        "answers.csv:2:9: unexpected '\"' inside an unquoted field: quote the whole field and double inner quotes");

  const Methodology m = small();
  CHECK(test::score_error(m, "network,question,answer\nJP,q1,maybe\n").str() ==
        "answers.csv:2:7: question 'q1': expected yes|no, found 'maybe'");
  CHECK(test::score_error(m, "network,question,answer\nJP,q2,140\n").str() ==
        "answers.csv:2:7: question 'q2': expected a number from 0 to 100, found '140'");
  CHECK(test::score_error(m, "network,question,answer\n").str() ==
        "no answers to score: the answer files hold a header but no rows");
}

TEST_CASE("networks file gives labels and attributes", "[answers]") {
  NetworkTable t;
  Error err;
  REQUIRE(load_networks(GPN_SOURCE_DIR "/examples/pilot-2024/networks.csv", &t, &err));
  REQUIRE(t.networks.size() == 5);
  const Network* jp = t.find("JP");
  REQUIRE(jp);
  CHECK(jp->name == "Green Purchasing Network, Japan");
  CHECK(jp->attributes[1] == std::make_pair(std::string("region"), std::string("East Asia")));
}

TEST_CASE("CSV writing quotes where needed and neutralises formulas reversibly", "[csv]") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_text("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(csv_text("+1") == "'+1");
  CHECK(csv_text("@SUM(A1)") == "'@SUM(A1)");
  for (std::string s : {"=1+1", "-5", "'=x", "''-y", "plain", "'quoted'"}) {
    const std::string written = csv_text(s) + "\n";
    CsvReader r(written, "x.csv");
    CsvRecord rec;
    Error err;
    REQUIRE(r.next(&rec, &err));
    CHECK(csv_untext(rec.fields[0]) == s);
  }
}
