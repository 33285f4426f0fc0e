// Reads a methodology from YAML into the framework tree and checks it: ids,
// weights, scoring rules, aggregation settings, maturity levels.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "sys/input_file.h"
#include "gpn/methodology.h"
#include "gpn/pipeline.h"
#include "text/text.h"
#include "text/yaml_read.h"

namespace gpn {
namespace {

constexpr std::size_t kMaxFileBytes = 16u << 20;
constexpr std::size_t kMaxDepth = 32;
constexpr std::size_t kMaxNodes = 100000;

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
  });
}

class Loader {
 public:
  Loader(std::string file, Methodology* m) : r_(std::move(file)), m_(m) {}

  void load(const YAML::Node& doc) {
    r_.expect_map(doc, "methodology");
    r_.check_keys(doc, {"format", "id", "title", "version", "status", "source", "description",
                        "scale", "missing", "not_applicable", "min_coverage", "maturity", "pipeline", "framework"},
                  "methodology");
    if (auto f = r_.opt_string(doc, "format"); f && *f != "gpn-methodology/1")
      r_.fail(doc["format"], fmt::format("format: expected 'gpn-methodology/1', found '{}'", *f));
    m_->id = r_.req_string(doc, "id", "methodology");
    if (!valid_id(m_->id))
      r_.fail(doc["id"], fmt::format("methodology id: expected letters, digits, '.', '_' or '-', found '{}'", m_->id));
    m_->title = r_.req_string(doc, "title", "methodology");
    m_->version = r_.req_string(doc, "version", "methodology");
    m_->status = r_.req_string(doc, "status", "methodology");
    if (m_->status != "illustrative" && m_->status != "draft" && m_->status != "official")
      r_.fail(doc["status"], fmt::format("status: expected illustrative, draft or official, found '{}'", m_->status));
    m_->source = r_.opt_string(doc, "source").value_or("");
    m_->description = r_.opt_string(doc, "description").value_or("");
    load_scale(doc);
    if (doc["missing"]) m_->missing = policy(doc["missing"], "missing");
    if (doc["not_applicable"]) m_->not_applicable = policy(doc["not_applicable"], "not_applicable");
    if (doc["min_coverage"]) m_->min_coverage = coverage(doc["min_coverage"]);
    load_maturity(doc);
    load_pipeline(doc);

    const YAML::Node fw = doc["framework"];
    if (!fw.IsDefined()) r_.fail(doc, "methodology: missing required key 'framework' (the root node of the tree)");
    load_node(fw, std::nullopt, 0);
    if (m_->nodes.front().is_question())
      r_.fail(fw, "framework: expected a node with children, found a single question");
    check_gates();
    check_numeric(fw);
    if (!m_->scored(0)) r_.fail(fw, "framework: no question in the tree is scored; nothing can be computed");
  }

 private:
  void load_scale(const YAML::Node& doc) {
    const YAML::Node s = doc["scale"];
    if (!s.IsDefined()) return;
    r_.expect_map(s, "scale");
    r_.check_keys(s, {"min", "max"}, "scale");
    if (s["min"]) m_->scale_min = r_.number(s["min"], "scale min");
    if (s["max"]) m_->scale_max = r_.number(s["max"], "scale max");
    if (!(m_->scale_max > m_->scale_min))
      r_.fail(s, fmt::format("scale: expected max > min, found min {} and max {}", fmt_number(m_->scale_min),
                             fmt_number(m_->scale_max)));
  }

  AbsentPolicy policy(const YAML::Node& n, const std::string& what) {
    const std::string s = r_.string(n, what);
    if (s == "zero") return AbsentPolicy::Zero;
    if (s == "drop") return AbsentPolicy::Drop;
    r_.fail(n, fmt::format("{}: expected zero or drop, found '{}'", what, s));
  }

  double coverage(const YAML::Node& n) {
    const double v = r_.number(n, "min_coverage");
    if (v < 0 || v > 1) r_.fail(n, fmt::format("min_coverage: expected a share from 0 to 1, found {}", fmt_number(v)));
    return v;
  }

