#include "report/charts_svg.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "text/text.h"

namespace gpn {

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

constexpr double kPi = 3.14159265358979323846;
const char* kFont = "font-family=\"Helvetica, Arial, sans-serif\"";

std::string f1(double v) { return fmt_fixed(v, 1); }

std::string open_svg(double w, double h, const std::string& title, const std::string& desc) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" "
      "aria-label=\"{}\" {}>\n<title>{}</title>\n<desc>{}</desc>\n"
      "<text x=\"{}\" y=\"20\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\" fill=\"#222\">{}</text>\n",
      f1(w), f1(h), f1(w), f1(h), html_escape(title), kFont, html_escape(title), html_escape(desc), f1(w / 2),
      html_escape(fit_width(title, 70)));
}

std::string describe(const std::vector<std::string>& labels, const Series& main, const Series& ref) {
  std::string d = main.name + ":";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    d += fmt::format(" {} {}", labels[i], main.values[i] ? f1(*main.values[i]) : "not scored");
    if (i < ref.values.size() && ref.values[i]) d += fmt::format(" ({} {})", ref.name, f1(*ref.values[i]));
    d += i + 1 < labels.size() ? ";" : ".";
  }
  return d;
}

// A light-to-dark green ramp; t in [0, 1].
std::string shade(double t) {
  t = std::clamp(t, 0.0, 1.0);
  const int r = static_cast<int>(std::lround(237 + (0 - 237) * t));
  const int g = static_cast<int>(std::lround(248 + (109 - 248) * t));
  const int b = static_cast<int>(std::lround(233 + (44 - 233) * t));
  return fmt::format("#{:02x}{:02x}{:02x}", r, g, b);
}

}  // namespace

std::string radar_chart(const std::string& title, const std::vector<std::string>& axes, const Series& main,
                        const Series& reference, double lo, double hi) {
  const double w = 640, h = 440, cx = w / 2, cy = 235, radius = 145;
  std::string s = open_svg(w, h, title, describe(axes, main, reference));
  const std::size_t n = axes.size();
  auto point = [&](std::size_t i, double v) {
    const double a = -kPi / 2 + 2 * kPi * static_cast<double>(i) / static_cast<double>(n);
    const double r = radius * std::clamp((v - lo) / (hi - lo), 0.0, 1.0);
    return std::make_pair(cx + r * std::cos(a), cy + r * std::sin(a));
  };
  for (int ring = 1; ring <= 4; ++ring) {
    std::string pts;
    for (std::size_t i = 0; i < n; ++i) {
      auto [x, y] = point(i, lo + (hi - lo) * ring / 4.0);
      pts += fmt::format("{},{} ", f1(x), f1(y));
    }
    s += fmt::format("<polygon points=\"{}\" fill=\"none\" stroke=\"#ccc\"/>\n", pts);
    s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#777\">{}</text>\n", f1(cx + 3),
                     f1(cy - radius * ring / 4.0 - 2), fmt_number(lo + (hi - lo) * ring / 4.0));
  }
  for (std::size_t i = 0; i < n; ++i) {
    auto [x, y] = point(i, hi);
    s += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#ccc\"/>\n", f1(cx), f1(cy), f1(x), f1(y));
    auto [lx, ly] = point(i, lo + (hi - lo) * 1.12);
    const double a = std::cos(-kPi / 2 + 2 * kPi * static_cast<double>(i) / static_cast<double>(n));
    const char* anchor = a > 0.3 ? "start" : a < -0.3 ? "end" : "middle";
    s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"{}\" fill=\"#222\">{}</text>\n", f1(lx),
                     f1(ly + 4), anchor, html_escape(fit_width(axes[i], 26)));
  }
  auto polygon = [&](const Series& series, const char* stroke, const char* fill, const char* dash) {
    std::string pts;
    for (std::size_t i = 0; i < n; ++i) {
      auto [x, y] = point(i, series.values[i].value_or(lo));
      pts += fmt::format("{},{} ", f1(x), f1(y));
    }
    return fmt::format("<polygon points=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"2\"{}/>\n", pts, fill, stroke,
                       dash);
  };
  s += polygon(reference, "#888", "none", " stroke-dasharray=\"5,4\"");
  s += polygon(main, "#1b7a3a", "rgba(27,122,58,0.25)", "");
  s += fmt::format(
      "<rect x=\"20\" y=\"{}\" width=\"14\" height=\"4\" fill=\"#1b7a3a\"/><text x=\"40\" y=\"{}\" font-size=\"12\">{}</text>\n"
      "<line x1=\"20\" y1=\"{}\" x2=\"34\" y2=\"{}\" stroke=\"#888\" stroke-width=\"2\" stroke-dasharray=\"5,4\"/>"
      "<text x=\"40\" y=\"{}\" font-size=\"12\">{}</text>\n",
      h - 28, h - 22, html_escape(fit_width(main.name, 40)), h - 10, h - 10, h - 6, html_escape(reference.name));
  return s + "</svg>\n";
}

