// A GPN measurement methodology as data: a framework tree whose leaves are
// questions with scoring rules, and whose inner nodes say how their children
// are combined. Nothing here is specific to the bundled IGPN encoding.
#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gpn/error.h"

namespace gpn {

enum class QuestionType {
  YesNo,           // yes / no, optionally "partly"
  Scale,           // ordinal levels with labels and points (e.g. a 0-4 maturity scale)
  SingleChoice,    // one option, points per option
  MultipleChoice,  // several options separated by ';', points summed and capped
  Number,          // a number scored by goalposts, a piecewise-linear curve or bands
  Percentage,      // a number from 0 to 100, scored like Number
  Year,            // a four-digit year, scored like Number when a rule is given
  Date,            // YYYY-MM-DD (or YYYY-MM or YYYY), scored on its year when a rule is given
  Text,            // free text: never scored, kept for the report
  Indicator,       // a numeric indicator read from a data table (gpn score --data), normalised across units
};

const char* to_string(QuestionType t);

// One labelled answer of a scale or choice question.
struct Option {
  std::string value;  // what an answer cell holds (matched case-insensitively, as is the label)
  std::string label;
  double points = 0;
};

// How a numeric answer becomes points.
enum class NumberRule {
  None,       // not scored (Year and Date without a rule)
  Goalposts,  // 0 points at or beyond `low`, full points at or beyond `high`, linear between
  Piecewise,  // linear interpolation between (x, points) knots, flat outside
  Bands,      // points of the band [from, to] holding the value
};

struct Band {
  double from = 0;
  double to = 0;  // inclusive
  double points = 0;
};

struct Question {
  std::string text;
  std::string help;
  QuestionType type = QuestionType::YesNo;
  bool allow_not_applicable = false;

  // YesNo
  double yes_points = 1;
  double no_points = 0;
  std::optional<double> partly_points;  // set when "partly" is allowed

  // Scale, SingleChoice, MultipleChoice
  std::vector<Option> options;
  std::optional<double> choice_cap;  // MultipleChoice: maximum points

  // Number, Percentage, Year, Date
  NumberRule rule = NumberRule::None;
  double goal_low = 0;   // the value scoring 0 points
  double goal_high = 1;  // the value scoring full points; low > high means lower is better
  double goal_points = 1;
  std::vector<std::pair<double, double>> knots;  // Piecewise, sorted by x
  std::vector<Band> bands;
  std::optional<double> min_value;  // answers outside [min, max] are rejected
  std::optional<double> max_value;

  // Indicator
  int direction = 1;              // -1: lower raw values are better
  std::optional<double> target;   // for distance-to-target normalisation (raw units)
  std::string denominator;        // data column the raw value is divided by when denominating
  std::string unit;               // of the raw value, for display

  bool scored() const;
  double max_points() const;  // points of the best possible answer
  // The answers this question accepts, for the blank questionnaire: "yes|no|n/a".
  std::string allowed_answers() const;
};

// How a node combines its children's scores (each a fraction of its maximum).
enum class Combine {
  Arithmetic,  // weighted arithmetic mean (the default)
  Geometric,   // weighted geometric mean
  Harmonic,    // weighted harmonic mean
  Generalised, // weighted generalised (power) mean with exponent Node::power
  Sum,         // sum of points, capped at the node's maximum
  Minimum,     // the weakest child
  Gate,        // one child multiplies the combination of the others: P = A x (B + C + ...)
};

const char* to_string(Combine c);

// What a child with no answer (Missing) or a "not applicable" answer contributes.
enum class AbsentPolicy {
  Zero,  // counts as zero points
  Drop,  // left out; the remaining siblings' weights are renormalised
};

const char* to_string(AbsentPolicy p);

struct Node {
  std::string id;
  std::string name;
  std::string description;
  std::string recommendation;  // shown when an indicator scores low
  double weight = 1;           // relative to siblings; normalised when combined
  std::size_t line = 0;        // where the node starts in the methodology file
  std::size_t column = 0;