  void load_maturity(const YAML::Node& doc) {
    const YAML::Node levels = doc["maturity"];
    if (!levels.IsDefined()) return;
    r_.expect_sequence(levels, "maturity");
    for (const auto& l : levels) {
      r_.expect_map(l, "maturity level");
      r_.check_keys(l, {"name", "min"}, "maturity level");
      MaturityLevel level;
      level.name = r_.req_string(l, "name", "maturity level");
      if (!l["min"]) r_.fail(l, "maturity level: missing required key 'min'");
      level.min = r_.number(l["min"], "maturity level min");
      if (level.min < m_->scale_min || level.min > m_->scale_max)
        r_.fail(l["min"], fmt::format("maturity level min: expected a score from {} to {}, found {}",
                                      fmt_number(m_->scale_min), fmt_number(m_->scale_max), fmt_number(level.min)));
      if (!m_->maturity.empty() && level.min <= m_->maturity.back().min)
        r_.fail(l["min"], fmt::format("maturity level min: expected levels in ascending order, found {} after {}",
                                      fmt_number(level.min), fmt_number(m_->maturity.back().min)));
      m_->maturity.push_back(level);
    }
    if (m_->maturity.front().min != m_->scale_min)
      r_.fail(levels[0]["min"], fmt::format("maturity: the first level must start at the scale minimum {}, found {}",
                                            fmt_number(m_->scale_min), fmt_number(m_->maturity.front().min)));
  }

  void load_pipeline(const YAML::Node& doc) {
    const YAML::Node p = doc["pipeline"];
    if (!p.IsDefined()) return;
    r_.expect_map(p, "pipeline");
    r_.check_keys(p, {"denominate", "impute", "treat", "normalise", "aggregate"}, "pipeline");
    m_->pipeline.line = static_cast<std::size_t>(p.Mark().line) + 1;
    for (auto [key, field] : {std::pair{"denominate", &m_->pipeline.denominate}, std::pair{"impute", &m_->pipeline.impute},
                              std::pair{"treat", &m_->pipeline.treat}, std::pair{"normalise", &m_->pipeline.normalise},
                              std::pair{"aggregate", &m_->pipeline.aggregate}}) {
      if (!p[key]) continue;
      *field = r_.string(p[key], std::string("pipeline ") + key);
      std::string why;
      if (!pipeline_step_valid(key, *field, &why)) r_.fail(p[key], fmt::format("pipeline {}: {}", key, why));
    }
  }

  // Indicators are normalised across units, questions are scored one by one:
  // a tree holds one kind or the other.
  void check_numeric(const YAML::Node& fw) {
    std::size_t indicators = 0, questions = 0;
    for (const auto& n : m_->nodes)
      if (n.is_question()) (n.question->type == QuestionType::Indicator ? indicators : questions) += 1;
    if (indicators > 0 && questions > 0)
      r_.fail(fw, fmt::format("framework: {} indicator leaves and {} questions; a methodology scores either a data "
                              "table (all leaves indicators) or questionnaires (no indicators)", indicators, questions));
    m_->numeric = indicators > 0;
    if (m_->numeric && !m_->pipeline.line) m_->missing = AbsentPolicy::Drop;
  }

