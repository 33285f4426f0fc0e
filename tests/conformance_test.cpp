// Conformance with COINr: `gpn import coinr` on ASEM's iMeta, then the numeric
// pipeline on ASEM's iData, must reproduce COINr 1.1.14's own results (stored
// in ../shared/conformance/coinr-asem) for every unit and node within 1e-9,
// with the same missing values and ranks.
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "run_process.h"
#include "gpn/compare.h"
#include "text/csv.h"
#include "gpn/import_coinr.h"
#include "gpn/pipeline.h"
#include "test_support.h"

using namespace gpn;
namespace fs = std::filesystem;

namespace {

const fs::path kDir = fs::path(GPN_SOURCE_DIR) / ".." / "shared" / "conformance" / "coinr-asem";

// A COINr results table: unit code -> column -> value (NaN for NA).
struct Reference {
  std::vector<std::string> columns;
  std::map<std::string, std::map<std::string, std::string>> cells;
};

Reference read_reference(const std::string& file) {
  const std::string text = test::slurp(kDir / file);
  REQUIRE_FALSE(text.empty());
  CsvReader reader(text, file);
  CsvRecord rec;
  Error err;
  REQUIRE(reader.next(&rec, &err));
  Reference r;
  r.columns = rec.fields;
  while (reader.next(&rec, &err))
    for (std::size_t i = 1; i < rec.fields.size(); ++i) r.cells[rec.fields[0]][r.columns[i]] = rec.fields[i];
  REQUIRE(err.message.empty());
  return r;
}

double number(const std::string& s) { return s == "NA" || s.empty() ? NAN : *parse_number(s); }

struct Asem {
  Methodology m;
  IndicatorData data;
};

const Asem& asem() {
  static const Asem a = [] {
    Asem x;
    std::string yaml;
    Error err;
    REQUIRE(import_coinr_meta((kDir / "ASEM_iMeta.csv").string(), "asem", &yaml, &err));
    REQUIRE(parse_methodology(yaml, "asem.yaml", &x.m, &err));
    INFO(err.str());
    REQUIRE(load_indicator_data((kDir / "ASEM_iData.csv").string(), x.m, &x.data, &err));
    return x;
  }();
  return a;
}

PipelineResult run(const std::string& impute, const std::string& treat, const std::string& normalise,
                   const std::string& aggregate) {
  PipelineSettings s;
  Error err;
  REQUIRE(pipeline_settings(asem().m, impute, treat, normalise, aggregate, &s, &err));
  PipelineResult r;
  Warnings w;
  REQUIRE(run_pipeline(asem().m, asem().data, s, &r, &w, &err));
  return r;
}

std::size_t unit_row(const std::string& code) {
  const auto& units = asem().data.units;
  return static_cast<std::size_t>(std::find(units.begin(), units.end(), code) - units.begin());
}

// Compares one of the pipeline's indicator matrices with a COINr table.
void same_indicators(const Eigen::MatrixXd& ours, const std::string& file) {
  const Reference ref = read_reference(file);
  std::size_t compared = 0;
  for (const auto& [code, row] : ref.cells)
    for (std::size_t j = 0; j < asem().data.indicators.size(); ++j) {
      const std::string& id = asem().m.nodes[asem().data.indicators[j]].id;
      const double want = number(row.at(id));
      const double got = ours(static_cast<Eigen::Index>(unit_row(code)), static_cast<Eigen::Index>(j));
      INFO(file << " " << code << " " << id << ": COINr " << row.at(id) << ", gpn " << got);
      CHECK(std::isnan(want) == std::isnan(got));
      if (!std::isnan(want)) CHECK(std::fabs(want - got) <= 1e-9);
      ++compared;
    }
  CHECK(compared == 51 * 49);
}

// Compares every node's score with a COINr aggregated table.
void same_scores(const ScoreTable& t, const std::string& file) {
  const Reference ref = read_reference(file);
  std::size_t compared = 0;
  for (const auto& [code, row] : ref.cells)
    for (const auto& [id, text] : row) {
      const auto node = t.methodology.find(id);
      REQUIRE(node);
      const double want = number(text);
      const auto got = t.score(unit_row(code), *node);
      INFO(file << " " << code << " " << id << ": COINr " << text << ", gpn " << got.value_or(NAN));
      CHECK(std::isnan(want) == !got.has_value());
      if (got && !std::isnan(want)) CHECK(std::fabs(want - *got) <= 1e-9);
      ++compared;
    }
  CHECK(compared == 51 * (49 + 8 + 2 + 1));
}

void same_index_and_ranks(const ScoreTable& t, const std::string& file) {
  const Reference ref = read_reference(file);
  const std::size_t root = *t.methodology.find("Index");
  Eigen::VectorXd index(static_cast<Eigen::Index>(t.units.size()));
  for (std::size_t u = 0; u < t.units.size(); ++u) index(static_cast<Eigen::Index>(u)) = t.score(u, root).value_or(NAN);
  const Eigen::VectorXi ranks = competition_ranks(index);
  for (const auto& [code, row] : ref.cells) {
    const auto u = static_cast<Eigen::Index>(unit_row(code));
    INFO(code);
    CHECK(std::fabs(index(u) - number(row.at("Index"))) <= 1e-9);
    CHECK(ranks(u) == static_cast<int>(number(row.at("Rank"))));
  }
}

}  // namespace