std::string bar_chart(const std::string& title, const std::vector<std::string>& labels, const Series& main,
                      const Series& reference, double lo, double hi) {
  const double left = 240, width = 300, row = 26, top = 40;
  const double h = top + row * static_cast<double>(labels.size()) + 50;
  std::string s = open_svg(left + width + 60, h, title, describe(labels, main, reference));
  auto x_of = [&](double v) { return left + width * std::clamp((v - lo) / (hi - lo), 0.0, 1.0); };
  for (int k = 0; k <= 4; ++k) {
    const double v = lo + (hi - lo) * k / 4.0;
    s += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#e3e3e3\"/>"
                     "<text x=\"{0}\" y=\"{3}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#555\">{4}</text>\n",
                     f1(x_of(v)), f1(top - 4), f1(h - 42), f1(h - 30), fmt_number(v));
  }
  s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333\">Score ({}-{})</text>\n",
                   f1(left + width / 2), f1(h - 16), fmt_number(lo), fmt_number(hi));
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const double y = top + row * static_cast<double>(i);
    s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"end\" fill=\"#222\">{}</text>\n", f1(left - 8),
                     f1(y + 15), html_escape(fit_width(labels[i], 34)));
    if (main.values[i]) {
      s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" fill=\"#1b7a3a\"/>"
                       "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#222\">{}</text>\n",
                       f1(left), f1(y + 3), f1(x_of(*main.values[i]) - left), f1(x_of(*main.values[i]) + 4), f1(y + 15),
                       f1(*main.values[i]));
    } else {
      s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#777\">not scored</text>\n", f1(left + 4), f1(y + 15));
    }
    if (i < reference.values.size() && reference.values[i])
      s += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#c0392b\" stroke-width=\"2.5\"/>\n",
                       f1(x_of(*reference.values[i])), f1(y), f1(y + 22));
  }
  s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"10\" fill=\"#1b7a3a\"/><text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>"
                   "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#c0392b\" stroke-width=\"2.5\"/>"
                   "<text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>\n",
                   f1(left), f1(h - 10), f1(left + 16), f1(h - 1), html_escape(fit_width(main.name, 30)), f1(left + 180),
                   f1(h - 11), f1(left + 180), f1(h), f1(left + 186), f1(h - 1), html_escape(reference.name));
  return s + "</svg>\n";
}

std::string heatmap(const std::string& title, const std::vector<std::string>& rows,
                    const std::vector<std::string>& columns,
                    const std::vector<std::vector<std::optional<double>>>& values, double lo, double hi) {
  const double left = 250, cell_w = 64, cell_h = 28, top = 150;
  const double w = left + cell_w * static_cast<double>(columns.size()) + 130;
  const double h = top + cell_h * static_cast<double>(rows.size()) + 20;
  std::string desc = "Scores by network and dimension.";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    desc += " " + rows[r] + ":";
    for (std::size_t c = 0; c < columns.size(); ++c)
      desc += fmt::format(" {} {}{}", columns[c], values[r][c] ? f1(*values[r][c]) : "not scored", c + 1 < columns.size() ? "," : ";");
  }
  std::string s = open_svg(w, h, title, desc);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const double x = left + cell_w * (static_cast<double>(c) + 0.5);
    s += fmt::format("<text x=\"{0}\" y=\"{1}\" font-size=\"11\" text-anchor=\"start\" transform=\"rotate(-40 {0} {1})\" "
                     "fill=\"#222\">{2}</text>\n",
                     f1(x), f1(top - 8), html_escape(fit_width(columns[c], 26)));
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const double y = top + cell_h * static_cast<double>(r);
    s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"end\" fill=\"#222\">{}</text>\n", f1(left - 8),
                     f1(y + 18), html_escape(fit_width(rows[r], 33)));
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const double x = left + cell_w * static_cast<double>(c);
      const auto v = values[r][c];
      const double t = v ? (*v - lo) / (hi - lo) : 0;
      s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"#fff\"/>"
                       "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\" fill=\"{}\">{}</text>\n",
                       f1(x), f1(y), f1(cell_w), f1(cell_h), v ? shade(t) : "#f2f2f2", f1(x + cell_w / 2), f1(y + 18),
                       v && t > 0.55 ? "#fff" : "#222", v ? f1(*v) : "--");
    }
  }
  return s + "</svg>\n";
}

}  // namespace gpn