  void load_node(const YAML::Node& y, std::optional<std::size_t> parent, std::size_t depth) {
    const std::string what = parent ? "node" : "framework";
    r_.expect_map(y, what);
    if (depth > kMaxDepth) r_.fail(y, fmt::format("{}: the tree is deeper than {} levels", what, kMaxDepth));
    if (m_->nodes.size() >= kMaxNodes) r_.fail(y, fmt::format("{}: more than {} nodes", what, kMaxNodes));

    Node node;
    node.id = r_.req_string(y, "id", what);
    const std::string label = fmt::format("node '{}'", node.id);
    if (!valid_id(node.id))
      r_.fail(y["id"], fmt::format("{}: id: expected 1-64 letters, digits, '.', '_' or '-', found '{}'", what, node.id));
    if (m_->index.count(node.id)) {
      const Node& first = m_->nodes[m_->index[node.id]];
      r_.fail(y["id"], fmt::format("duplicate node id '{}' (first defined at line {})", node.id, first.line));
    }
    const YAML::Mark mark = y.Mark();
    node.line = static_cast<std::size_t>(mark.line) + 1;
    node.column = static_cast<std::size_t>(mark.column) + 1;
    node.parent = parent;
    node.depth = depth;
    if (y["weight"]) node.weight = r_.positive(y["weight"], label + " weight");
    node.description = r_.opt_string(y, "description").value_or("");

    const bool is_question = y["type"].IsDefined() || y["question"].IsDefined() || y["direction"].IsDefined();
    if (is_question) {
      r_.check_keys(y, {"id", "name", "question", "help", "type", "weight", "description", "allow_not_applicable",
                        "points", "options", "cap", "min", "max", "goalposts", "piecewise", "bands", "direction",
                        "target", "denominator", "unit"},
                    label);
      node.question = load_question(y, label);
      node.name = r_.opt_string(y, "name").value_or(node.question->text.empty() ? node.id : node.question->text);
    } else {
      r_.check_keys(y, {"id", "name", "description", "recommendation", "weight", "combine", "gate", "rest",
                        "max_points", "power", "missing", "not_applicable", "min_coverage", "children"},
                    label);
      node.name = r_.req_string(y, "name", label);
      node.recommendation = r_.opt_string(y, "recommendation").value_or("");
      load_combine(y, label, &node);
      if (y["missing"]) node.missing = policy(y["missing"], label + " missing");
      if (y["not_applicable"]) node.not_applicable = policy(y["not_applicable"], label + " not_applicable");
      if (y["min_coverage"]) node.min_coverage = coverage(y["min_coverage"]);
      if (!y["children"].IsDefined())
        r_.fail(y, fmt::format("{}: expected 'children' (a list of nodes) or a question 'type', found neither", label));
    }

    const std::size_t self = m_->nodes.size();
    m_->index[node.id] = self;
    m_->nodes.push_back(std::move(node));
    if (parent) m_->nodes[*parent].children.push_back(self);
    if (is_question) return;

    const YAML::Node children = y["children"];
    if (!children.IsSequence() || children.size() == 0)
      r_.fail(children, fmt::format("{} children: expected a non-empty list of nodes, found {}", label,
                                    yaml::Reader::describe(children)));
    for (const auto& c : children) load_node(c, self, depth + 1);
  }

  static std::optional<Combine> combine_named(const std::string& s) {
    if (s == "arithmetic") return Combine::Arithmetic;
    if (s == "geometric") return Combine::Geometric;
    if (s == "harmonic") return Combine::Harmonic;
    if (s == "sum") return Combine::Sum;
    if (s == "minimum") return Combine::Minimum;
    if (s == "generalised") return Combine::Generalised;
    if (s == "gate") return Combine::Gate;
    return std::nullopt;
  }

  void load_combine(const YAML::Node& y, const std::string& label, Node* node) {
    if (y["combine"]) {
      const std::string s = r_.string(y["combine"], label + " combine");
      auto c = combine_named(s);
      if (!c)
        r_.fail(y["combine"], fmt::format("{} combine: expected arithmetic, geometric, harmonic, generalised, sum, "
                                          "minimum or gate, found '{}'", label, s));
      node->combine = *c;
    }
    if (y["power"]) {
      if (node->combine != Combine::Generalised)
        r_.fail(y["power"], fmt::format("{}: power applies only with 'combine: generalised'", label));
      node->power = r_.number(y["power"], label + " power");
      if (node->power == 0) r_.fail(y["power"], fmt::format("{} power: expected a non-zero exponent (0 is the geometric mean)", label));
    }
    if (y["max_points"]) {
      if (node->combine != Combine::Sum)
        r_.fail(y["max_points"], fmt::format("{}: max_points applies only with 'combine: sum'", label));
      node->max_points = r_.positive(y["max_points"], label + " max_points");
    }
    if (node->combine == Combine::Gate) {
      if (!y["gate"]) r_.fail(y, fmt::format("{}: 'combine: gate' needs 'gate: <id of the multiplying child>'", label));
      node->gate_child = r_.string(y["gate"], label + " gate");
      if (y["rest"]) {
        const std::string s = r_.string(y["rest"], label + " rest");
        auto c = combine_named(s);
        if (!c || *c == Combine::Gate)
          r_.fail(y["rest"], fmt::format("{} rest: expected arithmetic, geometric, harmonic, sum or minimum, "
                                         "found '{}'", label, s));
        node->gate_rest = *c;
      }
      gate_marks_.push_back({m_->nodes.size(), y["gate"]});
    } else if (y["gate"] || y["rest"]) {
      r_.fail(y["gate"] ? y["gate"] : y["rest"], fmt::format("{}: 'gate' and 'rest' apply only with 'combine: gate'", label));
    }
  }

