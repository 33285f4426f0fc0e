// Writes a report folder atomically: everything goes into a fresh temporary
// folder beside the target, which then replaces the target in one rename.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "gpn/output_file.h"
#include "gpn/report.h"
#include "sys/folders.h"

namespace gpn {

namespace fs = std::filesystem;

namespace {
constexpr const char* kMarker = ".gpn-report";

bool replaceable(const fs::path& dir, Error* err) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return true;
  if (!fs::is_directory(dir, ec)) {
    *err = Error{dir.string(), 0, 0, "expected a report folder, found a file"};
    return false;
  }
  if (fs::exists(dir / kMarker, ec) || fs::is_empty(dir, ec)) return true;
  *err = Error{dir.string(), 0, 0, "the folder exists and was not written by 'gpn report'; choose a new or empty folder"};
  return false;
}
}  // namespace

bool write_report_dir(const Report& r, const std::string& dir_text, const std::vector<std::string>& inputs, Error* err) {
  std::error_code ec;
  fs::path dir = fs::path(dir_text);
  while (!dir.empty() && dir.filename().empty()) dir = dir.parent_path();  // "out/" -> "out"
  if (dir.empty()) dir = dir_text;
  const fs::path parent = dir.has_parent_path() ? dir.parent_path() : fs::path(".");
  if (!fs::is_directory(parent, ec)) {
    *err = Error{dir_text, 0, 0, "cannot write: the folder '" + parent.string() + "' does not exist"};
    return false;
  }
  // An input at or anywhere below the folder would be deleted with the old report.
  if (fs::exists(dir, ec)) {
    const fs::path real_dir = fs::canonical(dir, ec);
    for (const auto& in : inputs) {
      std::error_code in_ec;
      const fs::path real_in = fs::weakly_canonical(in, in_ec);
      if (ec || in_ec) continue;
      const auto [d, i] = std::mismatch(real_dir.begin(), real_dir.end(), real_in.begin(), real_in.end());
      if (d == real_dir.end()) {
        *err = Error{dir_text, 0, 0, real_in == real_dir ? "the output folder is also an input; refusing to overwrite it"
                                                         : "the output folder holds the input '" + in +
                                                               "'; replacing the folder would delete it (move the input "
                                                               "out, or choose another folder)"};
        return false;
      }
    }
  }
  if (!replaceable(dir, err)) return false;

  const auto tmp_made = make_unique_folder((parent / ("." + dir.filename().string() + ".gpn-")).string());
  if (!tmp_made) {
    *err = Error{dir_text, 0, 0, "cannot create a temporary folder beside it"};
    return false;
  }
  const fs::path tmp(*tmp_made);
  fs::permissions(tmp, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec, ec);
  auto fail = [&](const Error& e) {
    fs::remove_all(tmp, ec);
    *err = e;
    return false;
  };
  auto put = [&](const fs::path& p, const std::string& content) {
    Error e;
    if (!write_output_file(p.string(), content, {}, &e)) return fail(e);
    return true;
  };
  if (!put(tmp / kMarker, "Written by gpn report; gpn may replace this folder.\n")) return false;
  for (const auto& f : r.settings.formats) {
    if (f == "html" && !put(tmp / "report.html", write_report_html(r))) return false;
    if (f == "json" && !put(tmp / "report.json", write_report_json(r))) return false;
    if (f == "md") {
      std::vector<std::pair<std::string, std::string>> charts;
      const std::string text = write_report_markdown(r, &charts);
      fs::create_directory(tmp / "charts", ec);
      for (const auto& [name, svg] : charts)
        if (!put(tmp / "charts" / name, svg)) return false;
      if (!put(tmp / "report.md", text)) return false;
    }
    if (f == "xlsx") {
      Error e;
      if (!write_report_xlsx(r, (tmp / "report.xlsx").string(), &e)) return fail(e);
    }
  }
  // Swap: the old report moves aside, the new one takes its name, the old one goes.
  fs::path old;
  if (fs::exists(dir, ec)) {
    const auto old_made = make_unique_folder((parent / ("." + dir.filename().string() + ".gpn-old-")).string());
    if (!old_made) return fail(Error{dir_text, 0, 0, "cannot move the previous report aside"});
    old = *old_made;
    fs::remove(old, ec);
    fs::rename(dir, old, ec);
    if (ec) return fail(Error{dir_text, 0, 0, "cannot move the previous report aside: " + ec.message()});
  }
  fs::rename(tmp, dir, ec);
  if (ec) {
    if (!old.empty()) fs::rename(old, dir, ec);
    return fail(Error{dir_text, 0, 0, "cannot put the report in place"});
  }
  if (!old.empty()) fs::remove_all(old, ec);
  return true;
}

}  // namespace gpn
