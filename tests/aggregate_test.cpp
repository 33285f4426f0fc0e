// Aggregation rules, missing / not-applicable policies and coverage. Every
// expected value is worked out by hand in the comment beside it; the last test
// holds the row-by-row arithmetic mean to the general array path instead.
#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <random>
#include <set>

#include "score/aggregate_reference.h"
#include "test_support.h"

using namespace gpn;
using test::score_of;

namespace {

// Root with one inner node `n` combining three yes/no-ish questions a, b, c
// (a, b worth 1 point; c a 0-4 scale) with weights 1, 1, 2.
std::string three_children(const std::string& node_settings, const std::string& root_settings = "") {
  return "id: t\ntitle: T\nversion: '1'\nstatus: draft\n" + root_settings +
         "framework:\n  id: root\n  name: Root\n  children:\n"
         "    - id: n\n      name: N\n" + node_settings +
         "      children:\n"
         "        - {id: a, question: 'A?', type: yes_no, weight: 1, points: {yes: 1, no: 0, partly: 0.5}, allow_not_applicable: true}\n"
         "        - {id: b, question: 'B?', type: yes_no, weight: 1, allow_not_applicable: true}\n"
         "        - id: c\n          question: C?\n          type: scale\n          weight: 2\n"
         "          allow_not_applicable: true\n"
         "          options: [{value: '0', points: 0}, {value: '1', points: 1}, {value: '2', points: 2},"
         "           {value: '3', points: 3}, {value: '4', points: 4}]\n";
}

std::string answers(const std::string& a, const std::string& b, const std::string& c) {
  return "network,question,answer\nX,a," + a + "\nX,b," + b + "\nX,c," + c + "\n";
}

}  // namespace

TEST_CASE("weighted arithmetic mean of children's shares", "[aggregate]") {
  const auto m = test::methodology(three_children(""));
  // a partly = 0.5, b yes = 1, c 1 of 4 = 0.25; weights 1,1,2: (0.5 + 1 + 2*0.25)/4 = 0.5
  const auto t = test::scored(m, answers("partly", "yes", "1"));
  CHECK(score_of(t, "X", "n") == Approx(50));
  CHECK(score_of(t, "X", "root") == Approx(50));
  CHECK(score_of(t, "X", "c") == Approx(25));
}

TEST_CASE("weighted geometric and harmonic means", "[aggregate]") {
  // shares 0.5, 1, 0.25 with weights 1,1,2
  // geometric: exp((ln 0.5 + ln 1 + 2 ln 0.25)/4) = (0.5 * 0.0625)^(1/4) = 0.03125^(0.25) = 0.42044820762...
  const auto g = test::scored(test::methodology(three_children("      combine: geometric\n")), answers("partly", "yes", "1"));
  CHECK(score_of(g, "X", "n") == Approx(100 * std::pow(0.03125, 0.25)));
  // harmonic: 4 / (1/0.5 + 1/1 + 2/0.25) = 4 / 11
  const auto h = test::scored(test::methodology(three_children("      combine: harmonic\n")), answers("partly", "yes", "1"));
  CHECK(score_of(h, "X", "n") == Approx(400.0 / 11));
  // A zero child makes both means zero.
  const auto z = test::scored(test::methodology(three_children("      combine: geometric\n")), answers("no", "yes", "4"));
  CHECK(score_of(z, "X", "n") == 0);
}

TEST_CASE("minimum takes the weakest child", "[aggregate]") {
  const auto t = test::scored(test::methodology(three_children("      combine: minimum\n")), answers("partly", "yes", "1"));
  CHECK(score_of(t, "X", "n") == Approx(25));
}

TEST_CASE("sum of points is capped at the node's maximum", "[aggregate]") {
  // Points: a 0.5 + b 1 + c 3 = 4.5 of 6 -> 75; capped at 4: min(4.5, 4)/4 = 100
  const auto m = test::methodology(three_children("      combine: sum\n"));
  CHECK(score_of(test::scored(m, answers("partly", "yes", "3")), "X", "n") == Approx(75));
  const auto capped = test::methodology(three_children("      combine: sum\n      max_points: 4\n"));
  CHECK(score_of(test::scored(capped, answers("partly", "yes", "3")), "X", "n") == Approx(100));
  // 1.5 of 4 = 37.5
  CHECK(score_of(test::scored(capped, answers("partly", "yes", "0")), "X", "n") == Approx(37.5));
}