  void check_gates() {
    for (const auto& [node_index, mark] : gate_marks_) {
      const Node& n = m_->nodes[node_index];
      const bool found = std::any_of(n.children.begin(), n.children.end(),
                                     [&](std::size_t c) { return m_->nodes[c].id == n.gate_child; });
      if (!found)
        r_.fail(mark, fmt::format("node '{}' gate: expected the id of one of its children, found '{}'", n.id, n.gate_child));
      if (n.children.size() < 2)
        r_.fail(mark, fmt::format("node '{}': a gate needs the gate child and at least one other child", n.id));
    }
  }

  static std::optional<QuestionType> type_named(const std::string& s) {
    static const std::pair<const char*, QuestionType> kTypes[] = {
        {"yes_no", QuestionType::YesNo},        {"scale", QuestionType::Scale},
        {"single_choice", QuestionType::SingleChoice}, {"multiple_choice", QuestionType::MultipleChoice},
        {"number", QuestionType::Number},       {"percentage", QuestionType::Percentage},
        {"year", QuestionType::Year},           {"date", QuestionType::Date},
        {"text", QuestionType::Text},           {"indicator", QuestionType::Indicator}};
    for (const auto& [name, t] : kTypes)
      if (s == name) return t;
    return std::nullopt;
  }

  Question load_question(const YAML::Node& y, const std::string& label) {
    Question q;
    if (y["type"] && y["type"].IsScalar() && y["type"].Scalar() == "indicator") return load_indicator(y, label);
    q.text = r_.req_string(y, "question", label);
    q.help = r_.opt_string(y, "help").value_or("");
    if (!y["type"]) r_.fail(y, fmt::format("{}: missing required key 'type'", label));
    const std::string type = r_.string(y["type"], label + " type");
    auto t = type_named(type);
    if (!t)
      r_.fail(y["type"], fmt::format("{} type: expected yes_no, scale, single_choice, multiple_choice, number, "
                                     "percentage, year, date, text or indicator, found '{}'", label, type));
    q.type = *t;
    if (y["allow_not_applicable"]) q.allow_not_applicable = r_.boolean(y["allow_not_applicable"], label + " allow_not_applicable");

    auto forbid = [&](std::initializer_list<const char*> keys) {
      for (const char* k : keys)
        if (y[k]) r_.fail(y[k], fmt::format("{}: '{}' does not apply to a {} question", label, k, type));
    };
    forbid({"direction", "target", "denominator", "unit"});
    switch (q.type) {
      case QuestionType::YesNo:
        forbid({"options", "cap", "min", "max", "goalposts", "piecewise", "bands"});
        load_yes_no_points(y, label, &q);
        break;
      case QuestionType::Scale:
      case QuestionType::SingleChoice:
      case QuestionType::MultipleChoice:
        forbid({"points", "min", "max", "goalposts", "piecewise", "bands"});
        if (q.type != QuestionType::MultipleChoice) forbid({"cap"});
        load_options(y, label, &q);
        if (y["cap"]) q.choice_cap = r_.positive(y["cap"], label + " cap");
        break;
      case QuestionType::Text:
        forbid({"points", "options", "cap", "min", "max", "goalposts", "piecewise", "bands"});
        break;
      default:
        forbid({"points", "options", "cap"});
        load_number_rule(y, label, &q);
        break;
    }
    if (q.type != QuestionType::Text && !q.scored() && q.rule == NumberRule::None &&
        (q.type != QuestionType::Year && q.type != QuestionType::Date))
      r_.fail(y, fmt::format("{}: no answer earns points; give at least one answer positive points", label));
    return q;
  }