TEST_CASE("COINr v2: raw -> min-max [0,100] -> arithmetic mean", "[conformance]") {
  const PipelineResult r = run("none", "none", "minmax:0,100", "arithmetic");
  same_indicators(r.normalised, "v2_plain_amean_normalised.csv");
  same_scores(r.table, "v2_plain_amean_aggregated_all.csv");
  same_index_and_ranks(r.table, "v2_plain_amean_level4_index.csv");
  // The COINr paper's published figures, to two decimals.
  CHECK(r.table.score(unit_row("DEU"), 0).value() == Approx(75.23).margin(0.005));
  CHECK(r.table.score(unit_row("GBR"), 0).value() == Approx(68.94).margin(0.005));
}

TEST_CASE("COINr v3: raw -> min-max [1,100] -> geometric mean", "[conformance]") {
  const PipelineResult r = run("none", "none", "minmax:1,100", "geometric");
  same_indicators(r.normalised, "v3_plain_gmean_normalised.csv");
  same_scores(r.table, "v3_plain_gmean_aggregated_all.csv");
  same_index_and_ranks(r.table, "v3_plain_gmean_level4_index.csv");
}

TEST_CASE("COINr v1: mean imputation -> outlier treatment -> min-max -> arithmetic mean", "[conformance]") {
  const PipelineResult r = run("mean", "coinr", "minmax:0,100", "arithmetic");
  same_indicators(r.imputed, "v1_default_imputed.csv");
  same_indicators(r.treated, "v1_default_treated.csv");
  same_indicators(r.normalised, "v1_default_normalised.csv");
  same_scores(r.table, "v1_default_aggregated_all.csv");
  same_index_and_ranks(r.table, "v1_default_level4_index.csv");

  // Treatment details: pass/fail, skewness and kurtosis before and after, points winsorised.
  const Reference details = read_reference("v1_default_treat_details.csv");
  REQUIRE(details.cells.size() == 49);
  for (const auto& d : r.treatment) {
    const auto& row = details.cells.at(r.table.methodology.nodes[d.indicator].id);
    INFO(r.table.methodology.nodes[d.indicator].id);
    CHECK(d.pass_before == (row.at("check_SkewKurt0.Pass") == "TRUE"));
    CHECK(d.skew_before == Approx(number(row.at("check_SkewKurt0.Skew"))).epsilon(1e-12));
    CHECK(d.kurt_before == Approx(number(row.at("check_SkewKurt0.Kurt"))).epsilon(1e-12));
    if (!d.pass_before) {
      CHECK(d.winsorised == static_cast<int>(number(row.at("winsorise.nwin"))));
      CHECK(d.pass_after_winsorising == (row.at("check_SkewKurt1.Pass") == "TRUE"));
      CHECK(d.skew_after == Approx(number(row.at("check_SkewKurt1.Skew"))).epsilon(1e-12));
      CHECK_FALSE(d.log_transformed);
    }
  }
}

TEST_CASE("the conformance runs through the command line too", "[conformance][cli]") {
  const auto meta = (kDir / "ASEM_iMeta.csv").string(), data = (kDir / "ASEM_iData.csv").string();
  const fs::path yaml = test::scratch() / "asem.yaml";
  REQUIRE(test::run_gpn("import coinr --meta '" + meta + "' --id asem -o " + yaml.string()).code == 0);
  const auto r = test::run_gpn("score -m " + yaml.string() + " --data '" + data + "' --format csv");
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("\nDEU,2018,Index,Sustainable Connectivity,0,75.227804654281"));
  const auto g = test::run_gpn("score -m " + yaml.string() + " --data '" + data + "' --normalise minmax:1,100 --aggregate geometric --format csv");
  REQUIRE(g.code == 0);
  const Reference v3 = read_reference("v3_plain_gmean_level4_index.csv");
  CHECK_THAT(g.out, Catch::Contains("\nAUS,2018,Index,Sustainable Connectivity,0," + v3.cells.at("AUS").at("Index").substr(0, 12)));
}

