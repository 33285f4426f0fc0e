// Checked access to yaml-cpp nodes for the methodology and weights loaders:
// every failure becomes a ParseFailure naming the file, line and column, what
// was expected and what was found. Unknown and duplicate keys are errors, since
// a misspelt key would otherwise silently fall back to a default.
#pragma once
#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>

#include "gpn/error.h"

namespace gpn::yaml {

// Parses YAML text, turning yaml-cpp's exceptions into an Error.
bool parse(const std::string& text, const std::string& file, YAML::Node* out, Error* err);

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const;
  const std::string& file() const { return file_; }

  // What a node is, in words, for "found ..." in messages.
  static std::string describe(const YAML::Node& n);

  void expect_map(const YAML::Node& n, const std::string& what) const;
  void expect_sequence(const YAML::Node& n, const std::string& what) const;
  // Fails on a key outside `allowed` and on a key given twice.
  void check_keys(const YAML::Node& map, std::initializer_list<const char*> allowed,
                  const std::string& what) const;

  std::string string(const YAML::Node& n, const std::string& what) const;
  double number(const YAML::Node& n, const std::string& what) const;
  double positive(const YAML::Node& n, const std::string& what) const;
  bool boolean(const YAML::Node& n, const std::string& what) const;

  std::optional<std::string> opt_string(const YAML::Node& map, const char* key) const;
  std::optional<double> opt_number(const YAML::Node& map, const char* key) const;
  std::string req_string(const YAML::Node& map, const char* key, const std::string& what) const;

 private:
  std::string file_;
};

}  // namespace gpn::yaml
