// Comparisons and regression checks, with expectations worked out by hand.
#include "gpn/check.h"
#include "gpn/compare.h"
#include "test_support.h"

using namespace gpn;

namespace {
// One yes/no-ish 0-4 scale under the root, so a network's score is answer * 25.
Methodology one_scale() {
  return test::methodology(
      "id: t\ntitle: T\nversion: '1'\nstatus: draft\nframework:\n  id: root\n  name: Root\n  children:\n"
      "    - id: q\n      question: 'Q?'\n      type: scale\n"
      "      options: [{value: '0', points: 0}, {value: '1', points: 1}, {value: '2', points: 2},\n"
      "                {value: '3', points: 3}, {value: '4', points: 4}]\n"
      "    - {id: t, question: 'Text', type: text}\n");
}
}  // namespace

TEST_CASE("ranks: highest is 1, ties share the smaller rank, unscored has none", "[compare]") {
  Eigen::VectorXd v(5);
  v << 50, 75, 50, NAN, 100;
  const Eigen::VectorXi r = competition_ranks(v);
  CHECK(r(4) == 1);
  CHECK(r(1) == 2);
  CHECK(r(0) == 3);
  CHECK(r(2) == 3);
  CHECK(r(3) == 0);
  CHECK(median_of({3, 1, 2}) == 2);
  CHECK(median_of({4, 1, 2, 3}) == 2.5);
}

TEST_CASE("compare: rank, gap to leader and median, percentile", "[compare]") {
  // Scores A 100, B 75, C 75, D 25: median (75 + 75)/2 = 75.
  const auto t = test::scored(one_scale(), "network,question,answer\nA,q,4\nB,q,3\nC,q,3\nD,q,1\n");
  ComparisonSet set;
  Error err;
  REQUIRE(compare(t, nullptr, "", &set, &err));
  REQUIRE(set.comparisons.size() == 1);
  const Comparison& c = set.comparisons[0];
  CHECK(c.rank(0, 0) == 1);
  CHECK(c.rank(1, 0) == 2);
  CHECK(c.rank(2, 0) == 2);
  CHECK(c.rank(3, 0) == 4);
  CHECK(c.median(0) == 75);
  CHECK(c.mean(0) == Approx(68.75));
  CHECK(c.gap_to_leader(3, 0) == -75);
  CHECK(c.gap_to_median(0, 0) == 25);
  // Percentile: share of the other 3 scored below. A: 3/3; B: 1/3; D: 0.
  CHECK(c.percentile(0, 0) == 100);
  CHECK(c.percentile(1, 0) == Approx(100.0 / 3));
  CHECK(c.percentile(3, 0) == 0);
}

TEST_CASE("compare by a networks column, and changes between periods", "[compare]") {
  const auto t = test::scored(one_scale(),
                              "network,period,question,answer\nA,2023,q,2\nA,2024,q,4\nB,2024,q,1\nC,2024,q,3\nB,2023,q,1\n");
  NetworkTable nets;
  nets.columns = {"id", "name", "region"};
  nets.networks = {{"A", "A", {{"region", "North"}}}, {"B", "B", {{"region", "South"}}}, {"C", "C", {{"region", "North"}}}};
  nets.index = {{"A", 0}, {"B", 1}, {"C", 2}};
  ComparisonSet set;
  Error err;
  REQUIRE(compare(t, &nets, "region", &set, &err));
  // 2023: North {A}, South {B}; 2024: North {A, C}, South {B}.
  REQUIRE(set.comparisons.size() == 4);
  CHECK(set.comparisons[0].period == "2023");
  CHECK(set.comparisons[2].period == "2024");
  CHECK(set.comparisons[2].group == "North");
  CHECK(set.comparisons[2].mean(0) == Approx(87.5));  // (100 + 75) / 2
  // A rose from 50 to 100 at the root; B stayed at 25.
  bool seen_a = false;
  for (const auto& ch : set.changes)
    if (ch.network == "A" && ch.node == 0) {
      seen_a = true;
      CHECK(ch.from == 50);
      CHECK(ch.to == 100);
      CHECK(ch.from_period == "2023");
    }
  CHECK(seen_a);
  REQUIRE_FALSE(compare(t, &nets, "continent", &set, &err));
  CHECK_THAT(err.message, Catch::Contains("expected a column of the networks file (id, name, region)"));
}

TEST_CASE("check: within tolerance passes; a moved, missing or extra score is a difference", "[check]") {
  const auto t = test::scored(one_scale(), "network,question,answer\nA,q,4\nB,q,3\n");
  const std::string header = "network,period,node,name,depth,score\n";
  std::vector<Difference> diffs;
  Error err;
  const std::string exact = header + "A,,root,Root,0,100\nA,,q,Q,1,100\nA,,t,T,1,\nB,,root,Root,0,75\nB,,q,Q,1,75\nB,,t,T,1,\n";
  REQUIRE(check_scores(t, exact, "e.csv", 1e-9, &diffs, &err));
  CHECK(diffs.empty());

  const std::string moved = header + "A,,root,Root,0,100.1\nA,,q,Q,1,100\nA,,t,T,1,\nB,,q,Q,1,75\nB,,t,T,1,\nC,,q,Q,1,5\n";
  REQUIRE(check_scores(t, moved, "e.csv", 1e-9, &diffs, &err));
  REQUIRE(diffs.size() == 3);
  CHECK(diffs[0].node == "root");
  CHECK(diffs[0].expected == "100.1");
  CHECK(diffs[0].got == "100");
  CHECK(diffs[0].line == 2);
  CHECK(diffs[1].network == "B");  // B's root row is absent from the expected file
  CHECK(diffs[1].expected == "(absent)");
  CHECK(diffs[2].network == "C");  // C is expected but not scored
  CHECK(diffs[2].got == "(absent)");
  REQUIRE(check_scores(t, moved, "e.csv", 0.5, &diffs, &err));
  CHECK(diffs.size() == 2);  // 0.1 is within 0.5

  REQUIRE_FALSE(check_scores(t, "network,node\n", "e.csv", 0, &diffs, &err));
  CHECK_THAT(err.str(), Catch::StartsWith("e.csv:1:1: header: expected the columns of 'gpn score --format csv'"));
  REQUIRE_FALSE(check_scores(t, header + "A,,root,Root,0,high\n", "e.csv", 0, &diffs, &err));
  CHECK(err.str() == "e.csv:2:16: score: expected a number or nothing, found 'high'");
}