  Question load_indicator(const YAML::Node& y, const std::string& label) {
    Question q;
    q.type = QuestionType::Indicator;
    q.text = r_.opt_string(y, "question").value_or("");
    q.help = r_.opt_string(y, "help").value_or("");
    for (const char* k : {"points", "options", "cap", "piecewise", "bands", "allow_not_applicable"})
      if (y[k]) r_.fail(y[k], fmt::format("{}: '{}' does not apply to an indicator", label, k));
    if (y["direction"]) {
      const double d = r_.number(y["direction"], label + " direction");
      if (d != 1 && d != -1) r_.fail(y["direction"], fmt::format("{} direction: expected 1 or -1, found {}", label, fmt_number(d)));
      q.direction = static_cast<int>(d);
    }
    q.target = r_.opt_number(y, "target");
    q.denominator = r_.opt_string(y, "denominator").value_or("");
    q.unit = r_.opt_string(y, "unit").value_or("");
    q.min_value = r_.opt_number(y, "min");
    q.max_value = r_.opt_number(y, "max");
    if (const YAML::Node g = y["goalposts"]) {
      r_.expect_map(g, label + " goalposts");
      r_.check_keys(g, {"low", "high", "points"}, label + " goalposts");
      if (!g["low"] || !g["high"]) r_.fail(g, fmt::format("{} goalposts: expected 'low' and 'high'", label));
      q.rule = NumberRule::Goalposts;
      q.goal_low = r_.number(g["low"], label + " goalposts low");
      q.goal_high = r_.number(g["high"], label + " goalposts high");
      q.goal_points = g["points"] ? r_.positive(g["points"], label + " goalposts points") : 100;
      if (q.goal_low == q.goal_high) r_.fail(g, fmt::format("{} goalposts: expected low != high", label));
    }
    return q;
  }

  void load_yes_no_points(const YAML::Node& y, const std::string& label, Question* q) {
    const YAML::Node p = y["points"];
    if (!p) return;
    r_.expect_map(p, label + " points");
    r_.check_keys(p, {"yes", "no", "partly"}, label + " points");
    if (p["yes"]) q->yes_points = r_.number(p["yes"], label + " points yes");
    if (p["no"]) q->no_points = r_.number(p["no"], label + " points no");
    if (p["partly"]) q->partly_points = r_.number(p["partly"], label + " points partly");
    for (const char* k : {"yes", "no", "partly"})
      if (p[k] && r_.number(p[k], k) < 0) r_.fail(p[k], fmt::format("{} points {}: expected 0 or more", label, k));
  }

  void load_options(const YAML::Node& y, const std::string& label, Question* q) {
    const YAML::Node opts = y["options"];
    if (!opts) r_.fail(y, fmt::format("{}: a {} question needs 'options'", label, to_string(q->type)));
    r_.expect_sequence(opts, label + " options");
    for (const auto& o : opts) {
      r_.expect_map(o, label + " option");
      r_.check_keys(o, {"value", "label", "points"}, label + " option");
      Option opt;
      opt.value = r_.req_string(o, "value", label + " option");
      opt.label = r_.opt_string(o, "label").value_or(opt.value);
      if (!o["points"]) r_.fail(o, fmt::format("{} option '{}': missing required key 'points'", label, opt.value));
      opt.points = r_.number(o["points"], label + " option points");
      if (opt.points < 0) r_.fail(o["points"], fmt::format("{} option '{}' points: expected 0 or more", label, opt.value));
      if (opt.value.find(';') != std::string::npos || opt.value.find('|') != std::string::npos)
        r_.fail(o["value"], fmt::format("{} option value: ';' and '|' separate answers and cannot be part of a "
                                        "value, found '{}'", label, opt.value));
      const std::string key = to_lower(trim(opt.value));
      if (key == "n/a" || key == "na" || key == "not applicable")
        r_.fail(o["value"], fmt::format("{} option value: '{}' is reserved for not applicable; set "
                                        "allow_not_applicable instead", label, opt.value));
      for (const auto& prev : q->options)
        if (to_lower(prev.value) == to_lower(opt.value) || to_lower(prev.label) == to_lower(opt.label))
          r_.fail(o, fmt::format("{}: option '{}' is given twice", label, opt.value));
      q->options.push_back(std::move(opt));
    }
  }