TEST_CASE("scoring in place (values read into the score table's columns) equals the staged pipeline", "[conformance]") {
  // `gpn score --data` reads the values straight into the score table's layout
  // and normalises them in place; reports keep every stage in matrices of
  // their own. Both must give the same table bit for bit, for every
  // normalisation and with imputation and treatment before it (ASEM has
  // missing values, so every path of a column is taken).
  const auto data = (kDir / "ASEM_iData.csv").string();
  for (const auto& [impute, treat, normalise] :
       std::vector<std::tuple<std::string, std::string, std::string>>{{"none", "none", "minmax:0,100"},
                                                                      {"none", "none", "zscore"},
                                                                      {"none", "none", "rank"},
                                                                      {"none", "none", "prank"},
                                                                      {"none", "none", "dist2max"},
                                                                      {"none", "none", "dist2targ"},
                                                                      {"mean", "coinr", "minmax:0,100"},
                                                                      {"median", "none", "zscore"}}) {
    INFO(impute << " " << treat << " " << normalise);
    const PipelineResult staged = run(impute, treat, normalise, "");
    PipelineSettings s;
    Error err;
    REQUIRE(pipeline_settings(asem().m, impute, treat, normalise, "", &s, &err));
    IndicatorData by_node;
    REQUIRE(load_indicator_data(data, asem().m, &by_node, &err, ValueLayout::Nodes));
    REQUIRE(by_node.values.cols() == static_cast<Eigen::Index>(asem().m.nodes.size()));
    ScoreTable in_place;
    Warnings w;
    REQUIRE(score_indicator_data(asem().m, std::move(by_node), s, &in_place, &w, &err));
    const ScoreTable& t = staged.table;
    REQUIRE(in_place.value.size() == t.value.size());
    CHECK(std::memcmp(in_place.value.data(), t.value.data(), sizeof(double) * t.value.size()) == 0);
    CHECK(std::memcmp(in_place.coverage.data(), t.coverage.data(), sizeof(double) * t.coverage.size()) == 0);
    CHECK(in_place.state == t.state);
  }
}

TEST_CASE("denomination divides by the unit's denominator; zero or missing denominators leave the value missing",
          "[pipeline][cli]") {
  using gpn::test::Run, gpn::test::run_gpn, gpn::test::scratch;
  // Worked by hand: spend / members = A 100/10 = 10, B 300/20 = 15, C 50/0 ->
  // missing, D 80/(empty) -> missing, E 60/3 = 20. Min-max over {10, 15, 20}:
  // A 0, B 50, E 100. events 1..5 -> 0, 25, 50, 75, 100. The index is the mean
  // of the present children: A 0, B 37.5, C 50 (events only), D 75, E 100.
  // Without denomination spend would be A 20, B 100, C 0, D 12, E 4.
  const fs::path dir = scratch() / "denominate";
  fs::create_directories(dir);
  {
    std::ofstream(dir / "m.yaml")
        << "format: gpn-methodology/1\nid: den\ntitle: Denominated\nversion: '1'\nstatus: draft\nmissing: drop\n"
           "pipeline: {denominate: denominators, impute: none, treat: none, normalise: 'minmax:0,100', aggregate: "
           "arithmetic}\nframework:\n  id: Index\n  name: Index\n  children:\n"
           "    - {id: spend, type: indicator, direction: 1, denominator: members}\n"
           "    - {id: events, type: indicator, direction: 1}\n";
    std::ofstream(dir / "d.csv") << "unit,spend,events,members\nA,100,1,10\nB,300,2,20\nC,50,3,0\nD,80,4,\nE,60,5,3\n";
  }
  const Run r = run_gpn("score -m '" + (dir / "m.yaml").string() + "' --data '" + (dir / "d.csv").string() + "' --format csv");
  REQUIRE(r.code == 0);
  std::map<std::string, std::string> score;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> f;
    std::istringstream cells(line);
    for (std::string c; std::getline(cells, c, ',');) f.push_back(c);
    if (f.size() > 5) score[f[0] + "/" + f[2]] = f[5];
  }
  CHECK(score["A/spend"] == "0");
  CHECK(score["B/spend"] == "50");
  CHECK(score["C/spend"] == "");
  CHECK(score["D/spend"] == "");
  CHECK(score["E/spend"] == "100");
  CHECK(score["A/Index"] == "0");
  CHECK(score["B/Index"] == "37.5");
  CHECK(score["C/Index"] == "50");
  CHECK(score["D/Index"] == "75");
  CHECK(score["E/Index"] == "100");

  // A denominator that is not a column of the data is an error naming both.
  { std::ofstream(dir / "no-members.csv") << "unit,spend,events\nA,100,1\nB,300,2\n"; }
  const Run bad = run_gpn("score -m '" + (dir / "m.yaml").string() + "' --data '" + (dir / "no-members.csv").string() + "'");
  CHECK(bad.code == 2);
  CHECK_THAT(bad.err, Catch::Contains("indicator 'spend' is denominated by 'members', which is not a column of the data"));
}
