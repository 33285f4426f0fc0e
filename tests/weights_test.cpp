// Weights: AHP against a consistent matrix (exact) and against the row
// geometric mean, which equals the principal eigenvector for 3x3 reciprocal
// matrices (an independent method); PCA and effective weights on data built so
// the answer is known.
#include "gpn/weights.h"

#include "test_support.h"

using namespace gpn;

TEST_CASE("AHP: a consistent matrix gives back its weights with CR 0", "[weights]") {
  // a_ij = w_i / w_j for w = (0.5, 0.3, 0.2).
  Eigen::MatrixXd a(3, 3);
  a << 1, 0.5 / 0.3, 0.5 / 0.2, 0.3 / 0.5, 1, 0.3 / 0.2, 0.2 / 0.5, 0.2 / 0.3, 1;
  const AhpResult r = ahp_weights({"a", "b", "c"}, a);
  CHECK(r.weights(0) == Approx(0.5));
  CHECK(r.weights(1) == Approx(0.3));
  CHECK(r.weights(2) == Approx(0.2));
  CHECK(r.lambda_max == Approx(3.0));
  CHECK(r.consistency_ratio == Approx(0.0).margin(1e-12));
}

TEST_CASE("AHP: Saaty's 1-3-5 example matches the row geometric mean", "[weights]") {
  std::vector<std::string> ids;
  Eigen::MatrixXd a;
  Error err;
  REQUIRE(parse_pairwise("x,A,B,C\nA,1,1/3,1/5\nB,3,1,1/3\nC,5,3,1\n", "p.csv", &ids, &a, &err));
  const AhpResult r = ahp_weights(ids, a);
  // Row geometric means: (1/15)^(1/3), 1, 15^(1/3); normalised.
  const double g[] = {std::cbrt(1.0 / 15), 1.0, std::cbrt(15.0)};
  const double total = g[0] + g[1] + g[2];
  for (int i = 0; i < 3; ++i) CHECK(r.weights(i) == Approx(g[i] / total));
  CHECK(r.weights(0) == Approx(0.1047).margin(5e-5));  // the published figures
  CHECK(r.weights(2) == Approx(0.6370).margin(5e-5));
  // lambda_max = (A w)_i / w_i for any i, since w is an eigenvector.
  const double lambda = (a.row(0) * r.weights)(0) / r.weights(0);
  CHECK(r.lambda_max == Approx(lambda));
  CHECK(r.consistency_index == Approx((lambda - 3) / 2));
  CHECK(r.consistency_ratio == Approx((lambda - 3) / 2 / 0.58));
  CHECK(r.consistency_ratio == Approx(0.033).margin(0.001));
}

TEST_CASE("AHP: bad pairwise matrices are reported with their cell", "[weights][bad-input]") {
  std::vector<std::string> ids;
  Eigen::MatrixXd a;
  Error err;
  REQUIRE_FALSE(parse_pairwise("x,A,B\nA,1,3\nB,3,1\n", "p.csv", &ids, &a, &err));
  CHECK(err.str() == "p.csv:2:5: expected the reciprocal of the 'B' row's 'A' entry (0.3333333333333333), found 3");
  REQUIRE_FALSE(parse_pairwise("x,A,B\nA,1,0\nB,1,1\n", "p.csv", &ids, &a, &err));
  CHECK(err.str() == "p.csv:2:5: expected a positive number or fraction such as 1/3, found '0'");
  REQUIRE_FALSE(parse_pairwise("x,A,B\nB,1,2\nA,1/2,1\n", "p.csv", &ids, &a, &err));
  CHECK(err.str() == "p.csv:2:1: expected row 1 to be 'A' as in the header, found 'B'");
  REQUIRE_FALSE(parse_pairwise("x,A,B\nA,2,2\nB,1/2,1\n", "p.csv", &ids, &a, &err));
  CHECK(err.str() == "p.csv:2:3: the diagonal must be 1, found 2");
}


TEST_CASE("PCA weights: two correlated children share the weight, an uncorrelated one gets none", "[weights]") {
  // a and b rise together (r = 1); c is orthogonal to both over these four units
  // (centred: a = -3,-1,1,3 and c = 1,-1,-1,1 have zero dot product). The
  // correlation matrix is [[1,1,0],[1,1,0],[0,0,1]]: PC1 = (1,1,0)/sqrt(2), eigenvalue 2.
  const auto t = test::scored(test::three_numbers(), "network,a,b,c\nU1,10,20,60\nU2,20,40,40\nU3,30,60,40\nU4,40,80,60\n");
  const DerivedWeights d = pca_weights(t);
  REQUIRE(d.weights.size() == 3);
  CHECK(d.weights[0].second == Approx(0.5));
  CHECK(d.weights[1].second == Approx(0.5));
  CHECK(d.weights[2].second == Approx(0.0).margin(1e-12));
}

TEST_CASE("effective weights: a constant child drives nothing", "[weights]") {
  // c is the same everywhere, so it cannot explain any of the root's variation.
  const auto t = test::scored(test::three_numbers(), "network,a,b,c\nU1,10,20,50\nU2,20,10,50\nU3,30,60,50\nU4,40,30,50\n");
  const auto e = effective_weights(t);
  REQUIRE(e.size() == 3);
  CHECK(e[0].nominal == Approx(1.0 / 3));
  CHECK(e[2].effective == 0);
  CHECK(e[0].effective + e[1].effective == Approx(1.0));
  // root = (a + b + 50)/3: r(a, root) = r(a, a + b). a = 10..40, b = 20,10,60,30:
  // cov(a, a+b) = var(a) + cov(a, b); computed independently with the definition.
  const double av[] = {10, 20, 30, 40}, bv[] = {20, 10, 60, 30};
  auto r_with_sum = [&](const double* x) {
    double mx = 0, ms = 0;
    for (int i = 0; i < 4; ++i) mx += x[i] / 4, ms += (av[i] + bv[i]) / 4;
    double sxy = 0, sxx = 0, syy = 0;
    for (int i = 0; i < 4; ++i) {
      sxy += (x[i] - mx) * (av[i] + bv[i] - ms);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (av[i] + bv[i] - ms) * (av[i] + bv[i] - ms);
    }
    return sxy / std::sqrt(sxx * syy);
  };
  const double ra = r_with_sum(av), rb = r_with_sum(bv);
  CHECK(e[0].r == Approx(ra));
  CHECK(e[0].effective == Approx(ra * ra / (ra * ra + rb * rb)));
}