  void load_number_rule(const YAML::Node& y, const std::string& label, Question* q) {
    if (q->type == QuestionType::Percentage) {
      q->min_value = 0;
      q->max_value = 100;
    }
    if (y["min"]) q->min_value = r_.number(y["min"], label + " min");
    if (y["max"]) q->max_value = r_.number(y["max"], label + " max");
    if (q->type == QuestionType::Percentage && (*q->min_value < 0 || *q->max_value > 100))
      r_.fail(y, fmt::format("{}: a percentage's min and max must lie within 0-100", label));
    if (q->min_value && q->max_value && *q->min_value > *q->max_value)
      r_.fail(y["max"] ? y["max"] : y, fmt::format("{}: expected min <= max", label));

    const int rules = (y["goalposts"] ? 1 : 0) + (y["piecewise"] ? 1 : 0) + (y["bands"] ? 1 : 0);
    if (rules > 1) r_.fail(y, fmt::format("{}: give one of goalposts, piecewise or bands, not several", label));
    if (rules == 0) {
      if (q->type == QuestionType::Number || q->type == QuestionType::Percentage)
        r_.fail(y, fmt::format("{}: a {} question needs a scoring rule: goalposts, piecewise or bands", label,
                               to_string(q->type)));
      return;
    }
    if (const YAML::Node g = y["goalposts"]) {
      r_.expect_map(g, label + " goalposts");
      r_.check_keys(g, {"low", "high", "points"}, label + " goalposts");
      if (!g["low"] || !g["high"]) r_.fail(g, fmt::format("{} goalposts: expected 'low' and 'high'", label));
      q->rule = NumberRule::Goalposts;
      q->goal_low = r_.number(g["low"], label + " goalposts low");
      q->goal_high = r_.number(g["high"], label + " goalposts high");
      if (g["points"]) q->goal_points = r_.positive(g["points"], label + " goalposts points");
      if (q->goal_low == q->goal_high) r_.fail(g, fmt::format("{} goalposts: expected low != high", label));
    } else if (const YAML::Node p = y["piecewise"]) {
      r_.expect_sequence(p, label + " piecewise");
      q->rule = NumberRule::Piecewise;
      for (const auto& k : p) {
        if (!k.IsSequence() || k.size() != 2)
          r_.fail(k, fmt::format("{} piecewise: expected [value, points] pairs, found {}", label, yaml::Reader::describe(k)));
        const double x = r_.number(k[0], label + " piecewise value");
        const double pts = r_.number(k[1], label + " piecewise points");
        if (pts < 0) r_.fail(k[1], fmt::format("{} piecewise points: expected 0 or more", label));
        if (!q->knots.empty() && x <= q->knots.back().first)
          r_.fail(k[0], fmt::format("{} piecewise: expected values in increasing order, found {} after {}", label,
                                    fmt_number(x), fmt_number(q->knots.back().first)));
        q->knots.emplace_back(x, pts);
      }
      if (q->knots.size() < 2) r_.fail(p, fmt::format("{} piecewise: expected at least two [value, points] pairs", label));
    } else {
      const YAML::Node b = y["bands"];
      r_.expect_sequence(b, label + " bands");
      q->rule = NumberRule::Bands;
      for (const auto& band : b) {
        r_.expect_map(band, label + " band");
        r_.check_keys(band, {"from", "to", "points"}, label + " band");
        Band bd;
        bd.from = band["from"] ? r_.number(band["from"], label + " band from") : -HUGE_VAL;
        bd.to = band["to"] ? r_.number(band["to"], label + " band to") : HUGE_VAL;
        if (!band["points"]) r_.fail(band, fmt::format("{} band: missing required key 'points'", label));
        bd.points = r_.number(band["points"], label + " band points");
        if (bd.points < 0) r_.fail(band["points"], fmt::format("{} band points: expected 0 or more", label));
        if (bd.from > bd.to) r_.fail(band, fmt::format("{} band: expected from <= to", label));
        if (!q->bands.empty() && bd.from <= q->bands.back().to)
          r_.fail(band, fmt::format("{} bands: expected bands in increasing order without overlap", label));
        q->bands.push_back(bd);
      }
    }
    if (q->max_points() <= 0) r_.fail(y, fmt::format("{}: no answer earns points; give some value positive points", label));
  }

  yaml::Reader r_;
  Methodology* m_;
  std::vector<std::pair<std::size_t, YAML::Node>> gate_marks_;
};

}  // namespace

bool parse_methodology(const std::string& yaml_text, const std::string& name, Methodology* out, Error* err) {
  YAML::Node doc;
  if (!yaml::parse(yaml_text, name, &doc, err)) return false;
  Methodology m;
  m.file = name;
  try {
    Loader(name, &m).load(doc);
  } catch (const ParseFailure& f) {
    *err = f.error;
    return false;
  } catch (const YAML::Exception& e) {
    *err = Error{name, 0, 0, std::string("invalid methodology: ") + e.what()};
    return false;
  }
  *out = std::move(m);
  return true;
}

bool load_methodology(const std::string& path, Methodology* out, Error* err) {
  std::string text;
  if (!read_input_file(path, &text, kMaxFileBytes, err)) return false;
  return parse_methodology(text, path, out, err);
}

}  // namespace gpn
