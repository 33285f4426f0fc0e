// Coherence statistics on data built so each value is known by hand.
#include "gpn/coherence.h"

#include "test_support.h"

using namespace gpn;

TEST_CASE("average ranks and Spearman's rho", "[coherence]") {
  CHECK(average_ranks({10, 20, 20, 30}) == std::vector<double>{1, 2.5, 2.5, 4});
  // Any increasing transformation keeps rho at 1: y = x^3.
  CHECK(spearman({1, 2, 3, 4, 5}, {1, 8, 27, 64, 125}).value() == Approx(1.0));
  // Reversed order: -1.
  CHECK(spearman({1, 2, 3, 4}, {9, 7, 5, 1}).value() == Approx(-1.0));
  // ranks x = 1..5, y = 2,1,4,3,5: d^2 = 1+1+1+1+0 = 4, rho = 1 - 6*4/(5*24) = 0.8
  CHECK(spearman({1, 2, 3, 4, 5}, {20, 10, 40, 30, 50}).value() == Approx(0.8));
}

TEST_CASE("coherence of an aggregate: alpha, PC1 share, flags", "[coherence]") {
  const auto m = test::methodology(
      "id: t\ntitle: T\nversion: '1'\nstatus: draft\nframework:\n  id: root\n  name: Root\n  children:\n"
      "    - {id: a, question: 'A', type: number, goalposts: {low: 0, high: 100}}\n"
      "    - {id: b, question: 'B', type: number, goalposts: {low: 0, high: 100}}\n"
      "    - {id: c, question: 'C', type: number, goalposts: {low: 0, high: 100}}\n");
  // b = a + 5 (r = 1: near-duplicate); c = 100 - a (r = -1: negative).
  const auto t = test::scored(m, "network,a,b,c\nU1,10,15,90\nU2,20,25,80\nU3,40,45,60\nU4,70,75,30\n");
  const auto all = coherence(t);
  REQUIRE(all.size() == 1);
  const auto& c = all[0];
  CHECK(c.pearson(0, 1) == Approx(1.0));
  CHECK(c.pearson(0, 2) == Approx(-1.0));
  CHECK(c.spearman(1, 2) == Approx(-1.0));
  // Correlation matrix [[1,1,-1],[1,1,-1],[-1,-1,1]] has eigenvalues 3, 0, 0: PC1 explains everything.
  CHECK(c.pc1_share.value() == Approx(1.0));
  REQUIRE(c.flags.size() == 5);
  CHECK(c.flags[0] == "near-duplicate: a ~ b (r = 1.00)");
  CHECK(c.flags[1] == "negative: a ~ c (r = -1.00)");
  // Alpha: item variances equal (v each), total = a + (a+5) + (100-a) = a + 105 has variance v:
  // alpha = 3/2 * (1 - 3v/v) = -3.
  CHECK(c.alpha.value() == Approx(-3.0));
}
