#include "text/yaml_read.h"

#include <fmt/format.h>

#include <set>
#include <yaml-cpp/depthguard.h>

#include "text/text.h"

namespace gpn::yaml {

bool parse(const std::string& text, const std::string& file, YAML::Node* out, Error* err) {
  try {
    *out = YAML::Load(text);
    return true;
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own message for this is "bad file", which tells the user nothing.
    *err = Error{file, e.mark.is_null() ? 0 : static_cast<std::size_t>(e.mark.line) + 1,
                 e.mark.is_null() ? 0 : static_cast<std::size_t>(e.mark.column) + 1,
                 fmt::format("invalid YAML: lists or mappings nested {} levels deep, where the YAML reader stops", e.depth())};
    return false;
  } catch (const YAML::Exception& e) {
    *err = Error{file, e.mark.is_null() ? 0 : static_cast<std::size_t>(e.mark.line) + 1,
                 e.mark.is_null() ? 0 : static_cast<std::size_t>(e.mark.column) + 1,
                 "invalid YAML: " + e.msg};
    return false;
  }
}

void Reader::fail(const YAML::Node& at, const std::string& message) const {
  const YAML::Mark m = at.Mark();
  const bool known = !m.is_null() && m.line >= 0;
  throw ParseFailure{Error{file_, known ? static_cast<std::size_t>(m.line) + 1 : 0,
                           known ? static_cast<std::size_t>(m.column) + 1 : 0, message}};
}

std::string Reader::describe(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Undefined: return "nothing";
    case YAML::NodeType::Null: return "an empty value";
    case YAML::NodeType::Scalar: return "'" + fit_width(n.Scalar(), 40) + "'";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
  }
  return "something else";
}

void Reader::expect_map(const YAML::Node& n, const std::string& what) const {
  if (!n.IsMap()) fail(n, fmt::format("{}: expected a mapping (key: value lines), found {}", what, describe(n)));
}

void Reader::expect_sequence(const YAML::Node& n, const std::string& what) const {
  if (!n.IsSequence() || n.size() == 0)
    fail(n, fmt::format("{}: expected a non-empty list, found {}", what, describe(n)));
}

void Reader::check_keys(const YAML::Node& map, std::initializer_list<const char*> allowed,
                        const std::string& what) const {
  std::set<std::string> seen;
  for (const auto& kv : map) {
    if (!kv.first.IsScalar()) fail(kv.first, fmt::format("{}: expected a plain key, found {}", what, describe(kv.first)));
    const std::string key = kv.first.Scalar();
    if (!seen.insert(key).second) fail(kv.first, fmt::format("{}: key '{}' is given twice", what, key));
    bool ok = false;
    std::string list;
    for (const char* a : allowed) {
      ok = ok || key == a;
      list += list.empty() ? a : std::string(", ") + a;
    }
    if (!ok) fail(kv.first, fmt::format("{}: unknown key '{}'; expected one of: {}", what, key, list));
  }
}

std::string Reader::string(const YAML::Node& n, const std::string& what) const {
  if (!n.IsScalar()) fail(n, fmt::format("{}: expected text, found {}", what, describe(n)));
  return n.Scalar();
}

double Reader::number(const YAML::Node& n, const std::string& what) const {
  if (!n.IsScalar()) fail(n, fmt::format("{}: expected a number, found {}", what, describe(n)));
  auto v = parse_number(n.Scalar());
  if (!v) fail(n, fmt::format("{}: expected a finite number, found {}", what, describe(n)));
  return *v;
}

double Reader::positive(const YAML::Node& n, const std::string& what) const {
  const double v = number(n, what);
  if (!(v > 0)) fail(n, fmt::format("{}: expected a positive number, found {}", what, describe(n)));
  return v;
}

bool Reader::boolean(const YAML::Node& n, const std::string& what) const {
  const std::string s = n.IsScalar() ? to_lower(n.Scalar()) : "";
  if (s == "true" || s == "yes") return true;
  if (s == "false" || s == "no") return false;
  fail(n, fmt::format("{}: expected true or false, found {}", what, describe(n)));
}

std::optional<std::string> Reader::opt_string(const YAML::Node& map, const char* key) const {
  const YAML::Node n = map[key];
  if (!n.IsDefined()) return std::nullopt;
  return string(n, key);
}

std::optional<double> Reader::opt_number(const YAML::Node& map, const char* key) const {
  const YAML::Node n = map[key];
  if (!n.IsDefined()) return std::nullopt;
  return number(n, key);
}

std::string Reader::req_string(const YAML::Node& map, const char* key, const std::string& what) const {
  const YAML::Node n = map[key];
  if (!n.IsDefined()) fail(map, fmt::format("{}: missing required key '{}'", what, key));
  std::string s = string(n, fmt::format("{} '{}'", what, key));
  if (trim(s).empty()) fail(n, fmt::format("{}: '{}' must not be empty", what, key));
  return s;
}

}  // namespace gpn::yaml
