// A weights file overrides the methodology's weights without editing it: a
// flat YAML mapping of node id -> positive weight.
#include <fmt/format.h>

#include <set>

#include "gpn/methodology.h"
#include "sys/input_file.h"
#include "text/text.h"
#include "text/yaml_read.h"

namespace gpn {

bool load_weights(const std::string& path, std::vector<WeightOverride>* out, Error* err) {
  std::string text;
  if (!read_input_file(path, &text, 16u << 20, err)) return false;
  return parse_weights(text, path, out, err);
}

bool parse_weights(const std::string& text, const std::string& path, std::vector<WeightOverride>* out, Error* err) {
  YAML::Node doc;
  if (!yaml::parse(text, path, &doc, err)) return false;
  yaml::Reader r(path);
  std::vector<WeightOverride> weights;
  try {
    r.expect_map(doc, "weights file");
    std::set<std::string> seen;
    for (const auto& kv : doc) {
      const std::string id = r.string(kv.first, "weights file key");
      if (!seen.insert(id).second) r.fail(kv.first, fmt::format("weight for '{}' is given twice", id));
      const YAML::Mark mark = kv.first.Mark();
      weights.push_back(WeightOverride{id, r.positive(kv.second, fmt::format("weight of '{}'", id)),
                                       static_cast<std::size_t>(mark.line) + 1,
                                       static_cast<std::size_t>(mark.column) + 1});
    }
  } catch (const ParseFailure& f) {
    *err = f.error;
    return false;
  } catch (const YAML::Exception& e) {
    *err = Error{path, 0, 0, std::string("invalid weights file: ") + e.what()};
    return false;
  }
  *out = std::move(weights);
  return true;
}

bool apply_weights(const std::vector<WeightOverride>& weights, const std::string& weights_file, Methodology* m,
                   Error* err) {
  for (const auto& w : weights) {
    auto node = m->find(w.id);
    if (!node) {
      *err = Error{weights_file, w.line, w.column,
                   fmt::format("unknown node id '{}': expected an id from methodology {}", fit_width(w.id, 64), m->file)};
      return false;
    }
    if (*node == 0) {
      *err = Error{weights_file, w.line, w.column,
                   fmt::format("'{}' is the root of the framework; it has no siblings to be weighed against", w.id)};
      return false;
    }
    m->nodes[*node].weight = w.weight;
  }
  return true;
}

}  // namespace gpn
