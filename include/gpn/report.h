// The pilot testing report: everything a secretariat publishes after scoring
// the pilot networks, gathered once (summary, methodology, profiles,
// comparison, questionnaire diagnostics, annex) and then written as HTML,
// Markdown, JSON or XLSX.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gpn/answers.h"
#include "gpn/compare.h"
#include "gpn/diagnose.h"
#include "gpn/scores.h"
#include "gpn/sensitivity.h"

namespace gpn {

// An input file as the annex lists it, so anyone can check they have the same.
struct InputFile {
  std::string role;  // methodology, weights, answers, networks
  std::string path;
  std::uintmax_t bytes = 0;
  std::string sha256;  // lower-case hex
};

bool sha256_file(const std::string& path, InputFile* out, Error* err);

struct ReportSettings {
  std::string date;     // shown only when given (--date), so reports are reproducible
  std::string options;  // the command line, for the annex
  std::vector<std::string> formats;
};

struct NetworkProfile {
  std::size_t unit = 0;
  std::vector<std::optional<double>> dimensions;  // per Report::dimensions
  std::vector<std::optional<double>> medians;     // the median of the unit's period
  std::vector<std::size_t> strongest, weakest;    // indicator nodes, best first / worst first
  std::vector<std::size_t> recommendations;       // weakest indicators that carry a recommendation
  std::vector<std::size_t> commented;             // question nodes the network commented on
  std::vector<Change> changes;                    // root and dimensions, since the network's previous period
};

struct Report {
  const ScoreTable* table = nullptr;
  const NetworkTable* networks = nullptr;
  ComparisonSet comparisons;  // by period, ungrouped
  Diagnostics diagnostics;
  std::vector<std::size_t> dimensions;  // first-level scored nodes
  std::vector<NetworkProfile> profiles; // in unit order
  std::vector<InputFile> inputs;
  ReportSettings settings;
  // With --sensitivity N: how robust the ranking is (section 4).
  std::optional<SensitivityResult> sensitivity;
  SensitivitySettings sensitivity_settings;

  std::string unit_label(std::size_t unit) const;  // "Name (ID) 2024"
  std::string unit_short(std::size_t unit) const;  // "ID 2024"
  std::string unit_tag(std::size_t unit) const;    // "ID 2024  Name", for narrow places
  const Comparison& comparison_of(std::size_t unit) const;
  std::size_t row_in(const Comparison& c, std::size_t unit) const;
};

Report build_report(const ScoreTable& t, const NetworkTable* networks, std::vector<InputFile> inputs,
                    ReportSettings settings);

std::string write_report_html(const Report& r);
// The Markdown text; charts go to `charts` as (file name, SVG) pairs to be written beside it.
std::string write_report_markdown(const Report& r, std::vector<std::pair<std::string, std::string>>* charts);
std::string write_report_json(const Report& r);
bool write_report_xlsx(const Report& r, const std::string& path, Error* err);

// Writes the chosen formats into `dir` atomically: a complete new folder
// replaces the old one, or nothing changes. An existing folder is replaced only
// if gpn wrote it (it holds the .gpn-report marker) or it is empty.
bool write_report_dir(const Report& r, const std::string& dir, const std::vector<std::string>& inputs, Error* err);

// A file-name-safe form of untrusted text: [A-Za-z0-9_-] kept, the rest '_'.
std::string safe_file_stem(std::string_view s);

}  // namespace gpn
