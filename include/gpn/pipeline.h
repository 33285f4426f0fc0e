// The composite-indicator pipeline for numeric methodologies, after the
// OECD/JRC handbook and COINr: raw -> denominate -> impute -> treat outliers
// -> normalise -> aggregate. Each stage keeps its own data set so every
// intermediate value can be reported and audited.
#pragma once
#include <Eigen/Dense>
#include <optional>
#include <string>
#include <vector>

#include "gpn/indicator_data.h"
#include "gpn/methodology.h"
#include "gpn/scores.h"

namespace gpn {

struct PipelineSettings {
  bool denominate = false;  // divide each indicator by its denominator column

  enum class Impute { None, Mean, Median, GroupMean } impute = Impute::None;
  std::string impute_group;  // GroupMean: the data column giving the groups

  enum class Treat { None, Coinr } treat = Treat::None;

  enum class Normalise { MinMax, ZScore, Rank, PercentRank, Goalposts, DistanceToTarget, DistanceToMax };
  Normalise normalise = Normalise::MinMax;
  double lower = 0, upper = 100;  // MinMax bounds
  bool cap = false;               // DistanceToTarget: cap scores at 1

  std::optional<Combine> aggregate;  // overrides every inner node's combination
  double power = 1;                  // Generalised mean exponent
};

// Parses the methodology's pipeline block with command-line overrides (empty = keep).
bool pipeline_settings(const Methodology& m, const std::string& impute, const std::string& treat,
                       const std::string& normalise, const std::string& aggregate, PipelineSettings* out, Error* err);
// Whether `value` is a valid spelling for pipeline step `key`; used by the loader.
bool pipeline_step_valid(const std::string& key, const std::string& value, std::string* why);
std::string describe(const PipelineSettings& s);

// COINr's outlier check and treatment, per indicator.
struct TreatmentDetail {
  std::size_t indicator = 0;  // node index
  bool pass_before = true;
  double skew_before = 0, kurt_before = 0;
  int winsorised = 0;             // COINr's nwin: points changed in the last winsorisation step
  bool pass_after_winsorising = true;
  double skew_after = 0, kurt_after = 0;
  bool log_transformed = false;
};

struct PipelineResult {
  PipelineSettings settings;
  std::vector<std::size_t> indicators;  // node indices; the columns of the matrices below
  // Units x indicators, NaN = missing. A stage whose step is "none" is left
  // empty (its data are the previous stage's): stage() resolves that.
  Eigen::MatrixXd raw, denominated, imputed, treated, normalised;
  enum class Stage { Raw, Denominated, Imputed, Treated, Normalised };
  const Eigen::MatrixXd& stage(Stage s) const;
  std::vector<TreatmentDetail> treatment;
  ScoreTable table;  // normalised indicators and every aggregate, on the normalisation's scale
};

bool run_pipeline(const Methodology& m, const IndicatorData& data, const PipelineSettings& s, PipelineResult* out,
                  Warnings* warnings, Error* err);
// The same scores without keeping the stages: the data's values are moved in
// and worked on in place, its unit labels moved into the table and its other
// text columns freed (for `gpn score`, where only the scores are written).
bool score_indicator_data(const Methodology& m, IndicatorData&& data, const PipelineSettings& s, ScoreTable* out,
                          Warnings* warnings, Error* err);

// The stages, column by column (NaN = missing). Exposed for tests and research.
double sample_skewness(const Eigen::VectorXd& x);  // type 2 (as Excel, e1071 type 2), over non-missing
double sample_kurtosis(const Eigen::VectorXd& x);  // type 2 excess kurtosis
TreatmentDetail treat_coinr(Eigen::VectorXd& x);   // in place: winsorise up to 5 points, else log
// Normalises n raw values into out, which may be raw itself (in place).
// Returns how many raw values were present (not NaN).
std::size_t normalise_into(const double* raw, Eigen::Index n, const Question& q, const PipelineSettings& s, double* out);
void impute_column(Eigen::VectorXd& x, PipelineSettings::Impute how, const std::vector<std::string>* groups);
// Divides each indicator that has a denominator by that column of the data, in
// `work` (units x value columns, as IndicatorData::value_column places them).
bool denominate(const Methodology& m, const IndicatorData& data, Eigen::MatrixXd& work, Error* err);

}  // namespace gpn
