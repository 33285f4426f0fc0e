#include "gpn/import_coinr.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>

#include "text/csv.h"
#include "sys/input_file.h"
#include "text/text.h"

namespace gpn {
namespace {

struct Row {
  std::size_t line = 0;
  std::optional<int> level;
  std::string code, name, unit, denominator, parent, type;
  std::optional<double> direction, weight, target;
  std::vector<std::size_t> children;
};

bool is_na(std::string_view s) { return s.empty() || s == "NA"; }

void emit_node(YAML::Emitter& out, const std::vector<Row>& rows, std::size_t i) {
  const Row& r = rows[i];
  out << YAML::BeginMap;
  out << YAML::Key << "id" << YAML::Value << r.code;
  out << YAML::Key << "name" << YAML::Value << r.name;
  if (r.weight && *r.weight != 1) out << YAML::Key << "weight" << YAML::Value << fmt_number(*r.weight);
  if (r.type == "Indicator") {
    out << YAML::Key << "type" << YAML::Value << "indicator";
    out << YAML::Key << "direction" << YAML::Value << static_cast<int>(r.direction.value_or(1));
    if (!r.unit.empty()) out << YAML::Key << "unit" << YAML::Value << r.unit;
    if (r.target) out << YAML::Key << "target" << YAML::Value << fmt_number(*r.target);
    if (!r.denominator.empty()) out << YAML::Key << "denominator" << YAML::Value << r.denominator;
  } else {
    out << YAML::Key << "children" << YAML::Value << YAML::BeginSeq;
    for (std::size_t c : r.children) emit_node(out, rows, c);
    out << YAML::EndSeq;
  }
  out << YAML::EndMap;
}

}  // namespace

bool convert_coinr_meta(const std::string& csv, const std::string& name, const std::string& id, std::string* yaml,
                        Error* err) {
  CsvReader reader(csv, name);
  CsvRecord rec;
  *err = Error{};
  if (!reader.next(&rec, err)) {
    if (err->message.empty()) *err = Error{name, 0, 0, "the file is empty"};
    return false;
  }
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < rec.fields.size(); ++i) col[std::string(trim(rec.fields[i]))] = i;
  for (const char* need : {"Level", "iCode", "iName", "Direction", "Weight", "Parent", "Type"})
    if (!col.count(need)) {
      *err = Error{name, rec.line, 1, fmt::format("header: expected COINr's iMeta columns (Level, iCode, iName, Direction, "
                                                  "Weight, Parent, Type); '{}' is missing", need)};
      return false;
    }
  const std::size_t width = rec.fields.size();
  auto get = [&](const char* c) -> std::string { return col.count(c) ? std::string(trim(rec.fields[col[c]])) : ""; };
  auto number = [&](const char* c, std::optional<double>* out) {
    const std::string s = get(c);
    if (is_na(s)) return true;
    *out = parse_number(s);
    if (*out) return true;
    *err = Error{name, rec.line, rec.columns[col[c]], fmt::format("{}: expected a number or NA, found '{}'", c, fit_width(s, 40))};
    return false;
  };
  std::vector<Row> rows;
  std::vector<std::string> groups, denominators;
  std::map<std::string, std::size_t> by_code;
  while (reader.next(&rec, err)) {
    if (rec.fields.size() != width) {
      *err = Error{name, rec.line, 0, fmt::format("expected {} fields as in the header, found {}", width, rec.fields.size())};
      return false;
    }
    Row r;
    r.line = rec.line;
    r.code = get("iCode");
    r.type = get("Type");
    if (r.type == "Group") {
      groups.push_back(r.code);
      continue;
    }
    if (r.type == "Denominator") {
      denominators.push_back(r.code);
      continue;
    }
    if (r.type != "Indicator" && r.type != "Aggregate") {
      *err = Error{name, rec.line, rec.columns[col["Type"]],
                   fmt::format("Type: expected Indicator, Aggregate, Group or Denominator, found '{}'", fit_width(r.type, 40))};
      return false;
    }
    std::optional<double> level;
    if (!number("Level", &level) || !number("Direction", &r.direction) || !number("Weight", &r.weight) ||
        (col.count("Target") && !number("Target", &r.target)))
      return false;
    if (!level) {
      *err = Error{name, rec.line, rec.columns[col["Level"]], "Level: expected a level number for an indicator or aggregate"};
      return false;
    }
    r.level = static_cast<int>(*level);
    r.name = get("iName");
    if (r.name.empty() || r.name == "NA") r.name = r.code;
    r.unit = is_na(get("Unit")) ? "" : get("Unit");
    r.denominator = is_na(get("Denominator")) ? "" : get("Denominator");
    r.parent = is_na(get("Parent")) ? "" : get("Parent");
    if (r.weight && !(*r.weight > 0)) {
      *err = Error{name, rec.line, rec.columns[col["Weight"]], fmt::format("Weight: expected a positive number, found {}", fmt_number(*r.weight))};
      return false;
    }
    if (r.type == "Indicator" && r.direction && *r.direction != 1 && *r.direction != -1) {
      *err = Error{name, rec.line, rec.columns[col["Direction"]], "Direction: expected 1 or -1"};
      return false;
    }
    if (!by_code.emplace(r.code, rows.size()).second) {
      *err = Error{name, rec.line, rec.columns[col["iCode"]], fmt::format("iCode '{}' is given twice", fit_width(r.code, 40))};
      return false;
    }
    rows.push_back(std::move(r));
  }
  if (!err->message.empty()) return false;
  std::optional<std::size_t> root;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].parent.empty()) {
      if (root) {
        *err = Error{name, rows[i].line, 0, fmt::format("'{}' has no Parent, and neither has '{}': expected one root", rows[i].code, rows[*root].code)};
        return false;
      }
      root = i;
      continue;
    }
    auto p = by_code.find(rows[i].parent);
    if (p == by_code.end() || rows[p->second].type != "Aggregate") {
      *err = Error{name, rows[i].line, 0, fmt::format("Parent: expected the iCode of an aggregate, found '{}'", fit_width(rows[i].parent, 40))};
      return false;
    }
    rows[p->second].children.push_back(i);
  }
  if (!root) {
    *err = Error{name, 0, 0, "no root: expected one aggregate without a Parent"};
    return false;
  }
  YAML::Emitter out;
  out << YAML::Comment(fmt::format("Imported by 'gpn import coinr' from {}", name));
  out << YAML::BeginMap;
  out << YAML::Key << "format" << YAML::Value << "gpn-methodology/1";
  out << YAML::Key << "id" << YAML::Value << id;
  out << YAML::Key << "title" << YAML::Value << rows[*root].name;
  out << YAML::Key << "version" << YAML::Value << "1";
  out << YAML::Key << "status" << YAML::Value << "draft";
  out << YAML::Key << "source" << YAML::Value << "COINr framework table " + name;
  std::string description = "Numeric indicators in the COINr wide format.";
  if (!groups.empty()) {
    description += " Group columns:";
    for (const auto& g : groups) description += " " + g;
    description += ".";
  }
  if (!denominators.empty()) {
    description += " Denominator columns:";
    for (const auto& d : denominators) description += " " + d;
    description += ".";
  }
  out << YAML::Key << "description" << YAML::Value << description;
  out << YAML::Key << "missing" << YAML::Value << "drop";
  out << YAML::Key << "pipeline" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "impute" << YAML::Value << "none";
  out << YAML::Key << "treat" << YAML::Value << "none";
  out << YAML::Key << "normalise" << YAML::Value << "minmax:0,100";
  out << YAML::Key << "aggregate" << YAML::Value << "arithmetic";
  out << YAML::EndMap;
  out << YAML::Key << "framework" << YAML::Value;
  emit_node(out, rows, *root);
  out << YAML::EndMap;
  *yaml = std::string(out.c_str()) + "\n";
  return true;
}

bool import_coinr_meta(const std::string& path, const std::string& id, std::string* yaml, Error* err) {
  std::string text;
  if (!read_input_file(path, &text, 64u << 20, err)) return false;
  return convert_coinr_meta(text, path, id, yaml, err);
}

}  // namespace gpn