  std::optional<Question> question;  // set for leaves, which are questions
  std::vector<std::size_t> children; // indices into Methodology::nodes
  std::optional<std::size_t> parent;
  std::size_t depth = 0;  // root = 0

  Combine combine = Combine::Arithmetic;
  Combine gate_rest = Combine::Arithmetic;  // Gate: how the non-gate children are combined
  std::string gate_child;                   // Gate: id of the multiplying child
  std::optional<double> max_points;         // Sum: the cap (default: sum of children's maxima)
  double power = 1;                         // Generalised: the exponent p
  std::optional<AbsentPolicy> missing;      // overrides of the methodology-wide policy
  std::optional<AbsentPolicy> not_applicable;
  std::optional<double> min_coverage;

  bool is_question() const { return question.has_value(); }
};

// A named band of the score scale: a score >= min (and below the next band's min).
struct MaturityLevel {
  std::string name;
  double min = 0;
};

struct Methodology {
  std::string file;  // where it was loaded from, for messages

  std::string id;
  std::string title;
  std::string version;
  std::string status;  // illustrative | draft | official
  std::string source;
  std::string description;
  double scale_min = 0;
  double scale_max = 100;

  AbsentPolicy missing = AbsentPolicy::Zero;
  AbsentPolicy not_applicable = AbsentPolicy::Drop;
  double min_coverage = 0;  // share of applicable weight that must be answered

  std::vector<MaturityLevel> maturity;  // ascending by min; first min is scale_min

  // Numeric methodologies: every leaf is an Indicator, scored from a data table
  // through the pipeline below (see pipeline.h for the spellings).
  bool numeric = false;
  struct PipelineText {
    std::string denominate = "none", impute = "none", treat = "none", normalise = "minmax:0,100", aggregate;
    std::size_t line = 0;
  } pipeline;

  // Nodes in pre-order (a parent before its children); nodes[0] is the root.
  std::vector<Node> nodes;
  std::map<std::string, std::size_t> index;  // node id -> position

  const Node& root() const { return nodes.front(); }
  std::optional<std::size_t> find(const std::string& id) const;
  std::vector<std::size_t> question_nodes() const;  // in pre-order

  // The policies in force at a node (its own override or the nearest ancestor's).
  AbsentPolicy missing_at(std::size_t node) const;
  AbsentPolicy not_applicable_at(std::size_t node) const;
  double min_coverage_at(std::size_t node) const;

  // The maximum points of a node: a question's best answer; an inner node's
  // cap, or the sum of its scored children's maxima.
  double max_points(std::size_t node) const;
  bool scored(std::size_t node) const;  // has at least one scored question below it

  // Each node's nominal share of the total score: the product of its normalised
  // weights along the path from the root (points shares under Sum; a gate child
  // multiplies rather than adds and has share 1). Unscored nodes have share 0.
  std::vector<double> effective_shares() const;

  // The maturity level of a score on the scale, or "" when there are no levels.
  std::string maturity_of(double score) const;
  // The first-level dimension a node belongs to ("" for the root).
  const Node* dimension_of(std::size_t node) const;
};

// Reads and checks a methodology file. On failure returns false and fills err
// with the file, line and column of the offending YAML.
bool load_methodology(const std::string& path, Methodology* out, Error* err);
bool parse_methodology(const std::string& yaml_text, const std::string& name,
                       Methodology* out, Error* err);

// One entry of a weights file, with its place for messages.
struct WeightOverride {
  std::string id;
  double weight = 1;
  std::size_t line = 0;
  std::size_t column = 0;
};

// A weights file (YAML, node id -> positive weight) overriding the methodology's.
bool load_weights(const std::string& path, std::vector<WeightOverride>* out, Error* err);
bool parse_weights(const std::string& text, const std::string& name, std::vector<WeightOverride>* out, Error* err);
// Applies overrides; an id unknown to the methodology is an error naming the weights file.
bool apply_weights(const std::vector<WeightOverride>& weights, const std::string& weights_file,
                   Methodology* m, Error* err);

}  // namespace gpn