TEST_CASE("a gate multiplies the combination of the other children", "[aggregate]") {
  // UNEP SPP Index style: P = A x (B + C). a gates; rest = sum of b and c points over 5.
  const auto m = test::methodology(three_children("      combine: gate\n      gate: a\n      rest: sum\n"));
  // a yes (1) x (b yes 1 + c 3) / 5 = 0.8
  CHECK(score_of(test::scored(m, answers("yes", "yes", "3")), "X", "n") == Approx(80));
  // a partly 0.5 x 0.8 = 0.4
  CHECK(score_of(test::scored(m, answers("partly", "yes", "3")), "X", "n") == Approx(40));
  // a no: everything is zero
  CHECK(score_of(test::scored(m, answers("no", "yes", "4")), "X", "n") == 0);
  // Default rest is the weighted arithmetic mean: (1*1 + 2*0.75)/3 = 0.8333...
  const auto mean = test::methodology(three_children("      combine: gate\n      gate: a\n"));
  CHECK(score_of(test::scored(mean, answers("yes", "yes", "3")), "X", "n") == Approx(250.0 / 3));
  // The share listing reports the gate child as multiplying, the rest by points: b 1/5, c 4/5 of n.
  const auto shares = m.effective_shares();
  CHECK(shares[*m.find("a")] == Approx(1.0));
  CHECK(shares[*m.find("b")] == Approx(0.2));
  CHECK(shares[*m.find("c")] == Approx(0.8));
}

TEST_CASE("missing answers count as zero or are dropped with weights renormalised", "[aggregate]") {
  // a missing, b yes (1), c 2 of 4 (0.5)
  const auto zero = test::methodology(three_children("      missing: zero\n"));
  const auto t0 = test::scored(zero, answers("", "yes", "2"));
  CHECK(score_of(t0, "X", "n") == Approx(50));  // (0 + 1 + 2*0.5)/4
  CHECK(t0.coverage_at(0, *zero.find("n")).value() == Approx(0.75));  // answered weight 3 of 4

  const auto drop = test::methodology(three_children("      missing: drop\n"));
  const auto t1 = test::scored(drop, answers("", "yes", "2"));
  CHECK(score_of(t1, "X", "n") == Approx(200.0 / 3));  // (1 + 2*0.5)/3
  CHECK(t1.coverage_at(0, *drop.find("n")).value() == Approx(0.75));
}

TEST_CASE("not applicable is dropped (default) or counted as zero; it is not held against coverage", "[aggregate]") {
  const auto drop = test::methodology(three_children(""));
  const auto t = test::scored(drop, answers("n/a", "yes", "2"));
  CHECK(score_of(t, "X", "n") == Approx(200.0 / 3));  // (1 + 2*0.5)/3
  CHECK(t.coverage_at(0, *drop.find("n")).value() == Approx(1.0));

  const auto zero = test::methodology(three_children("      not_applicable: zero\n"));
  CHECK(score_of(test::scored(zero, answers("n/a", "yes", "2")), "X", "n") == Approx(50));  // (0 + 1 + 1)/4

  // Everything not applicable: the node is not applicable, and so is its parent.
  const auto all_na = test::scored(drop, answers("n/a", "n/a", "n/a"));
  CHECK(test::state_of(all_na, "X", "n") == NodeState::NotApplicable);
  CHECK(test::state_of(all_na, "X", "root") == NodeState::NotApplicable);
}

TEST_CASE("below the minimum coverage a node is not computable", "[aggregate]") {
  // Only c answered: coverage 2/4 = 0.5
  const auto m = test::methodology(three_children("      min_coverage: 0.6\n"));
  const auto t = test::scored(m, answers("", "", "4"));
  CHECK(test::state_of(t, "X", "n") == NodeState::Missing);
  CHECK(t.coverage_at(0, *m.find("n")).value() == Approx(0.5));
  // The root's only child is not computable; under the default "missing: zero" it counts as 0.
  CHECK(score_of(t, "X", "root") == 0);
  CHECK(t.coverage_at(0, 0).value() == Approx(0.5));
  // Under "missing: drop" nothing is left, so the root is not computable either.
  const auto dropping = test::methodology(three_children("      min_coverage: 0.6\n", "missing: drop\n"));
  CHECK(test::state_of(test::scored(dropping, answers("", "", "4")), "X", "root") == NodeState::Missing);

  // The methodology-wide setting applies when a node has none: 0.5 is enough.
  const auto wide = test::methodology(three_children("", "min_coverage: 0.5\n"));
  CHECK(score_of(test::scored(wide, answers("", "", "4")), "X", "n") == Approx(50));  // (0+0+2*1)/4
}

TEST_CASE("policies are inherited from the nearest ancestor that sets them", "[aggregate]") {
  const auto m = test::methodology(three_children("", "missing: drop\n"));
  CHECK(m.missing_at(*m.find("n")) == AbsentPolicy::Drop);
  CHECK(score_of(test::scored(m, answers("", "yes", "2")), "X", "n") == Approx(200.0 / 3));
}

TEST_CASE("weight overrides change the result as the weights say", "[aggregate]") {
  auto m = test::methodology(three_children(""));
  const std::vector<WeightOverride> w = {{"c", 6, 1, 1}};
  Error err;
  REQUIRE(apply_weights(w, "w.yaml", &m, &err));
  // (0.5 + 1 + 6*0.25)/8 = 3/8
  CHECK(score_of(test::scored(m, answers("partly", "yes", "1")), "X", "n") == Approx(37.5));

  const std::vector<WeightOverride> unknown = {{"zz", 2, 3, 1}};
  REQUIRE_FALSE(apply_weights(unknown, "w.yaml", &m, &err));
  CHECK(err.str() == "w.yaml:3:1: unknown node id 'zz': expected an id from methodology test.yaml");
}

