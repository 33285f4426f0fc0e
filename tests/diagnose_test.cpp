// Questionnaire diagnostics and the statistics behind them, against values
// computed by hand or published.
#include "gpn/diagnose.h"
#include "test_support.h"

using namespace gpn;

TEST_CASE("Pearson's r on hand-computed data", "[diagnose]") {
  // y = 2x + 1 exactly: r = 1; reversed: r = -1.
  CHECK(pearson({1, 2, 3, 4}, {3, 5, 7, 9}).value() == Approx(1.0));
  CHECK(pearson({1, 2, 3, 4}, {9, 7, 5, 3}).value() == Approx(-1.0));
  // x = 1..5, y = 2,4,5,4,5: sxy = 6, sxx = 10, syy = 6 -> r = 6 / sqrt(60) = 0.7745966...
  CHECK(pearson({1, 2, 3, 4, 5}, {2, 4, 5, 4, 5}).value() == Approx(6 / std::sqrt(60.0)));
  CHECK_FALSE(pearson({1, 2}, {1, 2}));        // fewer than 3 pairs
  CHECK_FALSE(pearson({1, 2, 3}, {4, 4, 4}));  // constant side
  std::size_t n = 0;
  CHECK(pearson({1, NAN, 3, 4}, {2, 5, 6, 8}, &n).has_value());
  CHECK(n == 3);
}

TEST_CASE("Cronbach's alpha by its formula", "[diagnose]") {
  // Items (rows = respondents): [1,2],[2,3],[3,3],[4,5].
  // var(item1) = 1.6667, var(item2) = 1.5833, totals 3,5,6,9 -> var 6.25.
  // alpha = 2/1 * (1 - 3.25/6.25) = 0.96
  Eigen::MatrixXd x(4, 2);
  x << 1, 2, 2, 3, 3, 3, 4, 5;
  CHECK(cronbach_alpha(x).value() == Approx(0.96));
  // Perfectly parallel items: alpha = 1.
  Eigen::MatrixXd p(3, 3);
  p << 1, 1, 1, 2, 2, 2, 3, 3, 3;
  CHECK(cronbach_alpha(p).value() == Approx(1.0));
}

TEST_CASE("question diagnostics: rates, distribution, non-discriminating questions", "[diagnose]") {
  const auto m = test::methodology(
      "id: t\ntitle: T\nversion: '1'\nstatus: draft\nframework:\n  id: root\n  name: Root\n  children:\n"
      "    - id: d\n      name: D\n      children:\n"
      "        - {id: a, question: 'A?', type: yes_no, allow_not_applicable: true}\n"
      "        - {id: b, question: 'B?', type: yes_no}\n");
  const auto t = test::scored(m, "network,question,answer\nX,a,yes\nX,b,yes\nY,a,n/a\nY,b,yes\nZ,a,no\n");
  const Diagnostics d = diagnose(t);
  REQUIRE(d.questions.size() == 2);
  const auto& a = d.questions[0];
  CHECK(a.answered == 2);
  CHECK(a.not_applicable == 1);
  CHECK(a.response_rate == Approx(1.0));
  CHECK(a.not_applicable_rate == Approx(1.0 / 3));
  CHECK(a.distribution == std::vector<std::pair<std::string, std::size_t>>{{"yes", 1}, {"no", 1}});
  CHECK(a.discriminates);
  const auto& b = d.questions[1];
  CHECK(b.missing == 1);
  CHECK(b.response_rate == Approx(2.0 / 3));
  CHECK_FALSE(b.discriminates);  // everybody who answered said yes
  REQUIRE(d.dimensions.size() == 1);
  // Only X has both items scored (Y: a not applicable, Z: b unanswered).
  CHECK(d.dimensions[0].note == "1 network with every item scored; alpha needs at least 5");
}
