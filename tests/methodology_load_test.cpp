// The methodology loader: the format's features, and every mistake a user can
// make reported with file, line and column (positions counted by hand in the
// inline YAML).
#include "test_support.h"

using namespace gpn;

namespace {
const std::string kHead = "id: t\ntitle: T\nversion: '1'\nstatus: draft\n";

std::string with_children(const std::string& children) {
  return kHead + "framework:\n  id: root\n  name: Root\n  children:\n" + children;
}
}  // namespace

TEST_CASE("a methodology loads its metadata, tree, policies and maturity levels", "[methodology]") {
  const auto m = test::methodology(
      "id: my-gpn\ntitle: My GPN\nversion: 2.0\nstatus: official\nsource: Us\nscale: {min: 0, max: 10}\n"
      "missing: drop\nnot_applicable: zero\nmin_coverage: 0.25\n"
      "maturity:\n  - {name: Low, min: 0}\n  - {name: High, min: 5}\n"
      "framework:\n  id: root\n  name: Root\n  children:\n"
      "    - id: d1\n      name: D1\n      weight: 3\n      children:\n"
      "        - {id: q1, question: 'Q1?', type: yes_no}\n"
      "    - id: d2\n      name: D2\n      children:\n"
      "        - {id: q2, question: 'Q2?', type: text}\n        - {id: q3, question: 'Q3?', type: yes_no}\n");
  CHECK(m.id == "my-gpn");
  CHECK(m.version == "2.0");
  CHECK(m.status == "official");
  CHECK(m.scale_max == 10);
  CHECK(m.missing == AbsentPolicy::Drop);
  CHECK(m.not_applicable == AbsentPolicy::Zero);
  CHECK(m.min_coverage == 0.25);
  REQUIRE(m.nodes.size() == 6);
  CHECK(m.nodes[*m.find("q3")].depth == 2);
  CHECK(m.maturity_of(4.99) == "Low");
  CHECK(m.maturity_of(5) == "High");
  const auto shares = m.effective_shares();
  CHECK(shares[*m.find("d1")] == Approx(0.75));  // 3 / (3 + 1)
  CHECK(shares[*m.find("q2")] == 0);             // text is unscored
  CHECK(shares[*m.find("q3")] == Approx(0.25));  // the only scored child of d2
  CHECK(m.nodes[*m.find("q1")].name == "Q1?");   // a question's name defaults to its text
}

TEST_CASE("the bundled methodology validates and says it is illustrative", "[methodology]") {
  Methodology m;
  Error err;
  REQUIRE(load_methodology(GPN_SOURCE_DIR "/methodology/igpn-gpn.yaml", &m, &err));
  CHECK(m.status == "illustrative");
  const auto questions = m.question_nodes();
  CHECK(questions.size() >= 40);
  CHECK(questions.size() <= 70);
  std::set<QuestionType> types;
  for (auto q : questions) types.insert(m.nodes[q].question->type);
  CHECK(types.size() == 9);  // every answer type is used
  for (const auto& n : m.nodes)
    if (!n.is_question() && n.depth == 2) CHECK_FALSE(n.recommendation.empty());
  double total = 0;
  const auto shares = m.effective_shares();
  for (auto q : questions) total += shares[q];
  CHECK(total == Approx(1.0));  // the questions' shares add up to the whole score
}