// The weighted arithmetic mean is summed unit by unit; the general path over
// work arrays (matrix-vector products) is the reference it must equal bit for
// bit, value, coverage and state, on a tree that uses every policy: missing
// and not applicable as zero and as dropped, a minimum coverage, a child of
// weight 0 (set after loading, as sensitivity analysis does), questions and
// inner nodes as children, and answers of every kind (blank, n/a, partly),
// for 3,000 networks (two stretches and a part).
TEST_CASE("the arithmetic mean summed by rows equals the array path bit for bit", "[aggregate]") {
  const std::string q = "type: yes_no, allow_not_applicable: true, points: {yes: 1, no: 0, partly: 0.5}";
  auto m = test::methodology(
      "id: t\ntitle: T\nversion: '1'\nstatus: draft\nmissing: drop\n"
      "framework:\n  id: root\n  name: Root\n  children:\n"
      "    - id: p\n      name: P\n      weight: 2\n      missing: zero\n      min_coverage: 0.5\n      children:\n"
      "        - {id: a, question: 'A?', weight: 1, " + q + "}\n"
      "        - {id: b, question: 'B?', weight: 0.3, " + q + "}\n"
      "        - {id: c, question: 'C?', weight: 1, " + q + "}\n"
      "    - id: r\n      name: R\n      weight: 1\n      not_applicable: zero\n      children:\n"
      "        - {id: d, question: 'D?', weight: 0.7, " + q + "}\n"
      "        - {id: e, question: 'E?', weight: 1.9, " + q + "}\n"
      "        - id: s\n          name: S\n          weight: 1.1\n          min_coverage: 0.7\n          children:\n"
      "            - {id: f, question: 'F?', weight: 1, " + q + "}\n"
      "            - {id: g, question: 'G?', weight: 3, " + q + "}\n"
      "    - {id: h, question: 'H?', weight: 0.45, " + q + "}\n");
  m.nodes[*m.find("c")].weight = 0;  // as a sensitivity run drops a child (a file may not say 0)
  std::mt19937_64 rng(5);
  const char* kinds[] = {"yes", "no", "partly", "n/a", ""};
  std::string csv = "network,question,answer\n";
  for (int unit = 0; unit < 3000; ++unit)
    for (const char* question : {"a", "b", "c", "d", "e", "f", "g", "h"})
      csv += fmt::format("N{},{},{}\n", unit, question, kinds[rng() % 5]);
  const ScoreTable by_rows = test::scored(m, csv);
  ScoreTable by_arrays = by_rows;
  aggregate_by_arrays(&by_arrays);
  auto same_bits = [](const auto& x, const auto& y) {
    return x.size() == y.size() && std::memcmp(x.data(), y.data(), sizeof(*x.data()) * x.size()) == 0;
  };
  CHECK(same_bits(by_rows.value, by_arrays.value));
  CHECK(same_bits(by_rows.coverage, by_arrays.coverage));
  CHECK(same_bits(by_rows.state, by_arrays.state));
  // The tree's states all occur, so every branch of both paths was taken.
  const std::set<std::uint8_t> seen(by_rows.state.data(), by_rows.state.data() + by_rows.state.size());
  CHECK(seen.size() >= 3);
}

// With 128 children or more, Eigen adds the products in blocks of 16, which
// rounds differently from one running sum: such a node takes the array path,
// so the bits stay the same. 130 questions with weights of many digits.
TEST_CASE("a node of 128 children or more keeps the array path's bits", "[aggregate]") {
  std::mt19937_64 rng(8);
  std::string yaml = "id: t\ntitle: T\nversion: '1'\nstatus: draft\nframework:\n  id: root\n  name: Root\n  children:\n";
  for (int i = 0; i < 130; ++i)
    yaml += fmt::format("    - {{id: q{}, question: 'Q?', weight: {}, type: yes_no, points: {{yes: 1, no: 0, partly: 0.37}}}}\n",
                        i, 0.1 + static_cast<double>(rng() % 100000) / 7919.0);
  const auto m = test::methodology(yaml);
  const char* kinds[] = {"yes", "no", "partly", ""};
  std::string csv = "network,question,answer\n";
  for (int unit = 0; unit < 300; ++unit)
    for (int i = 0; i < 130; ++i) csv += fmt::format("N{},q{},{}\n", unit, i, kinds[rng() % 4]);
  const ScoreTable by_rows = test::scored(m, csv);
  ScoreTable by_arrays = by_rows;
  aggregate_by_arrays(&by_arrays);
  CHECK(std::memcmp(by_rows.value.data(), by_arrays.value.data(), sizeof(double) * by_rows.value.size()) == 0);
}
