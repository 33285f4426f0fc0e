// Sensitivity analysis: the Sobol estimators on models whose indices are known
// analytically, and the Monte Carlo rank statistics on a case worked out by hand.
#include "gpn/sensitivity.h"

#include "test_support.h"

using namespace gpn;

TEST_CASE("Sobol indices of a linear model match the analytic values", "[sensitivity]") {
  // f = 1 X1 + 2 X2 + 3 X3 with X_i ~ U(0,1) independent: V_i = a_i^2 / 12, so
  // S_i = ST_i = a_i^2 / (1 + 4 + 9): 1/14, 4/14, 9/14.
  Random rng(42);
  const double a[] = {1, 2, 3};
  auto draw = [](std::size_t, Random& r) { return std::vector<double>{r.uniform()}; };
  auto model = [&](const Sample& s) {
    Eigen::VectorXd y(1);
    y(0) = a[0] * s[0][0] + a[1] * s[1][0] + a[2] * s[2][0];
    return y;
  };
  const SobolResult r = sobol_indices(20000, 3, rng, draw, [&] { return Evaluator(model); });
  for (int i = 0; i < 3; ++i) {
    INFO("factor " << i);
    CHECK(r.first_order(i, 0) == Approx(a[i] * a[i] / 14).margin(0.02));
    CHECK(r.total_order(i, 0) == Approx(a[i] * a[i] / 14).margin(0.02));
  }
}

TEST_CASE("Sobol indices see interactions: f = X1 * X2", "[sensitivity]") {
  // X_i ~ U(0,1): V = 7/144; V1 = V2 = 1/48 (S = 3/7 each); ST = (1/48 + 1/144)/(7/144) = 4/7.
  Random rng(7);
  auto draw = [](std::size_t, Random& r) { return std::vector<double>{r.uniform()}; };
  auto model = [](const Sample& s) {
    Eigen::VectorXd y(1);
    y(0) = s[0][0] * s[1][0];
    return y;
  };
  const SobolResult r = sobol_indices(20000, 2, rng, draw, [&] { return Evaluator(model); });
  CHECK(r.first_order(0, 0) == Approx(3.0 / 7).margin(0.03));
  CHECK(r.total_order(1, 0) == Approx(4.0 / 7).margin(0.03));
}

TEST_CASE("the random generator is portable and reproducible", "[sensitivity]") {
  Random a(123), b(123), c(124);
  const double x = a.uniform();
  CHECK(x == b.uniform());
  CHECK(x != c.uniform());
  // Gamma(shape 3) has mean 3: the sample mean of 20000 draws is within 0.05 of it.
  Random g(5);
  double sum = 0;
  for (int i = 0; i < 20000; ++i) sum += g.gamma(3);
  CHECK(sum / 20000 == Approx(3).margin(0.05));
}


TEST_CASE("dropping one indicator: rank probabilities as worked out by hand", "[sensitivity]") {
  // X: a 100, b 0, c 0 -> 33.3; Y: a 0, b 60, c 60 -> 40: Y first. Dropping a: X 0, Y 60 (Y first);
  // b: X 50, Y 30 (X first); c: X 50, Y 30 (X first); none: Y first. Four equally likely choices,
  // so X is first with probability 1/2.
  const auto t = test::scored(test::three_numbers(), "network,a,b,c\nX,100,0,0\nY,0,60,60\n");
  SensitivitySettings s;
  s.samples = 20000;
  s.drop_one = true;
  SensitivityResult r;
  Error err;
  REQUIRE(run_sensitivity(t, nullptr, nullptr, s, &r, &err));
  CHECK(r.nominal_rank(0) == 2);
  CHECK(r.nominal_rank(1) == 1);
  CHECK(r.rank_probability(0, 0) == Approx(0.5).margin(0.03));
  CHECK(r.rank_probability(1, 0) == Approx(0.5).margin(0.03));
  CHECK(r.rank_p05(0) == 1);
  CHECK(r.rank_p95(0) == 2);
  // Mean score of X: (33.33 + 0 + 50 + 50) / 4 = 33.33
  CHECK(r.mean_score(0) == Approx(100.0 / 3).margin(1.5));
  REQUIRE(r.factors == std::vector<std::string>{"indicator dropped"});
  // The only input explains everything: S = ST = 1 (estimates within their sampling error).
  CHECK(r.first_order(0, 0) == Approx(1.0).margin(0.1));
  CHECK(r.total_order(0, 0) == Approx(1.0).margin(0.05));

  SensitivityResult again;
  REQUIRE(run_sensitivity(t, nullptr, nullptr, s, &again, &err));
  CHECK(again.rank_probability == r.rank_probability);  // same seed, same results
  s.seed = 2;
  REQUIRE(run_sensitivity(t, nullptr, nullptr, s, &again, &err));
  CHECK(again.rank_probability != r.rank_probability);

  SensitivitySettings none;
  REQUIRE_FALSE(run_sensitivity(t, nullptr, nullptr, none, &r, &err));
  CHECK_THAT(err.message, Catch::StartsWith("nothing to vary"));
}

TEST_CASE("weights varied within a small range leave clear ranks unchanged", "[sensitivity]") {
  // Gaps of 20 points cannot be closed by weights within +-5 %.
  const auto t = test::scored(test::three_numbers(), "network,a,b,c\nX,90,90,90\nY,70,70,70\nZ,50,50,50\n");
  SensitivitySettings s;
  s.samples = 200;
  s.weight_range = 0.05;
  SensitivityResult r;
  Error err;
  REQUIRE(run_sensitivity(t, nullptr, nullptr, s, &r, &err));
  for (int u = 0; u < 3; ++u) {
    CHECK(r.median_rank(u) == u + 1);
    CHECK(r.rank_p05(u) == u + 1);
    CHECK(r.rank_p95(u) == u + 1);
    CHECK(r.rank_probability(u, u) == 1);
  }
  CHECK(std::isnan(r.first_order(0, 0)));  // a rank that never varies has no index
}