TEST_CASE("bad methodologies are reported with line, column, expected and found", "[methodology][bad-input]") {
  SECTION("duplicate node id names both places") {
    const auto e = test::methodology_error(with_children(
        "    - {id: a, question: 'A?', type: yes_no}\n    - {id: a, question: 'B?', type: yes_no}\n"));
    CHECK(e.str() == "test.yaml:10:12: duplicate node id 'a' (first defined at line 9)");
  }
  SECTION("a node without children") {
    const auto e = test::methodology_error(with_children("    - id: d\n      name: D\n      children: []\n"));
    CHECK(e.str() == "test.yaml:11:17: node 'd' children: expected a non-empty list of nodes, found a list");
  }
  SECTION("a node with neither children nor a question type") {
    const auto e = test::methodology_error(with_children("    - id: d\n      name: D\n"));
    CHECK_THAT(e.str(), Catch::StartsWith("test.yaml:9:7: node 'd': expected 'children'"));
  }
  SECTION("non-positive weight") {
    const auto e = test::methodology_error(with_children("    - {id: a, question: 'A?', type: yes_no, weight: 0}\n"));
    CHECK(e.str() == "test.yaml:9:53: node 'a' weight: expected a positive number, found '0'");
  }
  SECTION("non-numeric weight") {
    const auto e = test::methodology_error(with_children("    - {id: a, question: 'A?', type: yes_no, weight: heavy}\n"));
    CHECK(e.str() == "test.yaml:9:53: node 'a' weight: expected a finite number, found 'heavy'");
  }
  SECTION("unknown key") {
    const auto e = test::methodology_error(with_children("    - {id: a, question: 'A?', type: yes_no, wieght: 2}\n"));
    CHECK_THAT(e.str(), Catch::StartsWith("test.yaml:9:45: node 'a': unknown key 'wieght'; expected one of:"));
  }
  SECTION("duplicate key") {
    const auto e = test::methodology_error(with_children("    - {id: a, question: 'A?', type: yes_no, type: text}\n"));
    CHECK(e.str() == "test.yaml:9:45: node 'a': key 'type' is given twice");
  }
  SECTION("unknown question type") {
    const auto e = test::methodology_error(with_children("    - {id: a, question: 'A?', type: boolean}\n"));
    CHECK_THAT(e.str(), Catch::StartsWith("test.yaml:9:37: node 'a' type: expected yes_no, scale"));
  }
  SECTION("unknown combination") {
    const auto e = test::methodology_error(kHead + "framework:\n  id: root\n  name: Root\n  combine: median\n"
                                           "  children:\n    - {id: a, question: 'A?', type: yes_no}\n");
    CHECK_THAT(e.str(), Catch::StartsWith("test.yaml:8:12: node 'root' combine: expected arithmetic"));
  }
  SECTION("gate naming no child") {
    const auto e = test::methodology_error(kHead + "framework:\n  id: root\n  name: Root\n  combine: gate\n  gate: z\n"
                                           "  children:\n    - {id: a, question: 'A?', type: yes_no}\n"
                                           "    - {id: b, question: 'B?', type: yes_no}\n");
    CHECK(e.str() == "test.yaml:9:9: node 'root' gate: expected the id of one of its children, found 'z'");
  }
  SECTION("a number question without a scoring rule") {
    const auto e = test::methodology_error(with_children("    - {id: a, question: 'A?', type: number}\n"));
    CHECK_THAT(e.str(), Catch::Contains("needs a scoring rule"));
  }
  SECTION("piecewise values out of order") {
    const auto e = test::methodology_error(with_children("    - {id: a, question: 'A?', type: number, piecewise: [[5, 0], [1, 1]]}\n"));
    CHECK_THAT(e.str(), Catch::StartsWith("test.yaml:9:66: node 'a' piecewise: expected values in increasing order"));
  }
  SECTION("maturity levels not ascending") {
    const auto e = test::methodology_error(kHead + "maturity:\n  - {name: A, min: 0}\n  - {name: B, min: 50}\n"
                                           "  - {name: C, min: 40}\nframework:\n  id: r\n  name: R\n  children:\n"
                                           "    - {id: a, question: 'A?', type: yes_no}\n");
    CHECK_THAT(e.str(), Catch::StartsWith("test.yaml:8:20: maturity level min: expected levels in ascending order"));
  }
  SECTION("missing metadata") {
    const auto e = test::methodology_error("title: T\nversion: '1'\nstatus: draft\nframework: {id: r}\n");
    CHECK(e.str() == "test.yaml:1:1: methodology: missing required key 'id'");
  }
  SECTION("status must be one of three") {
    const auto e = test::methodology_error("id: t\ntitle: T\nversion: '1'\nstatus: final\nframework: {id: r}\n");
    CHECK(e.str() == "test.yaml:4:9: status: expected illustrative, draft or official, found 'final'");
  }
  SECTION("invalid YAML syntax") {
    const auto e = test::methodology_error("id: [t\n");
    CHECK_THAT(e.str(), Catch::StartsWith("test.yaml:"));
    CHECK_THAT(e.str(), Catch::Contains("invalid YAML"));
  }
  SECTION("a tree where nothing is scored") {
    const auto e = test::methodology_error(with_children("    - {id: a, question: 'A?', type: text}\n"));
    CHECK_THAT(e.str(), Catch::Contains("no question in the tree is scored"));
  }
}

TEST_CASE("methodology and weights files: unreadable, empty, directory", "[methodology][bad-input]") {
  Methodology m;
  Error err;
  REQUIRE_FALSE(load_methodology("/nonexistent/m.yaml", &m, &err));
  CHECK(err.str() == "/nonexistent/m.yaml: cannot open: no such file");
  REQUIRE_FALSE(load_methodology(GPN_SOURCE_DIR "/methodology", &m, &err));
  CHECK_THAT(err.str(), Catch::EndsWith("expected a file, found a directory"));
  std::vector<WeightOverride> w;
  REQUIRE_FALSE(load_weights(GPN_SOURCE_DIR "/tests/data/empty.yaml", &w, &err));
  CHECK_THAT(err.str(), Catch::EndsWith("the file is empty"));
  REQUIRE_FALSE(load_weights(GPN_SOURCE_DIR "/tests/data/bad-weights.yaml", &w, &err));
  CHECK_THAT(err.str(), Catch::EndsWith("bad-weights.yaml:3:6: weight of 'MEM': expected a positive number, found '-2'"));
}
