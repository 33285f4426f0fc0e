// Charts as standalone SVG: each has a title, axis labels and a text
// alternative (role="img" with aria-label and <title>/<desc>), so reports stay
// self-contained and readable without scripts.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace gpn {

// Escapes text for HTML and SVG (& < > " ').
std::string html_escape(std::string_view s);

struct Series {
  std::string name;
  std::vector<std::optional<double>> values;  // one per axis; nothing = not scored
};

// A radar (spider) chart of one network's dimension scores against a reference
// series (e.g. the group median), on [lo, hi].
std::string radar_chart(const std::string& title, const std::vector<std::string>& axes, const Series& main,
                        const Series& reference, double lo, double hi);

// Horizontal bars per dimension with a tick at the reference value.
std::string bar_chart(const std::string& title, const std::vector<std::string>& labels, const Series& main,
                      const Series& reference, double lo, double hi);

// A rows x columns grid of scores, each cell shaded by its value and labelled.
std::string heatmap(const std::string& title, const std::vector<std::string>& rows,
                    const std::vector<std::string>& columns,
                    const std::vector<std::vector<std::optional<double>>>& values, double lo, double hi);

}  // namespace gpn
